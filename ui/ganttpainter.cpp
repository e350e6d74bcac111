#include "ui/ganttpainter.h"

#include "engine/traceexport.h"
#include "ui/ganttcolors.h"
#include "ui/ganttlegend.h"
#include "ui/ganttoverview.h"
#include "ui/ganttruler.h"

#include <QFontMetrics>
#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

namespace overlap::ui {

using engine::SegmentState;

GanttGeometry::Key GanttPainter::geometryKey(const GanttScene& scene, const GanttLayout& layout)
{
    GanttGeometry::Key key;
    key.startNs = scene.visibleStart;
    key.endNs = scene.visibleEnd;
    key.widthPx = layout.lanes.width();
    key.revision = scene.timeline ? scene.timeline->revision() ^ (scene.dataGeneration << 48) : 0;
    key.grouping = scene.grouping;
    const int first = std::clamp(scene.firstRow, 0, static_cast<int>(scene.rows.size()));
    const int last = std::min(static_cast<int>(scene.rows.size()), first + layout.visibleRows);
    key.rows.assign(scene.rows.begin() + first, scene.rows.begin() + last);
    return key;
}

void GanttPainter::paint(
    QPainter& p, const QSize& size, const GanttScene& scene, GanttGeometry& geometry, GanttOverview* overview)
{
    const GanttLayout layout = GanttLayout::compute(size, scene);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    if (!scene.timeline) {
        p.fillRect(QRect(QPoint(0, 0), size), GanttColors::background());
        p.restore();
        return;
    }
    // No background fill for the whole frame: every part below paints its
    // own, and a million-segment frame cannot spare a needless 8 MB write.
    const GanttGeometry::Key key = geometryKey(scene, layout);
    if (!geometry.matches(key))
        geometry.build(*scene.timeline, key);

    const GanttCoordinates c(scene.visibleStart, scene.visibleEnd, 0, layout.lanes.width());
    if (scene.showOverview) {
        p.fillRect(QRect(0, layout.overview.top(), scene.headerWidth, layout.overview.height()),
            GanttColors::header());
        p.setPen(GanttColors::text());
        p.drawText(QRect(8, layout.overview.top(), scene.headerWidth - 12, layout.overview.height()),
            Qt::AlignVCenter | Qt::AlignLeft, tr("Whole run"));
        if (overview)
            overview->paint(p, layout.overview, scene);
    }
    p.fillRect(QRect(0, layout.ruler.top(), scene.headerWidth, layout.ruler.height()), GanttColors::header());
    paintLanes(p, layout, scene, geometry);
    GanttRuler::paint(p, layout.ruler, c);
    if (scene.hasSelection()) {
        const int x0 = std::max(
            layout.ruler.left(), layout.ruler.left() + int(std::floor(c.toX(scene.selectionStart))));
        const int x1
            = std::min(layout.ruler.right(), layout.ruler.left() + int(std::ceil(c.toX(scene.selectionEnd))));
        if (x1 >= x0)
            p.fillRect(
                QRect(x0, layout.ruler.top(), x1 - x0 + 1, layout.ruler.height()), GanttColors::selection());
    }
    paintHeader(p, layout, scene);
    if (scene.hasSelection() && scene.stats)
        GanttLegend::paintStats(p, layout.stats, *scene.stats);
    if (scene.showLegend)
        GanttLegend::paint(p, layout.legend, scene.timeline->hasGil());
    p.restore();
}

namespace {
// Bars wide enough to spare it end one pixel early, so that back-to-back
// segments of one colour (a GIL passed between threads, io after io) stay
// apart instead of melting into one bar.
int visibleWidth(const GanttBar& bar)
{
    return bar.w >= 4 ? bar.w - 1 : bar.w;
}
} // namespace

void GanttPainter::paintLanes(
    QPainter& p, const GanttLayout& layout, const GanttScene& scene, const GanttGeometry& geometry)
{
    const QRect& area = layout.lanes;
    p.save();
    p.setClipRect(area);
    const int rh = scene.rowHeight;
    const auto& rows = geometry.bars();
    const int pad = rh >= 8 ? 2 : 0;
    const bool raster = p.paintEngine() && p.paintEngine()->type() == QPaintEngine::Raster
        && p.transform().type() <= QTransform::TxTranslate;
    if (raster) {
        // On screen and into images, bars are written straight into the
        // pixels of one image: far cheaper per bar than the paint engine's
        // rectangle fill, which matters with ~10^5 thin bars on screen.
        // The scratch image outlives the frame: a fresh 8 MB allocation per
        // frame would be faulted in page by page.
        thread_local QImage scratch;
        if (scratch.size() != area.size())
            scratch = QImage(area.size(), QImage::Format_ARGB32_Premultiplied);
        QImage& image = scratch;
        const int w = image.width();
        const auto lineBytes = static_cast<std::size_t>(w) * sizeof(QRgb);
        // The two kinds of row background, grid lines included, as one line
        // each; every scanline is then one copy of a line (a copy is
        // vectorised, a per-pixel loop is not) and each pixel is written once.
        QImage backgrounds(w, 2, QImage::Format_ARGB32_Premultiplied);
        backgrounds.fill(GanttColors::background());
        std::fill_n(reinterpret_cast<QRgb*>(backgrounds.scanLine(1)), w, GanttColors::alternateRow().rgb());
        {
            QPainter ip(&backgrounds);
            GanttRuler::paintGrid(ip, QRect(0, 0, w, 2),
                GanttCoordinates(scene.visibleStart, scene.visibleEnd, 0, area.width()));
        }
        std::array<QRgb, GanttColors::kColourKeys> colors;
        for (int k = 0; k < GanttColors::kColourKeys; ++k)
            colors[static_cast<std::size_t>(k)] = GanttColors::keyColor(k).rgb();
        // Bars are the same on every line of their row's band: that line is
        // drawn once per row.
        std::vector<QRgb> band(static_cast<std::size_t>(w));
        std::size_t bandRow = rows.size();
        for (int y = 0; y < image.height(); ++y) {
            const auto r = static_cast<std::size_t>(y / rh);
            const bool alternate = rh >= 4 && r % 2 == 1 && r < rows.size();
            const auto* line = reinterpret_cast<const QRgb*>(backgrounds.constScanLine(alternate ? 1 : 0));
            const int inRow = y - int(r) * rh;
            if (r < rows.size() && !rows[r].empty() && inRow >= pad && inRow < rh - pad) {
                if (bandRow != r) {
                    std::memcpy(band.data(), line, lineBytes);
                    for (const GanttBar& bar : rows[r]) {
                        const int x0 = std::clamp(bar.x, 0, w);
                        const int x1 = std::clamp(bar.x + visibleWidth(bar), x0, w);
                        std::fill(band.begin() + x0, band.begin() + x1,
                            colors[static_cast<std::size_t>(bar.colour)]);
                    }
                    bandRow = r;
                }
                line = band.data();
            }
            std::memcpy(image.scanLine(y), line, lineBytes);
        }
        // Opaque pixels: a plain copy, no blending.
        p.setCompositionMode(QPainter::CompositionMode_Source);
        p.drawImage(area.topLeft(), image);
        p.setCompositionMode(QPainter::CompositionMode_SourceOver);
    } else {
        paintBackground(p, area, scene, rows.size());
        // One batch per colour: a few fills instead of one per bar.
        std::array<QVector<QRect>, GanttColors::kColourKeys> batches;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const int y = area.top() + int(r) * rh + pad;
            const int h = std::max(1, rh - 2 * pad);
            for (const GanttBar& bar : rows[r])
                batches[static_cast<std::size_t>(bar.colour)].append(
                    QRect(area.left() + bar.x, y, visibleWidth(bar), h));
        }
        p.setPen(Qt::NoPen);
        for (int k = 0; k < GanttColors::kColourKeys; ++k) {
            if (batches[static_cast<std::size_t>(k)].isEmpty())
                continue;
            p.setBrush(GanttColors::keyColor(k));
            p.drawRects(batches[static_cast<std::size_t>(k)]);
        }
    }

