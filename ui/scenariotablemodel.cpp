#include "ui/scenariotablemodel.h"

#include "engine/steptext.h"
#include "ui/rowcommand.h"

#include <QBrush>
#include <QColor>
#include <QUndoStack>
#include <algorithm>
#include <cmath>

namespace overlap::ui {

using engine::TaskSpec;

namespace {

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

QString number(double value)
{
    return fromStd(engine::formatMs(value));
}

// Reads a number the way the file format writes it (C locale), whatever the UI language.
std::optional<double> readNumber(const QString& text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<int> readInteger(const QString& text, int lo, int hi)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < lo || value > hi)
        return std::nullopt;
    return value;
}

} // namespace

ScenarioTableModel::ScenarioTableModel(QUndoStack* undo, QObject* parent)
    : QAbstractTableModel(parent)
    , m_undo(undo)
{
}

void ScenarioTableModel::setTasks(const std::vector<TaskSpec>& tasks)
{
    beginResetModel();
    m_rows.clear();
    for (const TaskSpec& spec : tasks)
        m_rows.push_back({spec, {}});
    endResetModel();
}

std::vector<TaskSpec> ScenarioTableModel::tasks() const
{
    std::vector<TaskSpec> out;
    out.reserve(m_rows.size());
    for (const Row& row : m_rows)
        out.push_back(row.spec);
    return out;
}

QString ScenarioTableModel::firstError() const
{
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        for (int c = 0; c < ColumnCount; ++c) {
            if (const auto& text = m_rows[r].invalid[static_cast<std::size_t>(c)]) {
                TaskSpec scratch = m_rows[r].spec;
                return tr("task %1, %2: %3").arg(r + 1).arg(columnTitle(c), applyText(scratch, c, *text));
            }
        }
    }
    return {};
}

void ScenarioTableModel::addTask(int row)
{
    row = std::clamp(row, 0, rowCount());
    Row state;
    state.spec.name = tr("task %1").arg(rowCount() + 1).toStdString();
    state.spec.steps = {{engine::StepKind::Io, 100, {}}};
    m_undo->push(new RowCommand(this, RowCommand::Kind::Insert, row, {}, state, tr("Add task")));
}

void ScenarioTableModel::removeTask(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    m_undo->push(new RowCommand(this, RowCommand::Kind::Remove, row, rowState(row), {}, tr("Remove task")));
}

void ScenarioTableModel::replaceRow(int row, const Row& state)
{
    m_rows[static_cast<std::size_t>(row)] = state;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ScenarioTableModel::insertRowState(int row, const Row& state)
{
    beginInsertRows({}, row, row);
    m_rows.insert(m_rows.begin() + row, state);
    endInsertRows();
}

void ScenarioTableModel::removeRowState(int row)
{
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

QString ScenarioTableModel::applyText(TaskSpec& spec, int column, const QString& text)
{
    switch (column) {
    case Name: {
        const QString name = text.trimmed();
        if (name.isEmpty())
            return tr("expected a non-empty name");
        if (static_cast<std::size_t>(name.toStdString().size()) > engine::limits::maxNameLength)
            return tr("a name is at most %1 characters").arg(engine::limits::maxNameLength);
        spec.name = name.toStdString();
        return {};
    }
    case Count: {
        const auto value = readInteger(text, 1, static_cast<int>(engine::limits::maxInstances));
        if (!value)
            return tr("expected a whole number from 1 to %1").arg(engine::limits::maxInstances);
        spec.count = *value;
        return {};
    }
    case Steps: {
        const engine::StepsResult result = engine::parseSteps(text.toStdString());
        if (!result)
            return fromStd(result.error);
        spec.steps = *result.steps;
        return {};
    }
    case FailRate: {
        const auto value = readNumber(text);
        if (!value || *value < 0 || *value > 1)
            return tr("expected a probability from 0 to 1");
        spec.failRate = *value;
        return {};
    }
    case Attempts: {
        const auto value = readInteger(text, 1, engine::limits::maxAttempts);
        if (!value)
            return tr("expected a whole number from 1 to %1 (the first attempt included)")
                .arg(engine::limits::maxAttempts);
        spec.retry.attempts = *value;
        return {};
    }
    case RetryDelay: {
        const auto value = readNumber(text);
        if (!value || *value < 0 || *value > engine::limits::maxStepMs)
            return tr("expected a duration in ms (number ≥ 0)");
        spec.retry.initialMs = *value;
        return {};
    }
    case Backoff: {
        const auto value = readNumber(text);
        if (!value || *value < 1 || *value > engine::limits::maxBackoff)
            return tr("expected a backoff factor (number ≥ 1)");
        spec.retry.backoff = *value;
        return {};
    }
    default:
        return tr("no such column");
    }
}

QString ScenarioTableModel::cellText(const TaskSpec& spec, int column)
{
    switch (column) {
    case Name:
        return fromStd(spec.name);
    case Count:
        return QString::number(spec.count);
    case Steps:
        return fromStd(engine::formatSteps(spec.steps));
    case FailRate:
        return number(spec.failRate);
    case Attempts:
        return QString::number(spec.retry.attempts);
    case RetryDelay:
        return number(spec.retry.initialMs);
    case Backoff:
        return number(spec.retry.backoff);
    default:
        return {};
    }
}

QString ScenarioTableModel::columnTitle(int column)
{
    switch (column) {
    case Name:
        return tr("Name");
    case Count:
        return tr("Count");
    case Steps:
        return tr("Steps");
    case FailRate:
        return tr("Fail rate");
    case Attempts:
        return tr("Attempts");
    case RetryDelay:
        return tr("Retry after (ms)");
    case Backoff:
        return tr("Backoff ×");
    default:
        return {};
    }
}

void ScenarioTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int ScenarioTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ScenarioTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScenarioTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const auto& invalid = row.invalid[static_cast<std::size_t>(index.column())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return invalid ? *invalid : cellText(row.spec, index.column());
    case Qt::BackgroundRole:
        return invalid ? QVariant(QBrush(QColor(255, 205, 205))) : QVariant();
    case Qt::ToolTipRole: {
        if (!invalid) {
            if (index.column() == Steps)
                return tr(
                    "Steps separated by commas, e.g. \"io 200, cpu 50 @cache, io 100\" (ms; @name holds a "
                    "lock)");
            return {};
        }
        TaskSpec scratch = row.spec;
        return applyText(scratch, index.column(), *invalid);
    }
    default:
        return {};
    }
}

bool ScenarioTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int r = index.row();
    const int c = index.column();
    const QString text = value.toString();
    if (text == data(index, Qt::EditRole).toString())
        return false;
    Row after = rowState(r);
    const QString error = applyText(after.spec, c, text);
    after.invalid[static_cast<std::size_t>(c)]
        = error.isEmpty() ? std::nullopt : std::optional<QString>(text);
    if (after == rowState(r))
        return false;
    m_undo->push(new RowCommand(this, RowCommand::Kind::Edit, r, rowState(r), after,
        tr("Edit %1 of task %2").arg(columnTitle(c)).arg(r + 1)));
    return true;
}

QVariant ScenarioTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return columnTitle(section);
}

Qt::ItemFlags ScenarioTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

} // namespace overlap::ui
