// Export Image: a PNG at twice the pixel ratio and an SVG with a real font
// family, both showing the run's bars; other suffixes are refused.

#include "../engine/testutil.h"
#include "ui/ganttcolors.h"
#include "ui/ganttview.h"
#include "ui/imageexport.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace overlap;
using namespace overlap::testutil;

namespace {

void showRun(ui::GanttView& view)
{
    const engine::Plan plan(scenario(engine::Model::Threads, 3, {task("wait", 3, {io(20)})}));
    const engine::RunOutput out = engine::runPlan(plan);
    view.startRun(plan);
    view.appendEvents(out.events);
    view.finishRun(out);
    view.zoomToFit();
}

} // namespace

TEST(ImageExport, PngIsTwiceTheSizeAndShowsTheBars)
{
    ui::GanttView view;
    view.resize(800, 400);
    showRun(view);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.png"));
    ASSERT_EQ(ui::exportGanttImage(view, path, QSize(800, 400)), QString());
    const QImage image(path);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), QSize(1600, 800));
    // Somewhere the io bars' colour is there.
    const QRgb io = ui::GanttColors::color(engine::SegmentState::WaitingIo).rgb();
    int found = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 4)
            found += image.pixel(x, y) == io;
    EXPECT_GT(found, 1000);
}

TEST(ImageExport, SvgNamesARealFontFamily)
{
    ui::GanttView view;
    view.resize(800, 400);
    showRun(view);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.svg"));
    ASSERT_EQ(ui::exportGanttImage(view, path, QSize(800, 400)), QString());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    EXPECT_TRUE(svg.contains("<svg"));
    EXPECT_TRUE(svg.contains("DejaVu Sans"));
    EXPECT_FALSE(svg.contains("font-family=\"Sans Serif\""));
    EXPECT_TRUE(svg.contains("wait #1")); // the lane names are text
}

TEST(ImageExport, OtherSuffixesAreRefusedAndWriteNothing)
{
    ui::GanttView view;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.bmp"));
    EXPECT_NE(ui::exportGanttImage(view, path, QSize(100, 100)), QString());
    EXPECT_FALSE(QFile::exists(path));
}
