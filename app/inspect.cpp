#include "app/inspect.h"

#include "engine/metrics.h"
#include "engine/tracerecovery.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace overlap::app {

using namespace overlap::engine;

namespace {

using Json = nlohmann::ordered_json;

template <class... Args> std::string format(const char* fmt, Args... args)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

double ms(std::int64_t ns)
{
    return static_cast<double>(ns) / 1e6;
}

std::string bytes(std::uint64_t n)
{
    if (n < 10 * 1024)
        return std::to_string(n) + " bytes";
    if (n < 10 * 1024 * 1024)
        return format("%.1f KiB", static_cast<double>(n) / 1024);
    return format("%.1f MiB", static_cast<double>(n) / (1024 * 1024));
}

// Terminal columns of UTF-8 text (one per code point).
std::size_t width(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string padRight(std::string text, std::size_t columns)
{
    const std::size_t w = width(text);
    if (w > columns) {
        // Cut on a code point boundary, then mark the cut.
        std::size_t cut = 0, seen = 0;
        while (cut < text.size() && seen < columns - 1) {
            ++cut;
            while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
                ++cut;
            ++seen;
        }
        return text.substr(0, cut) + "\u2026";
    }
    return text + std::string(columns - w, ' ');
}

std::string padLeft(const std::string& text, std::size_t columns)
{
    const std::size_t w = width(text);
    return w >= columns ? text : std::string(columns - w, ' ') + text;
}

// "X 22897, s 122, …", most frequent first.
std::string phaseList(const std::map<std::string, std::size_t>& phases)
{
    std::vector<std::pair<std::string, std::size_t>> sorted(phases.begin(), phases.end());
    std::stable_sort(
        sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string text;
    for (const auto& [phase, count] : sorted)
        text += (text.empty() ? "" : ", ") + phase + " " + std::to_string(count);
    return text;
}

Json traceIdJson(const TraceId& id)
{
    return id.isText ? Json(id.text) : Json(id.number);
}

Json rounded(double value, double scale = 1000.0)
{
    return std::round(value * scale) / scale;
}

constexpr std::size_t kTableLanes = 200; // --json lists every lane

// The slices busy and concurrency count: depth 0 of every thread.
std::size_t outermostSlices(const ImportedTrace& t)
{
    std::size_t n = 0;
    for (const ImportedLane& lane : t.lanes)
        n += lane.kind == ImportedLaneKind::Thread && lane.depth == 0 ? lane.slices : 0;
    return n;
}

} // namespace

InspectArgs parseInspectArgs(const std::vector<std::string>& args)
{
    InspectArgs inspect;
    bool haveFile = false;
    // Options that render the trace (an image, say) belong here too.
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--json") {
            inspect.json = true;
        } else if (arg == "--image") {
            if (i + 1 >= args.size())
                throw UsageError{"option '--image' needs a value"};
            inspect.imagePath = args[++i];
            if (!isImageName(inspect.imagePath))
                throw UsageError{"--image expects a file name ending in .png, .svg or .pdf, got '"
                    + inspect.imagePath + "'"};
        } else if (arg.starts_with("-") && arg != "-") {
            throw UsageError{"unknown option '" + arg + "' for inspect"};
        } else if (haveFile) {
            throw UsageError{"inspect takes one trace file, got '" + inspect.file + "' and '" + arg + "'"};
        } else {
            inspect.file = arg;
            haveFile = true;
        }
    }
    if (!haveFile)
        throw UsageError{"inspect needs a trace file (Chrome Trace Event JSON)"};
    return inspect;
}

std::optional<InspectedRuns> inspectRuns(const ImportedTrace& trace, const std::atomic<bool>* cancel)
{
    if (!isOverlapTrace(trace.otherData))
        return std::nullopt;
    InspectedRuns inspected;
    if (trace.hasError()) {
        inspected.problem = "the trace is damaged: its runs' figures cannot be computed again";
        return inspected;
    }
    RecoveredTrace recovered = recoverRuns(trace.file, cancel);
    if (!recovered.problem.empty()) {
        inspected.problem = recovered.problem;
        return inspected;
    }
    Report report;
    report.scenario = recovered.scenario;
    report.cpuCores = recovered.cpuCores;
    report.itersPerMs = recovered.itersPerMs;
    report.compare = recovered.runs.size() > 1;
    for (RecoveredRun& r : recovered.runs) {
        Metrics metrics = computeMetrics(r.plan, r.output, report.cpuCores);
        report.runs.push_back({std::move(r.plan), std::move(r.output), std::move(metrics), std::nullopt});
    }
    if (report.compare)
        measureAgainstSequential(report);
    inspected.report = std::move(report);
    if (recovered.ignoredSlices > 0)
        inspected.problem = std::to_string(recovered.ignoredSlices)
            + " slices name no run or task of the scenario and were left out";
    return inspected;
}

