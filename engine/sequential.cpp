#include "engine/blockingruntime.h"

namespace overlap::engine {

void runSequential(ExecContext& ctx)
{
    std::atomic<std::int64_t> rateNext{0};
    std::vector<std::mutex> locks(ctx.plan.lockNames().size());
    EventSource& source = ctx.sink.newSource();
    BlockingRuntime rt(ctx, source, rateNext, locks);
    ctx.output.workers = 1;
    rt.recorder().record(EventKind::WorkerStart, -1, 0);
    rt.recorder().record(EventKind::WorkerReady, -1, 0);
    const int n = static_cast<int>(ctx.plan.instances().size());
    for (int i = 0; i < n && !ctx.stop.requested(); ++i)
        runTask(ctx.plan, i, 0, rt);
    rt.recorder().record(EventKind::WorkerExit, -1, 0);
}

} // namespace overlap::engine
