#pragma once

// What differs between the models, seen from one running task: how it waits,
// how it takes a lock, how it computes, and whether an interpreter lock (the
// emulated GIL) must be held to run. runTask() drives these the same way for
// every model, so a scenario means the same thing everywhere.

#include "engine/eventlog.h"

#include <cstdint>

namespace overlap::engine {

class OffCpuTracker;

// Where the task is, for the events a runtime records itself (GIL, locks).
struct Where {
    int task = -1;
    int lane = -1;
    int attempt = 0;
    int step = -1;
};

// When a cpu step began (CLOCK_MONOTONIC) and on which core. The off-core
// tracker measures from there, so that a preemption right after the step's
// start is not drawn as running.
struct StepMark {
    std::int64_t wallNs = 0;
    int core = -1;
};

class Runtime {
public:
    virtual ~Runtime() = default;

    virtual Recorder& recorder() = 0;

    // Blocks the task (only the task: a fiber lets other fibers run) until tNs on
    // the run's clock. Returns false when the run is cancelled meanwhile.
    virtual bool sleepUntil(std::int64_t tNs) = 0;

    // `ms` of single-core work, every slice shown to `tracker` (computeMs()
    // does both). Returns false when cancelled.
    virtual bool compute(double ms, OffCpuTracker& tracker) = 0;

    virtual bool tryLock(int lockId) = 0;
    // Blocks until the lock is held; false when cancelled (the lock is not held).
    virtual bool lock(int lockId) = 0;
    virtual void unlock(int lockId) = 0;

    // The emulated GIL: held while the task runs, released around every wait.
    virtual void enterInterpreter(const Where&) { }
    virtual void leaveInterpreter(const Where&) { }

    virtual bool cancelled() const = 0;

    // False when several tasks share the thread (fibers): the thread's CPU
    // clock then says nothing about one task's wait.
    virtual bool threadCpuIsTasks() const { return true; }

    // Instead of the shared rate limiter (processes keep it in shared memory).
    virtual std::int64_t reserveStart(std::int64_t nowNs) = 0;
};

// Spaces task starts by a fixed interval. The state is one atomic word, so
// the same code works for threads, fibers and, in shared memory, processes.
inline std::int64_t reserveSlot(std::atomic<std::int64_t>& next, std::int64_t nowNs, std::int64_t intervalNs)
{
    std::int64_t current = next.load(std::memory_order_relaxed);
    for (;;) {
        const std::int64_t slot = current > nowNs ? current : nowNs;
        if (next.compare_exchange_weak(current, slot + intervalNs, std::memory_order_acq_rel))
            return slot;
    }
}

struct TaskOutcome {
    bool ok = false;
    int attempts = 0;
};

// Runs every attempt of one task instance, with rate limiting, locks, retries
// and injected failures, recording the events as it goes.
class Plan;
TaskOutcome runTask(const Plan& plan, int instance, int lane, Runtime& runtime);

} // namespace overlap::engine
