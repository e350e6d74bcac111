#pragma once

// The record that flows from the executors to every consumer (metrics, the
// command line, trace export, the GUI and, through a pipe, from the worker
// processes). It is plain and fixed-size so that it can be copied into ring
// buffers and written to a pipe as it is.

#include <cstdint>
#include <string_view>

namespace overlap::engine {

enum class EventKind : std::uint8_t {
    RunStart,
    RunEnd,
    WorkerStart, // a worker (thread, fiber, process) is being created; lane = its slot
    WorkerReady, // the worker can take tasks
    WorkerExit, // detail: WorkerExitReason; cpuNs: wait status for processes
    RateWait, // the task waits for the rate limiter before it starts
    TaskStart, // an attempt starts; attempt = 1, 2, ...
    TaskEnd, // the attempt succeeded: the task is done
    TaskFail, // the attempt failed; detail: FailReason. Final unless a RetryBackoff follows
    StepStart,
    StepEnd, // cpuNs: CPU time the thread used during the step
    RetryBackoff, // waiting before the next attempt; cpuNs: the planned delay in ns
    LockWait,
    LockAcquire,
    LockRelease, // detail: lock id for all three
    GilWait,
    GilAcquire,
    GilRelease,
    // Inside a cpu step, the thread was runnable but off every core (another
    // thread or process had it) from tNs for cpuNs ns; core: where it ran
    // again. cpuNs = 0: it only moved to another core. The compute loop finds
    // these by comparing its thread's CPU clock with the wall clock.
    OffCpu,
    Count_
};

inline constexpr int eventKindCount = static_cast<int>(EventKind::Count_);

std::string_view eventKindName(EventKind kind);

// Why an attempt failed (TaskFail.detail).
enum class FailReason : std::int32_t {
    Injected = 0, // the scenario's fail_rate
    Cancelled = 1, // the run was stopped
    WorkerCrashed = 2, // the worker process died by a signal or exited
    WorkerHung = 3, // the worker stopped answering past its task's deadline
    WorkerProtocol = 4, // the worker wrote something that is not the protocol
    WorkerSpawn = 5, // the worker process could not be started
};

std::string_view failReasonText(FailReason reason);

// Why a worker stopped (WorkerExit.detail).
enum class WorkerExitReason : std::int32_t {
    Normal = 0,
    Crashed = 1,
    Killed = 2,
    Hung = 3,
    Protocol = 4,
    Cancelled = 5,
};

struct Event {
    std::int64_t tNs = 0; // since the run's start, steady clock (CLOCK_MONOTONIC)
    std::int64_t cpuNs = 0; // StepEnd: thread CPU time during the step; see EventKind for others
    std::int32_t task = -1; // task instance index, -1 when not about a task
    std::int32_t lane = -1; // worker slot
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    std::int32_t detail = 0; // per kind: lock id, FailReason, WorkerExitReason
    std::int16_t step = -1;
    std::int16_t attempt = 0;
    std::int16_t core = -1; // sched_getcpu() when recorded
    EventKind kind = EventKind::RunStart;
    std::uint8_t reserved = 0;
};

static_assert(sizeof(Event) == 48, "Event crosses pipes and ring buffers as it is: keep it small and fixed");

} // namespace overlap::engine
