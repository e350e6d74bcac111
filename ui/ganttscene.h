#pragma once

// Everything one frame of the Gantt chart shows, independent of the widget:
// the view paints it on screen and image export paints it into a QImage, an
// SVG or a PDF with the same code.

#include "engine/timeline.h"
#include "ui/ganttgeometry.h"

#include <QRect>
#include <QString>
#include <cstdint>
#include <vector>

namespace overlap::ui {

struct GanttScene {
    const engine::Timeline* timeline = nullptr;
    engine::Grouping grouping = engine::Grouping::Task;
    std::vector<GanttRow> rows; // every row, in display order
    std::vector<QString> names; // per row
    int firstRow = 0; // vertical scroll
    int rowHeight = 20;
    int headerWidth = 170;
    std::int64_t visibleStart = 0;
    std::int64_t visibleEnd = 1;
    std::int64_t totalNs = 0;
    std::int64_t selectionStart = 0;
    std::int64_t selectionEnd = 0; // == selectionStart: no selection
    const engine::RangeStats* stats = nullptr; // of the selection, when there is one
    bool live = false; // draw the "now" line
    std::int64_t nowNs = 0;
    bool showOverview = true;
    bool showLegend = true;
    std::uint64_t dataGeneration = 0; // changes when the timeline object is replaced
    bool hasSelection() const { return selectionEnd > selectionStart; }
};

// Where each part of a frame goes.
struct GanttLayout {
    static constexpr int overviewHeight = 28;
    static constexpr int rulerHeight = 26;
    static constexpr int statsHeight = 20;
    static constexpr int legendHeight = 22;

    QRect overview;
    QRect ruler; // right of the header column
    QRect header; // lane names
    QRect lanes; // the bars
    QRect stats;
    QRect legend;
    int visibleRows = 0;

    static GanttLayout compute(const QSize& size, const GanttScene& scene)
    {
        GanttLayout l;
        int y = 0;
        const int w = size.width();
        if (scene.showOverview) {
            l.overview = QRect(scene.headerWidth, y, std::max(1, w - scene.headerWidth), overviewHeight);
            y += overviewHeight;
        }
        l.ruler = QRect(scene.headerWidth, y, std::max(1, w - scene.headerWidth), rulerHeight);
        y += rulerHeight;
        int bottom = size.height();
        if (scene.showLegend) {
            bottom -= legendHeight;
            l.legend = QRect(0, bottom, w, legendHeight);
        }
        if (scene.hasSelection()) {
            bottom -= statsHeight;
            l.stats = QRect(0, bottom, w, statsHeight);
        }
        const int h = std::max(1, bottom - y);
        l.header = QRect(0, y, scene.headerWidth, h);
        l.lanes = QRect(scene.headerWidth, y, std::max(1, w - scene.headerWidth), h);
        l.visibleRows = (h + scene.rowHeight - 1) / std::max(1, scene.rowHeight);
        return l;
    }
};

} // namespace overlap::ui
