#pragma once

// One undoable change to the task table: a cell edit (the row before and
// after), or a task added or removed (the row itself). Whole rows are stored
// because they are small, and it makes undo exact, invalid cells included.

#include "ui/scenariotablemodel.h"

#include <QUndoCommand>

namespace overlap::ui {

class RowCommand : public QUndoCommand {
public:
    enum class Kind { Edit, Insert, Remove };

    RowCommand(ScenarioTableModel* model, Kind kind, int row, ScenarioTableModel::Row before,
        ScenarioTableModel::Row after, const QString& text);

    void redo() override;
    void undo() override;

private:
    ScenarioTableModel* m_model;
    Kind m_kind;
    int m_row;
    ScenarioTableModel::Row m_before;
    ScenarioTableModel::Row m_after;
};

} // namespace overlap::ui
