#pragma once

// The time axis above the lanes: adaptive units, nice ticks, the selection.

#include "ui/ganttcoordinates.h"

#include <QRect>
#include <cstdint>

class QPainter;

namespace overlap::ui {

class GanttRuler {
public:
    static void paint(QPainter& p, const QRect& area, const GanttCoordinates& c);
    // The vertical lines at the ruler's ticks, drawn under the bars.
    static void paintGrid(QPainter& p, const QRect& area, const GanttCoordinates& c);
    static std::int64_t tickStep(const QPainter& p, const GanttCoordinates& c);
};

} // namespace overlap::ui
