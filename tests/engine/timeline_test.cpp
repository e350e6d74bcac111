#include "engine/timeline.h"
#include "eventbuilder.h"
#include "testutil.h"

#include <gtest/gtest.h>

using namespace overlap::engine;
using overlap::testing::EventBuilder;
using overlap::testutil::cpu;
using overlap::testutil::io;
using overlap::testutil::runUntil;
using overlap::testutil::scenario;
using overlap::testutil::task;
using K = EventKind;

namespace {

constexpr std::int64_t ms(double v)
{
    return static_cast<std::int64_t>(v * 1e6);
}

std::shared_ptr<const Plan> makePlan(Scenario s)
{
    return std::make_shared<const Plan>(std::move(s));
}

const TimelineLane& taskLane(const Timeline& t, int task)
{
    return t.lanes(Grouping::Task)[static_cast<std::size_t>(t.laneIndex(Grouping::Task, task))];
}

} // namespace

TEST(TimelineLane, FindsLongSegmentsThatBeganBeforeTheRange)
{
    TimelineLane lane;
    Segment s;
    s.startNs = 0;
    s.endNs = 1000; // long, starts off-screen
    lane.add(s);
    for (int i = 1; i < 10; ++i) {
        s.startNs = i * 10;
        s.endNs = i * 10 + 5;
        lane.add(s);
    }
    // [500, 600]: only the long first one overlaps.
    EXPECT_EQ(lane.firstVisible(500), 0u);
    EXPECT_EQ(lane.lastVisible(600), 10u);

    TimelineLane shortOnly;
    for (int i = 0; i < 10; ++i) {
        s.startNs = i * 10;
        s.endNs = i * 10 + 5;
        shortOnly.add(s);
    }
    EXPECT_EQ(shortOnly.firstVisible(52), 5u); // [50,55] ends at 55 ≥ 52
    EXPECT_EQ(shortOnly.firstVisible(56), 6u); // the next that could overlap starts at 60
    EXPECT_EQ(shortOnly.lastVisible(59), 6u);
    EXPECT_EQ(shortOnly.lastVisible(60), 7u);
    // The galloping search agrees with the binary one from any start.
    for (std::size_t from = 0; from <= 10; ++from) {
        for (std::int64_t t = -5; t < 110; t += 3) {
            const std::size_t expected = std::max(from, shortOnly.lastVisible(t));
            EXPECT_EQ(shortOnly.lastVisibleFrom(from, t), expected) << from << " " << t;
        }
    }
}

TEST(TimelineLane, LateArrivalsAreInsertedInOrder)
{
    TimelineLane lane;
    Segment s;
    for (int start : {0, 20, 10, 30, 5}) {
        s.startNs = start;
        s.endNs = start + (start == 5 ? 100 : 2);
        lane.add(s);
    }
    ASSERT_EQ(lane.size(), 5u);
    for (std::size_t i = 1; i < lane.size(); ++i)
        EXPECT_LE(lane[i - 1].startNs, lane[i].startNs);
    EXPECT_EQ(lane.lastEnd(), 105);
    // The late [5,105] must be found from t = 90.
    EXPECT_LE(lane.firstVisible(90), 1u);
}

TEST(Timeline, IoAndCpuStepsBecomeWaitingAndRunning)
{
    Timeline t(makePlan(scenario(Model::Threads, 1, {task("a", 1, {io(10), cpu(5)})})));
    const auto events = EventBuilder()
                            .add(K::TaskStart, 0, 0, 0, 1)
                            .add(K::StepStart, 0, 0, 0, 1, 0)
                            .add(K::StepEnd, 10, 0, 0, 1, 0)
                            .add(K::StepStart, 10, 0, 0, 1, 1)
                            .add(K::StepEnd, 15, 0, 0, 1, 1, 0, ms(5))
                            .add(K::TaskEnd, 15, 0, 0, 1)
                            .build();
    t.append(events);
    const TimelineLane& lane = taskLane(t, 0);
    ASSERT_EQ(lane.size(), 2u);
    EXPECT_EQ(lane[0].state, SegmentState::WaitingIo);
    EXPECT_EQ(lane[0].startNs, 0);
    EXPECT_EQ(lane[0].endNs, ms(10));
    EXPECT_EQ(lane[1].state, SegmentState::Running);
    EXPECT_EQ(lane[1].cpuNs, ms(5));
    EXPECT_EQ(lane[1].endNs, ms(15));
    // Core lanes hold running segments only.
    ASSERT_EQ(t.lanes(Grouping::Core).size(), 1u);
    EXPECT_EQ(t.lanes(Grouping::Core)[0].size(), 1u);
    EXPECT_TRUE(t.openSegments(Grouping::Task).empty());
}

