#pragma once

// A run that has ended, as the window keeps it (for export and comparison).
// Shared, not copied: a run of a million events holds ~50 MB of them.

#include "engine/metrics.h"
#include "engine/plan.h"
#include "engine/run.h"

#include <memory>

namespace overlap::ui {

struct FinishedRun {
    engine::Plan plan;
    engine::RunOutput output;
    engine::Metrics metrics;
};

using FinishedRunPtr = std::shared_ptr<const FinishedRun>;

} // namespace overlap::ui