    // Labels on the few bars wide enough to hold them.
    if (rh >= 14) {
        const QFontMetrics fm(p.font());
        for (std::size_t r = 0; r < rows.size(); ++r) {
            for (const GanttBar& bar : rows[r]) {
                const int visibleW = std::min(bar.x + bar.w, area.width()) - std::max(bar.x, 0);
                if (visibleW < minLabelWidthPx)
                    continue;
                const engine::Segment s = geometry.segment(*scene.timeline, int(r), bar);
                const QString text = fm.elidedText(barLabel(scene, s), Qt::ElideRight, visibleW - 6);
                if (text.isEmpty() || text == QStringLiteral("…"))
                    continue;
                const QColor fill = GanttColors::keyColor(bar.colour);
                p.setPen(fill.lightness() < 120 ? Qt::white : GanttColors::text());
                p.drawText(
                    QRect(area.left() + std::max(bar.x, 0) + 3, area.top() + int(r) * rh, visibleW - 6, rh),
                    Qt::AlignVCenter | Qt::AlignLeft, text);
            }
        }
    }

    paintArrows(p, layout, scene, geometry);

    const GanttCoordinates c(scene.visibleStart, scene.visibleEnd, 0, area.width());
    if (scene.hasSelection()) {
        const double x0 = std::max(-1.0, c.toX(scene.selectionStart));
        const double x1 = std::min(area.width() + 1.0, c.toX(scene.selectionEnd));
        if (x1 >= x0) {
            p.fillRect(QRectF(area.left() + x0, area.top(), std::max(1.0, x1 - x0), area.height()),
                GanttColors::selection());
        }
    }
    if (scene.live) {
        const double x = c.toX(scene.nowNs);
        if (x >= 0 && x <= area.width()) {
            p.setPen(QPen(GanttColors::nowLine(), 2));
            p.drawLine(QPointF(area.left() + x, area.top()), QPointF(area.left() + x, area.bottom()));
        }
    }
    p.restore();
}

