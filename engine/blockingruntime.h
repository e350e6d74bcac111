#pragma once

#include "engine/cpuwork.h"
#include "engine/executor.h"
#include "engine/runtime.h"

#include <mutex>
#include <vector>

namespace overlap::engine {

// A plain blocking runtime on one OS thread: the base of the sequential model
// and of each pool thread in the threads model.
class BlockingRuntime : public Runtime {
public:
    BlockingRuntime(ExecContext& ctx, EventSource& source, std::atomic<std::int64_t>& rateNext,
        std::vector<std::mutex>& locks)
        : m_ctx(ctx)
        , m_rec(source, ctx.originNs)
        , m_rateNext(rateNext)
        , m_locks(locks)
        , m_itersPerMs(ctx.plan.hasCpuWork() ? calibratedItersPerMs() : 1)
    {
    }

    Recorder& recorder() override { return m_rec; }
    bool sleepUntil(std::int64_t tNs) override
    {
        return m_ctx.stop.sleepUntilMonotonic(m_ctx.originNs + tNs);
    }
    bool compute(double ms, OffCpuTracker& tracker) override
    {
        return computeMs(ms, m_itersPerMs, tracker, [this] { return !m_ctx.stop.requested(); });
    }
    bool tryLock(int id) override { return m_locks[std::size_t(id)].try_lock(); }
    bool lock(int id) override
    {
        m_locks[std::size_t(id)].lock();
        return true;
    }
    void unlock(int id) override { m_locks[std::size_t(id)].unlock(); }
    bool cancelled() const override { return m_ctx.stop.requested(); }
    std::int64_t reserveStart(std::int64_t nowNs) override
    {
        return reserveSlot(
            m_rateNext, nowNs, static_cast<std::int64_t>(1e9 / m_ctx.plan.run().rateLimitPerS));
    }

protected:
    ExecContext& m_ctx;
    Recorder m_rec;
    std::atomic<std::int64_t>& m_rateNext;
    std::vector<std::mutex>& m_locks;
    double m_itersPerMs;
};

} // namespace overlap::engine
