// Checks that need both cores to themselves: ctest runs this binary alone
// (RUN_SERIAL), so a neighbouring test cannot take a core away.

#include "../engine/testutil.h"

#include <gtest/gtest.h>
#include <thread>

using namespace overlap::engine;
using namespace overlap::testutil;

namespace {

// Two 300 ms computations on two workers: on two idle cores the CPU time is
// twice the wall time; one at a time (a GIL, one core) it is at most equal.
void expectParallelCpu(Model model)
{
    RunOptions options;
    options.workerPath = OVERLAP_WORKER_PATH;
    const RunOutput out = runPlan(Plan(scenario(model, 2, {task("crunch", 2, {cpu(300)})})), options);
    ASSERT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(count(out, EventKind::GilAcquire), 0);
    const auto s = steps(out);
    ASSERT_EQ(s.size(), 2u);
    const std::int64_t cpuSum = s[0].cpuNs + s[1].cpuNs;
    const std::int64_t wall = std::max(s[0].end, s[1].end) - std::min(s[0].start, s[1].start);
    if (std::thread::hardware_concurrency() >= 2) {
        // Both computed at once: more CPU time than wall time.
        EXPECT_GT(double(cpuSum), 1.2 * double(wall)); // 2.0 on two idle cores; ≤ 1.0 with the GIL
    } else {
        EXPECT_LT(double(cpuSum), 1.1 * double(wall));
    }
}

} // namespace

TEST(Parallel, ThreadsWithoutTheGilComputeAtOnce)
{
    expectParallelCpu(Model::Threads);
}

TEST(Parallel, ProcessesComputeAtOnce)
{
    expectParallelCpu(Model::Processes);
}
