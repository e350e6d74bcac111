#pragma once

// One colour per segment state, and the translated names the legend and the
// tooltips use. Colours are picked to stay apart for the common colour-vision
// deficiencies: "doing" states are saturated, "waiting" states light.

#include "engine/timelinelane.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>
#include <array>

namespace overlap::ui {

class GanttColors {
    Q_DECLARE_TR_FUNCTIONS(GanttColors)
public:
    static QColor color(engine::SegmentState state);
    // Bars are painted by colour key: a segment state, or for an imported
    // trace's slices one of kSliceColours picked by the slice's name, as
    // Perfetto does, so that the same function looks the same everywhere.
    static constexpr int kSliceColours = 12;
    static constexpr int kColourKeys = engine::segmentStateCount + kSliceColours;
    static QColor keyColor(int key);
    static int sliceKey(int nameIndex);
    static QString name(engine::SegmentState state);
    // States in legend order.
    static const std::array<engine::SegmentState, engine::segmentStateCount>& legendOrder();

    static QColor background() { return QColor(0xff, 0xff, 0xff); }
    static QColor alternateRow() { return QColor(0xf4, 0xf5, 0xf7); }
    static QColor grid() { return QColor(0xdd, 0xdf, 0xe3); }
    static QColor text() { return QColor(0x20, 0x22, 0x26); }
    static QColor header() { return QColor(0xea, 0xec, 0xef); }
    static QColor nowLine() { return QColor(0xd6, 0x27, 0x28); }
    static QColor selection() { return QColor(0x33, 0x66, 0xcc, 0x40); }
    static QColor gilArrow() { return QColor(0x24, 0x10, 0x3c); } // dark: drawn over purple and green bars
    static QColor lockArrow() { return QColor(0x7a, 0x38, 0x00); }
};

} // namespace overlap::ui
