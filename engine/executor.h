#pragma once

// Internal: one executor per model. An executor runs the whole plan on the
// calling thread (starting whatever threads, fibers or processes it needs)
// and returns only when every one of them is gone.

#include "engine/eventlog.h"
#include "engine/plan.h"
#include "engine/run.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace overlap::engine {

// Cancellation that sleeping threads notice at once.
class StopSignal {
public:
    void request()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop.store(true, std::memory_order_release);
        }
        m_cv.notify_all();
    }
    bool requested() const { return m_stop.load(std::memory_order_acquire); }

    // Sleeps until the absolute CLOCK_MONOTONIC time; false when stopped first.
    bool sleepUntilMonotonic(std::int64_t deadlineNs);

    std::atomic<bool>& flag() { return m_stop; }

private:
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_cv;
};

struct ExecContext {
    const Plan& plan;
    const RunOptions& options;
    EventSink& sink;
    StopSignal& stop;
    std::int64_t originNs;
    RunOutput& output; // executors fill workers, workerProcesses, error
};

void runSequential(ExecContext& ctx);
void runFibers(ExecContext& ctx);
void runThreads(ExecContext& ctx);
void runProcesses(ExecContext& ctx);

} // namespace overlap::engine