TEST(Timeline, LateWakeUpShowsAsReady)
{
    Timeline t(makePlan(scenario(Model::Fibers, 0, {task("a", 1, {io(10)})})));
    t.append(EventBuilder()
                 .add(K::TaskStart, 0, 0, 0, 1)
                 .add(K::StepStart, 0, 0, 0, 1, 0)
                 .add(K::StepEnd, 14, 0, 0, 1, 0) // resumed 4 ms late
                 .add(K::TaskEnd, 14, 0, 0, 1)
                 .build());
    const TimelineLane& lane = taskLane(t, 0);
    ASSERT_EQ(lane.size(), 2u);
    EXPECT_EQ(lane[0].state, SegmentState::WaitingIo);
    EXPECT_EQ(lane[0].endNs, ms(10));
    EXPECT_EQ(lane[1].state, SegmentState::Ready);
    EXPECT_EQ(lane[1].endNs, ms(14));
}

// A cpu step is drawn running and ready where the off-core tracker saw it,
// on the core it ran on each time; CPU time alone places nothing.
TEST(Timeline, OffCoreIntervalsSplitAComputationWhereTheyHappened)
{
    Timeline t(makePlan(scenario(Model::Threads, 1, {task("a", 1, {cpu(5)})})));
    Event off = EventBuilder().add(K::OffCpu, 2, 0, 0, 1, 0, 0, ms(3)).build().front();
    off.core = 1;
    Event moved = EventBuilder().add(K::OffCpu, 6, 0, 0, 1, 0, 0, 0).build().front();
    moved.core = 0;
    std::vector<Event> events
        = EventBuilder().add(K::TaskStart, 0, 0, 0, 1).add(K::StepStart, 0, 0, 0, 1, 0).build();
    events.push_back(off);
    events.push_back(moved);
    const auto end
        = EventBuilder().add(K::StepEnd, 7, 0, 0, 1, 0, 0, ms(4)).add(K::TaskEnd, 7, 0, 0, 1).build();
    events.insert(events.end(), end.begin(), end.end());
    t.append(events);
    t.finish();

    const TimelineLane& lane = taskLane(t, 0);
    ASSERT_EQ(lane.size(), 4u);
    EXPECT_EQ(lane[0].state, SegmentState::Running);
    EXPECT_EQ(lane[0].endNs, ms(2));
    EXPECT_EQ(lane[0].core, 0);
    EXPECT_EQ(lane[1].state, SegmentState::Ready);
    EXPECT_EQ(lane[1].startNs, ms(2));
    EXPECT_EQ(lane[1].endNs, ms(5));
    EXPECT_EQ(lane[2].state, SegmentState::Running);
    EXPECT_EQ(lane[2].startNs, ms(5));
    EXPECT_EQ(lane[2].endNs, ms(6));
    EXPECT_EQ(lane[2].core, 1);
    EXPECT_EQ(lane[3].state, SegmentState::Running);
    EXPECT_EQ(lane[3].endNs, ms(7));
    EXPECT_EQ(lane[3].core, 0);
    EXPECT_EQ(lane[3].cpuNs, ms(4)); // the step's CPU time, on its last segment

    // The core lanes hold each running piece on its own core.
    const int core0 = t.laneIndex(Grouping::Core, 0);
    const int core1 = t.laneIndex(Grouping::Core, 1);
    ASSERT_GE(core0, 0);
    ASSERT_GE(core1, 0);
    EXPECT_EQ(t.lanes(Grouping::Core)[std::size_t(core0)].size(), 2u);
    EXPECT_EQ(t.lanes(Grouping::Core)[std::size_t(core1)].size(), 1u);
}

// A dropped GIL mid-computation is a wait for it, not running.
TEST(Timeline, AGilDroppedInsideAComputationIsAWaitForIt)
{
    Scenario s = scenario(Model::Threads, 2, {task("a", 1, {cpu(10)})});
    s.run.gil = true;
    Timeline t(makePlan(s));
    t.append(EventBuilder()
                 .add(K::GilAcquire, 0, 0, 0, 1)
                 .add(K::TaskStart, 0, 0, 0, 1)
                 .add(K::StepStart, 0, 0, 0, 1, 0)
                 .add(K::GilRelease, 5, 0, 0, 1, 0)
                 .add(K::GilWait, 6, 0, 0, 1, 0)
                 .add(K::GilAcquire, 9, 0, 0, 1, 0)
                 .add(K::StepEnd, 14, 0, 0, 1, 0)
                 .add(K::TaskEnd, 14, 0, 0, 1)
                 .build());
    t.finish();
    const TimelineLane& lane = taskLane(t, 0);
    ASSERT_EQ(lane.size(), 3u);
    EXPECT_EQ(lane[0].state, SegmentState::Running);
    EXPECT_EQ(lane[0].endNs, ms(5));
    EXPECT_EQ(lane[1].state, SegmentState::WaitingGil);
    EXPECT_EQ(lane[1].startNs, ms(5));
    EXPECT_EQ(lane[1].endNs, ms(9));
    EXPECT_EQ(lane[2].state, SegmentState::Running);
}

