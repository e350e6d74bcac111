#pragma once

// Lock-free event buffers: each producer (a thread, the fiber scheduler, the
// reader of a worker's pipe) owns one EventSource and appends without locks
// or allocation in the common case; one consumer drains every source. A
// source is a list of fixed chunks; an event becomes visible to the consumer
// when the chunk's published size is stored with release order.

#include "engine/clock.h"
#include "engine/event.h"

#include <atomic>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <type_traits>
#include <vector>

namespace overlap::engine {

class EventSource {
public:
    EventSource();
    ~EventSource();
    EventSource(const EventSource&) = delete;
    EventSource& operator=(const EventSource&) = delete;

    // Producer side: only the owning thread calls these.
    void push(const Event& event) noexcept
    {
        Chunk* chunk = m_tail;
        const std::uint32_t size = m_tailSize;
        if (size == chunk->capacity) [[unlikely]] {
            pushSlow(event);
            return;
        }
        chunk->events()[size] = event;
        m_tailSize = size + 1;
        chunk->size.store(size + 1, std::memory_order_release);
    }

    // Consumer side: appends every event published since the last call.
    std::size_t drainInto(std::vector<Event>& out);

    // Chunk capacities: a source starts small (a run may have a thousand
    // threads that record a handful of events each: a big first chunk would
    // cost each of them page faults before its first task) and doubles up to
    // the largest, so that a busy producer allocates rarely.
    static constexpr std::uint32_t kFirstChunkEvents = 32;
    static constexpr std::uint32_t kMaxChunkEvents = 2048;

private:
    // A header followed by `capacity` events. The events are left
    // uninitialised: only the published prefix is ever read.
    struct Chunk {
        std::atomic<std::uint32_t> size{0};
        std::atomic<Chunk*> next{nullptr};
        std::uint32_t capacity = 0;
        Event* events() noexcept { return reinterpret_cast<Event*>(this + 1); }
        static Chunk* create(std::uint32_t capacity);
        static void destroy(Chunk* chunk) noexcept;
    };
    static_assert(sizeof(Chunk) % alignof(Event) == 0, "events follow the header, aligned");
    static_assert(std::is_trivially_copyable_v<Event>, "events are copied into raw storage");
    void pushSlow(const Event& event) noexcept;

    Chunk* m_tail; // producer
    std::uint32_t m_tailSize = 0; // producer
    Chunk* m_head; // consumer
    std::uint32_t m_headRead = 0; // consumer
};

// Owns the sources of a run. Sources are created by producers (thread-safe)
// and live until the sink dies, so a producer may keep a reference.
class EventSink {
public:
    EventSource& newSource();

    // Appends every newly published event of every source, merged by time
    // (each source is already in order). Single consumer.
    std::size_t drain(std::vector<Event>& out);

private:
    std::mutex m_mutex;
    std::deque<std::unique_ptr<EventSource>> m_sources;
    std::vector<Event> m_scratch;
};

// Stamps events for one producer: time since the run's origin, pid, tid, core.
class Recorder {
public:
    Recorder(EventSource& source, std::int64_t originNs)
        : m_source(&source)
        , m_originNs(originNs)
        , m_pid(currentPid())
        , m_tid(currentTid())
    {
    }

    std::int64_t now() const { return monotonicNs() - m_originNs; }
    std::int64_t originNs() const { return m_originNs; }

    // Returns the event's time stamp.
    std::int64_t record(EventKind kind, int task = -1, int lane = -1, int attempt = 0, int step = -1,
        int detail = 0, std::int64_t cpuNs = 0) noexcept
    {
        Event e;
        e.tNs = now();
        e.cpuNs = cpuNs;
        e.task = task;
        e.lane = lane;
        e.pid = m_pid;
        e.tid = m_tid;
        e.detail = detail;
        e.step = static_cast<std::int16_t>(step);
        e.attempt = static_cast<std::int16_t>(attempt);
        e.core = static_cast<std::int16_t>(currentCore());
        e.kind = kind;
        m_source->push(e);
        return e.tNs;
    }

    // An event stamped at tNs (run time) on `core`, for intervals found after
    // the fact. tNs must not precede this source's previous event.
    void recordAt(EventKind kind, std::int64_t tNs, int task, int lane, int attempt, int step, int detail,
        std::int64_t cpuNs, int core) noexcept
    {
        Event e;
        e.tNs = tNs;
        e.cpuNs = cpuNs;
        e.task = task;
        e.lane = lane;
        e.pid = m_pid;
        e.tid = m_tid;
        e.detail = detail;
        e.step = static_cast<std::int16_t>(step);
        e.attempt = static_cast<std::int16_t>(attempt);
        e.core = static_cast<std::int16_t>(core);
        e.kind = kind;
        m_source->push(e);
    }

    // A recorder can move to another thread (a pool thread's recorder is made by
    // the thread that starts it): refresh the cached thread id there.
    void adoptCurrentThread() { m_tid = currentTid(); }

private:
    EventSource* m_source;
    std::int64_t m_originNs;
    int m_pid;
    int m_tid;
};

} // namespace overlap::engine
