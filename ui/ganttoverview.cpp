#include "ui/ganttoverview.h"

#include "ui/ganttcolors.h"
#include "ui/ganttcoordinates.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace overlap::ui {

using engine::SegmentState;

void GanttOverview::rebuild(const GanttScene& scene, int width)
{
    m_width = width;
    m_revision = scene.timeline->revision();
    m_generation = scene.dataGeneration;
    m_totalNs = scene.totalNs;
    // Closed segments are already summed in the timeline's profile; only the
    // steps still open are added here, so this costs O(bins + open steps).
    std::vector<engine::Segment> open;
    for (const engine::OpenSegment& o : scene.timeline->openSegments(engine::Grouping::Task))
        open.push_back(o.segment);
    const std::vector<float> columns
        = scene.timeline->profile().resample(width, std::max<std::int64_t>(1, scene.totalNs), open);
    const auto w = static_cast<std::ptrdiff_t>(width);
    m_inProgress.assign(columns.begin(), columns.begin() + w);
    m_running.assign(columns.begin() + w, columns.end());
    m_peak = 1;
    for (float v : m_inProgress)
        m_peak = std::max(m_peak, v);
}

void GanttOverview::paint(QPainter& p, const QRect& area, const GanttScene& scene)
{
    p.fillRect(area, GanttColors::alternateRow());
    if (!scene.timeline || scene.totalNs <= 0)
        return;
    const int width = area.width();
    const bool stale = m_width != width || m_generation != scene.dataGeneration || m_totalNs != scene.totalNs
        || m_revision != scene.timeline->revision();
    if (stale)
        rebuild(scene, width);

    const int h = area.height() - 2;
    const QColor inProgress = GanttColors::color(SegmentState::WaitingIo);
    const QColor running = GanttColors::color(SegmentState::Running);
    for (int x = 0; x < std::min(width, m_width); ++x) {
        const int a = static_cast<int>(std::lround(h * m_inProgress[static_cast<std::size_t>(x)] / m_peak));
        const int r = static_cast<int>(std::lround(h * m_running[static_cast<std::size_t>(x)] / m_peak));
        if (a > 0)
            p.fillRect(area.left() + x, area.bottom() - a, 1, a, inProgress);
        if (r > 0)
            p.fillRect(area.left() + x, area.bottom() - r, 1, r, running);
    }
    // The visible window: the rest is dimmed.
    const GanttCoordinates c(0, std::max<std::int64_t>(1, m_totalNs), area.left(), width);
    const int vx0 = std::clamp(static_cast<int>(c.toX(scene.visibleStart)), area.left(), area.right());
    const int vx1
        = std::clamp(static_cast<int>(std::ceil(c.toX(scene.visibleEnd))), vx0 + 2, area.right() + 1);
    const QColor dim(0, 0, 0, 40);
    p.fillRect(QRect(area.left(), area.top(), vx0 - area.left(), area.height()), dim);
    p.fillRect(QRect(vx1, area.top(), area.right() + 1 - vx1, area.height()), dim);
    p.setPen(GanttColors::text());
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRect(vx0, area.top(), vx1 - vx0 - 1, area.height() - 1));
}

} // namespace overlap::ui
