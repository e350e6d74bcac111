#pragma once

// Test helper shared by the engine and command line suites: viewers such as
// Perfetto require X slices on one (pid, tid) to nest; a slice that starts
// inside another and ends after it is silently dropped or mis-drawn.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace overlap::testing {

struct TraceSlice {
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    std::string name;
};

// X slices grouped by (pid, tid). Times are rounded to ns, the exporter's grain.
inline std::map<std::pair<std::int64_t, std::int64_t>, std::vector<TraceSlice>> sliceLanes(
    const nlohmann::json& trace)
{
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<TraceSlice>> lanes;
    for (const auto& e : trace.at("traceEvents")) {
        if (e.value("ph", "") != "X")
            continue;
        const auto start = std::llround(e.at("ts").get<double>() * 1000);
        const auto dur = std::llround(e.at("dur").get<double>() * 1000);
        lanes[{e.at("pid").get<std::int64_t>(), e.at("tid").get<std::int64_t>()}].push_back(
            {start, start + dur, e.value("name", "")});
    }
    return lanes;
}

// One line per pair of slices that partly overlap; empty when all nest.
inline std::vector<std::string> partialOverlaps(const nlohmann::json& trace)
{
    std::vector<std::string> problems;
    for (auto& [where, slices] : sliceLanes(trace)) {
        std::sort(slices.begin(), slices.end(), [](const TraceSlice& a, const TraceSlice& b) {
            return a.startNs != b.startNs ? a.startNs < b.startNs : a.endNs > b.endNs;
        });
        std::vector<const TraceSlice*> open; // enclosing slices, innermost last
        for (const TraceSlice& s : slices) {
            while (!open.empty() && open.back()->endNs <= s.startNs)
                open.pop_back();
            if (!open.empty() && s.endNs > open.back()->endNs) {
                problems.push_back("pid " + std::to_string(where.first) + " tid "
                    + std::to_string(where.second) + ": '" + s.name + "' [" + std::to_string(s.startNs) + ", "
                    + std::to_string(s.endNs) + "] partly overlaps '" + open.back()->name + "' ["
                    + std::to_string(open.back()->startNs) + ", " + std::to_string(open.back()->endNs) + "]");
                continue;
            }
            open.push_back(&s);
        }
    }
    return problems;
}

} // namespace overlap::testing
