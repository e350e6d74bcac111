// A wait whose deadline has already passed must return without sleeping: the
// kernel stretches every timed sleep by the thread's timer slack (50 µs by
// default), even an expired one, so a 0 ms io step used to cost ~50 µs.
//
// Checked by behaviour, not by timing: a thread that really blocks gives up
// its CPU, which the kernel counts as a voluntary context switch (ru_nvcsw).
// A wait that returns at once leaves that count alone.

#include "engine/clock.h"
#include "engine/executor.h"
#include "engine/run.h"

#include <functional>
#include <gtest/gtest.h>
#include <ostream>
#include <sys/resource.h>

using namespace overlap::engine;

namespace {

long voluntarySwitches(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return usage.ru_nvcsw;
}

struct Primitive {
    const char* name;
    // Waits until the absolute CLOCK_MONOTONIC time; returns what the primitive returns.
    std::function<bool(std::int64_t)> wait;
};

void PrintTo(const Primitive& p, std::ostream* os)
{
    *os << p.name;
}

StopSignal g_stop; // never requested

class WaitPrimitive : public testing::TestWithParam<Primitive> { };

TEST_P(WaitPrimitive, APastDeadlineReturnsWithoutBlocking)
{
    const auto& wait = GetParam().wait;
    const long before = voluntarySwitches(RUSAGE_THREAD);
    for (int i = 0; i < 200; ++i) {
        EXPECT_TRUE(wait(monotonicNs())); // a 0 ms wait, as a {"io":0} step asks
        EXPECT_TRUE(wait(monotonicNs() - 1'000'000));
    }
    EXPECT_EQ(voluntarySwitches(RUSAGE_THREAD) - before, 0);
}

TEST_P(WaitPrimitive, AFutureDeadlineBlocks)
{
    // The measure above can fail: a real wait is a voluntary switch.
    const long before = voluntarySwitches(RUSAGE_THREAD);
    EXPECT_TRUE(GetParam().wait(monotonicNs() + 2'000'000));
    EXPECT_GE(voluntarySwitches(RUSAGE_THREAD) - before, 1);
}

INSTANTIATE_TEST_SUITE_P(Waits, WaitPrimitive,
    testing::Values(Primitive{"StopSignal", [](std::int64_t t) { return g_stop.sleepUntilMonotonic(t); }},
        Primitive{"sleepUntilMonotonicNs",
            [](std::int64_t t) {
                sleepUntilMonotonicNs(t);
                return true;
            }}),
    [](const testing::TestParamInfo<Primitive>& info) { return std::string(info.param.name); });

TEST(Waits, AStoppedSignalSaysSoEvenForAPastDeadline)
{
    StopSignal stop;
    stop.request();
    EXPECT_FALSE(stop.sleepUntilMonotonic(monotonicNs() - 1'000'000));
}

Scenario zeroWaits(Model model, int count)
{
    Scenario s;
    s.name = "zero waits";
    s.run.model = model;
    s.run.workers = 1;
    TaskSpec t;
    t.name = "t";
    t.count = count;
    t.steps = {{StepKind::Io, 0, {}}};
    s.tasks.push_back(t);
    return s;
}

TEST(Waits, ZeroMsStepsDoNotSleepInTheSequentialModel)
{
    constexpr int n = 2000;
    const long before = voluntarySwitches(RUSAGE_SELF);
    const RunOutput out = runPlan(Plan(zeroWaits(Model::Sequential, n)), {});
    const long switches = voluntarySwitches(RUSAGE_SELF) - before;
    ASSERT_TRUE(out.error.empty()) << out.error;
    // Starting and joining the run's thread blocks a few times; a sleep per task would be n.
    EXPECT_LT(switches, n / 4);
}

TEST(Waits, ZeroMsStepsDoNotSleepInAWorkerProcess)
{
    // One worker: it blocks once per task reading the next one from the
    // engine. A sleep per step would make that twice. Reaped children's
    // counts add up in RUSAGE_CHILDREN.
    constexpr int n = 1000;
    RunOptions options;
    options.workerPath = OVERLAP_WORKER_PATH;
    const long before = voluntarySwitches(RUSAGE_CHILDREN);
    const RunOutput out = runPlan(Plan(zeroWaits(Model::Processes, n)), options);
    const long switches = voluntarySwitches(RUSAGE_CHILDREN) - before;
    ASSERT_TRUE(out.error.empty()) << out.error;
    ASSERT_EQ(out.workerProcesses.size(), 1u);
    EXPECT_LT(switches, n * 3 / 2);
    // How often the worker blocks on its pipe depends on how far ahead the
    // engine is; that it blocked at all shows the children's counts arrive.
    EXPECT_GT(switches, 0) << "the worker's switches are counted: the measure works";
}

} // namespace
