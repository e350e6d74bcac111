#include "ui/chartdata.h"

#include <gtest/gtest.h>

using namespace overlap;
using engine::Event;
using engine::EventKind;

namespace {

Event ev(EventKind kind, std::int64_t tMs, int task, int step = -1, std::int64_t cpuMs = 0)
{
    Event e;
    e.kind = kind;
    e.tNs = tMs * 1'000'000;
    e.task = task;
    e.step = static_cast<std::int16_t>(step);
    e.attempt = 1;
    e.cpuNs = cpuMs * 1'000'000;
    return e;
}

engine::Plan plan()
{
    engine::Scenario s;
    s.tasks.push_back({"a", 2, {{engine::StepKind::Cpu, 20, {}}, {engine::StepKind::Io, 20, {}}}, {}, 0});
    return engine::Plan(s);
}

} // namespace

TEST(ChartData, TasksInProgressIsAStepFunction)
{
    ui::ChartData data(2);
    const engine::Plan p = plan();
    data.append({ev(EventKind::TaskStart, 0, 0), ev(EventKind::TaskStart, 10, 1)}, p);
    data.append({ev(EventKind::TaskEnd, 30, 0), ev(EventKind::TaskEnd, 40, 1)}, p);
    EXPECT_EQ(data.peakTasks(), 2);
    const auto points = data.tasksInProgress();
    ASSERT_GE(points.size(), 4u);
    EXPECT_DOUBLE_EQ(points.back().y(), 0);
    double maxY = 0;
    for (const QPointF& pt : points)
        maxY = std::max(maxY, pt.y());
    EXPECT_EQ(maxY, 2);
    EXPECT_DOUBLE_EQ(data.endSeconds(), 0.04);
}

TEST(ChartData, ManyChangesAreAveragedOverBinsOfEqualWidth)
{
    // Two tasks: task 0 runs 0–40 ms; task 1 starts and ends every ms
    // (in progress for the first half of each ms). Binned into 4 bins of
    // 10 ms, each bin averages 1 + 0.5 tasks.
    ui::ChartData data(2);
    const engine::Plan p = plan();
    std::vector<Event> batch{ev(EventKind::TaskStart, 0, 0)};
    for (int ms = 0; ms < 40; ++ms) {
        Event start = ev(EventKind::TaskStart, 0, 1);
        start.tNs = ms * 1'000'000LL;
        Event end = ev(EventKind::TaskEnd, 0, 1);
        end.tNs = ms * 1'000'000LL + 500'000;
        batch.push_back(start);
        batch.push_back(end);
    }
    batch.push_back(ev(EventKind::TaskEnd, 40, 0));
    data.append(batch, p);
    const auto exact = data.tasksInProgress(100'000);
    EXPECT_GT(exact.size(), 100u);
    const auto points = data.tasksInProgress(8);
    ASSERT_EQ(points.size(), 8u);
    for (std::size_t i = 0; i < points.size(); ++i) {
        EXPECT_NEAR(points[i].y(), 1.5, 1e-9) << i;
        EXPECT_NEAR(points[i].x(), 0.01 * static_cast<double>((i + 1) / 2), 1e-12) << i;
    }
}

TEST(ChartData, CpuIsTheTimeOnACoreWhereItHappened)
{
    ui::ChartData data(2);
    const engine::Plan p = plan();
    // Task 0's cpu step: on its core 0–10 ms, off it 10–20 ms (another
    // program had it): 50 % of two cores in the first 10 ms bin, 0 in the
    // second, not 25 % spread over both. Task 1's io step uses no CPU here.
    Event off = ev(EventKind::OffCpu, 10, 0, 0);
    off.cpuNs = 10'000'000;
    data.append({ev(EventKind::StepStart, 0, 0, 0), ev(EventKind::StepStart, 0, 1, 1), off}, p);
    data.append({ev(EventKind::StepEnd, 20, 0, 0, 10), ev(EventKind::StepEnd, 20, 1, 1, 5)}, p);
    const auto points = data.cpuUtilisation(1000);
    ASSERT_FALSE(points.empty());
    for (const QPointF& pt : points) {
        if (pt.x() < 0.01) {
            EXPECT_NEAR(pt.y(), 50.0, 1e-9) << pt.x();
        } else if (pt.x() > 0.01 && pt.x() < 0.02) {
            EXPECT_NEAR(pt.y(), 0.0, 1e-9) << pt.x();
        }
    }
}

TEST(ChartData, AGilHandedAwayIsNotCpu)
{
    ui::ChartData data(2);
    const engine::Plan p = plan();
    // Computes 0–5 ms, gives the GIL away, takes it back at 10 ms, ends at 20 ms: 15 ms on a core.
    data.append({ev(EventKind::StepStart, 0, 0, 0), ev(EventKind::GilRelease, 5, 0, 0),
                    ev(EventKind::GilAcquire, 10, 0, 0), ev(EventKind::StepEnd, 20, 0, 0, 15)},
        p);
    const auto points = data.cpuUtilisation(1000);
    ASSERT_FALSE(points.empty());
    EXPECT_NEAR(points.front().y(), 25.0, 1e-9); // 5 of 10 ms on one of two cores
}

TEST(ChartData, RunningCpuStepCountsAsOneBusyCore)
{
    ui::ChartData data(4);
    const engine::Plan p = plan();
    data.append({ev(EventKind::StepStart, 0, 0, 0), ev(EventKind::TaskStart, 30, 1)}, p);
    const auto points = data.cpuUtilisation(1000);
    ASSERT_FALSE(points.empty());
    EXPECT_NEAR(points.front().y(), 25.0, 1e-9);
}

TEST(ChartData, UnderTheGilRunningStepsShareOneCore)
{
    ui::ChartData data(2, true);
    const engine::Plan p = plan();
    // Two cpu steps in progress; only one can compute at a time: 50 % of two cores, not 100 %.
    data.append({ev(EventKind::StepStart, 0, 0, 0), ev(EventKind::StepStart, 0, 1, 0),
                    ev(EventKind::TaskStart, 30, 1)},
        p);
    const auto points = data.cpuUtilisation(1000);
    ASSERT_FALSE(points.empty());
    EXPECT_NEAR(points.front().y(), 50.0, 1e-9);
}
