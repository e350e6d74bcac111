#include "engine/clock.h"
#include "engine/pidfd.h"
#include "engine/processstatus.h"
#include "engine/progresswatch.h"
#include "engine/run.h"
#include "engine/scenarioio.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <ctime>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

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

// The most spans in progress at one instant (an end at t comes before a start at t).
int peakInFlight(const std::vector<Span>& spans)
{
    std::vector<std::pair<std::int64_t, int>> edges;
    for (const Span& sp : spans) {
        edges.emplace_back(sp.start, +1);
        edges.emplace_back(sp.end, -1);
    }
    std::sort(edges.begin(), edges.end());
    int now = 0, peak = 0;
    for (const auto& [t, d] : edges)
        peak = std::max(peak, now += d);
    return peak;
}

// Processes that keep the cores busy, as other programs on the machine
// would; killed and reaped when this goes out of scope (and by the kernel if
// the test process dies first).
class Spinners {
public:
    explicit Spinners(int count)
    {
        for (int i = 0; i < count; ++i) {
            const pid_t pid = fork();
            if (pid == 0) {
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                volatile std::uint64_t sink = 0;
                for (;;)
                    sink = sink + 1;
            }
            if (pid > 0)
                m_pids.push_back(pid);
        }
    }
    ~Spinners()
    {
        for (pid_t pid : m_pids) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
    }
    Spinners(const Spinners&) = delete;
    Spinners& operator=(const Spinners&) = delete;
    int running() const { return static_cast<int>(m_pids.size()); }

private:
    std::vector<pid_t> m_pids;
};

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

// How long the engine and a worker may take to hand over and start a task on
// a busy machine (the sanitizer build included): a structural margin.
constexpr std::int64_t kHandOverNs = 200 * kMs;

