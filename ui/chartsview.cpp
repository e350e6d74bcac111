#include "ui/chartsview.h"

#include "ui/runcontroller.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QList>
#include <QValueAxis>
#include <algorithm>

namespace overlap::ui {

namespace {

QChartView* makeView(QChart* chart, QWidget* parent)
{
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    // Squeezed charts turn their axis labels into "…".
    view->setMinimumHeight(200);
    view->setMinimumWidth(260);
    return view;
}

void attach(QChart* chart, QLineSeries* series, QValueAxis* x, QValueAxis* y)
{
    chart->addSeries(series);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    x->setLabelFormat(QStringLiteral("%.3g"));
    y->setLabelFormat(QStringLiteral("%d"));
}

} // namespace

ChartsView::ChartsView(QWidget* parent)
    : QWidget(parent)
    , m_tasksChart(new QChart)
    , m_tasks(new QLineSeries)
    , m_tasksX(new QValueAxis)
    , m_tasksY(new QValueAxis)
    , m_cpuChart(new QChart)
    , m_cpu(new QLineSeries)
    , m_cpuX(new QValueAxis)
    , m_cpuY(new QValueAxis)
{
    attach(m_tasksChart, m_tasks, m_tasksX, m_tasksY);
    attach(m_cpuChart, m_cpu, m_cpuX, m_cpuY);
    m_cpuY->setRange(0, 100);
    m_tasksY->setRange(0, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(makeView(m_tasksChart, this));
    layout->addWidget(makeView(m_cpuChart, this));

    m_timer.setInterval(250);
    // Hidden charts (another tab) are brought up to date when shown: a
    // refresh walks every point, which a flooded GUI thread cannot spare.
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_dirty && isVisible())
            refresh();
    });
    retranslateUi();
}

void ChartsView::startRun(const engine::Plan& plan)
{
    m_plan.emplace(plan);
    const engine::RunSettings& run = plan.run();
    m_data.clear(RunController::cpuCores(),
        run.model == engine::Model::Sequential || run.model == engine::Model::Fibers
            || (run.model == engine::Model::Threads && run.gil));
    m_dirty = true;
    refresh();
    m_timer.start();
}

void ChartsView::appendEvents(const std::vector<engine::Event>& batch)
{
    if (!m_plan)
        return;
    m_data.append(batch, *m_plan);
    m_dirty = true;
}

void ChartsView::finishRun(const engine::RunOutput&)
{
    m_timer.stop();
    if (isVisible())
        refresh();
}

void ChartsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

void ChartsView::refresh()
{
    m_dirty = false;
    const std::vector<QPointF> tasks = m_data.tasksInProgress();
    const std::vector<QPointF> cpu = m_data.cpuUtilisation();
    m_tasks->replace(QList<QPointF>(tasks.begin(), tasks.end()));
    m_cpu->replace(QList<QPointF>(cpu.begin(), cpu.end()));
    const double end = std::max(0.001, m_data.endSeconds());
    m_tasksX->setRange(0, end);
    m_cpuX->setRange(0, end);
    m_tasksY->setRange(0, std::max(1, m_data.peakTasks()));
    // Round ticks (0, 0.5, 1 s…) rather than fractions of the current end.
    m_tasksX->applyNiceNumbers();
    m_cpuX->applyNiceNumbers();
    m_tasksY->applyNiceNumbers();
}

void ChartsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ChartsView::retranslateUi()
{
    m_tasksChart->setTitle(tr("Tasks in progress"));
    m_tasksX->setTitleText(tr("time (s)"));
    m_tasksY->setTitleText(tr("tasks"));
    m_cpuChart->setTitle(tr("CPU utilisation (all cores)"));
    m_cpuX->setTitleText(tr("time (s)"));
    m_cpuY->setTitleText(tr("% of %n core(s)", nullptr, RunController::cpuCores()));
}

} // namespace overlap::ui
