#pragma once

// The strip above the ruler: the whole run at a glance (tasks in progress and
// running, per pixel column) with the visible window marked. The columns are
// resampled from the timeline's concurrency profile whenever the data or the
// width change, at a cost independent of the number of segments.

#include "ui/ganttscene.h"

#include <QRect>
#include <cstdint>
#include <vector>

class QPainter;

namespace overlap::ui {

class GanttOverview {
public:
    void paint(QPainter& p, const QRect& area, const GanttScene& scene);
    void invalidate() { m_width = 0; }

private:
    void rebuild(const GanttScene& scene, int width);

    std::vector<float> m_inProgress; // average tasks in a step, per column
    std::vector<float> m_running;
    std::uint64_t m_revision = 0;
    std::uint64_t m_generation = 0;
    std::int64_t m_totalNs = 0;
    int m_width = 0;
    float m_peak = 1;
};

} // namespace overlap::ui
