#include "app/report.h"

#include "engine/traceexport.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace overlap::app {

using engine::Metrics;

namespace {

template <class... Args> std::string format(const char* fmt, Args... args)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

std::string duration(double ms)
{
    return ms < 10'000 ? format("%.1f ms", ms) : format("%.2f s", ms / 1000);
}

std::string memory(long kib)
{
    return kib < 10 * 1024 ? format("%ld KiB", kib) : format("%.1f MiB", double(kib) / 1024);
}

// Terminal columns of UTF-8 text: one per code point is right for the
// characters used here (×, —).
std::size_t width(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// "8 of 8 failed"
std::string failedText(const Metrics& m)
{
    return std::to_string(m.failed) + " of " + std::to_string(m.tasks) + " failed";
}

const std::string noValue = "\u2014";

} // namespace

namespace {

engine::Comparison comparison(const Report& report)
{
    std::vector<engine::ComparedRun> runs;
    for (const RunResult& r : report.runs)
        runs.push_back({r.plan.run().model, &r.metrics});
    return engine::compareRuns(runs);
}

} // namespace

void measureAgainstSequential(Report& report)
{
    const engine::Comparison c = comparison(report);
    for (std::size_t i = 0; i < report.runs.size(); ++i)
        report.runs[i].vsSequential = c.speedup[i];
}

std::optional<std::size_t> fastestRun(const Report& report)
{
    if (!report.compare)
        return std::nullopt;
    return comparison(report).fastest;
}

namespace {

// Prints rows aligned in columns: names (the first `leftColumns`, and any
// note past the header's width) read from the left, figures line up on the
// right. Marked rows are wrapped in red when colour is on.
void printAligned(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
    const std::vector<bool>& marked, const std::vector<bool>& left, bool color)
{
    const std::size_t columns = rows.front().size();
    std::vector<std::size_t> widths(columns, 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < columns; ++c)
            widths[c] = std::max(widths[c], width(row[c]));
    }
    const std::string red = color ? "\x1b[31m" : "";
    const std::string plain = color ? "\x1b[0m" : "";
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& row = rows[k];
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::size_t pad = c < widths.size() ? widths[c] - width(row[c]) : 0;
            if (c > 0)
                line += "  ";
            if (c >= widths.size() || left[c])
                line += row[c] + std::string(c + 1 < row.size() ? pad : 0, ' ');
            else
                line += std::string(pad, ' ') + row[c];
        }
        // Colour wraps the whole line: the widths above count no escape codes.
        out << (marked[k] ? red + line + plain : line) << '\n';
    }
}

} // namespace

