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

    // A run with failed tasks (or an error, or cut short) did less than the
    // others: its makespan is no result. It gets no speedup and is never
    // ranked (SPEC §4; engine::Metrics::ranked, which the window uses too).
    bool ranked() const { return metrics.ranked(); }
};

struct Report {
    std::string scenario;
    int cpuCores = 1;
    double itersPerMs = 0;
    bool compare = false; // --model all: adds the speedup_vs_sequential column
    bool color = false; // ANSI colours in the table (a terminal that wants them)
    std::vector<RunResult> runs;
};

// Sets vsSequential on every run as engine::compareRuns measures it.
void measureAgainstSequential(Report& report);
// The ranked run with the shortest makespan, when comparing.
std::optional<std::size_t> fastestRun(const Report& report);

void printTable(std::ostream& out, const Report& report);
void printJson(std::ostream& out, const Report& report);
// The "runs" array of printJson, as JSON text (`inspect --json` prints it too).
std::string runsJsonText(const Report& report);

} // namespace overlap::app