void GanttPainter::paintBackground(QPainter& p, const QRect& area, const GanttScene& scene, std::size_t rows)
{
    p.fillRect(area, GanttColors::background());
    const int rh = scene.rowHeight;
    for (std::size_t r = 1; r < rows && rh >= 4; r += 2)
        p.fillRect(area.left(), area.top() + int(r) * rh, area.width(), rh, GanttColors::alternateRow());
    GanttRuler::paintGrid(p, area, GanttCoordinates(scene.visibleStart, scene.visibleEnd, 0, area.width()));
}

void GanttPainter::paintArrows(
    QPainter& p, const GanttLayout& layout, const GanttScene& scene, const GanttGeometry& geometry)
{
    const auto& arrows = geometry.arrows();
    const QRect& area = layout.lanes;
    if (arrows.empty() || arrows.size() > static_cast<std::size_t>(area.width() / minArrowSpacingPx))
        return;
    const int rh = scene.rowHeight;
    // Lane → row on screen (rows outside the screen are still placed, and clipped).
    constexpr int noRow = std::numeric_limits<int>::min();
    std::vector<int> rowOfLane(scene.timeline->lanes(scene.grouping).size(), noRow);
    for (std::size_t r = 0; r < scene.rows.size(); ++r) {
        if (!scene.rows[r].gil && scene.rows[r].lane >= 0)
            rowOfLane[static_cast<std::size_t>(scene.rows[r].lane)] = int(r) - scene.firstRow;
    }
    const GanttCoordinates c(scene.visibleStart, scene.visibleEnd, area.left(), area.width());
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true); // diagonal lines look broken without it
    for (const engine::Arrow& a : arrows) {
        const auto from = static_cast<std::size_t>(a.fromLane);
        const auto to = static_cast<std::size_t>(a.toLane);
        if (from >= rowOfLane.size() || to >= rowOfLane.size() || rowOfLane[from] == noRow
            || rowOfLane[to] == noRow)
            continue;
        const QPointF start(c.toX(a.fromNs), area.top() + (rowOfLane[from] + 0.5) * rh);
        const QPointF end(c.toX(a.toNs), area.top() + (rowOfLane[to] + 0.5) * rh);
        const QColor color
            = a.kind == engine::HandOffKind::Gil ? GanttColors::gilArrow() : GanttColors::lockArrow();
        p.setPen(QPen(color, 2.0));
        p.drawLine(start, end);
        // Head: a small triangle pointing along the line.
        const QPointF d = end - start;
        const double len = std::hypot(d.x(), d.y());
        if (len < 4)
            continue;
        const QPointF u = d / len;
        const QPointF n(-u.y(), u.x());
        QPainterPath head;
        head.moveTo(end);
        head.lineTo(end - u * 8 + n * 4);
        head.lineTo(end - u * 8 - n * 4);
        head.closeSubpath();
        p.fillPath(head, color);
    }
    p.restore();
}

