#include "app/cli.h"

#include "app/inspect.h"
#include "app/report.h"
#include "engine/cpuwork.h"
#include "engine/csvexport.h"
#include "engine/metrics.h"
#include "engine/scenarioio.h"
#include "engine/traceexport.h"
#include "engine/variants.h"

#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>
#include <unistd.h>

namespace overlap::app {

using namespace overlap::engine;

namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

struct RunArgs {
    std::string file;
    std::optional<std::string> model; // a model name or "all"
    std::optional<int> workers;
    bool gil = false;
    bool json = false;
    std::string tracePath;
    std::string csvPath;
    std::string imagePath;
};

int usageError(const CliEnv& env, const std::string& message)
{
    env.err << "overlap: " << message << "\nTry 'overlap --help' for more information.\n";
    return kExitUsage;
}

int parseWorkers(const std::string& text)
{
    int value = -1;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || value < 0 || value > limits::maxWorkers)
        throw UsageError{"--workers expects a whole number from 0 to " + std::to_string(limits::maxWorkers)
            + ", got '" + text + "'"};
    return value;
}

RunArgs parseRunArgs(const std::vector<std::string>& args)
{
    RunArgs run;
    bool haveFile = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        std::string arg = args[i];
        std::optional<std::string> inlineValue;
        if (arg.starts_with("--") && arg.find('=') != std::string::npos) {
            inlineValue = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
        }
        auto value = [&]() -> std::string {
            if (inlineValue)
                return *inlineValue;
            if (i + 1 >= args.size())
                throw UsageError{"option '" + arg + "' needs a value"};
            return args[++i];
        };
        auto flag = [&] {
            if (inlineValue)
                throw UsageError{"option '" + arg + "' takes no value"};
        };
        if (arg == "--model") {
            const std::string m = value();
            if (m != "all" && !parseModel(m))
                throw UsageError{"unknown model '" + m + "' (sequential, fibers, threads, processes or all)"};
            run.model = m;
        } else if (arg == "--workers") {
            run.workers = parseWorkers(value());
        } else if (arg == "--gil") {
            flag();
            run.gil = true;
        } else if (arg == "--json") {
            flag();
            run.json = true;
        } else if (arg == "--trace") {
            run.tracePath = value();
        } else if (arg == "--csv") {
            run.csvPath = value();
        } else if (arg == "--image") {
            run.imagePath = value();
            if (!isImageName(run.imagePath))
                throw UsageError{
                    "--image expects a file name ending in .png, .svg or .pdf, got '" + run.imagePath + "'"};
        } else if (arg.starts_with("-") && arg != "-") {
            throw UsageError{"unknown option '" + arg + "'"};
        } else if (haveFile) {
            throw UsageError{"run takes one scenario file, got '" + run.file + "' and '" + arg + "'"};
        } else {
            run.file = arg;
            haveFile = true;
        }
    }
    if (!haveFile)
        throw UsageError{"run needs a scenario file"};
    return run;
}

// The scenario, or the error with the file name in front (once).
std::optional<Scenario> load(const std::string& path, const CliEnv& env)
{
    ScenarioResult result = loadScenarioFile(path);
    if (result)
        return std::move(*result.scenario);
    std::string error = result.error;
    if (!error.starts_with(path))
        error = path + ": " + error;
    env.err << error << '\n';
    return std::nullopt;
}

// The runs that `--model` asks for, in the order they are shown.
std::vector<Scenario> variants(const Scenario& base, const RunArgs& args)
{
    if (args.model == "all")
        return compareVariants(base, args.workers);
    Scenario s = base;
    s.run.model = args.model ? *parseModel(*args.model) : base.run.model;
    s.run.gil = args.gil || base.run.gil;
    if (args.workers)
        s.run.workers = *args.workers;
    return {std::move(s)};
}

