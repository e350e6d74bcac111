#include "ui/imageexport.h"

#include "ui/ganttcolors.h"
#include "ui/ganttlegend.h"
#include "ui/ganttscene.h"
#include "ui/modelnames.h"
#include "ui/zoomcontrol.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QThread>
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>

namespace overlap::ui {

namespace {

// The context of this file's strings in the translations.
class ImageExport {
    Q_DECLARE_TR_FUNCTIONS(ImageExport)
};

constexpr int kMargin = 24;
constexpr int kGap = 14;

// A real family, not Qt's "Sans Serif" alias, so the SVG renders alike
// elsewhere, sized in pixels so that the PDF's scaled painter keeps it.
QFont exportFont(int pixelSize, bool bold = false)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(pixelSize);
    font.setBold(bold);
    return font;
}

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

QString milliseconds(double ms)
{
    if (ms >= 10'000)
        return ImageExport::tr("%1 s").arg(number(ms / 1000, 2));
    return ImageExport::tr("%1 ms").arg(number(ms, ms < 10 ? 2 : 1));
}

QString runTitle(const engine::ExportedRun& run)
{
    const engine::RunSettings& s = run.plan->run();
    const int workers = run.output->workers > 0 ? run.output->workers : run.plan->workerCount();
    return variantTitle(s.model, workers, s.gil && s.model == engine::Model::Threads);
}

// `speedup`: against the sequential run drawn on the same image, if any.
QString metricsLine(const engine::Metrics& m, std::optional<double> speedup = std::nullopt)
{
    QStringList parts;
    parts << ImageExport::tr("makespan %1").arg(milliseconds(m.makespanMs));
    parts << ImageExport::tr("work %1").arg(milliseconds(m.workMs));
    if (speedup)
        parts << ImageExport::tr("speedup %1× vs sequential").arg(number(*speedup, 2));
    parts << ImageExport::tr("concurrency %1").arg(number(m.concurrency, 2));
    parts << ImageExport::tr("parallelism %1").arg(number(m.parallelism, 2));
    parts << ImageExport::tr("peak concurrency %1").arg(m.peakConcurrency);
    parts << ImageExport::tr("CPU utilisation %1 %").arg(number(100 * m.cpuUtilization, 1));
    if (m.readyMs > 0.05)
        parts << ImageExport::tr("ready %1").arg(milliseconds(m.readyMs));
    if (m.startupMs > 0.05)
        parts << ImageExport::tr("start-up %1").arg(milliseconds(m.startupMs));
    parts << ImageExport::tr("tasks %1").arg(m.tasks);
    if (m.failed > 0)
        parts << ImageExport::tr("%1 of %2 failed: no speedup, not ranked").arg(m.failed).arg(m.tasks);
    if (m.retries > 0)
        parts << ImageExport::tr("retries %1").arg(m.retries);
    return parts.join(QStringLiteral("  ·  "));
}

int cpuCores()
{
    return std::max(1, QThread::idealThreadCount());
}

// One block of the page: its height and how to paint it at the top-left of
// the painter's current origin.
struct Block {
    int height = 0;
    std::function<void(QPainter&)> paint;
};

Block textBlock(const QString& text, const QFont& font, const QColor& color, int width)
{
    const QFontMetrics fm(font);
    const QRect bounds = fm.boundingRect(QRect(0, 0, width, 10'000), Qt::TextWordWrap, text);
    Block b;
    b.height = bounds.height();
    b.paint = [=](QPainter& p) {
        p.setFont(font);
        p.setPen(color);
        p.drawText(QRect(0, 0, width, bounds.height()), Qt::TextWordWrap, text);
    };
    return b;
}

// The Gantt frame of a view, without its overview strip; the height fits
// every row (up to maxRows) and the legend when asked for.
int frameHeight(int rows, bool legend)
{
    GanttScene s;
    s.showOverview = false;
    s.showLegend = legend;
    const GanttLayout l = GanttLayout::compute(QSize(1000, 100'000), s);
    return l.lanes.top() + rows * s.rowHeight + 4 + (legend ? GanttLayout::legendHeight : 0);
}

QString writePage(
    const QString& path, const QSize& size, const QString& title, const std::function<void(QPainter&)>& paint)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QSaveFile file(path);
    if (!isImagePath(path))
        return ImageExport::tr("'%1': choose a .png, .svg or .pdf file name").arg(path);
    if (!file.open(QIODevice::WriteOnly))
        return ImageExport::tr("cannot write '%1': %2").arg(path, file.errorString());
    if (suffix == QLatin1String("png")) {
        constexpr int ratio = 2;
        QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(ratio);
        image.fill(Qt::white);
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::TextAntialiasing);
            p.setFont(exportFont(12));
            paint(p);
        }
        if (!image.save(&file, "PNG"))
            return ImageExport::tr("cannot write '%1': %2").arg(path, file.errorString());
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setResolution(96); // width and height in CSS pixels, as browsers expect
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("Overlap " OVERLAP_VERSION));
        QPainter p(&svg);
        p.setFont(exportFont(12)); // before anything is drawn, or the SVG names Qt's alias
        p.fillRect(QRect(QPoint(0, 0), size), Qt::white); // opaque, like the PNG and the PDF
        paint(p);
    } else {
        // The page is the image: 96 logical pixels to the inch, drawn at 300 dpi.
        QPdfWriter pdf(&file);
        pdf.setResolution(300);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("Overlap " OVERLAP_VERSION));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setPageSize(
            QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
        QPainter p(&pdf);
        p.scale(pdf.resolution() / 96.0, pdf.resolution() / 96.0);
        p.setFont(exportFont(12));
        p.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        paint(p);
    }
    if (!file.commit())
        return ImageExport::tr("cannot write '%1': %2").arg(path, file.errorString());
    return {};
}

// Stacks blocks vertically inside the margins and writes them.
QString writeBlocks(const QString& path, const QString& title, int width, const std::vector<Block>& blocks)
{
    int height = 2 * kMargin;
    for (const Block& b : blocks)
        height += b.height + kGap;
    height -= kGap;
    return writePage(path, QSize(width, height), title, [&](QPainter& p) {
        p.save();
        p.translate(kMargin, kMargin);
        for (const Block& b : blocks) {
            p.save();
            b.paint(p);
            p.restore();
            p.translate(0, b.height + kGap);
        }
        p.restore();
    });
}

Block titleBlock(const QString& title, const QString& subtitle, int width)
{
    const Block head = textBlock(title, exportFont(22, true), GanttColors::text(), width);
    const Block sub = textBlock(subtitle, exportFont(12), QColor(90, 90, 90), width);
    Block b;
    b.height = head.height + 4 + sub.height;
    b.paint = [=](QPainter& p) {
        head.paint(p);
        p.translate(0, head.height + 4);
        sub.paint(p);
    };
    return b;
}

QString subtitleFor(int runs)
{
    QString text = QStringLiteral("Overlap " OVERLAP_VERSION "  ·  ")
        + ImageExport::tr("CPU cores: %1").arg(cpuCores());
    if (runs > 1)
        text += QStringLiteral("  ·  ") + ImageExport::tr("runs: %1").arg(runs);
    return text;
}

} // namespace

bool isImagePath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("png") || suffix == QLatin1String("svg") || suffix == QLatin1String("pdf");
}

