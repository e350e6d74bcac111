// Export Image: PNG at twice the pixel ratio, SVG with a real font family,
// PDF with its font embedded; title, lanes, legend and metrics; several runs
// stacked on one time scale; other suffixes refused.

#include "../engine/eventbuilder.h"
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
    // Hand-made events, so that the picture does not depend on the machine's load.
    auto made = [](engine::Model model, int workers, bool inARow) {
        engine::Plan plan(scenario(model, workers, {task("wait", 3, {io(20)})}));
        overlap::testing::EventBuilder b;
        b.add(engine::EventKind::RunStart, 0);
        for (int t = 0; t < 3; ++t)
            b.task(t, inARow ? 0 : t, inARow ? 20.0 * t : 0, inARow ? 20.0 * (t + 1) : 20);
        engine::RunOutput out;
        out.events = b.build();
        std::stable_sort(out.events.begin(), out.events.end(),
            [](const engine::Event& x, const engine::Event& y) { return x.tNs < y.tNs; });
        out.workers = workers;
        engine::Metrics m = engine::computeMetrics(plan, out, 2);
        return ShownRun{std::move(plan), std::move(out), m};
    };
    const ShownRun sequential = made(engine::Model::Sequential, 1, true);
    const ShownRun threads = made(engine::Model::Threads, 3, false);
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
    // Bands of rows holding the io colour, top to bottom, each with the
    // rightmost io pixel: the bars (the legend's swatch is at the far left).
    std::vector<int> ends;
    int left = image.width();
    bool inBand = false;
    for (int y = 0; y < image.height(); ++y) {
        int last = -1;
        for (int x = 0; x < image.width(); ++x)
            if (image.pixel(x, y) == io)
                last = x;
        if (last < image.width() / 5) {
            inBand = false;
            continue;
        }
        if (!inBand)
            ends.push_back(last);
        if (ends.size() == 1) // the first bar starts at time 0: the lanes' left edge
            for (int x = 0; x < left; ++x)
                if (image.pixel(x, y) == io)
                    left = x;
        ends.back() = std::max(ends.back(), last);
        inBand = true;
    }
    ASSERT_EQ(ends.size(), 6u) << ::testing::PrintToString(ends);
    for (int& end : ends)
        end -= left;
    // Sequential: three bars one after another; threads: three together,
    // ending where the sequential run's first one ends.
    EXPECT_NEAR(ends[1], 2 * ends[0], 6);
    EXPECT_NEAR(ends[2], 3 * ends[0], 8);
    for (int i = 3; i < 6; ++i)
        EXPECT_NEAR(ends[i], ends[0], 4) << i;
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
