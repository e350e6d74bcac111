#include "ui/rowcommand.h"

namespace overlap::ui {

RowCommand::RowCommand(ScenarioTableModel* model, Kind kind, int row, ScenarioTableModel::Row before,
    ScenarioTableModel::Row after, const QString& text)
    : QUndoCommand(text)
    , m_model(model)
    , m_kind(kind)
    , m_row(row)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void RowCommand::redo()
{
    switch (m_kind) {
    case Kind::Edit:
        m_model->replaceRow(m_row, m_after);
        break;
    case Kind::Insert:
        m_model->insertRowState(m_row, m_after);
        break;
    case Kind::Remove:
        m_model->removeRowState(m_row);
        break;
    }
}

void RowCommand::undo()
{
    switch (m_kind) {
    case Kind::Edit:
        m_model->replaceRow(m_row, m_before);
        break;
    case Kind::Insert:
        m_model->removeRowState(m_row);
        break;
    case Kind::Remove:
        m_model->insertRowState(m_row, m_before);
        break;
    }
}

} // namespace overlap::ui
