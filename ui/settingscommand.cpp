#include "ui/settingscommand.h"

namespace overlap::ui {

SettingsCommand::SettingsCommand(
    Apply apply, ScenarioHeader before, ScenarioHeader after, const QString& text, bool mergeable)
    : QUndoCommand(text)
    , m_apply(std::move(apply))
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeable(mergeable)
{
}

bool SettingsCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = dynamic_cast<const SettingsCommand*>(other);
    if (!next || next->text() != text() || !(next->m_before == m_after))
        return false;
    m_after = next->m_after;
    return true;
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
