#include "../engine/eventbuilder.h"
#include "../engine/testutil.h"
#include "engine/scenarioio.h"
#include "ui/ganttcolors.h"
#include "ui/ganttview.h"
#include "ui/zoomcontrol.h"

#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QSignalSpy>
#include <QWheelEvent>
#include <gtest/gtest.h>

using namespace overlap;
using engine::EventKind;
using engine::SegmentState;
using overlap::testing::EventBuilder;
using overlap::ui::GanttColors;
using overlap::ui::GanttView;
using K = EventKind;

namespace {

constexpr std::int64_t ms(double v)
{
    return static_cast<std::int64_t>(v * 1e6);
}

// Task "io" waits 10 ms on worker 0; task "cpu" computes from 20 to 30 ms on worker 1.
engine::Plan ioThenCpuPlan()
{
    using namespace overlap::testutil;
    return engine::Plan(
        scenario(engine::Model::Threads, 2, {task("io", 1, {io(10)}), task("cpu", 1, {cpu(10)})}));
}

std::vector<engine::Event> ioThenCpuEvents()
{
    return EventBuilder().task(0, 0, 0, 10).task(1, 1, 20, 30, 10).build();
}

void finish(GanttView& view, const std::vector<engine::Event>& events)
{
    engine::RunOutput out;
    out.events = events;
    view.finishRun(out);
}

QImage render(const GanttView& view)
{
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    QPainter p(&image);
    view.paintFrame(p, view.size());
    return image;
}

int rowCentre(const GanttView& view, int row)
{
    return view.currentLayout().lanes.top() + row * 20 + 10;
}

} // namespace

TEST(GanttViewRender, ColoursAtKnownPixels)
{
    GanttView view;
    view.resize(800, 300);
    view.startRun(ioThenCpuPlan());
    finish(view, ioThenCpuEvents());
    view.zoomToFit();
    ASSERT_EQ(view.laneCount(), 2);
    EXPECT_EQ(view.laneName(0), QStringLiteral("io"));
    const QImage image = render(view);

    const auto pixel = [&](double tMs, int row) {
        return image.pixelColor(static_cast<int>(std::lround(view.xAt(ms(tMs)))), rowCentre(view, row));
    };
    EXPECT_EQ(pixel(5, 0), GanttColors::color(SegmentState::WaitingIo));
    EXPECT_EQ(pixel(25, 1), GanttColors::color(SegmentState::Running));
    EXPECT_EQ(pixel(17.3, 0), GanttColors::background()); // the io task is done: a gap (off the grid lines)
    EXPECT_EQ(pixel(3.3, 1), GanttColors::alternateRow()); // the cpu task has not started
}

TEST(GanttViewRender, LiveBarsGrowToNowAndTheNowLineIsDrawn)
{
    GanttView view;
    view.resize(800, 300);
    view.startRun(ioThenCpuPlan());
    view.appendEvents(EventBuilder()
                          .add(K::TaskStart, 0, 0, 0, 1)
                          .add(K::StepStart, 0, 0, 0, 1, 0)
                          .add(K::TaskStart, 40, 1, 1, 1)
                          .build());
    ASSERT_TRUE(view.isLive());
    EXPECT_EQ(view.timeline()->openSegments(engine::Grouping::Task).size(), 1u);
    const QImage image = render(view);
    // The io step is still open at 40 ms: its bar reaches past its nominal 10 ms.
    const int y = rowCentre(view, 0);
    EXPECT_EQ(
        image.pixelColor(static_cast<int>(view.xAt(ms(30))), y), GanttColors::color(SegmentState::WaitingIo));
    bool nowLine = false;
    const int lastX = view.currentLayout().lanes.right();
    for (int x = lastX - 3; x <= lastX; ++x)
        nowLine |= image.pixelColor(x, rowCentre(view, 1)) == GanttColors::nowLine();
    EXPECT_TRUE(nowLine);
}

TEST(GanttViewZoom, WheelZoomKeepsTheTimeUnderTheCursor)
{
    GanttView view;
    view.resize(800, 300);
    view.startRun(ioThenCpuPlan());
    finish(view, ioThenCpuEvents());
    view.zoomToFit();
    const std::int64_t spanBefore = view.zoomControl()->visibleSpan();
    const QPointF pos(500, rowCentre(view, 0));
    const std::int64_t before = view.timeAt(pos.x());
    QWheelEvent wheel(pos, view.mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&view, &wheel);
    EXPECT_LT(view.zoomControl()->visibleSpan(), spanBefore);
    const double nsPerPx = double(view.zoomControl()->visibleSpan()) / view.currentLayout().lanes.width();
    EXPECT_NEAR(double(view.timeAt(pos.x())), double(before), nsPerPx);

    // And back out, around another point.
    const std::int64_t at300 = view.timeAt(300);
    view.zoomAt(1.25, 300);
    EXPECT_NEAR(double(view.timeAt(300)), double(at300), 2 * nsPerPx);
}

