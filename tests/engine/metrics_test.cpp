#include "engine/metrics.h"
#include "eventbuilder.h"

#include <algorithm>
#include <chrono>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

using namespace overlap::engine;
using overlap::testing::EventBuilder;
using K = EventKind;

namespace {

Scenario waits(int count, double ms, Model model = Model::Sequential)
{
    Scenario s;
    s.name = "waits";
    s.run.model = model;
    s.tasks.push_back({"wait", count, {{StepKind::Io, ms, {}}}, {}, 0});
    return s;
}

RunOutput outputOf(std::vector<Event> events)
{
    RunOutput out;
    out.events = std::move(events);
    return out;
}

} // namespace

TEST(Metrics, SequentialWaitsAddUp)
{
    const Plan plan(waits(3, 20));
    EventBuilder b;
    b.add(K::RunStart, 0).add(K::WorkerStart, 0, -1, 0).add(K::WorkerReady, 1, -1, 0);
    b.task(0, 0, 1, 21).task(1, 0, 21, 41).task(2, 0, 41, 61);
    const Metrics m = computeMetrics(plan, outputOf(b.build()), 4);
    EXPECT_DOUBLE_EQ(m.makespanMs, 61);
    EXPECT_DOUBLE_EQ(m.workMs, 60);
    EXPECT_DOUBLE_EQ(m.concurrency, 60.0 / 61);
    EXPECT_DOUBLE_EQ(m.parallelism, 0); // waiting is not computing
    EXPECT_DOUBLE_EQ(m.ioWaitMs, 60);
    EXPECT_EQ(m.peakConcurrency, 1);
    EXPECT_DOUBLE_EQ(m.startupMs, 1);
    EXPECT_EQ(m.tasks, 3);
    EXPECT_EQ(m.failed, 0);
    EXPECT_EQ(m.retries, 0);
}

TEST(Metrics, MakespanCountsFromRunStart)
{
    const Plan plan(waits(1, 10));
    EventBuilder b;
    b.add(K::RunStart, 5).task(0, 0, 6, 16);
    EXPECT_DOUBLE_EQ(computeMetrics(plan, outputOf(b.build()), 1).makespanMs, 11);
}

TEST(Metrics, OverlapAndPeakConcurrency)
{
    // Lane 0: [0,100] then [100,150] (touching: never two at once on it);
    // lane 1: [50,150]. At most two steps run at any instant.
    const Plan plan(waits(3, 100, Model::Threads));
    EventBuilder b;
    b.add(K::RunStart, 0).task(0, 0, 0, 100).task(1, 1, 50, 150).task(2, 0, 100, 150);
    const Metrics m = computeMetrics(plan, outputOf(b.build()), 2);
    EXPECT_EQ(m.peakConcurrency, 2);
    EXPECT_DOUBLE_EQ(m.makespanMs, 150);
    EXPECT_DOUBLE_EQ(m.concurrency, 250.0 / 150);
    EXPECT_DOUBLE_EQ(m.workMs, 300); // nominal, not measured
}

TEST(Metrics, TouchingStepsAtTheSameInstantAreNotConcurrent)
{
    const Plan plan(waits(2, 10, Model::Threads));
    EventBuilder b;
    // The second step's start is listed before the first one's end, both at 10 ms.
    b.add(K::RunStart, 0);
    b.add(K::TaskStart, 0, 0, 0, 1).add(K::StepStart, 0, 0, 0, 1, 0);
    b.add(K::TaskStart, 10, 1, 1, 1).add(K::StepStart, 10, 1, 1, 1, 0);
    b.add(K::StepEnd, 10, 0, 0, 1, 0).add(K::TaskEnd, 10, 0, 0, 1);
    b.add(K::StepEnd, 20, 1, 1, 1, 0).add(K::TaskEnd, 20, 1, 1, 1);
    EXPECT_EQ(computeMetrics(plan, outputOf(b.build()), 2).peakConcurrency, 1);
}

