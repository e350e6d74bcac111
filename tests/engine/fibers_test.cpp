// The fibers model: one OS thread, waits overlap, CPU work blocks everyone.

#include "testutil.h"

#include <gtest/gtest.h>

using namespace overlap::engine;
using namespace overlap::testutil;

TEST(Fibers, CpuStepsNeverOverlap)
{
    const RunOutput out = runPlan(Plan(scenario(Model::Fibers, 0, {task("crunch", 4, {io(1), cpu(20)})})));
    ASSERT_TRUE(out.error.empty()) << out.error;
    std::vector<Interval> cpuSteps;
    for (const auto& s : steps(out)) {
        if (s.step == 1)
            cpuSteps.push_back(s);
    }
    ASSERT_EQ(cpuSteps.size(), 4u);
    EXPECT_EQ(peakOverlap(cpuSteps), 1);
}

TEST(Fibers, CpuWorkBlocksTheOtherFibersWaits)
{
    // A 10 ms wait beside 150 ms of CPU work in another fiber ends only when
    // that work is done: nobody runs the event loop meanwhile.
    const RunOutput out
        = runPlan(Plan(scenario(Model::Fibers, 0, {task("wait", 1, {io(10)}), task("busy", 1, {cpu(150)})})));
    ASSERT_TRUE(out.error.empty()) << out.error;
    const auto s = steps(out);
    ASSERT_EQ(s.size(), 2u);
    const Interval& wait = s[0].task == 0 ? s[0] : s[1];
    EXPECT_GT(wait.end - wait.start, 100'000'000);
}

TEST(Fibers, AllOnOneThread)
{
    const RunOutput out = runPlan(Plan(scenario(Model::Fibers, 0, {task("t", 50, {io(5), cpu(1)})})));
    ASSERT_TRUE(out.error.empty()) << out.error;
    for (const Event& e : out.events) {
        if (e.kind == EventKind::StepStart) {
            EXPECT_EQ(e.tid, out.events[1].tid);
        }
    }
}

TEST(Fibers, WorkersBoundTasksInFlight)
{
    const RunOutput out = runPlan(Plan(scenario(Model::Fibers, 3, {task("wait", 9, {io(20)})})));
    ASSERT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(out.workers, 3);
    EXPECT_EQ(peakOverlap(steps(out)), 3);
}

TEST(Fibers, TwentyThousandWaitsOverlap)
{
    const RunOutput out = runPlan(Plan(scenario(Model::Fibers, 0, {task("wait", 20'000, {io(100)})})));
    ASSERT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(count(out, EventKind::TaskEnd), 20'000);
    // All at once, not in sequence: every wait was in flight at one instant,
    // and each one slept its whole 100 ms. (How long the run took is the
    // machine's business: the run computes for most of a second to start
    // 20,000 fibers, which a loaded machine stretches without bound. The
    // benchmark suite measures that.)
    const auto waits = steps(out);
    ASSERT_EQ(waits.size(), 20'000u);
    EXPECT_EQ(peakOverlap(waits), 20'000);
    std::int64_t shortest = waits.front().end - waits.front().start;
    for (const auto& w : waits)
        shortest = std::min(shortest, w.end - w.start);
    EXPECT_GE(shortest, 100'000'000);
}
