#include "ui/ganttlegend.h"

#include "ui/ganttcolors.h"
#include "ui/ganttticks.h"

#include <QFontMetrics>
#include <QPainter>

namespace overlap::ui {

using engine::SegmentState;

void GanttLegend::paint(QPainter& p, const QRect& area, bool withGil)
{
    p.fillRect(area, GanttColors::background());
    p.setPen(GanttColors::grid());
    p.drawLine(area.topLeft(), area.topRight());
    const QFontMetrics fm(p.font());
    int x = area.left() + 8;
    const int box = 10;
    for (SegmentState state : GanttColors::legendOrder()) {
        if (!withGil && (state == SegmentState::WaitingGil || state == SegmentState::GilHeld))
            continue;
        const QString name = GanttColors::name(state);
        const int w = box + 4 + fm.horizontalAdvance(name) + 14;
        if (x + w > area.right())
            break; // what does not fit is left out rather than drawn over
        const int y = area.top() + (area.height() - box) / 2;
        p.fillRect(QRect(x, y, box, box), GanttColors::color(state));
        p.setPen(GanttColors::text());
        p.drawText(QPoint(x + box + 4, area.top() + (area.height() + fm.ascent() - fm.descent()) / 2), name);
        x += w;
    }
}

QString GanttLegend::statsText(const engine::RangeStats& stats)
{
    if (!stats.hasRunning)
        return tr("Selection: %1 — concurrency %2 (busy %3 in slices)")
            .arg(GanttTicks::duration(stats.durationNs), QString::number(stats.concurrency, 'f', 2),
                GanttTicks::duration(stats.busyNs));
    return tr("Selection: %1 — concurrency %2, parallelism %3 (busy %4 in tasks, %5 on a core)")
        .arg(GanttTicks::duration(stats.durationNs), QString::number(stats.concurrency, 'f', 2),
            QString::number(stats.parallelism, 'f', 2), GanttTicks::duration(stats.busyNs),
            GanttTicks::duration(stats.runningNs));
}

void GanttLegend::paintStats(QPainter& p, const QRect& area, const engine::RangeStats& stats)
{
    p.fillRect(area, GanttColors::header());
    p.setPen(GanttColors::text());
    const QFontMetrics fm(p.font());
    p.drawText(area.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft,
        fm.elidedText(statsText(stats), Qt::ElideRight, area.width() - 16));
}

} // namespace overlap::ui
