#pragma once

// The live Gantt chart of a run: lanes by task, worker or CPU core (plus a
// GIL lane), custom-painted from the events as they stream in.

#include "engine/event.h"
#include "engine/plan.h"
#include "engine/run.h"

#include <QWidget>
#include <vector>

namespace overlap::ui {

class GanttView : public QWidget {
    Q_OBJECT
public:
    enum class LaneMode { Task, Worker, Core };
    Q_ENUM(LaneMode)

    explicit GanttView(QWidget* parent = nullptr);
    ~GanttView() override;

    // A new run: forgets what was shown, keeps the plan for names and steps.
    void startRun(const engine::Plan& plan);
    // Events drained from the engine (sorted within the batch), in arrival order.
    void appendEvents(const std::vector<engine::Event>& events);
    // The run has ended; `output.events` holds every event, sorted.
    void finishRun(const engine::RunOutput& output);

    void setLaneMode(LaneMode mode);
    LaneMode laneMode() const;
    void setFollowNow(bool follow);
    bool followNow() const;
    void zoomToFit();

signals:
    void followNowChanged(bool follow);
};

} // namespace overlap::ui
