#include "ui/settingscommand.h"

namespace overlap::ui {

SettingsCommand::SettingsCommand(
    Apply apply, ScenarioHeader before, ScenarioHeader after, const QString& text)
    : QUndoCommand(text)
    , m_apply(std::move(apply))
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SettingsCommand::redo()
{
    m_apply(m_after);
}

void SettingsCommand::undo()
{
    m_apply(m_before);
}

} // namespace overlap::ui
