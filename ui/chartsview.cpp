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
#include <cmath>

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

void ChartsView::leaveImport()
{
    if (!m_import)
        return;
    m_import = false;
    for (QLineSeries* series : m_counterSeries) {
        m_cpuChart->removeSeries(series);
        delete series;
    }
    m_counterSeries.clear();
    m_cpuChart->legend()->hide();
    m_cpuY->setLabelFormat(QStringLiteral("%d"));
    m_tasksY->setLabelFormat(QStringLiteral("%d"));
    retranslateUi();
}

void ChartsView::showImport(const engine::ImportedTrace& trace, const engine::Timeline& timeline)
{
    m_timer.stop();
    leaveImport();
    m_plan.reset();
    m_import = true;
    m_dirty = false;
    const double spanS = std::max(1e-9, static_cast<double>(trace.spanNs) / 1e9);

    // Slices in progress: the timeline's profile, averaged over 500 columns.
    constexpr int columns = 500;
    const std::vector<float> profile
        = timeline.profile().resample(columns, std::max<std::int64_t>(1, trace.spanNs));
    QList<QPointF> slices;
    double peak = 1;
    for (int c = 0; c < columns; ++c) {
        const double v = profile[static_cast<std::size_t>(c)];
        slices << QPointF(spanS * c / columns, v) << QPointF(spanS * (c + 1) / columns, v);
        peak = std::max(peak, v);
    }
    m_tasks->replace(slices);
    m_tasksX->setRange(0, spanS);
    m_tasksY->setRange(0, std::ceil(peak));
    m_tasksY->setLabelFormat(QStringLiteral("%.3g"));

    // Counters: up to eight series, at most 2000 points each.
    constexpr std::size_t maxSeries = 8;
    constexpr std::size_t maxPoints = 2000;
    std::vector<std::pair<QString, const std::vector<engine::CounterPoint>*>> lines;
    for (const engine::ImportedCounter& counter : trace.counters) {
        for (const auto& series : counter.series) {
            if (lines.size() < maxSeries) {
                const QString name = QString::fromStdString(counter.name)
                    + (counter.series.size() > 1 ? QStringLiteral(" · ") + QString::fromStdString(series.key)
                                                 : QString());
                lines.emplace_back(name, &series.points);
            }
        }
    }
    double low = 0, high = 1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        QLineSeries* series = i == 0 ? m_cpu : new QLineSeries;
        if (i > 0) {
            m_cpuChart->addSeries(series);
            series->attachAxis(m_cpuX);
            series->attachAxis(m_cpuY);
            m_counterSeries.push_back(series);
        }
        series->setName(lines[i].first);
        const auto& points = *lines[i].second;
        const std::size_t step = std::max<std::size_t>(1, points.size() / maxPoints);
        QList<QPointF> list;
        double previous = 0;
        for (std::size_t k = 0; k < points.size(); k += step) {
            const double x = static_cast<double>(points[k].ns) / 1e9;
            if (!list.isEmpty())
                list << QPointF(x, previous); // counters hold their value until the next sample
            list << QPointF(x, points[k].value);
            previous = points[k].value;
            low = std::min(low, points[k].value);
            high = std::max(high, points[k].value);
        }
        series->replace(list);
    }
    if (lines.empty())
        m_cpu->clear();
    m_cpuChart->legend()->setVisible(!lines.empty());
    m_cpuX->setRange(0, spanS);
    m_cpuY->setRange(low, high);
    m_cpuY->setLabelFormat(QStringLiteral("%.4g"));
    m_tasksX->applyNiceNumbers();
    m_cpuX->applyNiceNumbers();
    retranslateUi();
}

void ChartsView::clear()
{
    m_timer.stop();
    leaveImport();
    m_plan.reset();
    m_data.clear(RunController::cpuCores());
    m_dirty = false;
    m_tasks->clear();
    m_cpu->clear();
    m_tasksX->setRange(0, 1);
    m_cpuX->setRange(0, 1);
    m_tasksY->setRange(0, 1);
}

bool ChartsView::isEmpty() const
{
    return !m_import && !m_plan && m_tasks->count() == 0 && m_cpu->count() == 0;
}

int ChartsView::secondChartSeries() const
{
    return static_cast<int>(m_cpuChart->series().size());
}

void ChartsView::startRun(const engine::Plan& plan)
{
    leaveImport();
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
    m_tasksX->setTitleText(tr("time (s)"));
    m_cpuX->setTitleText(tr("time (s)"));
    m_tasksChart->setToolTip({});
    m_cpuChart->setToolTip({});
    if (m_import) {
        m_tasksChart->setTitle(tr("Slices in progress (outermost, all threads)"));
        m_tasksY->setTitleText(tr("slices"));
        m_cpuChart->setTitle(m_counterSeries.empty() && m_cpu->count() == 0
                ? tr("Counters: none in this trace")
                : tr("Counters"));
        m_cpuY->setTitleText(tr("value"));
        return;
    }
    m_tasksChart->setTitle(tr("Tasks in progress"));
    m_tasksY->setTitleText(tr("tasks"));
    m_tasksChart->setToolTip(
        tr("Task attempts started and not yet ended, over time; their mean over the run is "
           "close to the run's concurrency."));
    m_cpuChart->setTitle(tr("CPU utilisation (all cores)"));
    m_cpuChart->setToolTip(
        tr("The time cpu steps were on a core, where it happened (as the Gantt draws them "
           "running), per 10 ms, ÷ the machine's cores. Its mean over the run is the run's "
           "parallelism ÷ cores."));
    m_cpuY->setTitleText(tr("% of %n core(s)", nullptr, RunController::cpuCores()));
}

} // namespace overlap::ui