TEST(GanttViewZoom, DragPansWithTheContent)
{
    GanttView view;
    view.resize(800, 300);
    view.startRun(ioThenCpuPlan());
    finish(view, ioThenCpuEvents());
    view.zoomAt(0.25, 400);
    const std::int64_t startBefore = view.zoomControl()->visibleStart();
    const int y = rowCentre(view, 0);
    const std::int64_t timeAt500 = view.timeAt(500);
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(500, y), view.mapToGlobal(QPointF(500, y)),
        Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QMouseEvent move(QEvent::MouseMove, QPointF(400, y), view.mapToGlobal(QPointF(400, y)), Qt::NoButton,
        Qt::LeftButton, Qt::NoModifier);
    QMouseEvent release(QEvent::MouseButtonRelease, QPointF(400, y), view.mapToGlobal(QPointF(400, y)),
        Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&view, &press);
    QCoreApplication::sendEvent(&view, &move);
    QCoreApplication::sendEvent(&view, &release);
    EXPECT_GT(view.zoomControl()->visibleStart(), startBefore);
    // What was under x = 500 is now under x = 400.
    const double nsPerPx = double(view.zoomControl()->visibleSpan()) / view.currentLayout().lanes.width();
    EXPECT_NEAR(double(view.timeAt(400)), double(timeAt500), nsPerPx);
}

TEST(GanttViewZoom, KeysZoomPanAndFit)
{
    GanttView view;
    view.resize(800, 300);
    view.startRun(ioThenCpuPlan());
    finish(view, ioThenCpuEvents());
    const std::int64_t full = view.zoomControl()->visibleSpan();
    QKeyEvent w(QEvent::KeyPress, Qt::Key_W, Qt::NoModifier, QStringLiteral("w"));
    QCoreApplication::sendEvent(&view, &w);
    EXPECT_LT(view.zoomControl()->visibleSpan(), full);
    const std::int64_t start = view.zoomControl()->visibleStart();
    QKeyEvent d(QEvent::KeyPress, Qt::Key_D, Qt::NoModifier, QStringLiteral("d"));
    QCoreApplication::sendEvent(&view, &d);
    EXPECT_GT(view.zoomControl()->visibleStart(), start);
    QKeyEvent f(QEvent::KeyPress, Qt::Key_F, Qt::NoModifier, QStringLiteral("f"));
    QCoreApplication::sendEvent(&view, &f);
    EXPECT_EQ(view.zoomControl()->visibleSpan(), full);
    EXPECT_EQ(view.zoomControl()->visibleStart(), 0);
}

TEST(GanttViewFollow, UserZoomTurnsFollowOffAndItCanBeTurnedBackOn)
{
    GanttView view;
    view.resize(800, 300);
    view.startRun(ioThenCpuPlan());
    QSignalSpy spy(&view, &GanttView::followNowChanged);
    view.appendEvents(EventBuilder().add(K::TaskStart, 0, 0, 0, 1).add(K::StepStart, 0, 0, 0, 1, 0).build());
    EXPECT_TRUE(view.followNow());
    view.zoomAt(0.5, 300);
    EXPECT_FALSE(view.followNow());
    ASSERT_EQ(spy.count(), 1);
    EXPECT_FALSE(spy.at(0).at(0).toBool());

    // Not following: new events do not move the view.
    const std::int64_t start = view.zoomControl()->visibleStart();
    view.appendEvents(EventBuilder().add(K::TaskStart, 500, 1, 1, 1).build());
    EXPECT_EQ(view.zoomControl()->visibleStart(), start);

    view.setFollowNow(true);
    ASSERT_EQ(spy.count(), 2);
    EXPECT_TRUE(spy.at(1).at(0).toBool());
    view.appendEvents(EventBuilder().add(K::StepStart, 900, 1, 1, 1, 0).build());
    EXPECT_EQ(view.zoomControl()->visibleEnd(), view.timeline()->endNs());
}

