#pragma once

// The live charts of the current run: tasks in progress and CPU utilisation
// over time. Batches are accumulated as they come; the series are rebuilt at
// a modest rate (a few times a second), since a chart is not a Gantt.
//
// For an imported trace: slices in progress over time, and the trace's
// counters (C events), one line per series.

#include "engine/metrics.h"
#include "engine/plan.h"
#include "engine/timeline.h"
#include "engine/traceimport.h"
#include "ui/chartdata.h"

#include <QTimer>
#include <QWidget>
#include <optional>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace overlap::ui {

class ChartsView : public QWidget {
    Q_OBJECT
public:
    explicit ChartsView(QWidget* parent = nullptr);

    // Nothing shown: the state of a new window (File ▸ New, Open).
    void clear();
    bool isEmpty() const;
    void startRun(const engine::Plan& plan);
    void appendEvents(const std::vector<engine::Event>& batch);
    void finishRun(const engine::RunOutput& output);
    // An imported trace instead of a run (`timeline` is its Gantt's).
    void showImport(const engine::ImportedTrace& trace, const engine::Timeline& timeline);
    bool showsImport() const { return m_import; }
    // Lines drawn on the second chart (CPU utilisation or the counters).
    int secondChartSeries() const;

    const ChartData& data() const { return m_data; }

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void refresh();
    void retranslateUi();
    void leaveImport();

    ChartData m_data;
    std::optional<engine::Plan> m_plan;
    bool m_dirty = false;
    QTimer m_timer;
    QChart* m_tasksChart;
    QLineSeries* m_tasks;
    QValueAxis* m_tasksX;
    QValueAxis* m_tasksY;
    QChart* m_cpuChart;
    QLineSeries* m_cpu;
    QValueAxis* m_cpuX;
    QValueAxis* m_cpuY;
    bool m_import = false;
    std::vector<QLineSeries*> m_counterSeries; // beyond m_cpu, while an import is shown
};

} // namespace overlap::ui
