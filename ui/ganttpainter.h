#pragma once

// Paints a Gantt frame (overview, ruler, lane names, bars, hand-off arrows,
// "now" line, selection, statistics, legend) into any QPainter: the widget,
// a QImage, an SVG or a PDF. Bars are batched per colour with antialiasing
// off; text goes only on bars wide enough to read it.

#include "ui/ganttgeometry.h"
#include "ui/ganttscene.h"

#include <QCoreApplication>
#include <QSize>

class QPainter;

namespace overlap::ui {

class GanttOverview;

class GanttPainter {
    Q_DECLARE_TR_FUNCTIONS(GanttPainter)
public:
    // Bars narrower than this get no label (and a label needs far more anyway).
    static constexpr int minLabelWidthPx = 40;
    // Arrows closer than this on average are noise, not information: when
    // there are more on screen, none are drawn (zoom in to see them).
    static constexpr int minArrowSpacingPx = 12;

    static GanttGeometry::Key geometryKey(const GanttScene& scene, const GanttLayout& layout);
    // Rebuilds `geometry` only when its key is stale. `overview` may be null.
    static void paint(QPainter& p, const QSize& size, const GanttScene& scene, GanttGeometry& geometry,
        GanttOverview* overview);
    static void paintLanes(
        QPainter& p, const GanttLayout& layout, const GanttScene& scene, const GanttGeometry& geometry);

private:
    static void paintBackground(QPainter& p, const QRect& area, const GanttScene& scene, std::size_t rows);
    static void paintHeader(QPainter& p, const GanttLayout& layout, const GanttScene& scene);
    static void paintArrows(
        QPainter& p, const GanttLayout& layout, const GanttScene& scene, const GanttGeometry& geometry);
    static QString barLabel(const GanttScene& scene, const engine::Segment& s);
};

} // namespace overlap::ui
