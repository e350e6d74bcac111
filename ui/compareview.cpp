#include "ui/compareview.h"

#include "ui/ganttcolors.h"
#include "ui/metrictexts.h"
#include "ui/modelnames.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFont>
#include <QGraphicsSimpleTextItem>
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
    , m_caption(new QLabel(this))
    , m_status(new QLabel(this))
    , m_failures(new QLabel(this))
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
    QFont bold = m_caption->font();
    bold.setBold(true);
    m_caption->setFont(bold);
    m_caption->setVisible(false);
    m_caption->setTextFormat(Qt::PlainText);
    m_failures->setTextFormat(Qt::PlainText);
    m_failures->setWordWrap(true);
    QPalette red = m_failures->palette();
    red.setColor(QPalette::WindowText, GanttColors::color(engine::SegmentState::Failed));
    m_failures->setPalette(red);
    m_failures->setVisible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_status);
    layout->addLayout(charts, 3);
    layout->addWidget(m_failures);
    layout->addWidget(m_table, 2);
    // Notes sit over bars: they move whenever the plot area does.
    connect(m_makespanChart, &QChart::plotAreaChanged, this, &CompareView::placeNotes);
    connect(m_speedupChart, &QChart::plotAreaChanged, this, &CompareView::placeNotes);
    retranslateUi();
}

void CompareView::clear(const QString& caption)
{
    m_model->clear();
    setCaption(caption);
    if (caption.isEmpty())
        m_status->setText(
            tr("Run ▸ Compare all models runs the scenario under every model, one after another."));
    rebuildCharts();
}

void CompareView::setCaption(const QString& text)
{
    m_caption->setText(text);
    m_caption->setVisible(!text.isEmpty());
}

QString CompareView::caption() const
{
    return m_caption->text();
}

QString CompareView::status() const
{
    return m_status->text();
}

QString CompareView::failureNote() const
{
    return m_failures->isHidden() ? QString() : m_failures->text();
}

QList<qreal> CompareView::makespanBars() const
{
    QList<qreal> bars;
    for (int i = 0; m_makespanSet && i < m_makespanSet->count(); ++i)
        bars << m_makespanSet->at(i);
    return bars;
}

QList<qreal> CompareView::speedupBars() const
{
    QList<qreal> bars;
    for (int i = 0; m_speedupSet && i < m_speedupSet->count(); ++i)
        bars << m_speedupSet->at(i);
    return bars;
}

QList<int> CompareView::failedBarsDrawnRed() const
{
    QList<int> bars;
    if (m_makespanSet && m_makespanSet->selectedColor() == GanttColors::color(engine::SegmentState::Failed))
        bars = m_makespanSet->selectedBars();
    std::sort(bars.begin(), bars.end());
    return bars;
}

QStringList CompareView::makespanNotes() const
{
    QStringList notes;
    for (const Note& note : m_makespanNotes)
        notes << note.item->text();
    return notes;
}

