#pragma once

// `overlap inspect TRACE.json [--json] [--image OUT]`: what a Chrome Trace Event file holds
// (events by phase, lanes, time span, concurrency, peak concurrency), read
// with the engine's streaming import. A trace Overlap wrote also gets its
// runs' figures, computed again from its slices by the engine's metrics
// (engine/tracerecovery.h), as `overlap run` printed them.

#include "app/cli.h"
#include "app/report.h"
#include "engine/traceimport.h"

#include <atomic>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace overlap::app {

struct InspectArgs {
    std::string file;
    bool json = false;
    std::string imagePath; // --image OUT.png|.svg|.pdf
};

// args[0] is "inspect". Throws UsageError on bad arguments.
InspectArgs parseInspectArgs(const std::vector<std::string>& args);

// The runs of a trace Overlap wrote, when they could be rebuilt; else why not.
struct InspectedRuns {
    std::optional<Report> report;
    std::string problem;
};

// Nothing for a trace Overlap did not write.
std::optional<InspectedRuns> inspectRuns(
    const engine::ImportedTrace& trace, const std::atomic<bool>* cancel = nullptr);

void printInspectTable(
    std::ostream& out, const engine::ImportedTrace& trace, const std::optional<InspectedRuns>& runs = {});
void printInspectJson(
    std::ostream& out, const engine::ImportedTrace& trace, const std::optional<InspectedRuns>& runs = {});

// Exit codes: 0 read (a damaged file that still gave events: warning on
// stderr), 2 bad usage, unreadable or not a trace, 130 interrupted.
int commandInspect(const std::vector<std::string>& args, const CliEnv& env, const std::atomic<bool>* cancel);

} // namespace overlap::app
