// Opening another tool's trace in the window: read off the GUI thread, shown
// on the Gantt with one row per lane, charts of slices and counters, damaged
// files shown up to the damage, cancellable, and a new scenario replaces it.

#include "../engine/testutil.h"
#include "engine/metrics.h"
#include "engine/traceexport.h"
#include "ui/chartsview.h"
#include "ui/ganttcolors.h"
#include "ui/ganttview.h"
#include "ui/mainwindow.h"
#include "ui/scenarioeditor.h"

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

using namespace overlap;
using namespace overlap::testutil;

namespace {

// A real run of the cache example's shape, exported as Overlap does.
std::string exportedTrace()
{
    const engine::Plan plan(
        scenario(engine::Model::Threads, 3, {task("worker", 3, {cpu(5, "cache"), io(5)})}));
    const engine::RunOutput out = engine::runPlan(plan);
    const engine::Metrics metrics = engine::computeMetrics(plan, out, 2);
    std::ostringstream text;
    engine::writeChromeTrace(text, {{&plan, &out, &metrics}}, {"cache", 1, 2});
    return text.str();
}

QString write(const QTemporaryDir& dir, const QString& name, const std::string& text)
{
    const QString path = dir.filePath(name);
    std::ofstream(path.toStdString(), std::ios::binary) << text;
    return path;
}

bool waitForImport(ui::MainWindow& window, QSignalSpy& spy)
{
    return QTest::qWaitFor([&] { return spy.count() > 0 && !window.isImporting(); }, 30'000);
}

} // namespace

TEST(TraceImportWindow, ShowsATraceOnTheGanttInPlaceOfTheScenario)
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("cache.json"), exportedTrace());
    ui::MainWindow window;
    QSignalSpy spy(&window, &ui::MainWindow::importFinished);
    ASSERT_TRUE(window.openFile(path));
    ASSERT_TRUE(waitForImport(window, spy));
    EXPECT_TRUE(spy.front().front().toBool());
    ASSERT_TRUE(window.currentImport());
    const engine::ImportedTrace& trace = window.currentImport()->trace;
    EXPECT_FALSE(trace.hasError());
    EXPECT_TRUE(window.ganttView()->showsImport());
    EXPECT_EQ(window.ganttView()->laneCount(), static_cast<int>(trace.lanes.size()));
    EXPECT_EQ(window.ganttView()->laneName(0), QString::fromStdString(trace.lanes.front().label));
    EXPECT_TRUE(window.chartsView()->showsImport());
    // The trace is the document: no scenario to run until one is opened.
    EXPECT_FALSE(window.editorShown());
    EXPECT_FALSE(window.startRun());

    // A new scenario and its run take the Gantt and the charts back.
    ASSERT_TRUE(window.newScenario());
    EXPECT_FALSE(window.ganttView()->showsImport());
    EXPECT_FALSE(window.chartsView()->showsImport());
    ASSERT_TRUE(window.startRun());
    EXPECT_FALSE(window.ganttView()->showsImport());
    EXPECT_FALSE(window.chartsView()->showsImport());
    window.stopRun();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.isRunning(); }, 15'000));
}

TEST(TraceImportWindow, ATruncatedTraceShowsWhatCameBeforeTheDamage)
{
    const std::string full = exportedTrace();
    QTemporaryDir dir;
    // Cut inside an event: a file that ends cleanly between two events only
    // lacks its closing brackets, which the import accepts without an error.
    const std::size_t cut = full.find("\"ph\"", full.size() * 2 / 3) + 3;
    const QString path = write(dir, QStringLiteral("cut.json"), full.substr(0, cut));
    ui::MainWindow window;
    QSignalSpy spy(&window, &ui::MainWindow::importFinished);
    ASSERT_TRUE(window.openFile(path));
    ASSERT_TRUE(waitForImport(window, spy));
    ASSERT_TRUE(window.currentImport());
    const engine::ImportedTrace& trace = window.currentImport()->trace;
    EXPECT_TRUE(trace.hasError());
    EXPECT_GT(trace.error.offset, 0u);
    EXPECT_GT(window.ganttView()->laneCount(), 0);
}

TEST(TraceImportWindow, AnImportCanBeCancelled)
{
    // About 40 MB of slices: long enough to cancel in the middle.
    std::string text = "[";
    for (int i = 0; i < 400'000; ++i) {
        text += R"({"ph":"X","pid":1,"tid":)" + std::to_string(i % 8) + R"(,"ts":)" + std::to_string(i * 10)
            + R"(,"dur":5,"name":"slice with a fairly long name to fill the file","args":{"n":)"
            + std::to_string(i) + "}},\n";
    }
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("big.json"), text);
    ui::MainWindow window;
    QSignalSpy spy(&window, &ui::MainWindow::importFinished);
    ASSERT_TRUE(window.openTrace(path));
    EXPECT_TRUE(window.isImporting());
    EXPECT_FALSE(window.startRun()); // one thing at a time
    window.cancelImport();
    ASSERT_TRUE(waitForImport(window, spy));
    EXPECT_FALSE(spy.front().front().toBool());
    EXPECT_FALSE(window.ganttView()->showsImport());
    EXPECT_FALSE(window.currentImport());
}

TEST(TraceImportWindow, NotATraceIsRefusedWithAMessage)
{
    QTemporaryDir dir;
    const QString path = write(dir, QStringLiteral("nothing.json"), "[ this is not json");
    ui::MainWindow window;
    QSignalSpy spy(&window, &ui::MainWindow::importFinished);
    ASSERT_TRUE(window.openFile(path));
    ASSERT_TRUE(waitForImport(window, spy));
    EXPECT_FALSE(window.ganttView()->showsImport());
}

TEST(TraceImportWindow, SlicesAreColouredByName)
{
    const std::string text = R"([
        {"ph":"X","pid":1,"tid":1,"ts":0,"dur":1000,"name":"a"},
        {"ph":"X","pid":1,"tid":2,"ts":0,"dur":1000,"name":"b"},
        {"ph":"X","pid":1,"tid":3,"ts":0,"dur":1000,"name":"a"}
    ])";
    engine::ImportedTrace trace = engine::importTraceText(text);
    ASSERT_EQ(trace.lanes.size(), 3u);
    ui::GanttView view;
    view.resize(600, 300);
    view.showTimeline(std::make_shared<engine::Timeline>(engine::takeTimeline(trace)));
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::black);
    {
        QPainter p(&image);
        view.paintFrame(p, view.size());
    }
    const int x = view.currentLayout().lanes.left() + view.currentLayout().lanes.width() - 20;
    auto colourOfRow
        = [&](int row) { return image.pixel(x, view.currentLayout().lanes.top() + row * 20 + 10); };
    EXPECT_EQ(colourOfRow(0), colourOfRow(2)); // both "a"
    EXPECT_NE(colourOfRow(0), colourOfRow(1));
    EXPECT_NE(colourOfRow(0), ui::GanttColors::color(engine::SegmentState::Running).rgb());
}