TEST(Timeline, OpenSegmentsGrowWithNowAndCloseLater)
{
    Timeline t(makePlan(scenario(Model::Threads, 1, {task("a", 1, {io(100)})})));
    t.append(EventBuilder().add(K::TaskStart, 0, 0, 0, 1).add(K::StepStart, 1, 0, 0, 1, 0).build());
    const std::uint64_t rev = t.revision();
    t.setNow(ms(30));
    EXPECT_GT(t.revision(), rev);
    auto open = t.openSegments(Grouping::Task);
    ASSERT_EQ(open.size(), 1u);
    EXPECT_EQ(open[0].segment.startNs, ms(1));
    EXPECT_EQ(open[0].segment.endNs, ms(30));
    EXPECT_EQ(open[0].segment.state, SegmentState::WaitingIo);
    EXPECT_EQ(taskLane(t, 0).size(), 0u);

    t.setNow(ms(20)); // never backwards
    EXPECT_EQ(t.openSegments(Grouping::Task)[0].segment.endNs, ms(30));

    t.append(EventBuilder().add(K::StepEnd, 101, 0, 0, 1, 0).add(K::TaskEnd, 101, 0, 0, 1).build());
    EXPECT_TRUE(t.openSegments(Grouping::Task).empty());
    EXPECT_EQ(taskLane(t, 0).size(), 1u);
}

TEST(Timeline, FinishClosesWhatIsStillOpen)
{
    Timeline t(makePlan(scenario(Model::Threads, 1, {task("a", 1, {io(100)})})));
    t.append(EventBuilder()
                 .add(K::TaskStart, 0, 0, 0, 1)
                 .add(K::StepStart, 0, 0, 0, 1, 0)
                 .add(K::TaskFail, 40, 0, 0, 1, 0, static_cast<int>(FailReason::Cancelled))
                 .build());
    t.setNow(ms(500));
    t.finish();
    EXPECT_EQ(t.endNs(), ms(40));
    const TimelineLane& lane = taskLane(t, 0);
    ASSERT_EQ(lane.size(), 2u);
    EXPECT_EQ(lane[0].endNs, ms(40));
    EXPECT_EQ(lane[1].state, SegmentState::Failed);
    EXPECT_EQ(lane[1].detail, static_cast<int>(FailReason::Cancelled));
}

TEST(Timeline, RetryBackoffRateWaitAndStartup)
{
    Timeline t(makePlan(scenario(Model::Threads, 1, {task("a", 1, {io(1)})})));
    t.append(EventBuilder()
                 .add(K::WorkerStart, 0, -1, 0)
                 .add(K::WorkerReady, 2, -1, 0)
                 .add(K::RateWait, 2, 0, 0, 1)
                 .add(K::TaskStart, 5, 0, 0, 1)
                 .add(K::StepStart, 5, 0, 0, 1, 0)
                 .add(K::StepEnd, 6, 0, 0, 1, 0)
                 .add(K::TaskFail, 6, 0, 0, 1, -1, 0)
                 .add(K::RetryBackoff, 6, 0, 0, 1, -1, 0, ms(10))
                 .add(K::TaskStart, 16, 0, 0, 2)
                 .add(K::StepStart, 16, 0, 0, 2, 0)
                 .add(K::StepEnd, 17, 0, 0, 2, 0)
                 .add(K::TaskEnd, 17, 0, 0, 2)
                 .build());
    std::vector<SegmentState> states;
    for (const Segment& s : taskLane(t, 0).segments())
        states.push_back(s.state);
    EXPECT_EQ(states,
        (std::vector<SegmentState>{SegmentState::RateWait, SegmentState::WaitingIo, SegmentState::Failed,
            SegmentState::Backoff, SegmentState::WaitingIo}));
    // The worker lane also has the start-up.
    const TimelineLane& worker = t.lanes(Grouping::Worker)[0];
    ASSERT_EQ(worker.size(), 6u);
    EXPECT_EQ(worker[0].state, SegmentState::Startup);
    EXPECT_EQ(worker[0].endNs, ms(2));
}