void GanttPainter::paintHeader(QPainter& p, const GanttLayout& layout, const GanttScene& scene)
{
    const QRect& area = layout.header;
    p.save();
    p.setClipRect(area);
    p.fillRect(area, GanttColors::header());
    const int rh = scene.rowHeight;
    if (rh >= 10) {
        const QFontMetrics fm(p.font());
        const int first = std::max(0, scene.firstRow);
        for (int r = first; r < static_cast<int>(scene.rows.size()) && r - first < layout.visibleRows; ++r) {
            const QRect cell(area.left() + 8, area.top() + (r - first) * rh, area.width() - 12, rh);
            QString busy;
            const GanttRow& row = scene.rows[static_cast<std::size_t>(r)];
            if (scene.hasSelection() && scene.stats && !row.gil && row.lane >= 0
                && static_cast<std::size_t>(row.lane) < scene.stats->laneBusy.size()) {
                busy = tr("%1%").arg(
                    std::lround(scene.stats->laneBusy[static_cast<std::size_t>(row.lane)] * 100));
            }
            const int busyW = busy.isEmpty() ? 0 : fm.horizontalAdvance(busy) + 6;
            p.setPen(GanttColors::text());
            const QString name = static_cast<std::size_t>(r) < scene.names.size()
                ? scene.names[static_cast<std::size_t>(r)]
                : QString();
            // Drawn at a baseline: a hundred rows laid out through alignment
            // flags cost a millisecond and a half per frame.
            const int baseline = cell.top() + (rh + fm.ascent() - fm.descent() + 1) / 2;
            p.drawText(
                QPoint(cell.left(), baseline), fm.elidedText(name, Qt::ElideRight, cell.width() - busyW));
            if (!busy.isEmpty())
                p.drawText(QPoint(cell.right() + 1 - fm.horizontalAdvance(busy), baseline), busy);
        }
    }
    p.setPen(GanttColors::grid());
    p.drawLine(area.topRight(), area.bottomRight());
    p.restore();
}

QString GanttPainter::barLabel(const GanttScene& scene, const engine::Segment& s)
{
    if (s.count > 1)
        return tr("%n segments", nullptr, static_cast<int>(s.count));
    if (scene.timeline->isPrebuilt()) {
        const std::string_view name = scene.timeline->segmentName(s);
        return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    }
    const engine::Plan* plan = scene.timeline->plan();
    if (s.state == SegmentState::GilHeld && plan && s.task >= 0
        && static_cast<std::size_t>(s.task) < plan->instances().size())
        return QString::fromStdString(plan->instances()[static_cast<std::size_t>(s.task)].name);
    if ((s.state == SegmentState::Running || s.state == SegmentState::WaitingIo) && plan && s.task >= 0
        && static_cast<std::size_t>(s.task) < plan->instances().size() && s.step >= 0
        && static_cast<std::size_t>(s.step) < plan->spec(s.task).steps.size())
        return QString::fromStdString(engine::stepLabel(plan->step(s.task, s.step)));
    return GanttColors::name(s.state);
}

} // namespace overlap::ui
