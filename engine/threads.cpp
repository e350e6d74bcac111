#include "engine/blockingruntime.h"
#include "engine/gil.h"
#include "engine/poolthread.h"

#include <memory>
#include <optional>
#include <stdexcept>

namespace overlap::engine {

namespace {

// A pool thread's runtime: blocking waits, std::mutex locks and, when the
// scenario asks for it, the emulated GIL around everything but waits.
class ThreadRuntime final : public BlockingRuntime {
public:
    ThreadRuntime(ExecContext& ctx, EventSource& source, std::atomic<std::int64_t>& rateNext,
        std::vector<std::mutex>& locks, Gil* gil)
        : BlockingRuntime(ctx, source, rateNext, locks)
        , m_gil(gil)
    {
    }

    bool compute(double ms, OffCpuTracker& tracker) override
    {
        if (!m_gil)
            return BlockingRuntime::compute(ms, tracker);
        const Where& where = tracker.where();
        return computeMs(ms, m_itersPerMs, tracker, [&] {
            if (m_ctx.stop.requested())
                return false;
            if (m_gil->dropRequested()) { // the eval breaker: give another thread a chance
                tracker.finish();
                m_gil->drop(m_rec, where);
                m_gil->take(m_rec, where);
                tracker.restart(); // the hand-over was a GIL wait, not time off a core
            }
            return true;
        });
    }

    void enterInterpreter(const Where& where) override
    {
        if (m_gil && !m_holding) {
            m_gil->take(m_rec, where);
            m_holding = true;
        }
    }
    void leaveInterpreter(const Where& where) override
    {
        if (m_gil && m_holding) {
            m_gil->drop(m_rec, where);
            m_holding = false;
        }
    }

private:
    Gil* m_gil;
    bool m_holding = false;
};

} // namespace

void runThreads(ExecContext& ctx)
{
    const Plan& plan = ctx.plan;
    const int n = static_cast<int>(plan.instances().size());
    const int workers = plan.workerCount();
    if (plan.run().workers == 0 && n > maxThreadsPerRun)
        ctx.output.warnings.push_back("one thread per task is capped at " + std::to_string(maxThreadsPerRun)
            + " threads; they share the " + std::to_string(n) + " tasks");
    std::atomic<int> next{0};
    std::atomic<std::int64_t> rateNext{0};
    std::vector<std::mutex> locks(plan.lockNames().size());
    std::optional<Gil> gil;
    if (plan.run().gil)
        gil.emplace(plan.run().switchIntervalMs);

    Recorder coordinator(ctx.sink.newSource(), ctx.originNs);
    std::vector<std::unique_ptr<PoolThread>> threads;
    threads.reserve(std::size_t(workers));
    for (int lane = 0; lane < workers && !ctx.stop.requested(); ++lane) {
        coordinator.record(EventKind::WorkerStart, -1, lane);
        // The source is made here, not by the new thread: its first malloc would
        // set up a malloc arena (mmap, mprotect) that contends for the address
        // space lock with the next pthread_create. A pool thread records a handful
        // of events into the source's first chunk and never allocates.
        EventSource& source = ctx.sink.newSource();
        auto thread = std::make_unique<PoolThread>();
        const bool started = thread->start([&, lane, src = &source] {
            ThreadRuntime rt(ctx, *src, rateNext, locks, gil ? &*gil : nullptr);
            rt.recorder().record(EventKind::WorkerReady, -1, lane);
            for (int i = next.fetch_add(1); i < n && !ctx.stop.requested(); i = next.fetch_add(1))
                runTask(plan, i, lane, rt);
            rt.recorder().record(EventKind::WorkerExit, -1, lane);
        });
        if (!started) {
            coordinator.record(
                EventKind::WorkerExit, -1, lane, 0, -1, static_cast<int>(WorkerExitReason::Crashed));
            if (threads.empty())
                throw std::runtime_error("the system refused to start a thread");
            ctx.output.warnings.push_back("the system refused to start more than "
                + std::to_string(threads.size()) + " threads; the run used those");
            break;
        }
        threads.push_back(std::move(thread));
    }
    ctx.output.workers = static_cast<int>(threads.size());
    for (auto& t : threads)
        t->join();
}

} // namespace overlap::engine