TEST(Metrics, CpuUtilisationAndReadyTime)
{
    Scenario s;
    s.run.model = Model::Threads;
    s.tasks.push_back({"crunch", 1, {{StepKind::Cpu, 50, {}}}, {}, 0});
    s.tasks.push_back({"wait", 1, {{StepKind::Io, 100, {}}}, {}, 0});
    const Plan plan(s);
    EventBuilder b;
    // The cpu step took 100 ms of wall time for 60 ms of CPU: off its core
    // from 30 to 70 ms, as the tracker saw it.
    b.add(K::RunStart, 0).add(K::TaskStart, 0, 0, 0, 1).add(K::StepStart, 0, 0, 0, 1, 0);
    b.add(K::OffCpu, 30, 0, 0, 1, 0, 0, 40'000'000);
    b.add(K::StepEnd, 100, 0, 0, 1, 0, 0, 60'000'000).add(K::TaskEnd, 100, 0, 0, 1);
    b.task(1, 1, 0, 100, 1);
    const Metrics m = computeMetrics(plan, outputOf(b.build()), 2);
    EXPECT_DOUBLE_EQ(m.cpuMs, 61);
    EXPECT_DOUBLE_EQ(m.parallelism, 61.0 / 100);
    EXPECT_DOUBLE_EQ(m.concurrency, 2);
    EXPECT_DOUBLE_EQ(m.readyMs, 40); // io steps' waits are not "ready"
    EXPECT_DOUBLE_EQ(m.runningMs, 60);
    EXPECT_DOUBLE_EQ(m.ioWaitMs, 100);
    EXPECT_DOUBLE_EQ(m.cpuUtilization, 61.0 / (100 * 2));
    EXPECT_DOUBLE_EQ(m.workMs, 150);
}

TEST(Metrics, RetriesAndFinalFailures)
{
    Scenario s;
    s.run.model = Model::Sequential;
    s.tasks.push_back({"flaky", 2, {{StepKind::Io, 10, {}}}, {3, 5, 2}, 0.5});
    s.tasks.push_back({"stopped", 1, {{StepKind::Io, 10, {}}}, {}, 0});
    const Plan plan(s);
    const int injected = static_cast<int>(FailReason::Injected);
    EventBuilder b;
    b.add(K::RunStart, 0);
    // flaky #1: fails twice, succeeds on the third attempt.
    for (int attempt = 1; attempt <= 3; ++attempt) {
        const double t = (attempt - 1) * 20.0;
        b.add(K::TaskStart, t, 0, 0, attempt).add(K::StepStart, t, 0, 0, attempt, 0);
        b.add(K::StepEnd, t + 10, 0, 0, attempt, 0);
        if (attempt < 3)
            b.add(K::TaskFail, t + 10, 0, 0, attempt, -1, injected)
                .add(K::RetryBackoff, t + 10, 0, 0, attempt);
        else
            b.add(K::TaskEnd, t + 10, 0, 0, attempt);
    }
    // flaky #2: fails, retries once, fails for good.
    b.add(K::TaskStart, 60, 1, 0, 1).add(K::StepStart, 60, 1, 0, 1, 0).add(K::StepEnd, 70, 1, 0, 1, 0);
    b.add(K::TaskFail, 70, 1, 0, 1, -1, injected).add(K::RetryBackoff, 70, 1, 0, 1);
    b.add(K::TaskStart, 75, 1, 0, 2).add(K::StepStart, 75, 1, 0, 2, 0).add(K::StepEnd, 85, 1, 0, 2, 0);
    b.add(K::TaskFail, 85, 1, 0, 2, -1, injected);
    // stopped: cancelled 5 ms into its 10 ms step.
    b.add(K::TaskStart, 85, 2, 0, 1).add(K::StepStart, 85, 2, 0, 1, 0).add(K::StepEnd, 90, 2, 0, 1, 0);
    b.add(K::TaskFail, 90, 2, 0, 1, 0, static_cast<int>(FailReason::Cancelled));

    const Metrics m = computeMetrics(plan, outputOf(b.build()), 1);
    EXPECT_EQ(m.tasks, 3);
    EXPECT_EQ(m.retries, 3);
    EXPECT_EQ(m.failed, 2);
    EXPECT_EQ(m.cancelled, 1);
    EXPECT_DOUBLE_EQ(m.workMs, 5 * 10 + 5); // five whole step attempts and half of one
    EXPECT_DOUBLE_EQ(m.makespanMs, 90);
}

TEST(Metrics, StartupIsTheLastWorkerReadyAndRssAddsChildren)
{
    const Plan plan(waits(2, 10, Model::Processes));
    EventBuilder b;
    b.add(K::RunStart, 0).add(K::WorkerStart, 0, -1, 0).add(K::WorkerStart, 0, -1, 1);
    b.add(K::WorkerReady, 30, -1, 0).add(K::WorkerReady, 45, -1, 1);
    b.task(0, 0, 30, 40).task(1, 1, 45, 55);
    RunOutput out = outputOf(b.build());
    out.enginePeakRssKib = 1000;
    out.workerProcesses = {{0, 11, 200, 0}, {1, 12, 300, 0}};
    const Metrics m = computeMetrics(plan, out, 2);
    EXPECT_DOUBLE_EQ(m.startupMs, 45);
    EXPECT_EQ(m.peakRssKib, 1500);
    EXPECT_EQ(m.enginePeakRssKib, 1000);
    ASSERT_EQ(m.workerRss.size(), 2u);
    EXPECT_EQ(m.workerRss[1].pid, 12);
    EXPECT_EQ(m.workerRss[1].peakRssKib, 300);
}