TEST(GanttViewLanes, ModeSwitchChangesLaneCount)
{
    using namespace overlap::testutil;
    GanttView view;
    view.resize(800, 400);
    view.startRun(engine::Plan(scenario(engine::Model::Threads, 2, {task("t", 4, {io(10)})})));
    // Four tasks on two workers; the builder puts worker n on core n.
    finish(view,
        EventBuilder().task(0, 0, 0, 10).task(1, 1, 0, 10).task(2, 0, 10, 20).task(3, 1, 10, 20).build());
    EXPECT_EQ(view.laneCount(), 4);
    view.setLaneMode(GanttView::LaneMode::Worker);
    EXPECT_EQ(view.laneCount(), 2);
    EXPECT_EQ(view.laneName(1), QStringLiteral("thread 2"));
    view.setLaneMode(GanttView::LaneMode::Core);
    EXPECT_EQ(view.laneCount(), 0); // io only: nothing ran on a core
    view.setLaneMode(GanttView::LaneMode::Task);
    EXPECT_EQ(view.laneCount(), 4);
}

TEST(GanttViewHitTest, TooltipOfASegmentAndOfAFoldedRun)
{
    using namespace overlap::testutil;
    // Task 0 does 1000 io steps of 1 µs in the first 2 ms; task 1 computes for 100 ms.
    std::vector<engine::Step> steps(1000, io(0.001));
    GanttView view;
    view.resize(800, 300);
    view.startRun(engine::Plan(
        scenario(engine::Model::Threads, 2, {task("tiny", 1, steps), task("long", 1, {cpu(100)})})));
    EventBuilder b;
    b.add(K::TaskStart, 0, 0, 0, 1);
    for (int i = 0; i < 1000; ++i) {
        b.add(K::StepStart, i * 0.002, 0, 0, 1, i);
        b.add(K::StepEnd, i * 0.002 + 0.001, 0, 0, 1, i);
    }
    b.add(K::TaskEnd, 2, 0, 0, 1);
    b.task(1, 1, 0, 100, 100);
    finish(view, b.build());
    view.zoomToFit();

    // 2 ms of 100 ms on ~630 px is about 12 px: one folded bar.
    const int y0 = rowCentre(view, 0);
    const auto folded = view.segmentAt(QPoint(static_cast<int>(view.xAt(ms(1))), y0));
    ASSERT_TRUE(folded.has_value());
    EXPECT_EQ(folded->count, 1000u);
    EXPECT_TRUE(view.toolTipFor(*folded).contains(QStringLiteral("1000 segments")));

    const auto single = view.segmentAt(QPoint(static_cast<int>(view.xAt(ms(50))), rowCentre(view, 1)));
    ASSERT_TRUE(single.has_value());
    EXPECT_EQ(single->count, 1u);
    EXPECT_EQ(single->state, SegmentState::Running);
    const QString tip = view.toolTipFor(*single);
    EXPECT_TRUE(tip.contains(QStringLiteral("long"))) << tip.toStdString();
    EXPECT_TRUE(tip.contains(QStringLiteral("cpu 100 ms"))) << tip.toStdString();

    // Zoomed in far enough, the first step is a segment of its own.
    view.zoomControl()->setVisible(0, ms(0.01));
    const auto first = view.segmentAt(QPoint(static_cast<int>(view.xAt(ms(0.0005))), y0));
    ASSERT_TRUE(first.has_value());
    EXPECT_EQ(first->count, 1u);
    EXPECT_EQ(first->step, 0);
}

