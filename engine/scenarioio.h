#pragma once

// Reading, checking and writing scenario files (*.overlap.json).
// Every error names the place (tasks[2].steps[0].io, or line and column for
// JSON syntax) and the problem. A failed load changes nothing.

#include "engine/scenario.h"

#include <optional>
#include <string>
#include <string_view>

namespace overlap::engine {

struct ScenarioResult {
    std::optional<Scenario> scenario;
    std::string error; // set when scenario is empty
    explicit operator bool() const { return scenario.has_value(); }
};

ScenarioResult parseScenario(std::string_view text);
ScenarioResult loadScenarioFile(const std::string& path);

// Pretty JSON in the file format; parseScenario(scenarioToJson(s)) == s.
std::string scenarioToJson(const Scenario& scenario);

// Atomic: writes a temporary file beside the target, then renames it.
// Returns an empty string on success, else the error.
std::string saveScenarioFile(const Scenario& scenario, const std::string& path);

} // namespace overlap::engine
