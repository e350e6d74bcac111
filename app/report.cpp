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

void measureAgainstSequential(Report& report)
{
    const RunResult* sequential = nullptr;
    for (const RunResult& r : report.runs)
        if (r.plan.run().model == engine::Model::Sequential && r.ranked())
            sequential = &r;
    for (RunResult& r : report.runs) {
        if (sequential && r.ranked())
            r.vsSequential = sequential->metrics.makespanMs / r.metrics.makespanMs;
        else
            r.vsSequential.reset();
    }
}

std::optional<std::size_t> fastestRun(const Report& report)
{
    if (!report.compare)
        return std::nullopt;
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < report.runs.size(); ++i) {
        const RunResult& r = report.runs[i];
        if (r.ranked() && (!best || r.metrics.makespanMs < report.runs[*best].metrics.makespanMs))
            best = i;
    }
    return best;
}

void printTable(std::ostream& out, const Report& report)
{
    out << "scenario \"" << report.scenario << "\" \u2014 " << report.cpuCores << " CPU cores, calibration "
        << format("%.0f", report.itersPerMs) << " iterations/ms\n\n";

    std::vector<std::string> header = {"model", "workers", "gil", "makespan", "work", "speedup"};
    if (report.compare)
        header.push_back("vs seq");
    for (const char* h :
        {"parallelism", "peak", "cpu", "util", "ready", "start-up", "rss", "tasks", "failed", "retries"})
        header.push_back(h);

    const std::optional<std::size_t> fastest = fastestRun(report);
    std::vector<std::vector<std::string>> rows{header};
    std::vector<bool> marked{false}; // rows drawn red: failed tasks, an error
    for (std::size_t i = 0; i < report.runs.size(); ++i) {
        const RunResult& r = report.runs[i];
        const Metrics& m = r.metrics;
        std::vector<std::string> row
            = {std::string(engine::modelName(r.plan.run().model)), std::to_string(r.output.workers),
                engine::runUsesGil(r.plan) ? "yes" : "no", duration(m.makespanMs), duration(m.workMs),
                r.ranked() ? format("%.2f\u00d7", m.speedup) : noValue};
        if (report.compare)
            row.push_back(r.vsSequential ? format("%.2f\u00d7", *r.vsSequential) : noValue);
        row.insert(row.end(),
            {format("%.2f", m.parallelism), std::to_string(m.peakConcurrency), duration(m.cpuMs),
                format("%.0f %%", m.cpuUtilization * 100), duration(m.readyMs), duration(m.startupMs),
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
    }

    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < header.size(); ++c)
            widths[c] = std::max(widths[c], width(row[c]));
    }
    const std::string red = report.color ? "\x1b[31m" : "";
    const std::string plain = report.color ? "\x1b[0m" : "";
    for (std::size_t k = 0; k < rows.size(); ++k) {
        const auto& row = rows[k];
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            const std::size_t pad = c < widths.size() ? widths[c] - width(row[c]) : 0;
            if (c > 0)
                line += "  ";
            // Names read from the left, figures line up on the right.
            if (c == 0 || c == 2 || c >= widths.size())
                line += row[c] + std::string(c + 1 < row.size() ? pad : 0, ' ');
            else
                line += std::string(pad, ' ') + row[c];
        }
        // Colour wraps the whole line: the widths above count no escape codes.
        out << (marked[k] ? red + line + plain : line) << '\n';
    }
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

void printJson(std::ostream& out, const Report& report)
{
    using Json = nlohmann::ordered_json;
    Json root;
    root["scenario"] = report.scenario;
    root["cpu_cores"] = report.cpuCores;
    root["calibration_iters_per_ms"] = report.itersPerMs;
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
            // A run with failed tasks has no speedup of any kind (SPEC §4).
            run[key] = key == "speedup" && !r.ranked() ? Json(nullptr) : value;
            if (key == "speedup" && report.compare) {
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
    root["runs"] = std::move(runs);
    out << root.dump(2) << '\n';
}

} // namespace overlap::app
