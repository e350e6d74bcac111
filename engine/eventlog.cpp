#include "engine/eventlog.h"

#include <algorithm>
#include <new>

namespace overlap::engine {

EventSource::Chunk* EventSource::Chunk::create(std::uint32_t capacity)
{
    void* memory = ::operator new(sizeof(Chunk) + std::size_t(capacity) * sizeof(Event));
    auto* chunk = new (memory) Chunk;
    chunk->capacity = capacity;
    return chunk;
}

void EventSource::Chunk::destroy(Chunk* chunk) noexcept
{
    chunk->~Chunk();
    ::operator delete(chunk);
}

EventSource::EventSource()
    : m_tail(Chunk::create(kFirstChunkEvents))
    , m_head(m_tail)
{
}

EventSource::~EventSource()
{
    for (Chunk* c = m_head; c;) {
        Chunk* next = c->next.load(std::memory_order_relaxed);
        Chunk::destroy(c);
        c = next;
    }
}

void EventSource::pushSlow(const Event& event) noexcept
{
    // Allocation failure here ends the program (noexcept), as it did with a
    // plain `new`: an event log that silently drops events would lie.
    Chunk* fresh = Chunk::create(std::min(m_tail->capacity * 2, kMaxChunkEvents));
    fresh->events()[0] = event;
    fresh->size.store(1, std::memory_order_relaxed);
    // After this store the producer never touches the old chunk again, so the
    // consumer may free it once it has read it whole.
    m_tail->next.store(fresh, std::memory_order_release);
    m_tail = fresh;
    m_tailSize = 1;
}

std::size_t EventSource::drainInto(std::vector<Event>& out)
{
    std::size_t taken = 0;
    for (;;) {
        const std::uint32_t size = m_head->size.load(std::memory_order_acquire);
        if (size > m_headRead) {
            out.insert(out.end(), m_head->events() + m_headRead, m_head->events() + size);
            taken += size - m_headRead;
            m_headRead = size;
        }
        if (m_headRead < m_head->capacity)
            return taken;
        Chunk* next = m_head->next.load(std::memory_order_acquire);
        if (!next)
            return taken;
        Chunk::destroy(m_head);
        m_head = next;
        m_headRead = 0;
    }
}

EventSource& EventSink::newSource()
{
    std::lock_guard lock(m_mutex);
    m_sources.push_back(std::make_unique<EventSource>());
    return *m_sources.back();
}

std::size_t EventSink::drain(std::vector<Event>& out)
{
    const std::size_t begin = out.size();
    std::vector<std::size_t> bounds{begin};
    {
        std::lock_guard lock(m_mutex);
        for (auto& source : m_sources) {
            if (source->drainInto(out) > 0)
                bounds.push_back(out.size());
        }
    }
    // Each source's run is sorted: merge them pairwise (stable: same-time
    // events keep their source order).
    while (bounds.size() > 2) {
        std::vector<std::size_t> next{bounds.front()};
        for (std::size_t i = 0; i + 2 < bounds.size(); i += 2) {
            std::inplace_merge(out.begin() + long(bounds[i]), out.begin() + long(bounds[i + 1]),
                out.begin() + long(bounds[i + 2]),
                [](const Event& a, const Event& b) { return a.tNs < b.tNs; });
            next.push_back(bounds[i + 2]);
        }
        if (bounds.size() % 2 == 0)
            next.push_back(bounds.back());
        bounds = std::move(next);
    }
    return out.size() - begin;
}

} // namespace overlap::engine
