#include "ui/ganttruler.h"

#include "ui/ganttcolors.h"
#include "ui/ganttticks.h"

#include <QFontMetrics>
#include <QPainter>

namespace overlap::ui {

std::int64_t GanttRuler::tickStep(const QPainter& p, const GanttCoordinates& c)
{
    const QFontMetrics fm(p.font());
    // Room for the widest label the step can produce.
    const double minSpacing = fm.horizontalAdvance(QStringLiteral("000.000 ms")) + 16;
    return GanttTicks::step(c.endNs() - c.startNs(), c.widthPx(), minSpacing);
}

void GanttRuler::paintGrid(QPainter& p, const QRect& area, const GanttCoordinates& c)
{
    p.setPen(GanttColors::grid());
    for (std::int64_t t : GanttTicks::ticks(c.startNs(), c.endNs(), tickStep(p, c))) {
        const int x = area.left() + static_cast<int>(c.toX(t));
        p.drawLine(x, area.top(), x, area.bottom());
    }
}

void GanttRuler::paint(QPainter& p, const QRect& area, const GanttCoordinates& c)
{
    p.fillRect(area, GanttColors::header());
    const QFontMetrics fm(p.font());
    const std::int64_t step = tickStep(p, c);
    const auto ticks = GanttTicks::ticks(c.startNs(), c.endNs(), step);
    p.setPen(GanttColors::text());
    for (std::int64_t t : ticks) {
        const int x = area.left() + static_cast<int>(c.toX(t));
        p.drawLine(x, area.bottom() - 5, x, area.bottom());
        const QString text = GanttTicks::label(t, step);
        const int tw = fm.horizontalAdvance(text);
        // Labels start at their tick; the last one is moved left rather than clipped.
        const int tx = std::min(x + 3, area.right() - tw - 2);
        p.drawText(QPoint(tx, area.top() + fm.ascent() + 4), text);
    }
    p.drawLine(area.bottomLeft(), area.bottomRight());
}

} // namespace overlap::ui
