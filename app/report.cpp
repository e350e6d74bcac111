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

} // namespace

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

    std::vector<std::vector<std::string>> rows{header};
    for (const RunResult& r : report.runs) {
        const Metrics& m = r.metrics;
        std::vector<std::string> row = {std::string(engine::modelName(r.plan.run().model)),
            std::to_string(r.output.workers), engine::runUsesGil(r.plan) ? "yes" : "no",
            duration(m.makespanMs), duration(m.workMs), format("%.2f\u00d7", m.speedup)};
        if (report.compare)
            row.push_back(r.vsSequential ? format("%.2f\u00d7", *r.vsSequential) : "-");
        row.insert(row.end(),
            {format("%.2f", m.parallelism), std::to_string(m.peakConcurrency), duration(m.cpuMs),
                format("%.0f %%", m.cpuUtilization * 100), duration(m.readyMs), duration(m.startupMs),
                memory(m.peakRssKib), std::to_string(m.tasks), std::to_string(m.failed),
                std::to_string(m.retries)});
        if (!r.output.error.empty())
            row.push_back("error: " + r.output.error);
        else if (r.output.cancelled)
            row.push_back("cancelled");
        rows.push_back(std::move(row));
    }

    std::vector<std::size_t> widths(header.size(), 0);
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < header.size(); ++c)
            widths[c] = std::max(widths[c], width(row[c]));
    }
    for (const auto& row : rows) {
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
        out << line << '\n';
    }
}

void printJson(std::ostream& out, const Report& report)
{
    using Json = nlohmann::ordered_json;
    Json root;
    root["scenario"] = report.scenario;
    root["cpu_cores"] = report.cpuCores;
    root["calibration_iters_per_ms"] = report.itersPerMs;
    Json runs = Json::array();
    for (const RunResult& r : report.runs) {
        Json run;
        run["model"] = std::string(engine::modelName(r.plan.run().model));
        run["label"] = engine::runLabel(r.plan, r.output);
        run["workers"] = r.output.workers;
        run["gil"] = engine::runUsesGil(r.plan);
        // items() refers to its object: the parsed metrics must outlive the loop.
        const Json metrics = Json::parse(engine::metricsToJson(r.metrics));
        for (const auto& [key, value] : metrics.items()) {
            run[key] = value;
            if (key == "speedup" && report.compare)
                run["speedup_vs_sequential"] = r.vsSequential ? Json(*r.vsSequential) : Json(nullptr);
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