RunOutput runInterruptible(const Plan& plan)
{
    Run run(plan);
    run.start();
    // Polling keeps the signal handler trivial (it only sets a flag).
    while (!run.finished()) {
        if (g_interrupted.load())
            run.cancel();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    run.wait();
    return run.output();
}

int cpuCores()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

// Opened before the runs, so that a bad output path costs nothing.
bool openOutput(std::ofstream& file, const std::string& path, const CliEnv& env)
{
    if (path.empty())
        return true;
    file.open(path, std::ios::binary | std::ios::trunc);
    if (file)
        return true;
    env.err << "overlap: cannot write '" << path << "'\n";
    return false;
}

int commandRun(const std::vector<std::string>& args, const CliEnv& env)
{
    const RunArgs runArgs = parseRunArgs(args);
    const std::optional<Scenario> scenario = load(runArgs.file, env);
    if (!scenario)
        return kExitUsage;
    if (runArgs.gil && runArgs.model && runArgs.model != "threads" && runArgs.model != "all")
        env.err << "overlap: note: --gil only affects the threads model\n";

    std::ofstream traceFile, csvFile;
    if (!openOutput(traceFile, runArgs.tracePath, env) || !openOutput(csvFile, runArgs.csvPath, env))
        return kExitUsage;
    if (!runArgs.imagePath.empty()) {
        if (!env.renderImage)
            return usageError(env, "--image is not available in this build");
        // Written after the runs: find out now whether it can be.
        if (!canWrite(runArgs.imagePath)) {
            env.err << "overlap: cannot write '" << runArgs.imagePath << "'\n";
            return kExitUsage;
        }
    }

    Report report;
    report.scenario = scenario->name;
    report.cpuCores = cpuCores();
    report.itersPerMs = calibratedItersPerMs();
    report.compare = runArgs.model == "all";
    // Red for failed runs only where someone reads it: a terminal, NO_COLOR unset (no-color.org).
    report.color = &env.out == &std::cout && ::isatty(STDOUT_FILENO) == 1 && !std::getenv("NO_COLOR");
    for (Scenario& variant : variants(*scenario, runArgs)) {
        if (g_interrupted.load())
            break;
        Plan plan(std::move(variant));
        RunOutput output = env.runPlan ? env.runPlan(plan) : runInterruptible(plan);
        Metrics metrics = computeMetrics(plan, output, report.cpuCores);
        report.runs.push_back({std::move(plan), std::move(output), std::move(metrics), std::nullopt});
    }

    int code = kExitOk;
    for (RunResult& r : report.runs) {
        for (const std::string& warning : r.output.warnings)
            env.err << "overlap: note: " << runLabel(r.plan, r.output) << ": " << warning << '\n';
        if (!r.output.error.empty()) {
            env.err << "overlap: the " << runLabel(r.plan, r.output) << " run failed: " << r.output.error
                    << '\n';
            code = kExitInternal;
        } else if (r.metrics.failed > 0 && code == kExitOk) {
            code = kExitTaskFailed;
        }
    }
    if (report.compare)
        measureAgainstSequential(report);

    if (runArgs.json)
        printJson(env.out, report);
    else
        printTable(env.out, report);

    std::vector<ExportedRun> exported;
    for (const RunResult& r : report.runs)
        exported.push_back({&r.plan, &r.output, &r.metrics});
    if (traceFile.is_open()) {
        writeChromeTrace(traceFile, exported, {report.scenario, report.itersPerMs, report.cpuCores});
        if (!traceFile.flush()) {
            env.err << "overlap: writing '" << runArgs.tracePath << "' failed\n";
            code = std::max<int>(code, kExitInternal);
        }
    }
    if (csvFile.is_open()) {
        writeStepsCsv(csvFile, exported);
        if (!csvFile.flush()) {
            env.err << "overlap: writing '" << runArgs.csvPath << "' failed\n";
            code = std::max<int>(code, kExitInternal);
        }
    }
    if (!runArgs.imagePath.empty() && !report.runs.empty()) {
        const std::string error = env.renderImage(exported, report.scenario, runArgs.imagePath);
        if (!error.empty()) {
            env.err << "overlap: " << error << '\n';
            code = std::max<int>(code, kExitInternal);
        }
    }
    if (g_interrupted.load()) {
        env.err << "overlap: interrupted\n";
        return kExitInterrupted;
    }
    return code;
}

int commandValidate(const std::vector<std::string>& args, const CliEnv& env)
{
    if (args.size() != 2 || args[1].starts_with("-"))
        throw UsageError{
            args.size() < 2 ? "validate needs a scenario file" : "validate takes one scenario file"};
    const std::optional<Scenario> scenario = load(args[1], env);
    if (!scenario)
        return kExitUsage;
    const std::size_t tasks = scenario->tasks.size();
    const std::size_t instances = Plan(*scenario).instances().size();
    env.out << args[1] << ": ok (" << tasks << (tasks == 1 ? " task, " : " tasks, ") << instances
            << (instances == 1 ? " instance)" : " instances)") << '\n';
    return kExitOk;
}

} // namespace