TEST(Timeline, LockHandOffGoesFromReleaseToTheWaiter)
{
    Timeline t(makePlan(scenario(Model::Threads, 2, {task("a", 2, {cpu(10, "cache")})})));
    t.append(EventBuilder()
                 .add(K::TaskStart, 0, 0, 0, 1)
                 .add(K::LockAcquire, 0, 0, 0, 1, 0, 0)
                 .add(K::StepStart, 0, 0, 0, 1, 0)
                 .add(K::TaskStart, 1, 1, 1, 1)
                 .add(K::LockWait, 1, 1, 1, 1, 0, 0)
                 .add(K::StepEnd, 10, 0, 0, 1, 0, 0, ms(10))
                 .add(K::LockRelease, 10, 0, 0, 1, 0, 0)
                 .add(K::TaskEnd, 10, 0, 0, 1)
                 .add(K::LockAcquire, 10.1, 1, 1, 1, 0, 0)
                 .add(K::StepStart, 10.1, 1, 1, 1, 0)
                 .add(K::StepEnd, 20, 1, 1, 1, 0, 0, ms(9.9))
                 .add(K::LockRelease, 20, 1, 1, 1, 0, 0)
                 .build());
    ASSERT_EQ(t.handOffs().size(), 1u);
    const HandOff& h = t.handOffs()[0];
    EXPECT_EQ(h.kind, HandOffKind::Lock);
    EXPECT_EQ(h.fromTask, 0);
    EXPECT_EQ(h.toTask, 1);
    EXPECT_EQ(h.fromNs, ms(10));
    EXPECT_EQ(h.toNs, ms(10.1));
    const auto arrows = t.arrows(Grouping::Worker);
    ASSERT_EQ(arrows.size(), 1u);
    EXPECT_EQ(arrows[0].fromLane, t.laneIndex(Grouping::Worker, 0));
    EXPECT_EQ(arrows[0].toLane, t.laneIndex(Grouping::Worker, 1));
    const TimelineLane& waiter = taskLane(t, 1);
    ASSERT_EQ(waiter.size(), 2u);
    EXPECT_EQ(waiter[0].state, SegmentState::WaitingLock);
    EXPECT_EQ(waiter[0].endNs, ms(10.1));
}

TEST(Timeline, GilLaneHasOneHolderAtATimeAndSplitsCpuSteps)
{
    auto s = scenario(Model::Threads, 2, {task("a", 2, {cpu(10)})});
    s.run.gil = true;
    Timeline t(makePlan(s));
    EXPECT_TRUE(t.hasGil());
    t.append(EventBuilder()
                 .add(K::GilAcquire, 0, 0, 0, 1)
                 .add(K::TaskStart, 0, 0, 0, 1)
                 .add(K::StepStart, 0, 0, 0, 1, 0)
                 .add(K::GilWait, 0, 1, 1, 1)
                 .add(K::GilRelease, 5, 0, 0, 1, 0)
                 .add(K::GilAcquire, 5, 1, 1, 1)
                 .add(K::GilWait, 5, 0, 0, 1, 0)
                 .add(K::TaskStart, 5, 1, 1, 1)
                 .add(K::StepStart, 5, 1, 1, 1, 0)
                 .add(K::StepEnd, 15, 1, 1, 1, 0, 0, ms(10))
                 .add(K::TaskEnd, 15, 1, 1, 1)
                 .add(K::GilRelease, 15, 1, 1, 1)
                 .add(K::GilAcquire, 15, 0, 0, 1, 0)
                 .add(K::StepEnd, 20, 0, 0, 1, 0, 0, ms(10))
                 .add(K::TaskEnd, 20, 0, 0, 1)
                 .add(K::GilRelease, 20, 0, 0, 1)
                 .build());
    const TimelineLane& gil = t.gilLane();
    ASSERT_EQ(gil.size(), 3u);
    for (std::size_t i = 1; i < gil.size(); ++i)
        EXPECT_LE(gil[i - 1].endNs, gil[i].startNs);
    EXPECT_EQ(gil[1].task, 1);
    ASSERT_EQ(t.handOffs().size(), 2u);
    EXPECT_EQ(t.handOffs()[0].fromTask, 0);
    EXPECT_EQ(t.handOffs()[0].toTask, 1);
    EXPECT_EQ(t.handOffs()[1].toTask, 0);

    std::vector<SegmentState> states;
    for (const Segment& seg : taskLane(t, 0).segments())
        states.push_back(seg.state);
    EXPECT_EQ(states,
        (std::vector<SegmentState>{SegmentState::Running, SegmentState::WaitingGil, SegmentState::Running}));
}

