#include "engine/clock.h"
#include "engine/offcpu.h"
#include "engine/plan.h"
#include "engine/runtime.h"

namespace overlap::engine {

namespace {

// One step, with its lock. Returns false when the run was cancelled.
bool runStep(const Step& step, int lockId, Where where, Runtime& rt)
{
    Recorder& rec = rt.recorder();
    if (lockId >= 0 && !rt.tryLock(lockId)) {
        rec.record(EventKind::LockWait, where.task, where.lane, where.attempt, where.step, lockId);
        rt.leaveInterpreter(where); // as threading.Lock.acquire() releases the GIL
        const bool held = rt.lock(lockId);
        rt.enterInterpreter(where);
        if (!held)
            return false;
    }
    if (lockId >= 0)
        rec.record(EventKind::LockAcquire, where.task, where.lane, where.attempt, where.step, lockId);

    const bool measureCpu = step.kind == StepKind::Cpu || rt.threadCpuIsTasks();
    const std::int64_t startedNs
        = rec.record(EventKind::StepStart, where.task, where.lane, where.attempt, where.step);
    const std::int64_t cpu0 = measureCpu ? threadCpuNs() : 0;
    bool done = true;
    if (step.kind == StepKind::Io) {
        const std::int64_t until = rec.now() + msToNs(step.ms);
        rt.leaveInterpreter(where);
        done = rt.sleepUntil(until);
        rt.enterInterpreter(where);
        const std::int64_t cpu = measureCpu ? threadCpuNs() - cpu0 : 0;
        rec.record(EventKind::StepEnd, where.task, where.lane, where.attempt, where.step, 0, cpu);
    } else {
        OffCpuTracker tracker(rec, where, StepMark{rec.originNs() + startedNs, currentCore()});
        done = rt.compute(step.ms, tracker);
        const std::int64_t cpu = threadCpuNs() - cpu0;
        // Stamped where the tracker last saw the thread on a core, after the
        // CPU clock's system call: losing the core in between is drawn too.
        const std::int64_t endNs = tracker.finish() - rec.originNs();
        rec.recordAt(EventKind::StepEnd, endNs, where.task, where.lane, where.attempt, where.step, 0, cpu,
            tracker.core());
    }

    if (lockId >= 0) {
        // Stamped while still held, so that it precedes the next holder's acquire.
        rec.record(EventKind::LockRelease, where.task, where.lane, where.attempt, where.step, lockId);
        rt.unlock(lockId);
    }
    return done;
}

// A wait outside any step (rate limiter, backoff): the GIL is not held.
bool waitOutside(Runtime& rt, const Where& where, std::int64_t untilNs)
{
    rt.leaveInterpreter(where);
    const bool ok = rt.sleepUntil(untilNs);
    rt.enterInterpreter(where);
    return ok;
}

} // namespace

TaskOutcome runTask(const Plan& plan, int instance, int lane, Runtime& rt)
{
    Recorder& rec = rt.recorder();
    const TaskSpec& spec = plan.spec(instance);
    const int attempts = std::max(1, spec.retry.attempts);
    TaskOutcome outcome;
    Where where{instance, lane, 1, -1};

    rt.enterInterpreter(where);
    auto cancelledAt = [&](Where w) {
        rec.record(
            EventKind::TaskFail, w.task, w.lane, w.attempt, w.step, static_cast<int>(FailReason::Cancelled));
        rt.leaveInterpreter(w);
        return outcome;
    };

    if (plan.run().rateLimitPerS > 0) {
        const std::int64_t now = rec.now();
        const std::int64_t slot = rt.reserveStart(now);
        if (slot > now) {
            rec.record(EventKind::RateWait, instance, lane, 1);
            if (!waitOutside(rt, where, slot)) {
                rec.record(EventKind::TaskStart, instance, lane, 1);
                return cancelledAt(where);
            }
        }
    }

    for (int attempt = 1; attempt <= attempts; ++attempt) {
        where = {instance, lane, attempt, -1};
        outcome.attempts = attempt;
        rec.record(EventKind::TaskStart, instance, lane, attempt);
        for (std::size_t s = 0; s < spec.steps.size(); ++s) {
            where.step = static_cast<int>(s);
            if (!runStep(spec.steps[s], plan.lockId(instance, where.step), where, rt))
                return cancelledAt(where);
        }
        where.step = -1;
        if (rt.cancelled())
            return cancelledAt(where);
        if (!attemptFails(plan.run().seed, instance, attempt, spec.failRate)) {
            rec.record(EventKind::TaskEnd, instance, lane, attempt);
            outcome.ok = true;
            rt.leaveInterpreter(where);
            return outcome;
        }
        rec.record(EventKind::TaskFail, instance, lane, attempt, -1, static_cast<int>(FailReason::Injected));
        if (attempt == attempts)
            break;
        const std::int64_t delay = msToNs(spec.retry.delayBeforeMs(attempt + 1));
        rec.record(EventKind::RetryBackoff, instance, lane, attempt, -1, 0, delay);
        if (!waitOutside(rt, where, rec.now() + delay)) {
            // The backoff was cut short: the task ends as cancelled, not as failed.
            rec.record(EventKind::TaskStart, instance, lane, attempt + 1);
            where.attempt = attempt + 1;
            return cancelledAt(where);
        }
    }
    rt.leaveInterpreter(where);
    return outcome;
}

} // namespace overlap::engine
