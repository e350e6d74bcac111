// The emulated GIL and the threads model around it.

#include "testutil.h"

#include <gtest/gtest.h>
#include <thread>

using namespace overlap::engine;
using namespace overlap::testutil;

namespace {

Scenario twoCpuThreadsWithGil()
{
    Scenario s = scenario(Model::Threads, 2, {task("crunch", 2, {cpu(300)})});
    s.run.gil = true;
    return s;
}

// Overlap of two intervals, ns.
std::int64_t overlapNs(const Interval& a, const Interval& b)
{
    return std::max<std::int64_t>(0, std::min(a.end, b.end) - std::max(a.start, b.start));
}

} // namespace

TEST(Gil, TwoCpuThreadsNeverComputeAtOnceAndTheGilChangesHands)
{
    const RunOutput out = runPlan(Plan(twoCpuThreadsWithGil()));
    ASSERT_TRUE(out.error.empty()) << out.error;
    const auto holds = intervals(out.events, EventKind::GilAcquire, EventKind::GilRelease, true);
    ASSERT_GT(holds.size(), 2u);
    EXPECT_EQ(peakOverlap(holds), 1); // one holder at a time

    // Both tasks were in progress together, yet only one computed at a time:
    // every slice of CPU work happens inside a hold.
    const auto s = steps(out);
    ASSERT_EQ(s.size(), 2u);
    EXPECT_GT(overlapNs(s[0], s[1]), 100'000'000);

    int handOffs = 0;
    int lastLane = -1;
    std::vector<std::int64_t> holdNs;
    for (const auto& h : holds) {
        handOffs += lastLane >= 0 && h.lane != lastLane;
        lastLane = h.lane;
        holdNs.push_back(h.end - h.start);
    }
    // 600 ms of work in turns of ~5 ms: dozens of hand-offs; ask for a few.
    EXPECT_GE(handOffs, 10);
    std::sort(holdNs.begin(), holdNs.end());
    const std::int64_t median = holdNs[holdNs.size() / 2];
    EXPECT_GT(median, 2'000'000); // the switch interval, not every slice
    EXPECT_LT(median, 30'000'000);
    EXPECT_GT(count(out, EventKind::GilWait), 10);
}

TEST(Gil, IoReleasesTheGil)
{
    // Ten threads waiting 100 ms each with the GIL still overlap: a wait
    // releases it, as time.sleep() does.
    Scenario s = scenario(Model::Threads, 10, {task("wait", 10, {io(100)})});
    s.run.gil = true;
    const RunOutput out = runPlan(Plan(s));
    ASSERT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(peakOverlap(steps(out)), 10);
    EXPECT_LT(makespan(out), 500'000'000);
}

TEST(Gil, AnIoThreadWaitsForTheSwitchIntervalBesideACpuThread)
{
    // The convoy: a thread that wakes from short waits must get the GIL back
    // from a CPU-bound thread, which takes about one switch interval.
    Scenario s = scenario(Model::Threads, 2, {task("cpu", 1, {cpu(300)}), task("io", 1, {})});
    for (int i = 0; i < 20; ++i)
        s.tasks[1].steps.push_back(io(1));
    s.run.gil = true;
    s.run.switchIntervalMs = 5;
    const RunOutput out = runPlan(Plan(s));
    ASSERT_TRUE(out.error.empty()) << out.error;
    const auto waits = intervals(out.events, EventKind::GilWait, EventKind::GilAcquire, true);
    std::vector<std::int64_t> ioWaits;
    for (const auto& w : waits) {
        if (w.task == 1)
            ioWaits.push_back(w.end - w.start);
    }
    ASSERT_GT(ioWaits.size(), 5u);
    std::sort(ioWaits.begin(), ioWaits.end());
    const std::int64_t median = ioWaits[ioWaits.size() / 2];
    EXPECT_GT(median, 2'000'000);
    EXPECT_LT(median, 30'000'000);
}

TEST(Threads, ZeroWorkersMeansAThreadPerTask)
{
    const RunOutput out = runPlan(Plan(scenario(Model::Threads, 0, {task("wait", 12, {io(50)})})));
    ASSERT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(out.workers, 12);
    std::vector<int> tids;
    for (const auto& s : steps(out))
        tids.push_back(s.tid);
    std::sort(tids.begin(), tids.end());
    EXPECT_EQ(std::unique(tids.begin(), tids.end()) - tids.begin(), 12);
}

TEST(Threads, APoolOfTwoRunsTwoAtATime)
{
    const RunOutput out = runPlan(Plan(scenario(Model::Threads, 2, {task("wait", 6, {io(30)})})));
    ASSERT_TRUE(out.error.empty()) << out.error;
    EXPECT_EQ(out.workers, 2);
    EXPECT_EQ(peakOverlap(steps(out)), 2);
}
