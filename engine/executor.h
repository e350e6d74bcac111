#pragma once

// Internal: one executor per model. An executor runs the whole plan on the
// calling thread (starting whatever threads, fibers or processes it needs)
// and returns only when every one of them is gone.

#include "engine/eventlog.h"
#include "engine/plan.h"
#include "engine/run.h"

#include <atomic>
#include <cstdint>

namespace overlap::engine {

// Cancellation that sleeping threads notice at once. Sleepers wait on the
// stop word itself (a futex with an absolute CLOCK_MONOTONIC deadline), not
// on a condition variable: a thousand pool threads sleeping at once then
// share no mutex, and waking on time costs each of them one system call.
class StopSignal {
public:
    void request();
    bool requested() const { return m_stop.load(std::memory_order_acquire) != 0; }

    // Sleeps until the absolute CLOCK_MONOTONIC time; false when stopped first.
    bool sleepUntilMonotonic(std::int64_t deadlineNs);

private:
    std::atomic<std::uint32_t> m_stop{0}; // the futex word: 0 running, 1 stopped
    static_assert(std::atomic<std::uint32_t>::is_always_lock_free && sizeof(std::atomic<std::uint32_t>) == 4,
        "a futex is a plain 32-bit word");
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
