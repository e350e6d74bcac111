#pragma once

// An undoable change to everything in the scenario but its tasks: name,
// description and run settings, stored whole before and after. A mergeable
// change (a spin box stepped several times) merges with the one before it
// when both say the same thing, so that one undo takes back all the steps.

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
    SettingsCommand(Apply apply, ScenarioHeader before, ScenarioHeader after, const QString& text,
        bool mergeable = false);

    void redo() override;
    void undo() override;
    int id() const override { return m_mergeable ? 1 : -1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Apply m_apply;
    ScenarioHeader m_before;
    ScenarioHeader m_after;
    bool m_mergeable;
};

} // namespace overlap::ui
