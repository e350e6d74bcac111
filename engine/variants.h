#pragma once

// The runs of "compare all models": one scenario under every model, in the
// order they are shown (sequential first, so that the others can be measured
// against it). The command line's `--model all` and the GUI's Compare share it.

#include "engine/scenario.h"

#include <optional>
#include <vector>

namespace overlap::engine {

// sequential, fibers, threads, threads + GIL, processes; `workers` overrides
// the scenario's pool size when given.
std::vector<Scenario> compareVariants(const Scenario& base, std::optional<int> workers = std::nullopt);

} // namespace overlap::engine
