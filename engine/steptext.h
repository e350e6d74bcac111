#pragma once

// Steps as one line of text, as the scenario editor shows them:
// "io 200, cpu 50 @cache, io 100". Parsing gives the same checks and the same
// style of messages as the file format, so a cell and a file agree on what is valid.

#include "engine/scenario.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overlap::engine {

struct StepsResult {
    std::optional<std::vector<Step>> steps;
    std::string error; // set when steps is empty, e.g. "step 2: expected a duration in ms ..."
    explicit operator bool() const { return steps.has_value(); }
};

// Accepts "io 200", "cpu 12.5 ms", "cpu 5 @cache" separated by commas;
// whitespace is free, at least one step is required.
StepsResult parseSteps(std::string_view text);

// The inverse: parseSteps(formatSteps(s)) == s for every valid s.
std::string formatSteps(const std::vector<Step>& steps);

// A duration in the shortest form that reads back exactly ("200", "12.5").
std::string formatMs(double ms);

} // namespace overlap::engine
