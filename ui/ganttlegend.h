#pragma once

// The legend of state colours, and the statistics line of a selected range.

#include "engine/timeline.h"

#include <QCoreApplication>
#include <QRect>

class QPainter;

namespace overlap::ui {

class GanttLegend {
    Q_DECLARE_TR_FUNCTIONS(GanttLegend)
public:
    static void paint(QPainter& p, const QRect& area, bool withGil);
    static QString statsText(const engine::RangeStats& stats);
    static void paintStats(QPainter& p, const QRect& area, const engine::RangeStats& stats);
};

} // namespace overlap::ui
