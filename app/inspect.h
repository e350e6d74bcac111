#pragma once

// `overlap inspect TRACE.json [--json] [--image OUT]`: what a Chrome Trace Event file holds
// (events by phase, lanes, time span, parallelism, peak concurrency), read
// with the engine's streaming import.

#include "app/cli.h"
#include "engine/traceimport.h"

#include <atomic>
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

void printInspectTable(std::ostream& out, const engine::ImportedTrace& trace);
void printInspectJson(std::ostream& out, const engine::ImportedTrace& trace);

// Exit codes: 0 read (a damaged file that still gave events: warning on
// stderr), 2 bad usage, unreadable or not a trace, 130 interrupted.
int commandInspect(const std::vector<std::string>& args, const CliEnv& env, const std::atomic<bool>* cancel);

} // namespace overlap::app