bool isImageName(const std::string& path)
{
    const std::size_t dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos)
        return false;
    std::string suffix = path.substr(dot + 1);
    for (char& c : suffix)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return suffix == "png" || suffix == "svg" || suffix == "pdf";
}

bool canWrite(const std::string& path)
{
    if (::access(path.c_str(), F_OK) == 0)
        return ::access(path.c_str(), W_OK) == 0;
    const std::size_t slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
    return ::access(dir.c_str(), W_OK | X_OK) == 0;
}

std::string usageText()
{
    return "Usage:\n"
           "  overlap run FILE [--model M|all] [--workers N] [--gil] [--json]\n"
           "                   [--trace OUT.json] [--csv OUT.csv] [--image OUT.png|.svg|.pdf]\n"
           "  overlap validate FILE\n"
           "  overlap inspect TRACE.json [--json] [--image OUT.png|.svg|.pdf]\n"
           "  overlap --help | --version\n"
           "\n"
           "Runs the tasks of a scenario file (*.overlap.json) for real and reports\n"
           "makespan, speedup, parallelism, CPU use and more.\n"
           "\n"
           "  --model M      sequential, fibers, threads, processes, or all (every model,\n"
           "                 threads both without and with the GIL, compared)\n"
           "  --workers N    pool size / tasks in flight (0: one per task)\n"
           "  --gil          threads: emulate CPython's global interpreter lock\n"
           "  --json         print one JSON object instead of the table\n"
           "  --trace FILE   write a Chrome Trace Event file (Perfetto, chrome://tracing)\n"
           "  --csv FILE     write one CSV row per step\n"
           "  --image FILE   draw the timeline of every run (stacked on one time scale)\n"
           "                 with title, legend and metrics: PNG (2x), SVG or PDF\n"
           "\n"
           "inspect reads a Chrome Trace Event JSON file (Overlap's --trace, Perfetto,\n"
           "Chromium, Node's --trace-events-enabled, VizTracer) and prints its events,\n"
           "lanes, time span, concurrency (slices in progress) and peak concurrency, and\n"
           "parallelism when the trace gives CPU time (tdur); slices never closed end at\n"
           "their thread's last event. For a trace Overlap wrote it also prints each run's\n"
           "figures, computed again from the slices as run computes them. --json prints\n"
           "one JSON object instead (\"runs\" as in run --json). A damaged file (cut\n"
           "short, say) shows the events before the damage, with a warning naming the\n"
           "byte offset, and exits 0.\n"
           "\n"
           "Exit status: 0 ok, 1 a task failed for good, 2 bad usage, bad scenario, or a\n"
           "file that is unreadable or not a trace, 3 internal error, 130 interrupted.\n";
}

int runCli(const std::vector<std::string>& args, const CliEnv& env)
{
    try {
        if (args.empty())
            return usageError(env, "missing command");
        const std::string& command = args.front();
        if (command == "--help" || command == "-h" || command == "help") {
            env.out << usageText();
            return kExitOk;
        }
        if (command == "--version") {
            env.out << "overlap " OVERLAP_VERSION "\n";
            return kExitOk;
        }
        if (command == "run")
            return commandRun(args, env);
        if (command == "validate")
            return commandValidate(args, env);
        if (command == "inspect")
            return commandInspect(args, env, &g_interrupted);
        if (command.starts_with("-"))
            return usageError(env, "unknown option '" + command + "'");
        return usageError(env, "unknown command '" + command + "' (the GUI is not part of this build)");
    } catch (const UsageError& e) {
        return usageError(env, e.message);
    } catch (const std::exception& e) {
        env.err << "overlap: internal error: " << e.what() << '\n';
        return kExitInternal;
    }
}

void installInterruptHandler()
{
    struct sigaction action { };
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // a second Ctrl-C ends the program at once
    sigaction(SIGINT, &action, nullptr);
}

} // namespace overlap::app
