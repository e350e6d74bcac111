#include "ui/ganttcolors.h"

namespace overlap::ui {

using engine::SegmentState;

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