QString exportRunsImage(
    const std::vector<engine::ExportedRun>& runs, const QString& path, const ImageOptions& options)
{
    if (!isImagePath(path))
        return ImageExport::tr("'%1': choose a .png, .svg or .pdf file name").arg(path);
    if (runs.empty())
        return ImageExport::tr("there is no run to draw");
    const int inner = options.widthPx - 2 * kMargin;
    // One time scale for every panel: the longest run.
    std::int64_t endNs = 1;
    for (const engine::ExportedRun& r : runs) {
        if (!r.output->events.empty())
            endNs = std::max(endNs, r.output->events.back().tNs);
    }

    std::vector<engine::ComparedRun> compared;
    for (const engine::ExportedRun& r : runs)
        compared.push_back({r.plan->run().model, r.metrics});
    const engine::Comparison comparison = engine::compareRuns(compared);

    std::vector<Block> blocks;
    blocks.push_back(titleBlock(options.title, subtitleFor(static_cast<int>(runs.size())), inner));
    // The views live until the page is written.
    std::vector<std::unique_ptr<GanttView>> views;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const engine::ExportedRun& run = runs[i];
        const bool last = false; // one legend for every panel, after the last
        blocks.push_back(textBlock(runTitle(run), exportFont(15, true), GanttColors::text(), inner));
        const QColor lineColor
            = run.metrics->failed > 0 ? GanttColors::color(engine::SegmentState::Failed) : QColor(60, 60, 60);
        blocks.push_back(
            textBlock(metricsLine(*run.metrics, runs.size() > 1 ? comparison.speedup[i] : std::nullopt),
                exportFont(12), lineColor, inner));

        auto view = std::make_unique<GanttView>();
        view->setAttribute(Qt::WA_DontShowOnScreen);
        view->setLaneMode(options.lanes);
        view->startRun(*run.plan);
        view->finishRun(*run.output);
        const int rows = std::min(view->laneCount(), options.maxRowsPerRun);
        const QSize frame(inner, frameHeight(rows, last));
        view->resize(frame);
        view->zoomControl()->setTotal(endNs);
        view->zoomControl()->setVisible(0, endNs);
        const GanttView* v = view.get();
        blocks.push_back({frame.height(), [v, frame, last](QPainter& p) {
                              p.setFont(exportFont(12));
                              v->paintFrame(p, frame, last, false);
                          }});
        if (view->laneCount() > rows) {
            blocks.push_back(textBlock(ImageExport::tr("lanes not drawn: %1").arg(view->laneCount() - rows),
                exportFont(12), QColor(90, 90, 90), inner));
        }
        views.push_back(std::move(view));
    }
    // The legend names every state any panel can show: the GIL's too when one run had it.
    const bool anyGil
        = std::any_of(views.begin(), views.end(), [](const auto& v) { return v->timeline()->hasGil(); });
    blocks.push_back({GanttLayout::legendHeight, [inner, anyGil](QPainter& p) {
                          p.setFont(exportFont(12));
                          GanttLegend::paint(p, QRect(0, 0, inner, GanttLayout::legendHeight), anyGil);
                      }});
    return writeBlocks(path, options.title, options.widthPx, blocks);
}

