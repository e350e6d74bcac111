// `overlap inspect` of a trace Overlap wrote prints `overlap run`'s figures
// (SPEC §4: each metric is computed once, in the engine; run and inspect
// agree): for every example, under every model, the figures that inspect
// computes again from the trace's slices equal those run printed for the
// same runs, field for field, to the precision the trace keeps.
//
// That precision: every time in the trace is exact to the ns (the export's
// µs grid rounds back to the ns it came from), so every figure made of times
// and nominal durations (makespan, work, concurrency, peak concurrency, the
// time running, ready and in each wait, start-up, speedup) must come out the
// same, to the last bit but for the order of a floating-point sum (1e-9,
// relative). A step's CPU time is written as cpu_ms with 3 decimals: each
// step may be off by up to 0.5 µs, so cpu_ms may differ by 0.0005 ms per
// step that ended, and parallelism and CPU utilisation by that over the
// makespan (and the cores). Peak RSS is no slice: inspect takes it from the
// metrics the trace stored, and it must match too.

#include "clitestutil.h"
#include "engine/scenarioio.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

using namespace overlap::testing;
using Json = nlohmann::json;

namespace {

using namespace overlap::engine;

// The examples at a quarter of their durations (and four times their rate
// limit): the same shapes in a time a test can afford.
Scenario scaled(Scenario s, double factor)
{
    for (TaskSpec& t : s.tasks) {
        for (Step& step : t.steps)
            step.ms *= factor;
        t.retry.initialMs *= factor;
    }
    s.run.rateLimitPerS /= factor;
    return s;
}

std::vector<std::string> examples()
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(OVERLAP_SOURCE_DIR "/resources/examples")) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".overlap.json"))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// Per run (pid), the steps that ended with their CPU time in the trace.
std::map<int, int> endedSteps(const Json& trace)
{
    std::map<int, int> steps;
    for (const Json& e : trace["traceEvents"]) {
        if (e.value("cat", "") == "step" && e.contains("args") && e["args"].contains("cpu_ms"))
            ++steps[e["pid"].get<int>()];
    }
    return steps;
}

// Whether inspect's value of a field matches run's, within `tolerance`.
::testing::AssertionResult same(
    const std::string& where, const Json& run, const Json& inspect, double tolerance)
{
    if (run.is_number() && inspect.is_number()) {
        const double a = run.get<double>(), b = inspect.get<double>();
        if (std::fabs(a - b) <= tolerance)
            return ::testing::AssertionSuccess();
        return ::testing::AssertionFailure()
            << where << ": run " << run << ", inspect " << inspect << " (allowed " << tolerance << ")";
    }
    if (run == inspect)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << where << ": run " << run << ", inspect " << inspect;
}

class InspectRuns : public ScratchDir, public ::testing::WithParamInterface<std::string> { };

TEST_P(InspectRuns, GiveRunsFiguresUnderEveryModel)
{
    const auto loaded = loadScenarioFile(OVERLAP_SOURCE_DIR "/resources/examples/" + GetParam());
    ASSERT_TRUE(loaded.scenario) << loaded.error;
    const std::string scenario = write("s.overlap.json", scenarioToJson(scaled(*loaded.scenario, 0.25)));
    const std::string tracePath = path("trace.json");

    const ProcessResult run = runOverlap({"run", scenario, "--model", "all", "--json", "--trace", tracePath});
    ASSERT_TRUE(run.code == 0 || run.code == 1) << run.err; // 1: a task failed for good, as some examples do
    const Json ran = Json::parse(run.out);
    const ProcessResult inspected = runOverlap({"inspect", tracePath, "--json"});
    ASSERT_EQ(inspected.code, 0) << inspected.err;
    const Json j = Json::parse(inspected.out);
    ASSERT_TRUE(j.contains("runs")) << j["runs_note"];
    EXPECT_TRUE(j["runs_note"].is_null()) << j["runs_note"];
    EXPECT_EQ(j["scenario"], ran["scenario"]);
    EXPECT_EQ(j["cpu_cores"], ran["cpu_cores"]);

    const Json& runs = ran["runs"];
    const Json& again = j["runs"];
    ASSERT_EQ(runs.size(), 5u); // sequential, fibers, threads, threads + GIL, processes
    ASSERT_EQ(again.size(), runs.size());
    const std::map<int, int> steps = endedSteps(Json::parse(readFile(tracePath)));
    const double cores = ran["cpu_cores"].get<double>();
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const Json& a = runs[i];
        const Json& b = again[i];
        const std::string label = a["label"].get<std::string>();
        std::vector<std::string> keysA, keysB;
        for (const auto& [key, value] : a.items())
            keysA.push_back(key);
        for (const auto& [key, value] : b.items())
            keysB.push_back(key);
        EXPECT_EQ(keysA, keysB) << label << ": the same fields, in the same order";

        const auto it = steps.find(static_cast<int>(i) + 1);
        const double cpuTolerance = 0.0005 * (it == steps.end() ? 0 : it->second) + 1e-9;
        const double makespan = std::max(1e-9, a["makespan_ms"].get<double>());
        for (const auto& [key, value] : a.items()) {
            double tolerance = 1e-9 * std::max(1.0, std::fabs(value.is_number() ? value.get<double>() : 0.0));
            if (key == "cpu_ms")
                tolerance = cpuTolerance;
            else if (key == "parallelism")
                tolerance = cpuTolerance / makespan + 1e-12;
            else if (key == "cpu_utilization")
                tolerance = cpuTolerance / (makespan * cores) + 1e-12;
            EXPECT_TRUE(same(label + ": " + key, value, b.contains(key) ? b[key] : Json(), tolerance));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Examples, InspectRuns, ::testing::ValuesIn(examples()),
    [](const ::testing::TestParamInfo<std::string>& info) {
        std::string name = info.param.substr(0, info.param.find('.'));
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

} // namespace
