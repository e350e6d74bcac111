#include "engine/event.h"

namespace overlap::engine {

std::string_view eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::RunStart:
        return "run_start";
    case EventKind::RunEnd:
        return "run_end";
    case EventKind::WorkerStart:
        return "worker_start";
    case EventKind::WorkerReady:
        return "worker_ready";
    case EventKind::WorkerExit:
        return "worker_exit";
    case EventKind::RateWait:
        return "rate_wait";
    case EventKind::TaskStart:
        return "task_start";
    case EventKind::TaskEnd:
        return "task_end";
    case EventKind::TaskFail:
        return "task_fail";
    case EventKind::StepStart:
        return "step_start";
    case EventKind::StepEnd:
        return "step_end";
    case EventKind::RetryBackoff:
        return "retry_backoff";
    case EventKind::LockWait:
        return "lock_wait";
    case EventKind::LockAcquire:
        return "lock_acquire";
    case EventKind::LockRelease:
        return "lock_release";
    case EventKind::GilWait:
        return "gil_wait";
    case EventKind::GilAcquire:
        return "gil_acquire";
    case EventKind::GilRelease:
        return "gil_release";
    case EventKind::OffCpu:
        return "off_cpu";
    case EventKind::Count_:
        break;
    }
    return "unknown";
}

std::string_view failReasonText(FailReason reason)
{
    switch (reason) {
    case FailReason::Injected:
        return "failed (fail_rate)";
    case FailReason::Cancelled:
        return "cancelled";
    case FailReason::WorkerCrashed:
        return "worker process died";
    case FailReason::WorkerHung:
        return "worker process hung and was killed";
    case FailReason::WorkerProtocol:
        return "worker process wrote garbage and was killed";
    case FailReason::WorkerSpawn:
        return "worker process could not be started";
    }
    return "failed";
}

} // namespace overlap::engine
