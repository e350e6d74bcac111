#pragma once

// The result of "Compare all models": makespan and speedup per model as bar
// charts, above the full metrics table.

#include "ui/comparetablemodel.h"

#include <QWidget>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QChart;
class QLabel;
class QTableView;
class QValueAxis;

namespace overlap::ui {

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    void clear();
    void addResult(const CompareResult& result);
    void setStatus(const QString& text);
    CompareTableModel* model() const { return m_model; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuildCharts();
    void retranslateUi();

    CompareTableModel* m_model;
    QLabel* m_status;
    QChart* m_makespanChart;
    QBarSeries* m_makespanSeries;
    QBarCategoryAxis* m_makespanX;
    QValueAxis* m_makespanY;
    QChart* m_speedupChart;
    QBarSeries* m_speedupSeries;
    QBarCategoryAxis* m_speedupX;
    QValueAxis* m_speedupY;
    QTableView* m_table;
};

} // namespace overlap::ui