QString traceSummaryLine(const engine::ImportedTrace& trace)
{
    QStringList parts;
    parts << ImageExport::tr("events %1").arg(trace.events);
    parts << ImageExport::tr("lanes %1").arg(trace.lanes.size());
    parts << ImageExport::tr("span %1").arg(milliseconds(static_cast<double>(trace.spanNs) / 1e6));
    parts << ImageExport::tr("busy %1").arg(milliseconds(static_cast<double>(trace.busyNs) / 1e6));
    parts << ImageExport::tr("concurrency %1").arg(number(trace.concurrency, 2));
    if (trace.hasThreadCpu) // parallelism needs CPU time, which only some producers write (tdur)
        parts << ImageExport::tr("parallelism %1").arg(number(trace.parallelism, 2));
    parts << ImageExport::tr("peak concurrency %1").arg(trace.peakConcurrency);
    if (trace.unclosedBegins > 0)
        parts << ImageExport::tr("slices never closed: %1").arg(trace.unclosedBegins);
    if (trace.hasError())
        parts << ImageExport::tr("read up to byte %1").arg(trace.error.offset);
    return parts.join(QStringLiteral("  ·  "));
}

QString exportTraceImage(const std::shared_ptr<engine::Timeline>& timeline,
    const engine::ImportedTrace& trace, const QString& path, const ImageOptions& options)
{
    if (!isImagePath(path))
        return ImageExport::tr("'%1': choose a .png, .svg or .pdf file name").arg(path);
    if (!timeline)
        return ImageExport::tr("there is no run to draw");
    const int inner = options.widthPx - 2 * kMargin;
    std::vector<Block> blocks;
    blocks.push_back(titleBlock(options.title, QStringLiteral("Overlap " OVERLAP_VERSION), inner));
    blocks.push_back(textBlock(traceSummaryLine(trace), exportFont(12), QColor(60, 60, 60), inner));
    GanttView view;
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.showTimeline(timeline);
    const int rows = std::min(view.laneCount(), options.maxRowsPerRun);
    const QSize frame(inner, frameHeight(rows, false));
    view.resize(frame);
    view.zoomControl()->setVisible(0, std::max<std::int64_t>(1, timeline->endNs()));
    blocks.push_back({frame.height(), [&view, frame](QPainter& p) {
                          p.setFont(exportFont(12));
                          view.paintFrame(p, frame, true, false);
                      }});
    if (view.laneCount() > rows) {
        blocks.push_back(textBlock(ImageExport::tr("lanes not drawn: %1").arg(view.laneCount() - rows),
            exportFont(12), QColor(90, 90, 90), inner));
    }
    return writeBlocks(path, options.title, options.widthPx, blocks);
}

QString exportViewImage(const GanttView& view, const engine::ExportedRun* run, const QString& path,
    const QSize& viewSize, const ImageOptions& options)
{
    if (!isImagePath(path))
        return ImageExport::tr("'%1': choose a .png, .svg or .pdf file name").arg(path);
    const int inner = viewSize.width();
    std::vector<Block> blocks;
    blocks.push_back(titleBlock(options.title, subtitleFor(run ? 1 : 0), inner));
    if (run) {
        blocks.push_back(textBlock(runTitle(*run), exportFont(15, true), GanttColors::text(), inner));
        blocks.push_back(textBlock(metricsLine(*run->metrics), exportFont(12), QColor(60, 60, 60), inner));
    }
    blocks.push_back({viewSize.height(), [&view, viewSize](QPainter& p) {
                          p.setFont(exportFont(12));
                          view.paintFrame(p, viewSize, true, true);
                      }});
    return writeBlocks(path, options.title, inner + 2 * kMargin, blocks);
}

} // namespace overlap::ui
