#include "engine/gil.h"

#include <algorithm>

namespace overlap::engine {

Gil::Gil(double switchIntervalMs)
    : m_interval(std::max<std::int64_t>(1, static_cast<std::int64_t>(switchIntervalMs * 1000)))
{
}

void Gil::take(Recorder& rec, const Where& where)
{
    std::unique_lock lock(m_mutex);
    if (m_locked) {
        rec.record(EventKind::GilWait, where.task, where.lane, where.attempt, where.step);
        while (m_locked) {
            const std::uint64_t savedSwitch = m_switchNumber;
            const bool timedOut = m_cond.wait_for(lock, m_interval) == std::cv_status::timeout;
            // Timed out and nobody took the GIL meanwhile: ask the holder to drop it.
            if (timedOut && m_locked && m_switchNumber == savedSwitch)
                m_dropRequest.store(true, std::memory_order_relaxed);
        }
    }
    {
        std::lock_guard switchLock(m_switchMutex);
        m_locked = true;
        if (m_lastHolder != where.lane) {
            m_lastHolder = where.lane;
            ++m_switchNumber;
        }
        m_switchCond.notify_all();
    }
    m_dropRequest.store(false, std::memory_order_relaxed);
    // Recorded under the GIL's mutex: acquire and release events of all
    // threads are in the order the GIL really changed hands.
    rec.record(EventKind::GilAcquire, where.task, where.lane, where.attempt, where.step);
}

void Gil::drop(Recorder& rec, const Where& where)
{
    {
        std::lock_guard lock(m_mutex);
        rec.record(EventKind::GilRelease, where.task, where.lane, where.attempt, where.step);
        m_locked = false;
        m_cond.notify_one();
    }
    if (m_dropRequest.load(std::memory_order_relaxed)) {
        std::unique_lock switchLock(m_switchMutex);
        // Not switched yet: wait until somebody else takes it (one wait, as
        // CPython; a spurious wake-up only lets this thread compete early).
        if (m_lastHolder == where.lane) {
            m_dropRequest.store(false, std::memory_order_relaxed);
            m_switchCond.wait(switchLock);
        }
    }
}

} // namespace overlap::engine
