#pragma once

// The live Gantt chart of a run: lanes by task, worker or CPU core (plus a
// GIL lane), custom-painted from the events as they stream in.
//
// Navigation follows Perfetto and Tracy: wheel zooms around the cursor
// (Shift+wheel scrolls lanes), drag pans, W/S zoom, A/D pan, F fits, a drag
// across the ruler selects a range (Esc clears it). While a run streams, the
// view follows "now" until the user scrolls or zooms.

#include "engine/event.h"
#include "engine/plan.h"
#include "engine/run.h"
#include "engine/timeline.h"
#include "ui/ganttgeometry.h"
#include "ui/ganttoverview.h"
#include "ui/ganttscene.h"

#include <QElapsedTimer>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QScrollBar;
class QTimer;

namespace overlap::ui {

class ZoomControl;

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
    // A finished timeline of prebuilt lanes (an imported trace): one row per
    // lane, labelled by the timeline, and bars named after their slices.
    // Lanes by worker or core do not apply: the mode stays by task.
    void showTimeline(std::shared_ptr<engine::Timeline> timeline);
    bool showsImport() const { return m_timeline && m_timeline->isPrebuilt(); }

    void setLaneMode(LaneMode mode);
    LaneMode laneMode() const;
    void setFollowNow(bool follow);
    bool followNow() const;
    void zoomToFit();

    // Below: for the window's export and for tests.
    const engine::Timeline* timeline() const { return m_timeline.get(); }
    std::shared_ptr<engine::Timeline> sharedTimeline() const { return m_timeline; }
    ZoomControl* zoomControl() const { return m_zoom; }
    bool isLive() const { return m_live; }
    // Rows shown, the GIL row included.
    int laneCount() const;
    QString laneName(int row) const;
    // Where things are in the widget (without the vertical scroll bar).
    GanttLayout currentLayout() const;
    std::int64_t timeAt(double x) const;
    double xAt(std::int64_t ns) const;
    // The segment (or folded bar, count > 1) under a point of the widget.
    std::optional<engine::Segment> segmentAt(const QPoint& pos) const;
    QString toolTipFor(const engine::Segment& segment) const;
    // User navigation, as the mouse and keys do it (turns "follow now" off).
    void zoomAt(double factor, double x);
    void panBy(double dxPixels);
    // Paints the current view into any painter (image export), without the
    // legend or the overview strip if asked.
    void paintFrame(
        QPainter& painter, const QSize& size, bool withLegend = true, bool withOverview = true) const;

signals:
    void followNowChanged(bool follow);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    enum class Drag { None, Pan, Select, Overview };

    void userNavigated();
    void onTick();
    void dataChanged();
    void refreshRows();
    void updateScrollBar();
    GanttScene scene(const QSize& size) const;
    QSize frameSize() const;
    const engine::RangeStats* selectionStats() const;

    std::shared_ptr<const engine::Plan> m_plan;
    std::shared_ptr<engine::Timeline> m_timeline;
    ZoomControl* m_zoom = nullptr;
    QScrollBar* m_scroll = nullptr;
    QTimer* m_tick = nullptr;
    QElapsedTimer m_runClock;
    LaneMode m_mode = LaneMode::Task;
    bool m_follow = true;
    bool m_live = false;
    std::uint64_t m_generation = 0;

    std::vector<GanttRow> m_rows;
    std::vector<QString> m_names;
    std::size_t m_rowsLaneCount = 0; // lanes the rows were made from
    bool m_rowsGil = false;
    engine::Grouping m_rowsGrouping = engine::Grouping::Task;
    std::uint64_t m_rowsGeneration = ~0ull;

    mutable GanttGeometry m_geometry;
    mutable GanttOverview m_overview;
    mutable std::optional<engine::RangeStats> m_stats;
    mutable std::tuple<std::int64_t, std::int64_t, std::uint64_t, int> m_statsKey{};

    Drag m_drag = Drag::None;
    QPoint m_dragStart;
    QPoint m_lastPos;
    std::int64_t m_selectAnchor = 0;
};

} // namespace overlap::ui
