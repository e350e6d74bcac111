#pragma once

// Compare all models: runs the scenario under sequential, fibers, threads,
// threads + GIL and processes one after another, through the same
// non-blocking RunController as a single run, and reports each result.

#include "engine/scenario.h"
#include "ui/comparetablemodel.h"
#include "ui/runcontroller.h"

#include <QObject>
#include <optional>
#include <vector>

namespace overlap::ui {

class CompareRunner : public QObject {
    Q_OBJECT
public:
    explicit CompareRunner(QObject* parent = nullptr);

    // The controller that runs each variant: connect it to show them live.
    RunController* controller() { return &m_controller; }

    bool start(const engine::Scenario& base, std::optional<int> workers);
    void stop(); // the run in progress stops, the remaining ones are skipped
    bool isRunning() const { return m_running; }

signals:
    void variantStarted(int index, int count);
    void resultReady(const overlap::ui::CompareResult& result);
    void finished(bool completed);

private:
    void next();

    RunController m_controller;
    std::vector<engine::Scenario> m_variants;
    std::size_t m_next = 0;
    bool m_running = false;
    bool m_stopped = false;
};

} // namespace overlap::ui