TEST(Timeline, RangeStatsCountTasksInProgress)
{
    Timeline t(makePlan(scenario(Model::Threads, 2, {task("a", 2, {io(10)})})));
    t.append(EventBuilder().task(0, 0, 0, 10).task(1, 1, 5, 15).build());
    const RangeStats st = t.stats(Grouping::Task, 0, ms(20));
    EXPECT_EQ(st.durationNs, ms(20));
    EXPECT_EQ(st.busyNs, ms(20));
    EXPECT_DOUBLE_EQ(st.concurrency, 1.0);
    EXPECT_DOUBLE_EQ(st.parallelism, 0.0); // waiting is not computing
    ASSERT_EQ(st.laneBusy.size(), 2u);
    EXPECT_DOUBLE_EQ(st.laneBusy[0], 0.5);
    const RangeStats mid = t.stats(Grouping::Worker, ms(5), ms(10));
    EXPECT_DOUBLE_EQ(mid.concurrency, 2.0);
}

// Parallelism counts what was drawn running: a computation that was off its
// core half the time is half a core.
TEST(Timeline, RangeStatsParallelismIsTimeOnACore)
{
    Timeline t(makePlan(scenario(Model::Threads, 2, {task("a", 2, {cpu(10)})})));
    t.append(EventBuilder()
                 .add(K::TaskStart, 0, 0, 0, 1)
                 .add(K::StepStart, 0, 0, 0, 1, 0)
                 .add(K::OffCpu, 5, 0, 0, 1, 0, 0, ms(5))
                 .add(K::StepEnd, 10, 0, 0, 1, 0, 0, ms(5))
                 .add(K::TaskEnd, 10, 0, 0, 1)
                 .task(1, 1, 0, 10, 10)
                 .build());
    t.finish();
    const RangeStats st = t.stats(Grouping::Task, 0, ms(10));
    EXPECT_DOUBLE_EQ(st.concurrency, 2.0);
    EXPECT_EQ(st.runningNs, ms(15));
    EXPECT_DOUBLE_EQ(st.parallelism, 1.5);
    EXPECT_TRUE(st.hasRunning);
}

TEST(Timeline, RealCacheLockRunHandsTheLockOn)
{
    auto plan = makePlan(scenario(Model::Threads, 0, {task("w", 4, {cpu(5, "cache"), io(5)})}));
    const RunOutput out
        = runUntil(*plan, [](const RunOutput& o) { return overlap::testutil::count(o, K::LockWait) > 0; });
    Timeline t(plan);
    t.append(out.events);
    t.finish();
    EXPECT_EQ(t.lanes(Grouping::Task).size(), 4u);
    EXPECT_EQ(t.lanes(Grouping::Worker).size(), 4u);
    int running = 0;
    for (const TimelineLane& lane : t.lanes(Grouping::Task)) {
        for (const Segment& s : lane.segments())
            running += s.state == SegmentState::Running;
    }
    EXPECT_GE(running, 4);
    // Four holders one after another: at least the waiters got it handed on.
    int lockHandOffs = 0;
    for (const HandOff& h : t.handOffs()) {
        lockHandOffs += h.kind == HandOffKind::Lock;
        EXPECT_LE(h.fromNs, h.toNs);
        EXPECT_NE(h.fromTask, h.toTask);
    }
    EXPECT_GE(lockHandOffs, 1);
    EXPECT_TRUE(t.openSegments(Grouping::Task).empty());
}

TEST(Timeline, RealGilRunFillsTheGilLane)
{
    auto s = scenario(Model::Threads, 2, {task("crunch", 2, {cpu(40)})});
    s.run.gil = true;
    auto plan = makePlan(s);
    const RunOutput out
        = runUntil(*plan, [](const RunOutput& o) { return overlap::testutil::count(o, K::GilWait) > 0; });
    Timeline t(plan);
    // Streamed in uneven batches, as the GUI would.
    for (std::size_t i = 0; i < out.events.size(); i += 7)
        t.append(std::span(out.events).subspan(i, std::min<std::size_t>(7, out.events.size() - i)));
    t.finish();
    ASSERT_TRUE(t.hasGil());
    ASSERT_GE(t.gilLane().size(), 2u);
    for (std::size_t i = 1; i < t.gilLane().size(); ++i)
        EXPECT_LE(t.gilLane()[i - 1].endNs, t.gilLane()[i].startNs);
    bool gilHandOff = false;
    for (const HandOff& h : t.handOffs())
        gilHandOff |= h.kind == HandOffKind::Gil && h.fromTask != h.toTask;
    EXPECT_TRUE(gilHandOff);
}
