#include "ui/comparetablemodel.h"

#include "ui/ganttcolors.h"
#include "ui/metrictexts.h"
#include "ui/modelnames.h"

#include <QFont>

namespace overlap::ui {

namespace {

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

// What a run without a speedup shows in the speedup columns.
const QString noValue = QStringLiteral("\u2014");

} // namespace

namespace {

// A run that ended with an internal error is not compared at all.
engine::Comparison comparison(const std::vector<CompareResult>& results)
{
    std::vector<engine::ComparedRun> runs;
    for (const CompareResult& r : results)
        runs.push_back({r.model, r.error.isEmpty() ? &r.metrics : nullptr});
    return engine::compareRuns(runs);
}

} // namespace

void measureAgainstSequential(std::vector<CompareResult>& results)
{
    const engine::Comparison c = comparison(results);
    for (std::size_t i = 0; i < results.size(); ++i)
        results[i].vsSequential = c.speedup[i];
}

std::optional<std::size_t> fastestResult(const std::vector<CompareResult>& results)
{
    return comparison(results).fastest;
}

QString failedText(const CompareResult& result)
{
    return CompareTableModel::tr("%1 of %2 failed").arg(result.metrics.failed).arg(result.metrics.tasks);
}

void CompareTableModel::clear()
{
    beginResetModel();
    m_results.clear();
    m_fastest.reset();
    endResetModel();
}

void CompareTableModel::append(CompareResult result)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_results.push_back(std::move(result));
    endInsertRows();
    // Every row is measured against the sequential one, which comes first
    // but may also arrive later if the order ever changes; the fastest row
    // may change with every new one.
    measureAgainstSequential(m_results);
    const std::optional<std::size_t> best = fastestResult(m_results);
    m_fastest = best ? std::optional<int>(static_cast<int>(*best)) : std::nullopt;
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void CompareTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int CompareTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

int CompareTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompareTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CompareResult& r = m_results[static_cast<std::size_t>(index.row())];
    const engine::Metrics& m = r.metrics;
    const bool fastest = fastestRow() == index.row();
    if (role == Qt::TextAlignmentRole)
        return index.column() == Model ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        // What the figure means, and what is special about the run.
        QString note;
        if (!r.error.isEmpty())
            note = r.error;
        else if (r.hasFailures())
            note = tr("%1: this run did not complete every task, so its makespan is no result: "
                      "it gets no speedup and is not ranked.")
                       .arg(failedText(r));
        else if (fastest)
            note = tr("The fastest of the runs that completed every task.");
        const QString definition = MetricTexts::definition(metric(index.column()));
        return note.isEmpty() ? definition : note + QStringLiteral("\n\n") + definition;
    }
    if (role == Qt::ForegroundRole) {
        const bool marked = index.column() == Model || index.column() == Failed || index.column() == Speedup;
        if ((r.hasFailures() || !r.error.isEmpty()) && marked)
            return GanttColors::color(engine::SegmentState::Failed);
        return {};
    }
    if (role == Qt::FontRole) {
        if ((fastest && (index.column() == Model || index.column() == Makespan))
            || (r.hasFailures() && index.column() == Failed)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Model:
        return fastest ? tr("%1 (fastest)").arg(modelTitle(r.model)) : modelTitle(r.model);
    case Workers:
        return r.workers;
    case Gil:
        return r.gil ? tr("yes") : tr("no");
    case Makespan:
        return tr("%1 ms").arg(fixed(m.makespanMs, 0));
    case Work:
        return tr("%1 ms").arg(fixed(m.workMs, 0));
    case Speedup:
        return r.vsSequential ? QStringLiteral("%1×").arg(fixed(*r.vsSequential, 2)) : noValue;
    case Concurrency:
        return fixed(m.concurrency, 2);
    case Parallelism:
        return fixed(m.parallelism, 2);
    case Peak:
        return m.peakConcurrency;
    case Cpu:
        return tr("%1 ms").arg(fixed(m.cpuMs, 0));
    case Utilisation:
        return QStringLiteral("%1 %").arg(fixed(100 * m.cpuUtilization, 0));
    case Running:
        return tr("%1 ms").arg(fixed(m.runningMs, 0));
    case Ready:
        return tr("%1 ms").arg(fixed(m.readyMs, 0));
    case IoWait:
        return tr("%1 ms").arg(fixed(m.ioWaitMs, 0));
    case LockWait:
        return tr("%1 ms").arg(fixed(m.lockWaitMs, 0));
    case GilWait:
        return tr("%1 ms").arg(fixed(m.gilWaitMs, 0));
    case RateWait:
        return tr("%1 ms").arg(fixed(m.rateWaitMs, 0));
    case Backoff:
        return tr("%1 ms").arg(fixed(m.backoffMs, 0));
    case Startup:
        return tr("%1 ms").arg(fixed(m.startupMs, 1));
    case Rss:
        return tr("%1 MiB").arg(fixed(static_cast<double>(m.peakRssKib) / 1024.0, 1));
    case Tasks:
        return m.tasks;
    case Failed:
        return r.hasFailures() ? QVariant(failedText(r)) : QVariant(m.failed);
    case Retries:
        return m.retries;
    default:
        return {};
    }
}

Metric CompareTableModel::metric(int column)
{
    switch (column) {
    case Model:
        return Metric::Model;
    case Workers:
        return Metric::Workers;
    case Gil:
        return Metric::Gil;
    case Makespan:
        return Metric::Makespan;
    case Work:
        return Metric::Work;
    case Speedup:
        return Metric::Speedup;
    case Concurrency:
        return Metric::Concurrency;
    case Parallelism:
        return Metric::Parallelism;
    case Peak:
        return Metric::PeakConcurrency;
    case Cpu:
        return Metric::Cpu;
    case Utilisation:
        return Metric::Utilisation;
    case Running:
        return Metric::Running;
    case Ready:
        return Metric::Ready;
    case IoWait:
        return Metric::IoWait;
    case LockWait:
        return Metric::LockWait;
    case GilWait:
        return Metric::GilWait;
    case RateWait:
        return Metric::RateWait;
    case Backoff:
        return Metric::Backoff;
    case Startup:
        return Metric::Startup;
    case Rss:
        return Metric::Rss;
    case Tasks:
        return Metric::Tasks;
    case Failed:
        return Metric::Failed;
    case Retries:
        return Metric::Retries;
    default:
        return Metric::Count_;
    }
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::DisplayRole)
        return MetricTexts::name(metric(section));
    if (role == Qt::ToolTipRole)
        return MetricTexts::definition(metric(section));
    return {};
}

} // namespace overlap::ui
