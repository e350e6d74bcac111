#pragma once

// The live charts of the current run: tasks in progress and CPU utilisation
// over time. Batches are accumulated as they come; the series are rebuilt at
// a modest rate (a few times a second), since a chart is not a Gantt.

#include "engine/metrics.h"
#include "engine/plan.h"
#include "ui/chartdata.h"

#include <QTimer>
#include <QWidget>
#include <optional>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace overlap::ui {

class ChartsView : public QWidget {
    Q_OBJECT
public:
    explicit ChartsView(QWidget* parent = nullptr);

    void startRun(const engine::Plan& plan);
    void appendEvents(const std::vector<engine::Event>& batch);
    void finishRun(const engine::RunOutput& output);

    const ChartData& data() const { return m_data; }

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void refresh();
    void retranslateUi();

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
};

} // namespace overlap::ui
