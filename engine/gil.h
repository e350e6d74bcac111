#pragma once

// An emulation of CPython's global interpreter lock, following the ≥ 3.2
// algorithm of Python/ceval_gil.h: a thread that wants the GIL waits up to
// the switch interval, then sets a drop request; the holder notices it
// between slices of work, drops the GIL and, with FORCE_SWITCHING, waits
// until another thread has taken it before asking again. The switch_number
// check makes a waiter ask only when nobody took the GIL meanwhile.

#include "engine/eventlog.h"
#include "engine/runtime.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace overlap::engine {

class Gil {
public:
    explicit Gil(double switchIntervalMs);

    // take_gil(): blocks until this thread (identified by its lane) holds the GIL.
    void take(Recorder& rec, const Where& where);
    // drop_gil(): releases it; if a drop was requested, waits until another
    // thread has taken it (forced switching), as CPython does.
    void drop(Recorder& rec, const Where& where);

    // The eval breaker: a holder checks this between slices of work.
    bool dropRequested() const { return m_dropRequest.load(std::memory_order_relaxed); }

private:
    std::mutex m_mutex;
    std::condition_variable m_cond;
    bool m_locked = false;
    std::chrono::microseconds m_interval;
    std::atomic<bool> m_dropRequest{false};

    std::mutex m_switchMutex;
    std::condition_variable m_switchCond;
    int m_lastHolder = -1; // lane of the last thread that took the GIL
    std::uint64_t m_switchNumber = 0; // times the GIL changed hands
};

} // namespace overlap::engine