void printInspectTable(std::ostream& out, const ImportedTrace& t, const std::optional<InspectedRuns>& runs)
{
    out << t.file << ": Chrome Trace Event JSON, " << traceFormName(t.form) << " form";
    if (t.missingBracket)
        out << " without its closing ']'";
    out << ", " << bytes(t.fileBytes) << "\n\n";
    out << "events            " << t.events;
    if (!t.phases.empty())
        out << " (" << phaseList(t.phases) << ")";
    out << '\n';
    if (!t.skipped.empty())
        out << "skipped           " << phaseList(t.skipped) << " (phases not supported)\n";
    out << "span              " << format("%.3f ms", ms(t.spanNs)) << '\n';
    out << "busy              " << format("%.3f ms", ms(t.busyNs)) << " (outermost slices of every thread)\n";
    out << "concurrency       " << format("%.2f", t.concurrency)
        << " (busy / span: slices in progress, on average)\n";
    if (t.hasThreadCpu)
        out << "parallelism       " << format("%.2f", t.parallelism) << " (thread time (tdur) of "
            << t.threadCpuSlices << " of " << outermostSlices(t)
            << " of those slices / span: cores computing)\n";
    out << "peak concurrency  " << t.peakConcurrency << '\n';
    out << "slices            " << t.sliceCount() << " on " << t.lanes.size()
        << (t.lanes.size() == 1 ? " lane" : " lanes") << '\n';
    if (!t.instants.empty() || !t.counters.empty() || !t.flows.empty())
        out << "also              " << t.instants.size() << " instants, " << t.counters.size()
            << " counters, " << t.flows.size() << " flow arrows\n";
    std::vector<std::string> notes;
    if (t.unclosedBegins)
        notes.push_back(std::to_string(t.unclosedBegins)
            + " begins never closed (each ended at its thread's last event, not the trace's)");
    if (runs && runs->report)
        notes.push_back("written by Overlap: these figures count the slices of every run together, "
                        "waits included; each run's own figures follow");
    if (t.unmatchedEnds)
        notes.push_back(std::to_string(t.unmatchedEnds) + " ends without a begin (skipped)");
    if (t.clippedSlices)
        notes.push_back(std::to_string(t.clippedSlices) + " slices cut at their parent's end");
    if (t.droppedFlows)
        notes.push_back(std::to_string(t.droppedFlows) + " flow events not bound to a slice");
    if (t.malformed)
        notes.push_back(std::to_string(t.malformed) + " malformed events");
    for (const std::string& note : notes)
        out << "note              " << note << '\n';
    if (runs) {
        if (runs->report) {
            out << "\nThe runs, computed again from the trace's slices as `overlap run` computes them\n"
                   "(peak RSS as the trace stored it: no slice shows memory):\n\n";
            printTable(out, *runs->report);
        }
        if (!runs->problem.empty())
            out << (runs->report ? "\nnote: " : "runs              ") << runs->problem << '\n';
    }

    if (!t.lanes.empty()) {
        out << '\n'
            << padRight("lane", 40) << padLeft("pid", 9) << padLeft("tid", 9) << padLeft("depth", 7)
            << padLeft("slices", 9) << padLeft("busy ms", 12) << padLeft("busy", 8) << '\n';
        for (std::size_t i = 0; i < t.lanes.size() && i < kTableLanes; ++i) {
            const ImportedLane& lane = t.lanes[i];
            const std::string pid
                = lane.process >= 0 ? t.processes[static_cast<std::size_t>(lane.process)].pid.toString() : "";
            const std::string tid = lane.kind == ImportedLaneKind::Thread ? lane.tid.toString() : "async";
            const double share = t.spanNs > 0
                ? 100.0 * static_cast<double>(lane.busyNs) / static_cast<double>(t.spanNs)
                : 0.0;
            out << padRight(lane.label, 40) << padLeft(pid, 9) << padLeft(tid, 9)
                << padLeft(std::to_string(lane.depth), 7) << padLeft(std::to_string(lane.slices), 9)
                << padLeft(format("%.3f", ms(lane.busyNs)), 12) << padLeft(format("%.1f%%", share), 8)
                << '\n';
        }
        if (t.lanes.size() > kTableLanes)
            out << "\u2026 and " << t.lanes.size() - kTableLanes << " more lanes (--json lists them all)\n";
    }
    if (t.hasError())
        out << "\nerror: " << t.error.message << " (the events before it are shown)\n";
}