TEST(GanttViewSelection, RulerDragSelectsARangeWithStatistics)
{
    GanttView view;
    view.resize(800, 300);
    view.startRun(ioThenCpuPlan());
    finish(view, ioThenCpuEvents());
    view.zoomToFit();
    const int y = view.currentLayout().ruler.center().y();
    const double x0 = view.xAt(0);
    const double x1 = view.xAt(ms(15));
    QMouseEvent press(QEvent::MouseButtonPress, QPointF(x0, y), view.mapToGlobal(QPointF(x0, y)),
        Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QMouseEvent move(QEvent::MouseMove, QPointF(x1, y), view.mapToGlobal(QPointF(x1, y)), Qt::NoButton,
        Qt::LeftButton, Qt::NoModifier);
    QMouseEvent release(QEvent::MouseButtonRelease, QPointF(x1, y), view.mapToGlobal(QPointF(x1, y)),
        Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&view, &press);
    QCoreApplication::sendEvent(&view, &move);
    QCoreApplication::sendEvent(&view, &release);
    ASSERT_TRUE(view.zoomControl()->hasSelection());
    const double nsPerPx = double(view.zoomControl()->visibleSpan()) / view.currentLayout().lanes.width();
    EXPECT_NEAR(double(view.zoomControl()->selectionEnd()), double(ms(15)), nsPerPx);
    const auto stats = view.timeline()->stats(
        engine::Grouping::Task, view.zoomControl()->selectionStart(), view.zoomControl()->selectionEnd());
    // Only the io task was busy, for 10 of ~15 ms.
    EXPECT_NEAR(stats.concurrency, 10.0 / 15.0, 0.02);
    EXPECT_FALSE(view.currentLayout().stats.isEmpty());
}

TEST(GanttViewRender, RealRunOfTheCacheExampleShowsLockWaitsAndHandOffs)
{
    const auto loaded
        = engine::loadScenarioFile(OVERLAP_SOURCE_DIR "/resources/examples/cache-lock.overlap.json");
    ASSERT_TRUE(loaded) << loaded.error;
    engine::Scenario s = *loaded.scenario;
    s.tasks[0].count = 5; // short enough for a test
    const engine::Plan plan(s);
    // Whether anyone waits for the lock depends on when the OS starts each
    // thread: run until someone did, as the model then guarantees an arrow.
    const engine::RunOutput out = testutil::runUntil(
        plan, [](const engine::RunOutput& o) { return testutil::count(o, engine::EventKind::LockWait) > 0; });
    GanttView view;
    view.resize(1200, 420);
    view.startRun(plan);
    view.appendEvents(out.events);
    view.finishRun(out);
    EXPECT_EQ(view.laneCount(), 5);
    EXPECT_FALSE(view.timeline()->handOffs().empty());
    const QImage image = render(view);
    if (const char* path = std::getenv("OVERLAP_GANTT_PNG"))
        image.save(QString::fromLocal8Bit(path));
    bool lockWait = false;
    bool running = false;
    for (int y = view.currentLayout().lanes.top(); y < view.currentLayout().lanes.bottom(); y += 2) {
        for (int x = view.currentLayout().lanes.left(); x < view.currentLayout().lanes.right(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            lockWait |= c == GanttColors::color(SegmentState::WaitingLock);
            running |= c == GanttColors::color(SegmentState::Running);
        }
    }
    EXPECT_TRUE(lockWait);
    EXPECT_TRUE(running);
}

// The lanes are written straight into pixels on raster devices and drawn with
// the paint engine elsewhere (SVG, PDF, print): both must give the same
// picture, to the pixel: row bands and their padding, alternate rows, grid
// lines behind the bars.
TEST(GanttViewRender, RasterLanesMatchThePaintEnginesDrawing)
{
    GanttView view;
    view.resize(900, 300);
    view.startRun(ioThenCpuPlan());
    finish(view, ioThenCpuEvents());
    view.zoomToFit();
    const QImage raster = render(view);

    QPicture picture; // a paint engine that is not raster: the generic path
    {
        QPainter p(&picture);
        view.paintFrame(p, view.size());
    }
    QImage generic(view.size(), QImage::Format_ARGB32_Premultiplied);
    generic.fill(Qt::black);
    {
        QPainter p(&generic);
        picture.play(&p);
    }
    const QRect lanes = view.currentLayout().lanes;
    int differing = 0, grid = 0;
    for (int y = lanes.top(); y <= lanes.bottom(); ++y) {
        for (int x = lanes.left(); x <= lanes.right(); ++x) {
            differing += raster.pixel(x, y) != generic.pixel(x, y);
            grid += raster.pixelColor(x, y) == GanttColors::grid();
        }
    }
    EXPECT_EQ(differing, 0);
    EXPECT_GT(grid, lanes.height()); // at least one grid line from top to bottom

    // Every line of a bar's band is the bar; the padding above it is not.
    const int x = static_cast<int>(std::lround(view.xAt(ms(5))));
    const int top = lanes.top();
    EXPECT_EQ(raster.pixelColor(x, top + 1), GanttColors::background());
    for (int y = top + 2; y < top + 18; ++y)
        EXPECT_EQ(raster.pixelColor(x, y), GanttColors::color(SegmentState::WaitingIo)) << "line " << y - top;
    EXPECT_EQ(raster.pixelColor(x, top + 18), GanttColors::background());
    EXPECT_EQ(raster.pixelColor(x, top + 21), GanttColors::alternateRow());
}