TEST(Metrics, EventOrderDoesNotMatter)
{
    const Plan plan(waits(3, 100, Model::Threads));
    EventBuilder b;
    b.add(K::RunStart, 0).task(0, 0, 0, 100).task(1, 1, 50, 150).task(2, 2, 60, 120);
    std::vector<Event> events = b.build();
    const Metrics sorted = computeMetrics(plan, outputOf(events), 2);
    std::shuffle(events.begin(), events.end(), std::mt19937(7));
    const Metrics shuffled = computeMetrics(plan, outputOf(events), 2);
    EXPECT_EQ(shuffled.peakConcurrency, 3);
    EXPECT_EQ(shuffled.peakConcurrency, sorted.peakConcurrency);
    EXPECT_DOUBLE_EQ(shuffled.makespanMs, sorted.makespanMs);
    EXPECT_DOUBLE_EQ(shuffled.parallelism, sorted.parallelism);
}

TEST(Metrics, EmptyRunHasNoNaNs)
{
    const Plan plan(waits(2, 10));
    const Metrics m = computeMetrics(plan, RunOutput{}, 0);
    EXPECT_EQ(m.makespanMs, 0);
    EXPECT_EQ(m.concurrency, 0);
    EXPECT_EQ(m.parallelism, 0);
    EXPECT_FALSE(m.ranked());
    EXPECT_EQ(m.cpuUtilization, 0);
    EXPECT_EQ(m.tasks, 2);
}

