// Export Image: PNG at twice the pixel ratio, SVG with a real font family,
// PDF with its font embedded; title, lanes, legend and metrics; several runs
// stacked on one time scale; other suffixes refused.

#include "../engine/testutil.h"
#include "engine/metrics.h"
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

struct ShownRun {
    engine::Plan plan;
    engine::RunOutput output;
    engine::Metrics metrics;
    engine::ExportedRun exported() const { return {&plan, &output, &metrics}; }
};

ShownRun waitRun(engine::Model model, int workers)
{
    engine::Plan plan(scenario(model, workers, {task("wait", 3, {io(20)})}));
    engine::RunOutput out = engine::runPlan(plan);
    engine::Metrics m = engine::computeMetrics(plan, out, 2);
    return {std::move(plan), std::move(out), m};
}

void showRun(ui::GanttView& view, const ShownRun& run)
{
    view.startRun(run.plan);
    view.appendEvents(run.output.events);
    view.finishRun(run.output);
    view.zoomToFit();
}

ui::ImageOptions options()
{
    ui::ImageOptions o;
    o.title = QStringLiteral("Three waits");
    o.widthPx = 900;
    return o;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int countColour(const QImage& image, QRgb colour)
{
    int found = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            found += image.pixel(x, y) == colour;
    return found;
}

} // namespace

TEST(ImageExport, WholeRunPngIsTwiceTheSizeAndShowsTheBars)
{
    const ShownRun run = waitRun(engine::Model::Threads, 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.png"));
    ASSERT_EQ(ui::exportRunsImage({run.exported()}, path, options()), QString());
    const QImage image(path);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 1800);
    EXPECT_GT(image.height(), 2 * 3 * 20); // title, metrics, ruler, three lanes, legend
    EXPECT_GT(countColour(image, ui::GanttColors::color(engine::SegmentState::WaitingIo).rgb()), 1000);
}

TEST(ImageExport, SvgHasTitleMetricsLanesAndARealFontFamily)
{
    const ShownRun run = waitRun(engine::Model::Threads, 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.svg"));
    ASSERT_EQ(ui::exportRunsImage({run.exported()}, path, options()), QString());
    const QByteArray svg = readAll(path);
    EXPECT_TRUE(svg.contains("<svg"));
    EXPECT_TRUE(svg.contains("DejaVu Sans"));
    EXPECT_FALSE(svg.contains("font-family=\"Sans Serif\""));
    EXPECT_TRUE(svg.contains("Three waits"));
    EXPECT_TRUE(svg.contains("makespan"));
    EXPECT_TRUE(svg.contains("peak concurrency 3"));
    EXPECT_TRUE(svg.contains("wait #1")); // the lane names are text
    EXPECT_TRUE(svg.contains("waiting for I/O")); // the legend
}

TEST(ImageExport, PdfEmbedsItsFontAndHasThePagesSize)
{
    const ShownRun run = waitRun(engine::Model::Threads, 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.pdf"));
    ASSERT_EQ(ui::exportRunsImage({run.exported()}, path, options()), QString());
    const QByteArray pdf = readAll(path);
    EXPECT_TRUE(pdf.startsWith("%PDF-"));
    EXPECT_TRUE(pdf.contains("/FontFile2")); // a TrueType font program inside
    EXPECT_TRUE(pdf.contains("DejaVuSans"));
    // 900 logical pixels at 96 per inch: a page 675 points wide.
    EXPECT_TRUE(pdf.contains("/MediaBox [0 0 675")) << pdf.left(2000).toStdString();
}

TEST(ImageExport, RunsAreStackedOnOneTimeScale)
{
    const ShownRun sequential = waitRun(engine::Model::Sequential, 1);
    const ShownRun threads = waitRun(engine::Model::Threads, 3);
    QTemporaryDir dir;
    const QString svgPath = dir.filePath(QStringLiteral("both.svg"));
    ASSERT_EQ(
        ui::exportRunsImage({sequential.exported(), threads.exported()}, svgPath, options()), QString());
    const QByteArray svg = readAll(svgPath);
    EXPECT_TRUE(svg.contains("Sequential"));
    EXPECT_TRUE(svg.contains("Threads ×3"));

    // In the PNG, on the common scale, the threads panel's three overlapping
    // bars end about a third of the way along the sequential panel's three in
    // a row.
    const QString pngPath = dir.filePath(QStringLiteral("both.png"));
    ASSERT_EQ(
        ui::exportRunsImage({sequential.exported(), threads.exported()}, pngPath, options()), QString());
    const QImage image(pngPath);
    ASSERT_FALSE(image.isNull());
    const QRgb io = ui::GanttColors::color(engine::SegmentState::WaitingIo).rgb();
    auto lastColumn = [&](int y0, int y1) {
        int last = -1;
        for (int y = y0; y < y1; ++y)
            for (int x = 0; x < image.width(); ++x)
                if (image.pixel(x, y) == io)
                    last = std::max(last, x);
        return last;
    };
    const int top = lastColumn(0, image.height() / 2);
    const int bottom = lastColumn(image.height() / 2, image.height());
    ASSERT_GT(top, 0);
    ASSERT_GT(bottom, 0);
    EXPECT_LT(bottom, top * 0.6);
    EXPECT_GT(bottom, top * 0.2);
}

TEST(ImageExport, CurrentViewIsFramedWithTitleAndMetrics)
{
    const ShownRun run = waitRun(engine::Model::Threads, 3);
    ui::GanttView view;
    view.resize(800, 400);
    showRun(view, run);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("view.png"));
    const engine::ExportedRun exported = run.exported();
    ASSERT_EQ(ui::exportViewImage(view, &exported, path, QSize(800, 400), options()), QString());
    const QImage image(path);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), 2 * (800 + 2 * 24));
    EXPECT_GT(image.height(), 2 * 400);
    EXPECT_GT(countColour(image, ui::GanttColors::color(engine::SegmentState::WaitingIo).rgb()), 1000);
}

TEST(ImageExport, OtherSuffixesAreRefusedAndWriteNothing)
{
    const ShownRun run = waitRun(engine::Model::Threads, 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.bmp"));
    EXPECT_NE(ui::exportRunsImage({run.exported()}, path, options()), QString());
    EXPECT_FALSE(QFile::exists(path));
    EXPECT_NE(ui::exportRunsImage({}, dir.filePath(QStringLiteral("none.png")), options()), QString());
}
