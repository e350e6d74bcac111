#include "engine/tracereader.h"

#include <algorithm>

namespace overlap::engine::traceio {

FileChunks::FileChunks(std::FILE* file, std::size_t chunkBytes)
    : m_file(file)
    , m_buffer(std::max<std::size_t>(chunkBytes, 1))
{
}

std::string_view FileChunks::next()
{
    const std::size_t n = std::fread(m_buffer.data(), 1, m_buffer.size(), m_file);
    if (n == 0 && std::ferror(m_file))
        m_failed = true;
    return {m_buffer.data(), n};
}

std::string_view MemoryChunks::next()
{
    const std::size_t n = std::min(m_chunk, m_text.size() - m_at);
    const std::string_view chunk = m_text.substr(m_at, n);
    m_at += n;
    return chunk;
}

bool ChunkReader::refill()
{
    if (m_cancelled || m_eof)
        return false;
    m_base += static_cast<std::uint64_t>(m_end - m_begin);
    m_begin = m_pos = m_end = nullptr;
    // Between chunks: the only place where the import looks outside itself.
    if ((m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
        || (m_options.progress && !m_options.progress(m_base, std::max(m_total, m_base)))) {
        m_cancelled = true;
        return false;
    }
    const std::string_view chunk = m_source.next();
    if (chunk.empty()) {
        m_eof = true;
        return false;
    }
    m_begin = m_pos = chunk.data();
    m_end = m_begin + chunk.size();
    return true;
}

void ChunkReader::finish()
{
    if (m_options.progress && !m_cancelled) {
        const std::uint64_t done = std::max(m_total, consumed());
        m_options.progress(done, done);
    }
}

} // namespace overlap::engine::traceio