void printInspectJson(std::ostream& out, const ImportedTrace& t, const std::optional<InspectedRuns>& runs)
{
    Json j;
    j["file"] = t.file;
    j["format"] = std::string(traceFormName(t.form));
    j["bytes"] = t.fileBytes;
    j["events"] = t.events;
    j["phases"] = Json::object();
    for (const auto& [phase, count] : t.phases)
        j["phases"][phase] = count;
    j["skipped"] = Json::object();
    for (const auto& [phase, count] : t.skipped)
        j["skipped"][phase] = count;
    Json lanes = Json::array();
    for (const ImportedLane& lane : t.lanes) {
        Json l;
        l["label"] = lane.label;
        l["kind"] = lane.kind == ImportedLaneKind::Thread ? "thread" : "async";
        l["process"] = lane.process >= 0 ? t.processes[static_cast<std::size_t>(lane.process)].label() : "";
        l["pid"] = lane.process >= 0 ? traceIdJson(t.processes[static_cast<std::size_t>(lane.process)].pid)
                                     : Json();
        l["tid"] = lane.kind == ImportedLaneKind::Thread ? traceIdJson(lane.tid) : Json();
        l["depth"] = lane.depth;
        l["slices"] = lane.slices;
        l["busy_ms"] = rounded(ms(lane.busyNs), 1e6);
        lanes.push_back(std::move(l));
    }
    j["lanes"] = std::move(lanes);
    j["slices"] = t.sliceCount();
    j["span_ms"] = rounded(ms(t.spanNs), 1e6);
    j["busy_ms"] = rounded(ms(t.busyNs), 1e6);
    j["concurrency"] = rounded(t.concurrency, 1e6);
    // Only where the trace gives CPU time (tdur): a slice in progress is not a core computing.
    j["parallelism"] = t.hasThreadCpu ? Json(rounded(t.parallelism, 1e6)) : Json();
    j["thread_cpu_ms"] = t.hasThreadCpu ? Json(rounded(ms(t.threadCpuNs), 1e6)) : Json();
    j["thread_cpu_slices"] = t.threadCpuSlices;
    j["peak_concurrency"] = t.peakConcurrency;
    j["instants"] = t.instants.size();
    j["counters"] = t.counters.size();
    j["flows"] = t.flows.size();
    j["unclosed_begins"] = t.unclosedBegins;
    j["unmatched_ends"] = t.unmatchedEnds;
    j["clipped_slices"] = t.clippedSlices;
    j["dropped_flows"] = t.droppedFlows;
    j["malformed"] = t.malformed;
    j["missing_bracket"] = t.missingBracket;
    j["origin_us"] = rounded(static_cast<double>(t.originNs) / 1e3);
    j["display_time_unit"] = t.displayTimeUnit.empty() ? Json() : Json(t.displayTimeUnit);
    j["other_data"] = t.otherData.empty() ? Json() : Json::parse(t.otherData, nullptr, false);
    j["error"] = t.hasError() ? Json(t.error.message) : Json();
    j["error_offset"] = t.hasError() ? Json(t.error.offset) : Json();
    if (runs) {
        // As `overlap run --json` prints them, field for field.
        if (runs->report) {
            j["scenario"] = runs->report->scenario;
            j["cpu_cores"] = runs->report->cpuCores;
            j["calibration_iters_per_ms"] = runs->report->itersPerMs;
            j["runs"] = Json::parse(runsJsonText(*runs->report));
        }
        j["runs_note"] = runs->problem.empty() ? Json() : Json(runs->problem);
    }
    out << j.dump(2) << '\n';
}

int commandInspect(const std::vector<std::string>& args, const CliEnv& env, const std::atomic<bool>* cancel)
{
    const InspectArgs inspect = parseInspectArgs(args);
    if (!inspect.imagePath.empty()) {
        if (!env.renderTraceImage)
            throw UsageError{"--image is not available in this build"};
        if (!canWrite(inspect.imagePath)) {
            env.err << "overlap: cannot write '" << inspect.imagePath << "'\n";
            return kExitUsage;
        }
    }
    TraceImportOptions options;
    options.cancel = cancel;
    ImportedTrace trace = importTraceFile(inspect.file, options);
    if (trace.cancelled) {
        env.err << "overlap: interrupted\n";
        return kExitInterrupted;
    }
    // Nothing to show: the file is unreadable, not a trace, or broken before its first event.
    if (!trace.usable() || (trace.hasError() && trace.events == 0)) {
        env.err << trace.error.message << '\n';
        return kExitUsage;
    }
    if (trace.hasError())
        env.err << "overlap: warning: " << trace.error.message << "; showing the " << trace.events
                << (trace.events == 1 ? " event" : " events") << " before it\n";
    std::optional<InspectedRuns> runs = inspectRuns(trace, cancel);
    if (runs && runs->report)
        // Red for failed runs only where someone reads it, as `run` does.
        runs->report->color
            = &env.out == &std::cout && ::isatty(STDOUT_FILENO) == 1 && !std::getenv("NO_COLOR");
    if (cancel && cancel->load()) {
        env.err << "overlap: interrupted\n";
        return kExitInterrupted;
    }
    if (inspect.json)
        printInspectJson(env.out, trace, runs);
    else
        printInspectTable(env.out, trace, runs);
    if (!inspect.imagePath.empty()) {
        const std::size_t slash = inspect.file.rfind('/');
        const std::string title = slash == std::string::npos ? inspect.file : inspect.file.substr(slash + 1);
        if (const std::string error = env.renderTraceImage(trace, title, inspect.imagePath); !error.empty()) {
            env.err << "overlap: " << error << '\n';
            return kExitInternal;
        }
    }
    return kExitOk;
}

} // namespace overlap::app