TEST(Metrics, JsonUsesTheCommandLineNames)
{
    Metrics m;
    m.makespanMs = 12.5;
    m.peakConcurrency = 3;
    m.failed = 1;
    const auto j = nlohmann::json::parse(metricsToJson(m));
    for (const char* key :
        {"makespan_ms", "work_ms", "concurrency", "parallelism", "peak_concurrency", "cpu_ms",
            "cpu_utilization", "running_ms", "ready_ms", "io_wait_ms", "lock_wait_ms", "gil_wait_ms",
            "rate_wait_ms", "backoff_ms", "startup_ms", "peak_rss_kib", "tasks", "failed", "retries"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_FALSE(j.contains("speedup")) << "speedup is only against a sequential run (compareRuns)";
    EXPECT_DOUBLE_EQ(j["makespan_ms"].get<double>(), 12.5);
    EXPECT_EQ(j["peak_concurrency"], 3);
    EXPECT_EQ(j["failed"], 1);
}

// A real run: the figures must agree with what the scenario asks for.
TEST(Metrics, RealSequentialRun)
{
    const Plan plan(waits(3, 20));
    const RunOutput out = runPlan(plan);
    ASSERT_TRUE(out.error.empty()) << out.error;
    const Metrics m = computeMetrics(plan, out, 1);
    EXPECT_DOUBLE_EQ(m.workMs, 60);
    EXPECT_GE(m.makespanMs, 60);
    EXPECT_LT(m.makespanMs, 500); // wide: a loaded machine may oversleep
    EXPECT_EQ(m.peakConcurrency, 1);
    EXPECT_LE(m.concurrency, 1.0 + 1e-9);
    EXPECT_GT(m.concurrency, 0.5);
    EXPECT_LT(m.parallelism, 0.5); // sleeping is not computing
    EXPECT_EQ(m.tasks, 3);
    EXPECT_EQ(m.failed, 0);
    EXPECT_GT(m.enginePeakRssKib, 0);
}

TEST(Metrics, RealCancelledRunCountsOnlyWhatRan)
{
    const Plan plan(waits(2, 5000));
    overlap::engine::Run run(plan);
    run.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    run.cancel();
    run.wait();
    const Metrics m = computeMetrics(plan, run.output(), 1);
    EXPECT_TRUE(run.output().cancelled);
    EXPECT_GE(m.workMs, 50);
    EXPECT_LT(m.workMs, 2000); // not the nominal 5000 of the step that was cut short
    EXPECT_LT(m.makespanMs, 2000);
    EXPECT_EQ(m.failed, 1); // the second task never started
    EXPECT_EQ(m.cancelled, 1);
}

// Every waiting state has its own total, and they add up with running and
// ready to the time the tasks spent in the timeline's states.
TEST(Metrics, EachWaitHasItsOwnTotal)
{
    Scenario s;
    s.run.model = Model::Threads;
    s.run.gil = true;
    s.run.rateLimitPerS = 10;
    s.tasks.push_back({"a", 1, {{StepKind::Cpu, 10, "x"}}, {2, 5, 2}, 0});
    s.tasks.push_back({"b", 1, {{StepKind::Cpu, 10, "x"}}, {}, 0});
    const Plan plan(s);
    EventBuilder b;
    b.add(K::RunStart, 0);
    // a: waits 5 ms for the rate limiter, fails its first attempt, backs off 5 ms.
    b.add(K::RateWait, 0, 0, 0, 1).add(K::TaskStart, 5, 0, 0, 1).add(K::LockAcquire, 5, 0, 0, 1, 0);
    b.add(K::StepStart, 5, 0, 0, 1, 0).add(K::StepEnd, 15, 0, 0, 1, 0, 0, 10'000'000);
    b.add(K::LockRelease, 15, 0, 0, 1, 0).add(K::TaskFail, 15, 0, 0, 1, -1, 0);
    b.add(K::RetryBackoff, 15, 0, 0, 1, -1, 0, 5'000'000).add(K::TaskStart, 20, 0, 0, 2);
    b.add(K::GilWait, 20, 0, 0, 2).add(K::GilAcquire, 23, 0, 0, 2);
    b.add(K::StepStart, 23, 0, 0, 2, 0).add(K::StepEnd, 33, 0, 0, 2, 0, 0, 10'000'000);
    b.add(K::TaskEnd, 33, 0, 0, 2);
    // b: waits for the lock a holds, from 6 to 15 ms.
    b.add(K::TaskStart, 6, 1, 1, 1).add(K::LockWait, 6, 1, 1, 1, 0).add(K::LockAcquire, 15, 1, 1, 1, 0);
    b.add(K::StepStart, 15, 1, 1, 1, 0).add(K::StepEnd, 25, 1, 1, 1, 0, 0, 10'000'000);
    b.add(K::LockRelease, 25, 1, 1, 1, 0).add(K::TaskEnd, 25, 1, 1, 1);
    const Metrics m = computeMetrics(plan, outputOf(b.build()), 2);
    EXPECT_DOUBLE_EQ(m.rateWaitMs, 5);
    EXPECT_DOUBLE_EQ(m.backoffMs, 5);
    EXPECT_DOUBLE_EQ(m.gilWaitMs, 3);
    EXPECT_DOUBLE_EQ(m.lockWaitMs, 9);
    EXPECT_DOUBLE_EQ(m.runningMs, 30);
    EXPECT_DOUBLE_EQ(m.readyMs, 0);
    EXPECT_DOUBLE_EQ(m.ioWaitMs, 0);
    EXPECT_DOUBLE_EQ(m.parallelism, 30.0 / 33);
    EXPECT_DOUBLE_EQ(m.concurrency, 30.0 / 33);
    EXPECT_EQ(m.retries, 1);
}

Metrics ranMetrics(double makespanMs, int failed = 0)
{
    Metrics m;
    m.makespanMs = makespanMs;
    m.tasks = 8;
    m.failed = failed;
    return m;
}

// Speedup is sequential makespan / makespan, and a run with failed tasks,
// however short, gets none and is never the fastest.
TEST(Metrics, ComparisonRanksOnlyRunsThatDidAllTheirWork)
{
    const Metrics sequential = ranMetrics(8000), threads = ranMetrics(4000), failed = ranMetrics(100, 8),
                  processes = ranMetrics(4200);
    const std::vector<ComparedRun> runs = {{Model::Sequential, &sequential}, {Model::Threads, &threads},
        {Model::Processes, &failed}, {Model::Processes, &processes}};
    const Comparison c = compareRuns(runs);
    ASSERT_EQ(c.speedup.size(), 4u);
    EXPECT_DOUBLE_EQ(*c.speedup[0], 1.0);
    EXPECT_DOUBLE_EQ(*c.speedup[1], 2.0);
    EXPECT_FALSE(c.speedup[2].has_value());
    EXPECT_DOUBLE_EQ(*c.speedup[3], 8000.0 / 4200);
    EXPECT_EQ(c.fastest, 1u);

    // Without a ranked sequential run there is nothing to measure against.
    const Metrics failedSequential = ranMetrics(9000, 1);
    const std::vector<ComparedRun> noBase
        = {{Model::Sequential, &failedSequential}, {Model::Threads, &threads}};
    const Comparison none = compareRuns(noBase);
    EXPECT_FALSE(none.speedup[0].has_value());
    EXPECT_FALSE(none.speedup[1].has_value());
    EXPECT_EQ(none.fastest, 1u);

    Metrics interrupted = ranMetrics(10);
    interrupted.interrupted = true;
    const std::vector<ComparedRun> cut = {{Model::Sequential, &sequential}, {Model::Fibers, &interrupted}};
    EXPECT_EQ(compareRuns(cut).fastest, 0u);
    EXPECT_FALSE(compareRuns(cut).speedup[1].has_value());
}
