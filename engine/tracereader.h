#pragma once

// Feeds bytes to nlohmann-json's SAX parser through an input iterator that
// reads a chunk at a time, so that an import can report progress and be
// cancelled between chunks, and never holds more than one chunk of the text.
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

    // The hot path (once per byte) stays inline: a compare, then the byte.
    bool atEnd() { return m_pos == m_end && !refill(); }
    char current() const { return *m_pos; }
    void advance() { ++m_pos; }

    // Bytes handed to the parser so far.
    std::uint64_t consumed() const { return m_base + static_cast<std::uint64_t>(m_pos - m_begin); }
    bool cancelled() const { return m_cancelled; }
    bool readFailed() const { return m_source.failed(); }
    bool reachedEnd() const { return m_eof; }
    // The final progress report (done == total).
    void finish();

private:
    bool refill();

    ChunkSource& m_source;
    std::uint64_t m_total;
    const TraceImportOptions& m_options;
    const char* m_begin = nullptr;
    const char* m_pos = nullptr;
    const char* m_end = nullptr;
    std::uint64_t m_base = 0; // offset of m_begin in the input
    bool m_cancelled = false;
    bool m_eof = false;
};

// What nlohmann's iterator input adapter needs: *, ++ and a comparison with
// the end. A default-constructed iterator is the end.
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

    char operator*() const { return m_reader->current(); }
    ChunkIterator& operator++()
    {
        m_reader->advance();
        return *this;
    }
    ChunkIterator operator++(int)
    {
        ChunkIterator old = *this;
        m_reader->advance();
        return old;
    }
    friend bool operator==(const ChunkIterator& a, const ChunkIterator& b) { return a.atEnd() == b.atEnd(); }

private:
    bool atEnd() const { return !m_reader || m_reader->atEnd(); }
    ChunkReader* m_reader = nullptr;
};

} // namespace overlap::engine::traceio
