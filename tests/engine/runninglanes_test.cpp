// What is drawn running must be true (SPEC §4): over every example, under
// every model, idle and with both cores taken by other programs, the lanes
// drawn "running" never outnumber the cores the run could use.

#include "engine/plan.h"
#include "engine/run.h"
#include "engine/scenarioio.h"
#include "engine/timeline.h"
#include "engine/variants.h"
#include "spinners.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <sched.h>
#include <string>
#include <vector>

namespace {

using namespace overlap::engine;

constexpr std::int64_t kBinNs = 1'000'000;
// What one slice of the off-core tracker and the 1 ms bin allow beyond the cores.
constexpr double kTolerance = 0.1;

int usableCores()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return 1;
    return std::max(1, CPU_COUNT(&set));
}

// The examples are run at a quarter of their durations (and four times their
// rate limit): the same shapes, in a time a test can afford.
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

// Σ over `segments` of the nanoseconds each 1 ms bin of [0, endNs) is covered.
void addCoverage(std::vector<double>& bins, const Segment& s)
{
    for (std::int64_t b = s.startNs / kBinNs; b * kBinNs < s.endNs && b < std::int64_t(bins.size()); ++b) {
        const std::int64_t from = std::max(s.startNs, b * kBinNs);
        const std::int64_t to = std::min(s.endNs, (b + 1) * kBinNs);
        if (to > from)
            bins[std::size_t(b)] += double(to - from);
    }
}

struct Worst {
    double mean = 0; // running lanes, mean over the bin
    std::int64_t atNs = 0;
};

Worst worstBin(const std::vector<double>& bins)
{
    Worst w;
    for (std::size_t b = 0; b < bins.size(); ++b) {
        if (bins[b] / double(kBinNs) > w.mean)
            w = {bins[b] / double(kBinNs), std::int64_t(b) * kBinNs};
    }
    return w;
}

struct Case {
    std::string example;
    bool loaded = false;
};

class RunningLanes : public ::testing::TestWithParam<Case> { };

TEST_P(RunningLanes, NeverMoreThanTheCoresTheRunCanUse)
{
    const Case& c = GetParam();
    const auto loaded
        = loadScenarioFile(std::string(OVERLAP_SOURCE_DIR) + "/resources/examples/" + c.example);
    ASSERT_TRUE(loaded.scenario) << loaded.error;
    std::optional<overlap::testutil::Spinners> spinners;
    if (c.loaded)
        spinners.emplace(usableCores());

    RunOptions options;
    options.workerPath = OVERLAP_WORKER_PATH;
    for (const Scenario& variant : compareVariants(scaled(*loaded.scenario, 0.25))) {
        auto plan = std::make_shared<const Plan>(variant);
        const RunOutput out = runPlan(*plan, options);
        ASSERT_TRUE(out.error.empty()) << out.error;
        Timeline timeline(plan);
        timeline.append(out.events);
        timeline.finish();

        const Model model = variant.run.model;
        const bool oneCore = model == Model::Sequential || model == Model::Fibers || variant.run.gil;
        const int cores = oneCore ? 1 : std::min(usableCores(), std::max(1, plan->workerCount()));
        const std::string label = std::string(modelName(model)) + (variant.run.gil ? " + GIL" : "");

        const auto binCount = std::size_t(timeline.endNs() / kBinNs + 1);
        std::vector<double> running(binCount, 0.0);
        std::size_t runningSegments = 0;
        for (const TimelineLane& lane : timeline.lanes(Grouping::Task)) {
            for (const Segment& s : lane.segments()) {
                if (s.state == SegmentState::Running) {
                    addCoverage(running, s);
                    ++runningSegments;
                }
            }
        }
        const Worst all = worstBin(running);
        EXPECT_LE(all.mean, cores + kTolerance)
            << label << ": " << all.mean << " lanes drawn running in the 1 ms from " << all.atNs / 1e6
            << " ms";
        if (plan->hasCpuWork()) {
            EXPECT_GT(runningSegments, 0u) << label << ": cpu steps, yet nothing drawn running";
        }

        // One core runs one thing at a time: its lane never holds two.
        for (const TimelineLane& lane : timeline.lanes(Grouping::Core)) {
            std::vector<double> core(binCount, 0.0);
            for (const Segment& s : lane.segments())
                addCoverage(core, s);
            const Worst w = worstBin(core);
            EXPECT_LE(w.mean, 1 + kTolerance)
                << label << ": core " << lane.key() << " drawn running " << w.mean
                << " times at once in the 1 ms from " << w.atNs / 1e6 << " ms";
        }
    }
}

std::vector<Case> cases()
{
    std::vector<std::string> names;
    for (const auto& entry :
        std::filesystem::directory_iterator(std::string(OVERLAP_SOURCE_DIR) + "/resources/examples")) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(".overlap.json"))
            names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    std::vector<Case> out;
    for (const std::string& n : names) {
        out.push_back({n, false});
        out.push_back({n, true});
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(
    Examples, RunningLanes, ::testing::ValuesIn(cases()), [](const ::testing::TestParamInfo<Case>& info) {
        std::string name = info.param.example.substr(0, info.param.example.find('.'));
        std::replace(name.begin(), name.end(), '-', '_');
        return name + (info.param.loaded ? "_busy" : "_idle");
    });

} // namespace
