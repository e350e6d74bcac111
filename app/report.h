#pragma once

// What `overlap run` prints: an aligned table for people, or one JSON object
// whose field names are part of the command line's contract (SPEC §6).

#include "engine/metrics.h"
#include "engine/plan.h"
#include "engine/run.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace overlap::app {

struct RunResult {
    engine::Plan plan;
    engine::RunOutput output;
    engine::Metrics metrics;
    std::optional<double> vsSequential; // set when comparing models (--model all)
};

struct Report {
    std::string scenario;
    int cpuCores = 1;
    double itersPerMs = 0;
    bool compare = false; // --model all: adds the speedup_vs_sequential column
    std::vector<RunResult> runs;
};

void printTable(std::ostream& out, const Report& report);
void printJson(std::ostream& out, const Report& report);

} // namespace overlap::app
