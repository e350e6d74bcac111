#include "ui/compareview.h"

#include "ui/modelnames.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace overlap::ui {

namespace {

QChartView* barChart(QChart* chart, QBarSeries* series, QBarCategoryAxis* x, QValueAxis* y, QWidget* parent)
{
    chart->addSeries(series);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220); // squeezed charts elide their labels
    view->setMinimumWidth(300);
    return view;
}

} // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , m_model(new CompareTableModel(this))
    , m_status(new QLabel(this))
    , m_makespanChart(new QChart)
    , m_makespanSeries(new QBarSeries)
    , m_makespanX(new QBarCategoryAxis)
    , m_makespanY(new QValueAxis)
    , m_speedupChart(new QChart)
    , m_speedupSeries(new QBarSeries)
    , m_speedupX(new QBarCategoryAxis)
    , m_speedupY(new QValueAxis)
    , m_table(new QTableView(this))
{
    m_table->setModel(m_model);
    m_table->setMinimumHeight(170);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* charts = new QHBoxLayout;
    charts->addWidget(barChart(m_makespanChart, m_makespanSeries, m_makespanX, m_makespanY, this));
    charts->addWidget(barChart(m_speedupChart, m_speedupSeries, m_speedupX, m_speedupY, this));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(charts, 3);
    layout->addWidget(m_table, 2);
    retranslateUi();
}

void CompareView::clear()
{
    m_model->clear();
    rebuildCharts();
}

void CompareView::addResult(const CompareResult& result)
{
    m_model->append(result);
    rebuildCharts();
}

void CompareView::setStatus(const QString& text)
{
    m_status->setText(text);
}

void CompareView::rebuildCharts()
{
    m_makespanSeries->clear();
    m_speedupSeries->clear();
    auto* makespan = new QBarSet(tr("makespan (ms)"));
    auto* speedup = new QBarSet(tr("speedup vs sequential"));
    QStringList categories;
    double maxMakespan = 1;
    double maxSpeedup = 1;
    for (const CompareResult& r : m_model->results()) {
        categories << shortVariantTitle(r.model, r.gil);
        makespan->append(std::round(r.metrics.makespanMs)); // whole ms: the bar label stays short
        speedup->append(r.vsSequential.value_or(0));
        maxMakespan = std::max(maxMakespan, r.metrics.makespanMs);
        maxSpeedup = std::max(maxSpeedup, r.vsSequential.value_or(0));
    }
    makespan->setLabelColor(Qt::white);
    speedup->setLabelColor(Qt::white);
    m_makespanSeries->append(makespan);
    m_speedupSeries->append(speedup);
    m_makespanX->setCategories(categories);
    m_speedupX->setCategories(categories);
    m_makespanY->setRange(0, maxMakespan * 1.1);
    m_speedupY->setRange(0, maxSpeedup * 1.1);
    m_makespanY->applyNiceNumbers();
    m_makespanY->setLabelFormat(QStringLiteral("%.0f"));
    m_speedupY->applyNiceNumbers();
    m_makespanSeries->setLabelsFormat(QStringLiteral("@value"));
    m_speedupSeries->setLabelsFormat(QStringLiteral("@value×"));
    m_makespanSeries->setLabelsPrecision(7); // 10001 ms, not 1e+04
    m_speedupSeries->setLabelsPrecision(3);
}

void CompareView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CompareView::retranslateUi()
{
    m_makespanChart->setTitle(tr("Makespan per model (ms, lower is better)"));
    m_speedupChart->setTitle(tr("Speedup vs sequential (higher is better)"));
    if (m_model->results().empty())
        m_status->setText(
            tr("Run ▸ Compare all models runs the scenario under every model, one after another."));
    m_model->retranslate();
    rebuildCharts();
}

} // namespace overlap::ui