void printTable(std::ostream& out, const Report& report)
{
    out << "scenario \"" << report.scenario << "\" \u2014 " << report.cpuCores << " CPU cores, calibration "
        << format("%.0f", report.itersPerMs) << " iterations/ms\n\n";

    std::vector<std::string> header = {"model", "workers", "gil", "makespan", "work"};
    if (report.compare)
        header.push_back("speedup");
    for (const char* h : {"concurrency", "parallelism", "peak", "cpu", "util", "start-up", "rss", "tasks",
             "failed", "retries"})
        header.push_back(h);
    std::vector<bool> left(header.size(), false);
    left[0] = left[2] = true;
    // Where the tasks' time went, as the timeline draws it.
    const std::vector<std::string> statesHeader = {"model", "workers", "gil", "running", "ready", "io wait",
        "lock wait", "gil wait", "rate wait", "backoff"};
    std::vector<bool> statesLeft(statesHeader.size(), false);
    statesLeft[0] = statesLeft[2] = true;

    const std::optional<std::size_t> fastest = fastestRun(report);
    std::vector<std::vector<std::string>> rows{header}, states{statesHeader};
    std::vector<bool> marked{false}; // rows drawn red: failed tasks, an error
    for (std::size_t i = 0; i < report.runs.size(); ++i) {
        const RunResult& r = report.runs[i];
        const Metrics& m = r.metrics;
        const std::vector<std::string> who = {std::string(engine::modelName(r.plan.run().model)),
            std::to_string(r.output.workers), engine::runUsesGil(r.plan) ? "yes" : "no"};
        std::vector<std::string> row = who;
        row.insert(row.end(), {duration(m.makespanMs), duration(m.workMs)});
        if (report.compare)
            row.push_back(r.vsSequential ? format("%.2f\u00d7", *r.vsSequential) : noValue);
        row.insert(row.end(),
            {format("%.2f", m.concurrency), format("%.2f", m.parallelism), std::to_string(m.peakConcurrency),
                duration(m.cpuMs), format("%.0f %%", m.cpuUtilization * 100), duration(m.startupMs),
                memory(m.peakRssKib), std::to_string(m.tasks),
                m.failed > 0 ? std::to_string(m.failed) + " of " + std::to_string(m.tasks)
                             : std::to_string(m.failed),
                std::to_string(m.retries)});
        if (!r.output.error.empty())
            row.push_back("error: " + r.output.error);
        else if (r.output.cancelled)
            row.push_back("cancelled");
        else if (m.failed > 0)
            row.push_back(failedText(m) + ": no speedup, not ranked");
        else if (fastest == i)
            row.push_back("fastest");
        marked.push_back(!r.output.error.empty() || m.failed > 0);
        rows.push_back(std::move(row));

        std::vector<std::string> state = who;
        state.insert(state.end(),
            {duration(m.runningMs), duration(m.readyMs), duration(m.ioWaitMs), duration(m.lockWaitMs),
                duration(m.gilWaitMs), duration(m.rateWaitMs), duration(m.backoffMs)});
        states.push_back(std::move(state));
    }
    printAligned(out, rows, marked, left, report.color);
    out << "\nwhere the tasks' time went (summed over tasks, as the timeline draws it):\n";
    printAligned(out, states, std::vector<bool>(states.size(), false), statesLeft, report.color);

    const std::string red = report.color ? "\x1b[31m" : "";
    const std::string plain = report.color ? "\x1b[0m" : "";
    if (report.compare && !report.runs.empty()) {
        out << '\n';
        if (fastest) {
            const RunResult& best = report.runs[*fastest];
            out << "fastest: " << engine::runLabel(best.plan, best.output) << ", "
                << duration(best.metrics.makespanMs);
            if (best.vsSequential)
                out << format(" (%.2f\u00d7 sequential)", *best.vsSequential);
            out << '\n';
        } else {
            out << "fastest: none (no run completed every task)\n";
        }
        for (const RunResult& r : report.runs)
            if (r.metrics.failed > 0 && r.output.error.empty() && !r.output.cancelled)
                out << red << engine::runLabel(r.plan, r.output) << ": " << failedText(r.metrics)
                    << ", so it gets no speedup and is not ranked" << plain << '\n';
    }
}

namespace {

using Json = nlohmann::ordered_json;

Json runsJson(const Report& report)
{
    const std::optional<std::size_t> fastest = fastestRun(report);
    Json runs = Json::array();
    for (std::size_t i = 0; i < report.runs.size(); ++i) {
        const RunResult& r = report.runs[i];
        Json run;
        run["model"] = std::string(engine::modelName(r.plan.run().model));
        run["label"] = engine::runLabel(r.plan, r.output);
        run["workers"] = r.output.workers;
        run["gil"] = engine::runUsesGil(r.plan);
        // items() refers to its object: the parsed metrics must outlive the loop.
        const Json metrics = Json::parse(engine::metricsToJson(r.metrics));
        for (const auto& [key, value] : metrics.items()) {
            run[key] = value;
            // Only against a sequential run of the same scenario, and never
            // for a run that is not ranked (SPEC §4).
            if (key == "work_ms" && report.compare) {
                run["speedup_vs_sequential"] = r.vsSequential ? Json(*r.vsSequential) : Json(nullptr);
                run["fastest"] = fastest == i;
            }
        }
        if (!r.output.workerProcesses.empty() && r.plan.hasCpuWork()) {
            Json calibrations = Json::array(); // what each child used: the engine's, sent in its Hello
            for (const engine::WorkerInfo& w : r.output.workerProcesses)
                calibrations.push_back(w.itersPerMs);
            run["worker_calibration_iters_per_ms"] = std::move(calibrations);
        }
        if (r.output.cancelled)
            run["interrupted"] = true;
        if (!r.output.error.empty())
            run["error"] = r.output.error;
        runs.push_back(std::move(run));
    }
    return runs;
}

} // namespace

std::string runsJsonText(const Report& report)
{
    return runsJson(report).dump();
}

void printJson(std::ostream& out, const Report& report)
{
    Json root;
    root["scenario"] = report.scenario;
    root["cpu_cores"] = report.cpuCores;
    root["calibration_iters_per_ms"] = report.itersPerMs;
    root["runs"] = runsJson(report);
    out << root.dump(2) << '\n';
}

} // namespace overlap::app
