#include "ui/ganttcolors.h"

#include <algorithm>
#include <cstdint>

namespace overlap::ui {

using engine::SegmentState;

QColor GanttColors::keyColor(int key)
{
    if (key < engine::segmentStateCount)
        return color(static_cast<SegmentState>(std::max(0, key)));
    // Mid-tones that hold white or dark labels, spread around the wheel.
    static const QColor palette[kSliceColours]
        = {QColor(0x42, 0x85, 0xf4), QColor(0x0f, 0x9d, 0x58), QColor(0xf4, 0xb4, 0x00),
            QColor(0xdb, 0x44, 0x37), QColor(0xab, 0x47, 0xbc), QColor(0x00, 0xac, 0xc1),
            QColor(0xff, 0x70, 0x43), QColor(0x9e, 0x9d, 0x24), QColor(0x5c, 0x6b, 0xc0),
            QColor(0xf0, 0x62, 0x92), QColor(0x00, 0x89, 0x7b), QColor(0x8d, 0x6e, 0x63)};
    return palette[(key - engine::segmentStateCount) % kSliceColours];
}

int GanttColors::sliceKey(int nameIndex)
{
    // A multiplicative hash: neighbouring name indices land on different colours.
    const auto h = static_cast<std::uint32_t>(std::max(0, nameIndex)) * 2654435761u;
    return engine::segmentStateCount + static_cast<int>((h >> 16) % kSliceColours);
}

QColor GanttColors::color(SegmentState state)
{
    switch (state) {
    case SegmentState::Running:
        return QColor(0x2e, 0x7d, 0x32); // green
    case SegmentState::WaitingIo:
        return QColor(0x90, 0xca, 0xf9); // light blue
    case SegmentState::WaitingLock:
        return QColor(0xff, 0xb7, 0x4d); // orange
    case SegmentState::WaitingGil:
        return QColor(0xce, 0x93, 0xd8); // lilac
    case SegmentState::Ready:
        return QColor(0xff, 0xee, 0x58); // yellow
    case SegmentState::Backoff:
        return QColor(0xbc, 0xaa, 0xa4); // taupe
    case SegmentState::RateWait:
        return QColor(0x80, 0xcb, 0xc4); // teal
    case SegmentState::Startup:
        return QColor(0x9e, 0x9e, 0x9e); // grey
    case SegmentState::Failed:
        return QColor(0xd3, 0x2f, 0x2f); // red
    case SegmentState::GilHeld:
        return QColor(0x6a, 0x1b, 0x9a); // purple
    case SegmentState::Count_:
        break;
    }
    return Qt::black;
}

QString GanttColors::name(SegmentState state)
{
    switch (state) {
    case SegmentState::Running:
        return tr("running");
    case SegmentState::WaitingIo:
        return tr("waiting for I/O");
    case SegmentState::WaitingLock:
        return tr("waiting for a lock");
    case SegmentState::WaitingGil:
        return tr("waiting for the GIL");
    case SegmentState::Ready:
        return tr("ready, not running");
    case SegmentState::Backoff:
        return tr("retry backoff");
    case SegmentState::RateWait:
        return tr("rate limit");
    case SegmentState::Startup:
        return tr("worker start-up");
    case SegmentState::Failed:
        return tr("failed");
    case SegmentState::GilHeld:
        return tr("holds the GIL");
    case SegmentState::Count_:
        break;
    }
    return {};
}

const std::array<SegmentState, engine::segmentStateCount>& GanttColors::legendOrder()
{
    static const std::array<SegmentState, engine::segmentStateCount> order{SegmentState::Running,
        SegmentState::WaitingIo, SegmentState::WaitingLock, SegmentState::WaitingGil, SegmentState::GilHeld,
        SegmentState::Ready, SegmentState::Backoff, SegmentState::RateWait, SegmentState::Startup,
        SegmentState::Failed};
    return order;
}

} // namespace overlap::ui
