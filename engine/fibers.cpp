#include "engine/cpuwork.h"
#include "engine/executor.h"
#include "engine/fiberstacks.h"
#include "engine/runtime.h"

#include <boost/fiber/all.hpp>
#include <chrono>
#include <mutex>

namespace overlap::engine {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr std::size_t kFiberStack = 256u << 10;
#else
// Guard-paged, so an overflow faults instead of corrupting the heap; only
// the pages a fiber touches become resident.
constexpr std::size_t kFiberStack = 64u << 10;
#endif

using FiberLock = std::unique_lock<boost::fibers::mutex>;

// Every fiber of the run shares one OS thread and this one runtime. Waits
// are fiber waits (other fibers run); cpu work never yields, so it blocks
// every other fiber, as CPU work blocks an event loop.
class FiberRuntime final : public Runtime {
public:
    FiberRuntime(ExecContext& ctx, EventSource& source)
        : m_ctx(ctx)
        , m_rec(source, ctx.originNs)
        , m_locks(ctx.plan.lockNames().size())
        , m_itersPerMs(ctx.plan.hasCpuWork() ? calibratedItersPerMs() : 1)
    {
    }

    Recorder& recorder() override { return m_rec; }

    bool sleepUntil(std::int64_t tNs) override
    {
        if (m_stopped)
            return false;
        // A plain fiber sleep, woken early on cancellation by rescheduling the
        // sleeping context (which is how Boost.Fiber notifies its own timed
        // waits). No mutex or condition variable: their spinlock reserves a
        // 5 KB frame on the fiber's stack, a second resident page for each of
        // 100,000 sleepers.
        Sleeper self{boost::fibers::context::active()};
        link(self);
        boost::this_fiber::sleep_until(
            std::chrono::steady_clock::time_point{std::chrono::nanoseconds(m_ctx.originNs + tNs)});
        unlink(self);
        return !m_stopped;
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
    bool threadCpuIsTasks() const override { return false; }

    std::int64_t reserveStart(std::int64_t nowNs) override
    {
        return reserveSlot(
            m_rateNext, nowNs, static_cast<std::int64_t>(1e9 / m_ctx.plan.run().rateLimitPerS));
    }

    // Called by the watchdog fiber (this thread) once the run is cancelled.
    void wakeEveryone()
    {
        m_stopped = true;
        boost::fibers::context* self = boost::fibers::context::active();
        for (Sleeper* s = m_sleepers; s; s = s->next)
            self->schedule(s->context); // leaves the sleep queue, becomes ready
    }

private:
    struct Sleeper {
        boost::fibers::context* context;
        Sleeper* prev = nullptr;
        Sleeper* next = nullptr;
    };
    void link(Sleeper& s)
    {
        s.next = m_sleepers;
        if (m_sleepers)
            m_sleepers->prev = &s;
        m_sleepers = &s;
    }
    void unlink(Sleeper& s)
    {
        (s.prev ? s.prev->next : m_sleepers) = s.next;
        if (s.next)
            s.next->prev = s.prev;
    }

    ExecContext& m_ctx;
    Recorder m_rec;
    std::vector<boost::fibers::mutex> m_locks;
    double m_itersPerMs;
    std::atomic<std::int64_t> m_rateNext{0};
    Sleeper* m_sleepers = nullptr; // one thread: no lock needed
    bool m_stopped = false;
};

} // namespace

void runFibers(ExecContext& ctx)
{
    const Plan& plan = ctx.plan;
    const int n = static_cast<int>(plan.instances().size());
    const int workers = plan.workerCount();
    FiberRuntime rt(ctx, ctx.sink.newSource());
    Recorder& rec = rt.recorder();
    int next = 0; // one thread: a plain counter is enough

    FiberStacks stacks(std::size_t(workers), kFiberStack);
    int running = workers;
    boost::fibers::mutex doneMutex;
    boost::fibers::condition_variable doneCv;
    for (int lane = 0; lane < workers; ++lane) {
        rec.record(EventKind::WorkerStart, -1, lane);
        // Detached: the scheduler destroys each fiber as it ends, so its stack
        // goes back while the others still run.
        boost::fibers::fiber(std::allocator_arg, stacks.allocator(), [&, lane] {
            while (next < n && !ctx.stop.requested())
                runTask(plan, next++, lane, rt);
            rec.record(EventKind::WorkerExit, -1, lane);
            if (--running == 0)
                doneCv.notify_one();
        }).detach();
        // Ready as soon as it exists: it runs when the scheduler gets to it,
        // which with CPU-bound neighbours can be much later (that wait is
        // what the timeline shows, not a start-up cost).
        rec.record(EventKind::WorkerReady, -1, lane);
    }
    ctx.output.workers = workers;

    // This fiber waits for the last worker and meanwhile turns a stop request
    // from another thread into fiber wake-ups on this one.
    {
        FiberLock lock(doneMutex);
        bool woken = false;
        while (running > 0) {
            if (!woken && ctx.stop.requested()) {
                rt.wakeEveryone();
                woken = true;
            }
            doneCv.wait_for(lock, std::chrono::milliseconds(5));
        }
    }
    // The last fibers are destroyed when the scheduler next runs idle; the
    // pool must outlive them.
    stacks.awaitAllGivenBack();
}

} // namespace overlap::engine