TEST(Processes, TenIoWaitsOnTenProcessesOverlap)
{
    // A pool of ten is started at once and a task goes to the first worker
    // that is ready: on a busy machine some start much later than others, and
    // the early ones may take several waits. Which process ran which wait is
    // not promised (workers = 0 promises one process per task); that a ready
    // worker never idles while a wait is pending is.
    Scenario s = processes(10);
    s.tasks.push_back(task("download", 10, {io(100)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    EXPECT_EQ(out.workers, 10);
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 10u);
    EXPECT_EQ(ofKind(out.events, EventKind::WorkerStart).size(), 10u);
    const auto ready = ofKind(out.events, EventKind::WorkerReady);
    EXPECT_EQ(ready.size(), 10u);

    const auto steps = spans(out.events, EventKind::StepStart, EventKind::StepEnd);
    ASSERT_EQ(steps.size(), 10u);
    std::set<int> poolPids;
    for (const WorkerInfo& w : out.workerProcesses)
        poolPids.insert(w.pid);
    std::int64_t firstEnd = steps[0].end;
    for (const Span& sp : steps) {
        EXPECT_TRUE(poolPids.count(sp.pid)) << "each wait ran in a worker of the pool";
        EXPECT_NE(sp.pid, getpid());
        firstEnd = std::min(firstEnd, sp.end);
        EXPECT_GE(sp.end - sp.start, 100 * kMs);
    }
    // Every worker ready while waits were pending took one at once: the waits
    // of all workers ready before the first wait ended were in flight together.
    const auto starts = ofKind(out.events, EventKind::TaskStart);
    int readyEarly = 0;
    for (const Event& r : ready) {
        readyEarly += r.tNs + kHandOverNs <= firstEnd ? 1 : 0;
        const auto startedBy = [&](std::int64_t t) {
            return std::count_if(starts.begin(), starts.end(), [&](const Event& e) { return e.tNs <= t; });
        };
        const bool tookOne = std::any_of(starts.begin(), starts.end(),
            [&](const Event& e) { return e.pid == r.pid && e.tNs <= r.tNs + kHandOverNs; });
        EXPECT_TRUE(tookOne || startedBy(r.tNs + kHandOverNs) == 10)
            << "worker pid " << r.pid << " was ready at " << r.tNs / kMs
            << " ms and idled while waits were pending";
    }
    EXPECT_GE(peakInFlight(steps), readyEarly)
        << readyEarly << " workers were ready before the first wait ended";

    ASSERT_EQ(out.workerProcesses.size(), 10u);
    std::set<int> lanes;
    for (const WorkerInfo& w : out.workerProcesses) {
        lanes.insert(w.lane);
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
    // Four tasks on at most two processes: some process ran several. (Both
    // usually do, but a busy machine may start one so late that the other
    // takes every task: the pool does not promise how tasks are shared.)
    std::map<int, int> tasksPerPid;
    for (const Event& e : starts)
        ++tasksPerPid[e.pid];
    EXPECT_LE(tasksPerPid.size(), 2u);
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
    // One process per task: two processes whatever their start-up takes (a
    // pool of two may give both tasks to the first worker ready).
    Scenario s = processes(0);
    s.tasks.push_back(task("crunch", 2, {cpu(300)}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    const auto steps = spans(out.events, EventKind::StepStart, EventKind::StepEnd);
    ASSERT_EQ(steps.size(), 2u);
    ASSERT_NE(steps[0].pid, steps[1].pid);
    const std::int64_t span = std::max(steps[0].end, steps[1].end) - std::min(steps[0].start, steps[1].start);
    const std::int64_t cpuSum = steps[0].cpuNs + steps[1].cpuNs;
    std::int64_t lastReady = 0;
    for (const Event& e : ofKind(out.events, EventKind::WorkerReady))
        lastReady = std::max(lastReady, e.tNs);
    if (std::thread::hardware_concurrency() >= 2) {
        // Both computations were under way at the same time (a model that ran
        // them one after the other would not overlap) unless the second
        // process was ready only once the first had finished: a busy machine
        // can delay a start-up that long, and nothing is promised then.
        if (lastReady + kHandOverNs < std::min(steps[0].end, steps[1].end)) {
            EXPECT_LT(std::max(steps[0].start, steps[1].start), std::min(steps[0].end, steps[1].end));
        }
    } else {
        // One core cannot give more CPU time than wall time: no real parallelism.
        EXPECT_LE(double(cpuSum), 1.05 * double(span)) << "cpu " << cpuSum << " ns in " << span << " ns";
    }
    // The engine's calibration, used by both; the host's clock speed drifts
    // (1.7x), hence the wide bound on 600 ms of nominal work.
    EXPECT_GE(cpuSum, 300 * kMs) << "the steps computed";
    ASSERT_EQ(out.workerProcesses.size(), 2u);
    for (const WorkerInfo& w : out.workerProcesses)
        EXPECT_GT(w.itersPerMs, 1000) << "each child reports its calibration";
}

TEST(Processes, LockSerialisesCriticalSectionsAcrossProcesses)
{
    // One process per task: three processes, however late each starts.
    Scenario s = processes(0);
    s.tasks.push_back(task("writer", 3, {io(5), io(250, "db")}));
    const RunOutput out = runPlan(Plan(s), workerOptions());
    expectClean(out);
    auto held = spans(out.events, EventKind::LockAcquire, EventKind::LockRelease);
    ASSERT_EQ(held.size(), 3u);
    std::set<int> pids;
    std::sort(held.begin(), held.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    for (std::size_t i = 0; i < held.size(); ++i) {
        pids.insert(held[i].pid);
        if (i > 0) {
            EXPECT_GE(held[i].start, held[i - 1].end) << "two processes held the lock at once";
        }
    }
    EXPECT_EQ(pids.size(), 3u);
    // Contention: a process that asked for the lock (its first step over)
    // while the first holder had it waited for it. When each asks depends on
    // how fast it started, so the rule is checked for those that asked in
    // time (with a margin for the moment between its step's end and its try).
    std::map<int, std::int64_t> asked;
    for (const Event& e : ofKind(out.events, EventKind::StepEnd)) {
        if (e.step == 0)
            asked[e.task] = e.tNs;
    }
    std::set<int> waited;
    for (const Event& e : ofKind(out.events, EventKind::LockWait))
        waited.insert(e.task);
    for (const auto& [t, at] : asked) {
        if (t != held[0].task && at + 50 * kMs < held[0].end) {
            EXPECT_TRUE(waited.count(t)) << "writer " << t << " asked while the lock was held";
        }
    }
    EXPECT_FALSE(waited.count(held[0].task)) << "the first holder found the lock free";
}

TEST(Processes, RateLimitSpacesTaskStartsAcrossProcesses)
{
    // One process per task, so that the limiter is shared across processes
    // whatever their start-up (a pool's first ready worker could take all).
    Scenario s = processes(0);
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
    EXPECT_EQ(pids.size(), 6u) << "the limiter is shared by six processes";
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
    Step step = io(10); // the faulty task's one step
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

Scenario faultScenario(const std::string& faultName, const Step& step)
{
    // One worker: the tasks after the fault can only run on its replacement,
    // however long a busy machine makes the verdict and the new start take.
    Scenario s = processes(1);
    s.tasks.push_back(task("before", 2, {io(30)}));
    s.tasks.push_back(task(faultName, 1, {step}));
    s.tasks.push_back(task("after", 3, {io(30)}));
    return s;
}

constexpr std::int64_t kTestGraceNs = 300 * kMs;

TEST_P(ProcessesFault, FailsOnlyItsTaskAndIsReplaced)
{
    const Fault& fault = GetParam();
    const Plan plan(faultScenario(fault.name, fault.step));
    const RunOutput out = runPlan(plan, workerOptions(OVERLAP_FAULTY_WORKER_PATH, kTestGraceNs));
    expectOnlyFaultyTaskFailed(out, plan, 2, fault.fail, fault.exit, 0);
    EXPECT_EQ(out.workerProcesses.size(), 2u) << "the one worker and its replacement";
    if (fault.exit == WorkerExitReason::Hung) {
        // Judged by its progress, not by the time its step should take: a
        // long step is no reason to wait for its end.
        const auto fails = ofKind(out.events, EventKind::TaskFail);
        const auto started = ofKind(out.events, EventKind::TaskStart);
        const auto start
            = std::find_if(started.begin(), started.end(), [](const Event& e) { return e.task == 2; });
        ASSERT_EQ(fails.size(), 1u);
        ASSERT_NE(start, started.end());
        if (fault.step.ms >= 5000) {
            EXPECT_LT(fails[0].tNs - start->tNs, msToNs(fault.step.ms) / 2);
        }
        ASSERT_EQ(out.warnings.size(), 1u);
        EXPECT_NE(out.warnings[0].find("declared hung"), std::string::npos) << out.warnings[0];
    } else {
        EXPECT_TRUE(out.warnings.empty());
    }
}

INSTANTIATE_TEST_SUITE_P(Processes, ProcessesFault,
    testing::Values(Fault{"crash", FailReason::WorkerCrashed, WorkerExitReason::Crashed},
        Fault{"exit", FailReason::WorkerCrashed, WorkerExitReason::Crashed},
        // Asleep with nothing to say, in a 10 ms wait and in a long computation.
        Fault{"hang", FailReason::WorkerHung, WorkerExitReason::Hung},
        Fault{"hang_in_cpu_step", FailReason::WorkerHung, WorkerExitReason::Hung, cpu(10'000)},
        // Stopped, even inside a long wait it announced.
        Fault{"stop", FailReason::WorkerHung, WorkerExitReason::Hung, io(10'000)},
        // Computing forever: past 8 x its step's CPU + the grace.
        Fault{"spin", FailReason::WorkerHung, WorkerExitReason::Hung, cpu(10)},
        Fault{"garbage", FailReason::WorkerProtocol, WorkerExitReason::Protocol}),
    [](const testing::TestParamInfo<Fault>& info) { return std::string(info.param.name); });

TEST(Processes, WorkerKilledFromOutsideFailsOnlyItsTask)
{
    Scenario s = processes(1); // the other tasks can only run on the replacement
    s.tasks.push_back(task("victim", 1, {io(3000)}));
    s.tasks.push_back(task("other", 3, {io(30)}));
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

// --- hang detection by progress --------------------------------------------

TEST(Processes, AStoppedWorkerIsHungAndOnlyItsTaskFails)
{
    // SIGSTOP from outside (a user, a debugger) in the middle of a long
    // computation: the worker makes no progress, so after the grace it is
    // hung, long before its step's nominal 10 s.
    Scenario s = processes(1); // the other tasks can only run on the replacement
    s.tasks.push_back(task("victim", 1, {cpu(10'000)}));
    s.tasks.push_back(task("other", 3, {io(30)}));
    const Plan plan(s);
    overlap::engine::Run run(plan, workerOptions(OVERLAP_WORKER_PATH, kTestGraceNs));
    run.start();
    std::vector<Event> seen;
    const auto start = waitForEvent(
        run, seen, [](const Event& e) { return e.kind == EventKind::StepStart && e.task == 0; });
    ASSERT_TRUE(start);
    const int pidfd = pidfdOpen(start->pid);
    ASSERT_GE(pidfd, 0);
    ASSERT_EQ(pidfdKill(pidfd, SIGSTOP), 0);
    close(pidfd);
    run.wait();
    const RunOutput& out = run.output();
    expectOnlyFaultyTaskFailed(out, plan, 0, FailReason::WorkerHung, WorkerExitReason::Hung, start->pid);
    const auto fails = ofKind(out.events, EventKind::TaskFail);
    ASSERT_EQ(fails.size(), 1u);
    EXPECT_EQ(fails[0].step, 0);
    EXPECT_LT(fails[0].tNs - start->tNs, 5'000 * kMs)
        << "hung by its lack of progress, not at its step's end";
    ASSERT_EQ(out.warnings.size(), 1u);
    EXPECT_NE(out.warnings[0].find("stopped"), std::string::npos) << out.warnings[0];
}

TEST(Processes, AWorkerStarvedInBurstsLongerThanTheGraceIsNotKilled)
{
    // The test takes the worker off the CPU (SIGSTOP) for bursts of a third
    // of the grace, lets it compute a little between them, and keeps doing so
    // well past the grace in total: a worker that a loaded machine starves
    // (as a clock-based deadline would see it) but that progresses.
    constexpr std::int64_t kGrace = 400 * kMs;
    constexpr auto kBurst = std::chrono::milliseconds(100);
    constexpr int kBursts = 10;
    Scenario s = processes(1);
    s.tasks.push_back(task("starved", 1, {cpu(150)}));
    overlap::engine::Run run(Plan(s), workerOptions(OVERLAP_WORKER_PATH, kGrace));
    run.start();
    std::vector<Event> seen;
    const auto start = waitForEvent(
        run, seen, [](const Event& e) { return e.kind == EventKind::StepStart && e.task == 0; });
    ASSERT_TRUE(start);
    const int pidfd = pidfdOpen(start->pid); // signals cannot reach a recycled pid
    ASSERT_GE(pidfd, 0);
    clockid_t clock{};
    ASSERT_EQ(clock_getcpuclockid(start->pid, &clock), 0);
    const auto cpuNs = [&] {
        timespec ts{};
        return clock_gettime(clock, &ts) == 0 ? std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec : -1;
    };
    int bursts = 0;
    std::int64_t stoppedNs = 0;
    for (; bursts < kBursts && !run.finished(); ++bursts) {
        const std::int64_t before = cpuNs();
        if (before < 0 || pidfdKill(pidfd, SIGSTOP) != 0)
            break; // the step is over and the worker gone
        const std::int64_t t0 = monotonicNs();
        std::this_thread::sleep_for(kBurst);
        stoppedNs += monotonicNs() - t0;
        pidfdKill(pidfd, SIGCONT);
        // Let it compute 2 ms (the step needs 150): progress between bursts.
        for (std::int64_t now = cpuNs(); now >= 0 && now < before + 2 * kMs && !run.finished(); now = cpuNs())
            std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    pidfdKill(pidfd, SIGCONT);
    close(pidfd);
    run.wait();
    const RunOutput& out = run.output();
    expectClean(out);
    EXPECT_EQ(ofKind(out.events, EventKind::TaskFail).size(), 0u);
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 1u);
    EXPECT_TRUE(out.warnings.empty()) << out.warnings.front();
    // What makes the test mean something: stopped in all longer than the grace.
    EXPECT_GE(stoppedNs, 2 * kGrace) << bursts << " bursts";
}

TEST(Processes, CpuBenchmarkCompletesWhileOtherProcessesKeepTheCoresBusy)
{
    // The CPU example (8 jobs of one cpu step) on 8 processes while two other
    // processes spin on both cores: every worker computes slowly, none hangs.
    // Its steps are scaled down and the grace is small, so that a rule that
    // judged by the clock would fire here (each step takes several times its
    // nominal time) and the test stays short.
    const auto loaded = loadScenarioFile(OVERLAP_SOURCE_DIR "/resources/examples/cpu-benchmark.overlap.json");
    ASSERT_TRUE(loaded) << loaded.error;
    Scenario s = *loaded.scenario;
    s.run.model = Model::Processes;
    s.run.workers = 8;
    int cpuSteps = 0;
    for (TaskSpec& t : s.tasks) {
        for (Step& step : t.steps) {
            cpuSteps += step.kind == StepKind::Cpu ? t.count : 0;
            step.ms = std::min(step.ms, 150.0);
        }
    }
    ASSERT_EQ(cpuSteps, 8);
    RunOutput out;
    {
        const Spinners spinners(2);
        ASSERT_EQ(spinners.running(), 2);
        out = runPlan(Plan(s), workerOptions(OVERLAP_WORKER_PATH, 100 * kMs));
    }
    expectClean(out);
    EXPECT_EQ(ofKind(out.events, EventKind::TaskFail).size(), 0u);
    EXPECT_EQ(ofKind(out.events, EventKind::TaskEnd).size(), 8u);
    EXPECT_TRUE(out.warnings.empty()) << out.warnings.front();
    for (const Event& e : ofKind(out.events, EventKind::WorkerExit))
        EXPECT_EQ(e.detail, int(WorkerExitReason::Normal));
}

// --- the hang rule on its own ----------------------------------------------

constexpr std::int64_t kLimit = 1'000'000'000;
using Verdict = ProgressWatch::Verdict;

// Looks at the watch every period from `t` for `forNs`, with the worker's CPU
// time and state given by `sample(t)`; returns the first verdict that is not
// Fine (and the time of it), or Fine.
template <class Sample>
std::pair<Verdict, std::int64_t> lookFor(
    ProgressWatch& w, std::int64_t& t, std::int64_t forNs, Sample&& sample)
{
    const std::int64_t end = t + forNs;
    while (t < end) {
        t += w.periodNs();
        const auto [cpu, state] = sample(t);
        const Verdict v = w.judge(t, cpu, state);
        if (v != Verdict::Fine)
            return {v, t};
    }
    return {Verdict::Fine, t};
}

TEST(ProgressWatch, AStarvedComputationIsNeverHung)
{
    ProgressWatch w(kLimit);
    std::int64_t t = 0;
    w.restart(t);
    w.beginCpuStep(1000);
    // 1 % of a core, or none at all but runnable (waiting for a core), for a minute.
    EXPECT_EQ(lookFor(w, t, 30 * kLimit,
                  [](std::int64_t now) { return std::make_pair(now / 100, SchedState::Sleeping); })
                  .first,
        Verdict::Fine);
    EXPECT_EQ(lookFor(w, t, 30 * kLimit,
                  [](std::int64_t) { return std::make_pair(std::int64_t(5), SchedState::Runnable); })
                  .first,
        Verdict::Fine);
}

TEST(ProgressWatch, AStoppedWorkerIsHungAfterTheLimitEvenInAnAnnouncedWait)
{
    ProgressWatch w(kLimit);
    std::int64_t t = 0;
    w.restart(t);
    w.beginWait(t + 100 * kLimit); // a long io step
    const auto [v, at] = lookFor(
        w, t, 10 * kLimit, [](std::int64_t) { return std::make_pair(std::int64_t(7), SchedState::Stopped); });
    EXPECT_EQ(v, Verdict::Stopped);
    EXPECT_GE(at, kLimit);
    EXPECT_LE(at, kLimit + 2 * w.periodNs());
    EXPECT_NE(w.explain(v).find("stopped"), std::string::npos);
}

TEST(ProgressWatch, StopsShorterThanTheLimitWithProgressBetweenAreFine)
{
    ProgressWatch w(kLimit);
    std::int64_t t = 0;
    w.restart(t);
    w.beginCpuStep(1000);
    std::int64_t cpu = 0;
    for (int burst = 0; burst < 40; ++burst) {
        EXPECT_EQ(lookFor(w, t, kLimit * 3 / 4,
                      [&](std::int64_t) { return std::make_pair(cpu, SchedState::Stopped); })
                      .first,
            Verdict::Fine);
        cpu += 1'000'000; // one look with 1 ms of CPU
        t += w.periodNs();
        EXPECT_EQ(w.judge(t, cpu, SchedState::Stopped), Verdict::Fine);
    }
}

TEST(ProgressWatch, SleepingCountsOnlyInsideAnAnnouncedWait)
{
    ProgressWatch w(kLimit);
    std::int64_t t = 0;
    w.restart(t);
    const auto asleep = [](std::int64_t) { return std::make_pair(std::int64_t(3), SchedState::Sleeping); };
    w.beginWait(t + 3 * kLimit); // an io step of 3 s
    auto [v, at] = lookFor(w, t, 10 * kLimit, asleep);
    EXPECT_EQ(v, Verdict::Stalled);
    EXPECT_GE(at, 4 * kLimit);
    EXPECT_LE(at, 4 * kLimit + 2 * w.periodNs());

    w.restart(t);
    w.beginCpuStep(5000); // asleep in a computation: nothing excuses it
    const std::int64_t from = t;
    std::tie(v, at) = lookFor(w, t, 10 * kLimit, asleep);
    EXPECT_EQ(v, Verdict::Stalled);
    EXPECT_LE(at - from, kLimit + 2 * w.periodNs());

    w.restart(t);
    w.beginWait(ProgressWatch::kForever); // a lock whose holder progresses
    EXPECT_EQ(lookFor(w, t, 3600 * kLimit, asleep).first, Verdict::Fine);

    w.restart(t);
    w.beginRunning(); // silent but writing: the engine hears from it
    EXPECT_EQ(lookFor(w, t, 10 * kLimit,
                  [&](std::int64_t) {
                      w.heard();
                      return std::make_pair(std::int64_t(3), SchedState::Sleeping);
                  })
                  .first,
        Verdict::Fine);
}

TEST(ProgressWatch, TimeTheEngineWasAwayCountsAsOneLook)
{
    // Ctrl-Z stops the engine and its workers together; on fg, the first look
    // comes a minute later and must not count that minute against the worker.
    ProgressWatch w(kLimit);
    std::int64_t t = 0;
    w.restart(t);
    w.beginRunning();
    EXPECT_EQ(w.judge(t += w.periodNs(), 100, SchedState::Sleeping), Verdict::Fine);
    EXPECT_EQ(w.judge(t += 60 * kLimit, 100, SchedState::Stopped), Verdict::Fine);
    EXPECT_EQ(w.judge(t += w.periodNs(), 200, SchedState::Runnable), Verdict::Fine);
    EXPECT_EQ(w.stalledNs(), 0);
}

TEST(ProgressWatch, ARunawayComputationIsHung)
{
    ProgressWatch w(kLimit);
    std::int64_t t = 0;
    w.restart(t);
    w.beginCpuStep(100);
    // At full speed on its core: fine while within 8 x 100 ms + the limit.
    const auto fullSpeed = [](std::int64_t now) { return std::make_pair(now, SchedState::Runnable); };
    const auto [v, at] = lookFor(w, t, 10 * kLimit, fullSpeed);
    EXPECT_EQ(v, Verdict::Runaway);
    EXPECT_GT(at, 800 * kMs + kLimit);
    EXPECT_LE(at, 800 * kMs + kLimit + 2 * w.periodNs());
    EXPECT_NE(w.explain(v).find("runaway"), std::string::npos);

    // Twice its nominal CPU (a slower clock, a shared core) is no runaway.
    w.restart(t);
    w.beginCpuStep(1000);
    const std::int64_t from = t;
    EXPECT_EQ(lookFor(w, t, 2 * kLimit,
                  [&](std::int64_t now) { return std::make_pair(now - from, SchedState::Runnable); })
                  .first,
        Verdict::Fine);
}

TEST(ProgressWatch, StatStateIsReadAfterTheCommandName)
{
    EXPECT_EQ(parseStatState("1234 (overlap-worker) R 1 2 3"), SchedState::Runnable);
    EXPECT_EQ(parseStatState("1234 (a) T (b) S 1 2"), SchedState::Sleeping);
    EXPECT_EQ(parseStatState("7 (x) t 1"), SchedState::Traced);
    EXPECT_EQ(parseStatState("7 (x) T 1"), SchedState::Stopped);
    EXPECT_EQ(parseStatState("7 (x) D 1"), SchedState::DiskWait);
    EXPECT_EQ(parseStatState("7 (x) Z 1"), SchedState::Exiting);
    EXPECT_EQ(parseStatState("7 (x)"), SchedState::Unknown);
    EXPECT_EQ(parseStatState(""), SchedState::Unknown);
}

TEST(ProgressWatch, TracerPidIsReadFromStatus)
{
    EXPECT_EQ(parseTracerPid("Name:\tx\nState:\tt (tracing stop)\nTracerPid:\t4321\nUid:\t0\n"), 4321);
    EXPECT_EQ(parseTracerPid("Name:\tx\nTracerPid:\t0\n"), 0);
    EXPECT_EQ(parseTracerPid("Name:\tx\n"), 0);
    EXPECT_EQ(parseTracerPid("Name:\tx\nTracerPid:\tgarbage\n"), 0);
}

TEST(ProgressWatch, HeldByARunningTracerIsProgressByAWaitingOneIsNot)
{
    // LeakSanitizer scans a sanitizer build's worker at exit from a clone
    // that ptrace-stops it: the worker is in a tracing stop but worked on.
    ProgressWatch w(kLimit);
    std::int64_t t = 0;
    w.restart(t);
    w.beginRunning();
    EXPECT_EQ(lookFor(w, t, 10 * kLimit,
                  [](std::int64_t) { return std::make_pair(std::int64_t(9), SchedState::Inspected); })
                  .first,
        Verdict::Fine);
    const auto [v, at] = lookFor(
        w, t, 10 * kLimit, [](std::int64_t) { return std::make_pair(std::int64_t(9), SchedState::Traced); });
    EXPECT_EQ(v, Verdict::Stopped);
}

// A child that spins, killed and reaped with the test.
pid_t spinningChild()
{
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        volatile std::uint64_t sink = 0;
        for (;;)
            sink = sink + 1;
    }
    return pid;
}

// A child that ptrace-attaches to `target`, then spins (a leak checker
// scanning it) or sleeps (a debugger waiting for its user).
pid_t tracerOf(pid_t target, bool spins)
{
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (ptrace(PTRACE_ATTACH, target, nullptr, nullptr) != 0)
            _exit(1);
        waitpid(target, nullptr, __WALL);
        volatile std::uint64_t sink = 0;
        for (;;) {
            if (spins)
                sink = sink + 1;
            else
                pause();
        }
    }
    return pid;
}

TEST(ProgressWatch, TheProbeTellsARunningTracerFromAWaitingOne)
{
    for (const bool spins : {true, false}) {
        const pid_t target = spinningChild();
        ASSERT_GT(target, 0);
        const ProcessProbe probe(target);
        const pid_t tracer = tracerOf(target, spins);
        ASSERT_GT(tracer, 0);
        const SchedState expected = spins ? SchedState::Inspected : SchedState::Stopped;
        SchedState state = SchedState::Unknown;
        for (int i = 0; i < 2000 && state != expected; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            state = probe.state();
        }
        EXPECT_EQ(state, expected) << (spins ? "a running tracer" : "a waiting tracer");
        for (const pid_t pid : {tracer, target}) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
    }
}

TEST(ProgressWatch, TheProbeSeesAStoppedChildAndItsCpuTime)
{
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        volatile std::uint64_t sink = 0;
        for (;;)
            sink = sink + 1;
    }
    ASSERT_GT(pid, 0);
    const ProcessProbe probe(pid);
    const std::int64_t cpu0 = probe.cpuNs();
    EXPECT_GE(cpu0, 0);
    std::int64_t cpu = cpu0;
    for (int i = 0; i < 2000 && cpu <= cpu0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        cpu = probe.cpuNs();
    }
    EXPECT_GT(cpu, cpu0) << "its CPU clock advances while it computes";
    EXPECT_NE(probe.state(), SchedState::Stopped);
    kill(pid, SIGSTOP);
    SchedState state = SchedState::Unknown;
    for (int i = 0; i < 2000 && state != SchedState::Stopped; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        state = probe.state();
    }
    EXPECT_EQ(state, SchedState::Stopped);
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    EXPECT_EQ(probe.cpuNs(), -1) << "a reaped child has no clock";
    EXPECT_EQ(probe.state(), SchedState::Unknown);
}
