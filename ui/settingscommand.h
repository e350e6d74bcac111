#pragma once

// An undoable change to everything in the scenario but its tasks: name,
// description and run settings, stored whole before and after.

#include "engine/scenario.h"

#include <QUndoCommand>
#include <functional>

namespace overlap::ui {

struct ScenarioHeader {
    std::string name;
    std::string description;
    engine::RunSettings run;
    bool operator==(const ScenarioHeader&) const = default;
};

class SettingsCommand : public QUndoCommand {
public:
    using Apply = std::function<void(const ScenarioHeader&)>;
    SettingsCommand(Apply apply, ScenarioHeader before, ScenarioHeader after, const QString& text);

    void redo() override;
    void undo() override;

private:
    Apply m_apply;
    ScenarioHeader m_before;
    ScenarioHeader m_after;
};

} // namespace overlap::ui
