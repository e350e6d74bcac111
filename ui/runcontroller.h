#pragma once

// Runs one plan without ever blocking the GUI thread: the engine runs on its
// own threads (or processes), and a timer on the GUI thread drains its event
// queue about 60 times a second and hands each batch on. The run is only
// joined (Run::wait) once the timer has seen it finished, when that is instant.

#include "engine/metrics.h"
#include "engine/plan.h"
#include "engine/run.h"
#include "ui/finishedrun.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <memory>
#include <optional>
#include <vector>

namespace overlap::ui {

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override; // cancels a run in progress and joins it

    void setOptions(engine::RunOptions options) { m_options = std::move(options); }

    // Starts a run; refused (false) while another one is in progress.
    bool start(engine::Plan plan);
    // Asks the run to stop; `finished` follows once it has.
    void stop();
    bool isRunning() const { return m_run != nullptr; }

    // The last finished run, for export. Empty before the first one ends.
    FinishedRunPtr lastResult() const { return m_last; }
    const engine::Plan* lastPlan() const { return m_last ? &m_last->plan : nullptr; }
    const engine::RunOutput* lastOutput() const { return m_last ? &m_last->output : nullptr; }
    const engine::Metrics* lastMetrics() const { return m_last ? &m_last->metrics : nullptr; }

    static int cpuCores();

signals:
    void started(const engine::Plan& plan);
    void eventsArrived(const std::vector<engine::Event>& batch);
    void progress(int done, int total);
    void finished(const engine::Plan& plan, const engine::RunOutput& output, const engine::Metrics& metrics);

private:
    void poll();
    void finishing();

    engine::RunOptions m_options;
    std::unique_ptr<engine::Run> m_run;
    QTimer m_timer;
    std::vector<engine::Event> m_batch;
    int m_total = 0;
    int m_done = 0;
    // Collecting a finished run (join, sort every event, metrics) takes tens of
    // ms for a million events: it happens on a pool thread, watched from here.
    QFutureWatcher<FinishedRunPtr> m_collecting;
    FinishedRunPtr m_last;
};

} // namespace overlap::ui
