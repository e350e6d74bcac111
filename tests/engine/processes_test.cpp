#include "engine/processstatus.h"
#include "engine/run.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sys/wait.h>
#include <thread>

using namespace overlap::engine;

namespace {

constexpr std::int64_t kMs = 1'000'000;

Scenario processes(int workers)
{
    Scenario s;
    s.name = "processes test";
    s.run.model = Model::Processes;
    s.run.workers = workers;
    return s;
}

TaskSpec task(std::string name, int count, std::vector<Step> steps)
{
    TaskSpec t;
    t.name = std::move(name);
    t.count = count;
    t.steps = std::move(steps);
    return t;
}

Step io(double ms, std::string lock = {})
{
    return {StepKind::Io, ms, std::move(lock)};
}

Step cpu(double ms)
{
    return {StepKind::Cpu, ms, {}};
}

RunOptions workerOptions(const char* path = OVERLAP_WORKER_PATH, std::int64_t graceNs = 2'000 * kMs)
{
    RunOptions o;
    o.workerPath = path;
    o.hangGraceNs = graceNs;
    return o;
}

std::vector<Event> ofKind(const std::vector<Event>& events, EventKind kind)
{
    std::vector<Event> out;
    std::copy_if(events.begin(), events.end(), std::back_inserter(out),
        [&](const Event& e) { return e.kind == kind; });
    return out;
}

struct Span {
    int task;
    int pid;
    std::int64_t start;
    std::int64_t end;
    std::int64_t cpuNs;
};

// Pairs each start with the matching end of the same task, attempt and step.
std::vector<Span> spans(const std::vector<Event>& events, EventKind startKind, EventKind endKind)
{
    std::map<std::tuple<int, int, int>, Event> open;
    std::vector<Span> out;
    for (const Event& e : events) {
        const auto key = std::make_tuple(e.task, int(e.attempt), int(e.step));
        if (e.kind == startKind)
            open[key] = e;
        if (e.kind == endKind && open.count(key)) {
            out.push_back({e.task, e.pid, open[key].tNs, e.tNs, e.cpuNs});
            open.erase(key);
        }
    }
    return out;
}

// No child of this process may be left, running or unreaped.
void expectNoChildren()
{
    errno = 0;
    EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
    EXPECT_EQ(errno, ECHILD);
}

void expectClean(const RunOutput& out)
{
    EXPECT_TRUE(out.error.empty()) << out.error;
    EXPECT_FALSE(out.cancelled);
    expectNoChildren();
}

// Drains a running run until `pred` holds for an event; returns that event.
template <class Pred>
std::optional<Event> waitForEvent(overlap::engine::Run& run, std::vector<Event>& seen, Pred pred)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
        const std::size_t from = seen.size();
        run.drain(seen);
        for (std::size_t i = from; i < seen.size(); ++i) {
            if (pred(seen[i]))
                return seen[i];
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::nullopt;
}

} // namespace

TEST(Processes, TenIoWaitsOnTenProcessesOverlap)
{
    Scenario s = processes(10);
    s.tasks.push_back(task("download", 10, {io(100)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    EXPECT_EQ(out.workers, 10);
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 10u);
    EXPECT_EQ(ofKind(out.events, EventKind::WorkerStart).size(), 10u);
    EXPECT_EQ(ofKind(out.events, EventKind::WorkerReady).size(), 10u);

    const auto steps = spans(out.events, EventKind::StepStart, EventKind::StepEnd);
    ASSERT_EQ(steps.size(), 10u);
    std::set<int> pids;
    std::int64_t first = steps[0].start, last = 0;
    for (const Span& sp : steps) {
        pids.insert(sp.pid);
        first = std::min(first, sp.start);
        last = std::max(last, sp.end);
        EXPECT_GE(sp.end - sp.start, 100 * kMs);
    }
    EXPECT_EQ(pids.size(), 10u) << "each wait ran in its own process";
    EXPECT_LT(last - first, 600 * kMs) << "ten 100 ms waits overlap (sequential: 1000 ms)";

    ASSERT_EQ(out.workerProcesses.size(), 10u);
    std::set<int> lanes;
    for (const WorkerInfo& w : out.workerProcesses) {
        lanes.insert(w.lane);
        EXPECT_TRUE(pids.count(w.pid));
        EXPECT_GT(w.peakRssKib, 0);
        EXPECT_TRUE(WIFEXITED(w.exitStatus) && WEXITSTATUS(w.exitStatus) == 0)
            << describeWaitStatus(w.exitStatus);
    }
    EXPECT_EQ(lanes.size(), 10u);
    for (const Event& e : ofKind(out.events, EventKind::WorkerExit))
        EXPECT_EQ(e.detail, int(WorkerExitReason::Normal));
}

TEST(Processes, PoolReusesItsWorkers)
{
    Scenario s = processes(2);
    s.tasks.push_back(task("job", 4, {io(20)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    EXPECT_EQ(out.workers, 2);
    const auto starts = ofKind(out.events, EventKind::TaskStart);
    ASSERT_EQ(starts.size(), 4u);
    std::map<int, int> tasksPerPid;
    for (const Event& e : starts)
        ++tasksPerPid[e.pid];
    EXPECT_EQ(tasksPerPid.size(), 2u);
    EXPECT_EQ(out.workerProcesses.size(), 2u) << "no process was started beyond the pool";
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 4u);
}

TEST(Processes, ZeroWorkersMeansOneProcessPerTask)
{
    Scenario s = processes(0);
    s.tasks.push_back(task("job", 5, {io(10)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    const auto starts = ofKind(out.events, EventKind::TaskStart);
    ASSERT_EQ(starts.size(), 5u);
    std::set<int> pids;
    for (const Event& e : starts)
        pids.insert(e.pid);
    EXPECT_EQ(pids.size(), 5u);
    EXPECT_EQ(out.workerProcesses.size(), 5u);
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 5u);
}

TEST(Processes, OneProcessPerTaskReusesSlotsBeyondTheLimit)
{
    // More tasks than maxProcessesPerRun: a slot is refilled with a new child
    // once its previous one has exited.
    const int tasks = maxProcessesPerRun + 4;
    Scenario s = processes(0);
    s.tasks.push_back(task("tiny", tasks, {io(0)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    EXPECT_EQ(out.workers, maxProcessesPerRun);
    EXPECT_EQ(int(ofKind(out.events, EventKind::TaskEnd).size()), tasks);
    ASSERT_EQ(int(out.workerProcesses.size()), tasks);
    std::set<int> pids;
    int maxLane = 0;
    for (const WorkerInfo& w : out.workerProcesses) {
        pids.insert(w.pid);
        maxLane = std::max(maxLane, w.lane);
    }
    EXPECT_EQ(int(pids.size()), tasks);
    EXPECT_EQ(maxLane, maxProcessesPerRun - 1);
}

TEST(Processes, CpuStepsRunInParallelOnSeveralCores)
{
    Scenario s = processes(2);
    s.tasks.push_back(task("crunch", 2, {cpu(300)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    const auto steps = spans(out.events, EventKind::StepStart, EventKind::StepEnd);
    ASSERT_EQ(steps.size(), 2u);
    ASSERT_NE(steps[0].pid, steps[1].pid);
    const std::int64_t span = std::max(steps[0].end, steps[1].end) - std::min(steps[0].start, steps[1].start);
    const std::int64_t cpuSum = steps[0].cpuNs + steps[1].cpuNs;
    if (std::thread::hardware_concurrency() >= 2) {
        // Both computations were under way at the same time (a pool that ran
        // them one after the other would not overlap).
        EXPECT_LT(std::max(steps[0].start, steps[1].start), std::min(steps[0].end, steps[1].end));
    } else {
        // One core cannot give more CPU time than wall time: no real parallelism.
        EXPECT_LE(double(cpuSum), 1.05 * double(span)) << "cpu " << cpuSum << " ns in " << span << " ns";
    }
    // Calibrated in each child; the host's clock speed drifts, hence the wide bound.
    EXPECT_GE(cpuSum, 300 * kMs) << "the steps computed";
    ASSERT_EQ(out.workerProcesses.size(), 2u);
    for (const WorkerInfo& w : out.workerProcesses)
        EXPECT_GT(w.itersPerMs, 1000) << "each child reports its calibration";
}

TEST(Processes, LockSerialisesCriticalSectionsAcrossProcesses)
{
    Scenario s = processes(4);
    s.tasks.push_back(task("writer", 4, {io(5), io(60, "db")}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    auto held = spans(out.events, EventKind::LockAcquire, EventKind::LockRelease);
    ASSERT_EQ(held.size(), 4u);
    std::set<int> pids;
    std::sort(held.begin(), held.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    for (std::size_t i = 0; i < held.size(); ++i) {
        pids.insert(held[i].pid);
        if (i > 0) {
            EXPECT_GE(held[i].start, held[i - 1].end) << "two processes held the lock at once";
        }
    }
    EXPECT_EQ(pids.size(), 4u);
    EXPECT_GE(ofKind(out.events, EventKind::LockWait).size(), 1u) << "the processes contended for the lock";
}

TEST(Processes, RateLimitSpacesTaskStartsAcrossProcesses)
{
    Scenario s = processes(4);
    s.run.rateLimitPerS = 20; // one start every 50 ms
    s.tasks.push_back(task("call", 6, {io(1)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    auto starts = ofKind(out.events, EventKind::TaskStart);
    ASSERT_EQ(starts.size(), 6u);
    EXPECT_GE(ofKind(out.events, EventKind::RateWait).size(), 4u);
    std::set<int> pids;
    for (const Event& e : starts)
        pids.insert(e.pid);
    EXPECT_GE(pids.size(), 2u) << "the limiter is shared by several processes";
    // Slots are 50 ms apart: five intervals, minus the wake-up jitter of the first.
    EXPECT_GE(starts.back().tNs - starts.front().tNs, 250 * kMs - 20 * kMs);
}

TEST(Processes, RetriesAndInjectedFailuresWorkInTheChild)
{
    Scenario s = processes(2);
    TaskSpec flaky = task("flaky", 6, {io(1)});
    flaky.failRate = 0.5;
    flaky.retry = {3, 5, 2.0};
    s.tasks.push_back(flaky);
    const Plan plan(s);
    const RunOutput out = runPlan(plan, workerOptions());
    expectClean(out);
    // The child decides failures from the seed, as every model does.
    int expectedFails = 0;
    for (int i = 0; i < 6; ++i) {
        for (int a = 1; a <= 3; ++a) {
            const bool fails = attemptFails(s.run.seed, i, a, 0.5);
            expectedFails += fails ? 1 : 0;
            if (!fails)
                break;
        }
    }
    EXPECT_EQ(int(ofKind(out.events, EventKind::TaskFail).size()), expectedFails);
}

TEST(Processes, CancelKillsEveryChildWithin200Ms)
{
    Scenario s = processes(4);
    s.tasks.push_back(task("long", 8, {io(5000)}));
    overlap::engine::Run run(Plan(s), workerOptions());
    run.start();
    std::vector<Event> seen;
    int stepsStarted = 0;
    ASSERT_TRUE(waitForEvent(run, seen, [&](const Event& e) {
        stepsStarted += e.kind == EventKind::StepStart ? 1 : 0;
        return stepsStarted == 4;
    }));
    const auto t0 = std::chrono::steady_clock::now();
    run.cancel();
    run.wait();
    const auto took = std::chrono::steady_clock::now() - t0;
    EXPECT_LT(took, std::chrono::milliseconds(200 + 300));
    expectNoChildren();

    const RunOutput& out = run.output();
    EXPECT_TRUE(out.cancelled);
    const auto fails = ofKind(out.events, EventKind::TaskFail);
    ASSERT_EQ(fails.size(), 4u);
    for (const Event& e : fails)
        EXPECT_EQ(e.detail, int(FailReason::Cancelled));
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 0u);
    ASSERT_EQ(out.workerProcesses.size(), 4u);
    for (const WorkerInfo& w : out.workerProcesses)
        EXPECT_TRUE(WIFSIGNALED(w.exitStatus) && WTERMSIG(w.exitStatus) == SIGKILL);
    for (const Event& e : ofKind(out.events, EventKind::WorkerExit))
        EXPECT_EQ(e.detail, int(WorkerExitReason::Cancelled));
}

TEST(Processes, MissingWorkerFailsTheTasksAndEnds)
{
    Scenario s = processes(2);
    s.tasks.push_back(task("job", 3, {io(10)}));
    const RunOutput out = runPlan(Plan(s), workerOptions("/nonexistent/overlap-worker"));
    EXPECT_NE(out.error.find("/nonexistent/overlap-worker"), std::string::npos) << out.error;
    const auto fails = ofKind(out.events, EventKind::TaskFail);
    ASSERT_EQ(fails.size(), 3u);
    for (const Event& e : fails)
        EXPECT_EQ(e.detail, int(FailReason::WorkerSpawn));
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 0u);
    expectNoChildren();
}

// --- robustness: one broken worker fails one task --------------------------

struct Fault {
    const char* name; // the faulty worker misbehaves on tasks named so
    FailReason fail;
    WorkerExitReason exit;
};

void PrintTo(const Fault& f, std::ostream* os)
{
    *os << f.name;
}

class ProcessesFault : public testing::TestWithParam<Fault> { };

// What every fault test checks: only the faulty task failed, for the right
// reason, on its lane; the worker was replaced and the replacement (another
// pid) ran later tasks in that lane.
void expectOnlyFaultyTaskFailed(const RunOutput& out, const Plan& plan, int faulty, FailReason reason,
    WorkerExitReason exitReason, int faultyPid)
{
    EXPECT_TRUE(out.error.empty()) << out.error;
    expectNoChildren();
    const auto fails = ofKind(out.events, EventKind::TaskFail);
    ASSERT_EQ(fails.size(), 1u);
    const Event& fail = fails[0];
    EXPECT_EQ(fail.task, faulty);
    EXPECT_EQ(fail.detail, int(reason)) << failReasonText(FailReason(fail.detail));
    EXPECT_EQ(fail.attempt, 1);

    std::set<int> ended;
    for (const Event& e : ofKind(out.events, EventKind::TaskEnd))
        ended.insert(e.task);
    for (int i = 0; i < int(plan.instances().size()); ++i)
        EXPECT_EQ(ended.count(i), i == faulty ? 0u : 1u) << plan.instances()[std::size_t(i)].name;

    int lane = -1;
    for (const Event& e : ofKind(out.events, EventKind::TaskStart)) {
        if (e.task == faulty) {
            lane = e.lane;
            if (faultyPid == 0)
                faultyPid = e.pid;
        }
    }
    EXPECT_EQ(fail.lane, lane);
    bool replaced = false;
    for (const Event& e : ofKind(out.events, EventKind::TaskStart))
        replaced = replaced || (e.lane == lane && e.pid != faultyPid && e.tNs > fail.tNs);
    EXPECT_TRUE(replaced) << "a fresh worker ran later tasks in lane " << lane;

    bool exitSeen = false;
    for (const Event& e : ofKind(out.events, EventKind::WorkerExit)) {
        if (e.pid == faultyPid) {
            exitSeen = true;
            EXPECT_EQ(e.detail, int(exitReason));
        } else {
            EXPECT_EQ(e.detail, int(WorkerExitReason::Normal));
        }
    }
    EXPECT_TRUE(exitSeen);
}

Scenario faultScenario(const std::string& faultName)
{
    Scenario s = processes(2);
    s.tasks.push_back(task("before", 2, {io(30)}));
    s.tasks.push_back(task(faultName, 1, {io(10)}));
    // Enough work after the fault that the replacement worker gets some of it.
    s.tasks.push_back(task("after", 8, {io(100)}));
    return s;
}

TEST_P(ProcessesFault, FailsOnlyItsTaskAndIsReplaced)
{
    const Fault& fault = GetParam();
    const Plan plan(faultScenario(fault.name));
    const RunOutput out = runPlan(plan, workerOptions(OVERLAP_FAULTY_WORKER_PATH, 300 * kMs));
    expectOnlyFaultyTaskFailed(out, plan, 2, fault.fail, fault.exit, 0);
    EXPECT_GE(out.workerProcesses.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Processes, ProcessesFault,
    testing::Values(Fault{"crash", FailReason::WorkerCrashed, WorkerExitReason::Crashed},
        Fault{"exit", FailReason::WorkerCrashed, WorkerExitReason::Crashed},
        Fault{"hang", FailReason::WorkerHung, WorkerExitReason::Hung},
        Fault{"garbage", FailReason::WorkerProtocol, WorkerExitReason::Protocol}),
    [](const testing::TestParamInfo<Fault>& info) { return std::string(info.param.name); });

TEST(Processes, WorkerKilledFromOutsideFailsOnlyItsTask)
{
    Scenario s = processes(2);
    s.tasks.push_back(task("victim", 1, {io(3000)}));
    s.tasks.push_back(task("other", 8, {io(100)}));
    const Plan plan(s);
    overlap::engine::Run run(plan, workerOptions());
    run.start();
    std::vector<Event> seen;
    const auto start = waitForEvent(
        run, seen, [](const Event& e) { return e.kind == EventKind::StepStart && e.task == 0; });
    ASSERT_TRUE(start);
    ASSERT_GT(start->pid, 0);
    ASSERT_EQ(kill(start->pid, SIGKILL), 0);
    run.wait();
    expectOnlyFaultyTaskFailed(
        run.output(), plan, 0, FailReason::WorkerCrashed, WorkerExitReason::Killed, start->pid);
    const auto fails = ofKind(run.output().events, EventKind::TaskFail);
    ASSERT_EQ(fails.size(), 1u);
    EXPECT_EQ(fails[0].step, 0) << "the engine knew the task was in its first step";
}

TEST(Processes, WaitStatusIsDescribed)
{
    EXPECT_EQ(describeWaitStatus(0), "exited normally");
    EXPECT_EQ(describeWaitStatus(7 << 8), "exited with code 7");
    EXPECT_NE(describeWaitStatus(SIGKILL).find("killed by signal 9"), std::string::npos);
    EXPECT_NE(describeWaitStatus(SIGABRT).find("crashed: signal 6"), std::string::npos);
}

TEST(Processes, AScenarioTheWorkersWouldRefuseEndsTheRunAtOnce)
{
    Scenario s = processes(2);
    s.tasks.push_back(task("no steps", 3, {})); // the file format requires steps
    const RunOutput out = runPlan(Plan(s), workerOptions());
    EXPECT_NE(out.error.find("cannot be sent to worker processes"), std::string::npos) << out.error;
    EXPECT_TRUE(out.workerProcesses.empty());
}

TEST(Processes, AWorkerReportsItsOwnMemoryNotTheEngines)
{
    // The engine holds 256 MiB; a posix_spawn'ed child's ru_maxrss would
    // include it. Each worker must report only its own peak.
    std::vector<char> ballast(256u << 20);
    for (std::size_t i = 0; i < ballast.size(); i += 4096)
        ballast[i] = static_cast<char>(i);
    Scenario s = processes(2);
    s.tasks.push_back(task("t", 2, {io(1)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    ASSERT_EQ(out.workerProcesses.size(), 2u);
    for (const WorkerInfo& w : out.workerProcesses) {
        EXPECT_GT(w.peakRssKib, 500); // a real figure
        EXPECT_LT(w.peakRssKib, 128 * 1024) << "pid " << w.pid;
    }
    EXPECT_NE(ballast[4096], 1); // keep the ballast alive until here
}

TEST(Processes, WorkersComputeWithTheEnginesCalibration)
{
    // A cpu step must be the same computation under every model: the workers
    // use the calibration of the engine instead of each measuring its own
    // (on a core its siblings keep busy, or at another clock speed).
    Scenario s = processes(2);
    s.tasks.push_back(task("c", 2, {cpu(1)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    ASSERT_GT(out.itersPerMs, 0);
    ASSERT_EQ(out.workerProcesses.size(), 2u);
    for (const WorkerInfo& w : out.workerProcesses)
        EXPECT_EQ(w.itersPerMs, out.itersPerMs) << "pid " << w.pid;
}
