#pragma once

// Feeds bytes to nlohmann-json's SAX parser through an input iterator that
// reads a chunk at a time, so that an import can report progress and be
// cancelled between chunks, and never holds more than one chunk of the text.
// The fast path (tracescanner.h) moves the iterator over the events it read
// itself, from within a parser callback (ChunkReader::skipAhead).
// Internal to the trace import.

#include "engine/traceimport.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string_view>
#include <vector>

namespace overlap::engine::traceio {

// Where the chunks come from.
class ChunkSource {
public:
    virtual ~ChunkSource() = default;
    // The next bytes; empty at the end (or on a read error). Valid until the next call.
    virtual std::string_view next() = 0;
    virtual bool failed() const { return false; }
};

class FileChunks final : public ChunkSource {
public:
    FileChunks(std::FILE* file, std::size_t chunkBytes);
    std::string_view next() override;
    bool failed() const override { return m_failed; }

private:
    std::FILE* m_file;
    std::vector<char> m_buffer;
    bool m_failed = false;
};

class MemoryChunks final : public ChunkSource {
public:
    MemoryChunks(std::string_view text, std::size_t chunkBytes)
        : m_text(text)
        , m_chunk(chunkBytes ? chunkBytes : 1)
    {
    }
    std::string_view next() override;

private:
    std::string_view m_text;
    std::size_t m_chunk;
    std::size_t m_at = 0;
};

class ChunkReader {
public:
    ChunkReader(ChunkSource& source, std::uint64_t totalBytes, const TraceImportOptions& options)
        : m_source(source)
        , m_total(totalBytes)
        , m_options(options)
    {
    }

    // The next chunk, after [begin, end) was read to its end: empty at the
    // end of the input or when cancelled.
    std::string_view refill();

    // Bytes handed to the parser in full chunks so far (the whole input once
    // the end was reached).
    std::uint64_t consumed() const { return m_base; }
    bool cancelled() const { return m_cancelled; }
    bool readFailed() const { return m_source.failed(); }
    bool reachedEnd() const { return m_eof; }
    // The final progress report (done == total).
    void finish();

    // The iterator reading the current chunk says where its position lives,
    // so that a parser callback can move it: skipAhead(f) calls f(pos, end)
    // on the unread rest of the chunk and continues from what it returns.
    // Call it only from a callback made right after a token that nlohmann
    // reads without looking ahead (the '}' closing an event): the iterator
    // then stands just past that token, with nothing read beyond it.
    void track(const char** pos, const char** end)
    {
        m_pos = pos;
        m_end = end;
    }
    template <class F> void skipAhead(F&& f)
    {
        if (!m_pos || *m_pos == *m_end)
            return;
        const char* to = f(*m_pos, *m_end);
        m_skipped += static_cast<std::uint64_t>(to - *m_pos);
        *m_pos = to;
    }
    // Bytes moved over by skipAhead: the parser did not count them in its positions.
    std::uint64_t skipped() const { return m_skipped; }

private:
    ChunkSource& m_source;
    std::uint64_t m_total;
    const TraceImportOptions& m_options;
    std::uint64_t m_base = 0; // bytes before the current chunk
    std::size_t m_current = 0; // size of the current chunk
    bool m_cancelled = false;
    bool m_eof = false;
    const char** m_pos = nullptr;
    const char** m_end = nullptr;
    std::uint64_t m_skipped = 0;
};

// What nlohmann's iterator input adapter needs: *, ++ and a comparison with
// the end, which is where the next chunk is fetched. The position lives in
// the iterator itself, so that the per-byte path is a compare, a load and an
// increment. A default-constructed iterator is the end.
class ChunkIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = char;

    ChunkIterator() = default;
    explicit ChunkIterator(ChunkReader* reader)
        : m_reader(reader)
    {
    }

    char operator*() const { return *m_pos; }
    ChunkIterator& operator++()
    {
        ++m_pos;
        return *this;
    }
    ChunkIterator operator++(int)
    {
        ChunkIterator old = *this;
        ++m_pos;
        return old;
    }
    // Only a comparison with the end (b) is meaningful, which is all the
    // parser does: bytes left in the chunk answer it at once.
    friend bool operator==(const ChunkIterator& a, const ChunkIterator& b)
    {
        if (a.m_pos != a.m_end)
            return false;
        return a.atEnd() == b.atEnd();
    }

private:
    bool atEnd() const
    {
        if (m_pos != m_end)
            return false;
        if (!m_reader)
            return true;
        const std::string_view chunk = m_reader->refill();
        m_reader->track(&m_pos, &m_end);
        m_pos = chunk.data();
        m_end = chunk.data() + chunk.size();
        return chunk.empty();
    }

    ChunkReader* m_reader = nullptr;
    // Mutable: comparing with the end is what moves to the next chunk.
    mutable const char* m_pos = nullptr;
    mutable const char* m_end = nullptr;
};

} // namespace overlap::engine::traceio
