#pragma once

// The tasks of the scenario being edited, one row per task. Every edit goes
// through the undo stack, so Edit ▸ Undo restores exactly what was there.
// A cell the user filled with something unusable keeps that text (marked, with
// the reason as tooltip) while the task keeps its last valid value: nothing
// typed is lost, and the scenario stays runnable.

#include "engine/scenario.h"

#include <QAbstractTableModel>
#include <QString>
#include <array>
#include <optional>
#include <vector>

class QUndoStack;

namespace overlap::ui {

class ScenarioTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Count, Steps, FailRate, Attempts, RetryDelay, Backoff, ColumnCount };

    // One task as edited: its valid value and, per column, the text that could not be used.
    struct Row {
        engine::TaskSpec spec;
        std::array<std::optional<QString>, ColumnCount> invalid;
        bool operator==(const Row&) const = default;
    };

    explicit ScenarioTableModel(QUndoStack* undo, QObject* parent = nullptr);

    // Replaces every task; not undoable (a new document).
    void setTasks(const std::vector<engine::TaskSpec>& tasks);
    std::vector<engine::TaskSpec> tasks() const;

    // The first invalid cell's "task 2, steps: reason", or empty.
    QString firstError() const;

    // Undoable edits.
    void addTask(int row);
    void removeTask(int row);

    // Applied by the undo commands only.
    const Row& rowState(int row) const { return m_rows[static_cast<std::size_t>(row)]; }
    void replaceRow(int row, const Row& state);
    void insertRowState(int row, const Row& state);
    void removeRowState(int row);

    // Why `text` cannot go into `column` (empty when it can), and the task with it applied.
    static QString applyText(engine::TaskSpec& spec, int column, const QString& text);
    static QString columnTitle(int column);

    // Headers follow the language.
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    static QString cellText(const engine::TaskSpec& spec, int column);

    QUndoStack* m_undo;
    std::vector<Row> m_rows;
};

} // namespace overlap::ui
