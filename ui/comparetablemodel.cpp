#include "ui/comparetablemodel.h"

#include "ui/ganttcolors.h"
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

void measureAgainstSequential(std::vector<CompareResult>& results)
{
    const CompareResult* sequential = nullptr;
    for (const CompareResult& r : results)
        if (r.model == engine::Model::Sequential && r.ranked())
            sequential = &r;
    for (CompareResult& r : results) {
        if (sequential && r.ranked())
            r.vsSequential = sequential->metrics.makespanMs / r.metrics.makespanMs;
        else
            r.vsSequential.reset();
    }
}

std::optional<std::size_t> fastestResult(const std::vector<CompareResult>& results)
{
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < results.size(); ++i)
        if (results[i].ranked()
            && (!best || results[i].metrics.makespanMs < results[*best].metrics.makespanMs))
            best = i;
    return best;
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
        if (!r.error.isEmpty())
            return r.error;
        if (r.hasFailures())
            return tr("%1: this run did not complete every task, so its makespan is no result: "
                      "it gets no speedup and is not ranked.")
                .arg(failedText(r));
        if (fastest)
            return tr("The fastest of the runs that completed every task.");
        return {};
    }
    if (role == Qt::ForegroundRole) {
        const bool marked = index.column() == Model || index.column() == Failed || index.column() == Speedup
            || index.column() == VsSequential;
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
        return r.ranked() ? fixed(m.speedup, 2) : noValue;
    case VsSequential:
        return r.vsSequential ? QStringLiteral("%1×").arg(fixed(*r.vsSequential, 2)) : noValue;
    case Parallelism:
        return fixed(m.parallelism, 2);
    case Peak:
        return m.peakConcurrency;
    case Cpu:
        return tr("%1 ms").arg(fixed(m.cpuMs, 0));
    case Utilisation:
        return QStringLiteral("%1 %").arg(fixed(100 * m.cpuUtilization, 0));
    case Ready:
        return tr("%1 ms").arg(fixed(m.readyMs, 0));
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

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Model:
        return tr("model");
    case Workers:
        return tr("workers");
    case Gil:
        return tr("gil");
    case Makespan:
        return tr("makespan");
    case Work:
        return tr("work");
    case Speedup:
        return tr("speedup");
    case VsSequential:
        return tr("vs sequential");
    case Parallelism:
        return tr("parallelism");
    case Peak:
        return tr("peak");
    case Cpu:
        return tr("cpu");
    case Utilisation:
        return tr("util");
    case Ready:
        return tr("ready");
    case Startup:
        return tr("start-up");
    case Rss:
        return tr("rss");
    case Tasks:
        return tr("tasks");
    case Failed:
        return tr("failed");
    case Retries:
        return tr("retries");
    default:
        return {};
    }
}

} // namespace overlap::ui
