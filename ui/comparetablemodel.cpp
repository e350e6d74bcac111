#include "ui/comparetablemodel.h"

#include "ui/modelnames.h"

namespace overlap::ui {

namespace {

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

void CompareTableModel::clear()
{
    beginResetModel();
    m_results.clear();
    endResetModel();
}

void CompareTableModel::append(CompareResult result)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_results.push_back(std::move(result));
    endInsertRows();
    // Every row is measured against the sequential one, which comes first
    // but may also arrive later if the order ever changes.
    const CompareResult* sequential = nullptr;
    for (const CompareResult& r : m_results)
        if (r.model == engine::Model::Sequential && r.error.isEmpty())
            sequential = &r;
    if (!sequential)
        return;
    for (CompareResult& r : m_results)
        if (r.error.isEmpty() && r.metrics.makespanMs > 0)
            r.vsSequential = sequential->metrics.makespanMs / r.metrics.makespanMs;
    emit dataChanged(index(0, VsSequential), index(rowCount() - 1, VsSequential));
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
    if (role == Qt::TextAlignmentRole)
        return index.column() == Model ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return r.error.isEmpty() ? QVariant() : QVariant(r.error);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Model:
        return modelTitle(r.model);
    case Workers:
        return r.workers;
    case Gil:
        return r.gil ? tr("yes") : tr("no");
    case Makespan:
        return tr("%1 ms").arg(fixed(m.makespanMs, 0));
    case Work:
        return tr("%1 ms").arg(fixed(m.workMs, 0));
    case Speedup:
        return fixed(m.speedup, 2);
    case VsSequential:
        return r.vsSequential ? QVariant(QStringLiteral("%1×").arg(fixed(*r.vsSequential, 2))) : QVariant();
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
        return m.failed;
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
