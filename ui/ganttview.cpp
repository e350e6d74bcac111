#include "ui/ganttview.h"

namespace overlap::ui {

// Minimal placeholder until the Gantt view lands: keeps the interface honest.
GanttView::GanttView(QWidget* parent)
    : QWidget(parent)
{
}
GanttView::~GanttView() = default;
void GanttView::startRun(const engine::Plan&) { }
void GanttView::appendEvents(const std::vector<engine::Event>&) { }
void GanttView::finishRun(const engine::RunOutput&) { }
void GanttView::setLaneMode(LaneMode) { }
GanttView::LaneMode GanttView::laneMode() const
{
    return LaneMode::Task;
}
void GanttView::setFollowNow(bool) { }
bool GanttView::followNow() const
{
    return true;
}
void GanttView::zoomToFit() { }

} // namespace overlap::ui