QStringList CompareView::speedupNotes() const
{
    QStringList notes;
    for (const Note& note : m_speedupNotes)
        notes << note.item->text();
    return notes;
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

void CompareView::addNote(QChart* chart, std::vector<Note>& notes, int category, qreal value,
    const QString& text, const QColor& color)
{
    auto* item = new QGraphicsSimpleTextItem(text, chart);
    item->setBrush(color);
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
    item->setZValue(10); // over the bars
    notes.push_back({item, category, value});
}

void CompareView::placeNotes()
{
    const auto place = [](QChart* chart, QBarSeries* series, const std::vector<Note>& notes) {
        for (const Note& note : notes) {
            const QPointF at = chart->mapToPosition(QPointF(note.category, note.value), series);
            const QRectF box = note.item->boundingRect();
            // Centred above the bar's top; inside the plot, however short the bar.
            const qreal y = std::max(chart->plotArea().top(), at.y() - box.height() - 2);
            note.item->setPos(at.x() - box.width() / 2, y);
        }
    };
    place(m_makespanChart, m_makespanSeries, m_makespanNotes);
    place(m_speedupChart, m_speedupSeries, m_speedupNotes);
}

void CompareView::rebuildCharts()
{
    for (const Note& note : m_makespanNotes)
        delete note.item;
    for (const Note& note : m_speedupNotes)
        delete note.item;
    m_makespanNotes.clear();
    m_speedupNotes.clear();
    m_makespanSeries->clear();
    m_speedupSeries->clear();
    m_makespanSet = new QBarSet(tr("makespan (ms)"));
    m_speedupSet = new QBarSet(tr("speedup vs sequential"));
    const QColor failedColor = GanttColors::color(engine::SegmentState::Failed);
    QStringList categories;
    QStringList failures;
    double maxMakespan = 1;
    double maxSpeedup = 1;
    const std::vector<CompareResult>& results = m_model->results();
    const std::optional<int> fastest = m_model->fastestRow();
    for (std::size_t i = 0; i < results.size(); ++i) {
        const CompareResult& r = results[i];
        const int category = static_cast<int>(i);
        categories << shortVariantTitle(r.model, r.gil);
        m_makespanSet->append(std::round(r.metrics.makespanMs)); // whole ms: the bar label stays short
        // A run without a speedup gets no bar at all, not a bar of 0.
        m_speedupSet->append(r.vsSequential.value_or(0));
        maxMakespan = std::max(maxMakespan, r.metrics.makespanMs);
        maxSpeedup = std::max(maxSpeedup, r.vsSequential.value_or(0));
        if (r.hasFailures() || !r.error.isEmpty()) {
            m_makespanSet->selectBar(category);
            const QString what = r.error.isEmpty() ? failedText(r) : tr("error");
            addNote(m_makespanChart, m_makespanNotes, category, r.metrics.makespanMs, what, failedColor);
            addNote(m_speedupChart, m_speedupNotes, category, 0, tr("no speedup"), failedColor);
            failures << (r.error.isEmpty()
                    ? tr("%1: %2 — its makespan is no result, so it gets no speedup and is not ranked.")
                          .arg(variantTitle(r.model, r.workers, r.gil), failedText(r))
                    : tr("%1: the run failed (%2).").arg(variantTitle(r.model, r.workers, r.gil), r.error));
        } else if (!r.vsSequential) {
            addNote(
                m_speedupChart, m_speedupNotes, category, 0, tr("no sequential run"), GanttColors::text());
        }
        if (fastest == category)
            addNote(m_makespanChart, m_makespanNotes, category, r.metrics.makespanMs, tr("fastest"),
                GanttColors::text());
    }
    m_makespanSet->setSelectedColor(failedColor);
    m_makespanSet->setLabelColor(Qt::white);
    m_speedupSet->setLabelColor(Qt::white);
    m_makespanSeries->append(m_makespanSet);
    m_speedupSeries->append(m_speedupSet);
    // An axis without categories goes on drawing its old ones: an empty
    // chart gets one blank category instead.
    if (categories.isEmpty())
        categories << QStringLiteral(" ");
    m_makespanX->clear();
    m_speedupX->clear();
    m_makespanX->setCategories(categories);
    m_speedupX->setCategories(categories);
    // Room above the tallest bar for its note.
    m_makespanY->setRange(0, maxMakespan * 1.15);
    m_speedupY->setRange(0, maxSpeedup * 1.15);
    m_makespanY->applyNiceNumbers();
    // Whole ms, but 0.5 steps on the empty chart must not print as "0 1 1 2".
    m_makespanY->setLabelFormat(maxMakespan >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%g"));
    m_speedupY->applyNiceNumbers();
    m_makespanSeries->setLabelsFormat(QStringLiteral("@value"));
    m_speedupSeries->setLabelsFormat(QStringLiteral("@value×"));
    m_makespanSeries->setLabelsPrecision(7); // 10001 ms, not 1e+04
    m_speedupSeries->setLabelsPrecision(3);
    m_failures->setText(failures.join(QLatin1Char('\n')));
    m_failures->setVisible(!failures.isEmpty());
    placeNotes();
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
    m_makespanChart->setToolTip(MetricTexts::definition(Metric::Makespan));
    m_speedupChart->setToolTip(MetricTexts::definition(Metric::Speedup));
    if (m_model->results().empty() && m_caption->text().isEmpty())
        m_status->setText(
            tr("Run ▸ Compare all models runs the scenario under every model, one after another."));
    m_model->retranslate();
    rebuildCharts();
}

} // namespace overlap::ui
