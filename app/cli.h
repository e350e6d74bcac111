#pragma once

// The `overlap` command line (run, validate, inspect, --help, --version) as a function
// of its arguments and streams, so that tests drive it in-process as well as
// through the binary. main() only adds the SIGINT handler.

#include "engine/plan.h"
#include "engine/run.h"
#include "engine/traceexport.h"
#include "engine/traceimport.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace overlap::app {

enum ExitCode : int {
    kExitOk = 0,
    kExitTaskFailed = 1, // a task failed for good
    kExitUsage = 2, // bad usage or bad scenario
    kExitInternal = 3, // a run ended with an internal error
    kExitInterrupted = 130, // SIGINT, as shells report it
};

// Bad arguments: runCli prints the message with a pointer to --help, exit 2.
struct UsageError {
    std::string message;
};

struct CliEnv {
    std::ostream& out;
    std::ostream& err;
    // Runs one plan to its end. Empty: the engine, cancelled on SIGINT (see
    // installInterruptHandler). Tests substitute their own.
    std::function<engine::RunOutput(const engine::Plan&)> runPlan;
    // Draws finished runs into an image file (`--image`), returning an error
    // message or "". Supplied by the executable, which has the GUI library;
    // empty: `--image` is refused.
    std::function<std::string(
        const std::vector<engine::ExportedRun>& runs, const std::string& title, const std::string& path)>
        renderImage;
    // The same for an imported trace (`inspect --image`); may take the
    // trace's segments.
    std::function<std::string(
        engine::ImportedTrace& trace, const std::string& title, const std::string& path)>
        renderTraceImage;
};

// args excludes the program name.
int runCli(const std::vector<std::string>& args, const CliEnv& env);

// SIGINT cancels the run in progress and skips the remaining ones; a second
// SIGINT kills the program as usual.
void installInterruptHandler();

std::string usageText();

// A name ending in .png, .svg or .pdf (any case): what --image writes.
bool isImageName(const std::string& path);
// Whether `path` could be created or overwritten, without touching it.
bool canWrite(const std::string& path);

} // namespace overlap::app
