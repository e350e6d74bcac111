// Overlap's trace read back into runs (engine/tracerecovery.h): the events
// rebuilt from the slices give the same figures and the same timeline as the
// events the trace was written from; whatever the file holds, nothing crashes.

#include "engine/metrics.h"
#include "engine/timeline.h"
#include "engine/traceexport.h"
#include "engine/tracerecovery.h"
#include "engine/variants.h"
#include "eventbuilder.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace overlap::engine;
using overlap::testing::EventBuilder;
using K = EventKind;
using Json = nlohmann::json;

namespace {

std::string exportText(const Plan& plan, const RunOutput& output)
{
    const Metrics metrics = computeMetrics(plan, output, 2);
    std::ostringstream out;
    writeChromeTrace(out, {{&plan, &output, &metrics}}, {plan.scenario().name, 1000, 2});
    return out.str();
}

// Two tasks of the same name, a lock, the GIL, a ready interval, a rate-limit
// wait, a retry after a backoff, a cancelled attempt, an empty step and a
// task that no worker ran: each the way the executors record it.
Scenario scenario()
{
    Scenario s;
    s.name = "every kind of event";
    s.run.model = Model::Threads;
    s.run.gil = true;
    s.run.workers = 2;
    s.tasks.push_back({"job", 1, {{StepKind::Cpu, 8, "db"}, {StepKind::Io, 5, {}}}, {}, 0});
    s.tasks.push_back({"job", 1, {{StepKind::Cpu, 2, "db"}, {StepKind::Io, 20, {}}}, {}, 0});
    s.tasks.push_back({"solo", 1, {{StepKind::Io, 1, {}}}, {2, 2, 2}, 0.5});
    s.tasks.push_back({"never", 1, {{StepKind::Io, 1, {}}}, {}, 0});
    s.tasks.push_back({"empty", 1, {{StepKind::Io, 0, {}}}, {}, 0});
    return s;
}

RunOutput everyKindOfEvent()
{
    EventBuilder b;
    b.add(K::RunStart, 0.01);
    b.add(K::WorkerStart, 0.02, -1, 0).add(K::WorkerStart, 0.03, -1, 1);
    b.add(K::WorkerReady, 0.05, -1, 0).add(K::WorkerReady, 0.06, -1, 1);
    // Lane 0, task 0: takes the GIL and the lock, computes (off its core for
    // 0.5 ms, the GIL handed to task 1 for a while), then waits 5 ms.
    b.add(K::GilAcquire, 0.10, 0, 0, 1).add(K::TaskStart, 0.11, 0, 0, 1);
    b.add(K::LockAcquire, 0.12, 0, 0, 1, 0, 0).add(K::StepStart, 0.13, 0, 0, 1, 0);
    b.add(K::OffCpu, 1.0, 0, 0, 1, 0, 0, 500'000);
    b.add(K::GilRelease, 3.0, 0, 0, 1, 0).add(K::GilWait, 3.0, 0, 0, 1, 0);
    // Lane 1, task 1: waits for the GIL before its attempt starts, then for the lock.
    b.add(K::GilWait, 0.07, 1, 1, 1).add(K::GilAcquire, 3.0, 1, 1, 1).add(K::TaskStart, 3.01, 1, 1, 1);
    b.add(K::LockWait, 3.02, 1, 1, 1, 0, 0).add(K::GilRelease, 3.03, 1, 1, 1, 0);
    b.add(K::GilAcquire, 4.0, 0, 0, 1, 0);
    b.add(K::StepEnd, 10.0, 0, 0, 1, 0, 0, 8'500'000).add(K::LockRelease, 10.0, 0, 0, 1, 0, 0);
    b.add(K::StepStart, 10.01, 0, 0, 1, 1).add(K::GilRelease, 10.02, 0, 0, 1, 1);
    b.add(K::GilWait, 10.005, 1, 1, 1, 0).add(K::GilAcquire, 10.02, 1, 1, 1, 0);
    b.add(K::LockAcquire, 10.03, 1, 1, 1, 0, 0).add(K::StepStart, 10.04, 1, 1, 1, 0);
    b.add(K::StepEnd, 12.04, 1, 1, 1, 0, 0, 2'000'000).add(K::LockRelease, 12.04, 1, 1, 1, 0, 0);
    b.add(K::StepStart, 12.05, 1, 1, 1, 1).add(K::GilRelease, 12.06, 1, 1, 1, 1);
    b.add(K::GilAcquire, 15.02, 0, 0, 1, 1).add(K::StepEnd, 15.03, 0, 0, 1, 1, 0, 12'000);
    b.add(K::TaskEnd, 15.04, 0, 0, 1).add(K::GilRelease, 15.05, 0, 0, 1);
    // Lane 0, task 2: the rate limiter, a failed attempt, a backoff, a retry cut short by Stop.
    b.add(K::GilAcquire, 15.06, 2, 0, 1).add(K::RateWait, 15.07, 2, 0, 1).add(K::GilRelease, 15.08, 2, 0, 1);
    b.add(K::GilAcquire, 20.0, 2, 0, 1).add(K::TaskStart, 20.01, 2, 0, 1);
    b.add(K::StepStart, 20.02, 2, 0, 1, 0).add(K::GilRelease, 20.03, 2, 0, 1, 0);
    b.add(K::GilAcquire, 21.03, 2, 0, 1, 0).add(K::StepEnd, 21.04, 2, 0, 1, 0, 0, 3000);
    b.add(K::TaskFail, 21.05, 2, 0, 1, -1, static_cast<int>(FailReason::Injected));
    b.add(K::RetryBackoff, 21.06, 2, 0, 1, -1, 0, 2'000'000).add(K::GilRelease, 21.07, 2, 0, 1);
    b.add(K::GilAcquire, 23.07, 2, 0, 2).add(K::TaskStart, 23.08, 2, 0, 2);
    b.add(K::StepStart, 23.09, 2, 0, 2, 0).add(K::GilRelease, 23.10, 2, 0, 2, 0);
    b.add(K::StepEnd, 23.5, 2, 0, 2, 0, 0, 1000);
    b.add(K::TaskFail, 23.51, 2, 0, 2, 0, static_cast<int>(FailReason::Cancelled));
    // Task 3: no worker could be started for it.
    b.add(K::TaskFail, 30.0, 3, -1, 1, -1, static_cast<int>(FailReason::WorkerSpawn));
    // Lane 1: task 1 ends, task 4's step takes no time at all.
    b.add(K::GilAcquire, 32.06, 1, 1, 1, 1).add(K::StepEnd, 32.07, 1, 1, 1, 1, 0, 20'000);
    b.add(K::TaskEnd, 32.08, 1, 1, 1).add(K::GilRelease, 32.085, 1, 1, 1);
    b.add(K::GilAcquire, 32.09, 4, 1, 1)
        .add(K::TaskStart, 32.10, 4, 1, 1)
        .add(K::StepStart, 32.11, 4, 1, 1, 0)
        .add(K::StepEnd, 32.11, 4, 1, 1, 0);
    b.add(K::TaskEnd, 32.12, 4, 1, 1).add(K::GilRelease, 32.13, 4, 1, 1);
    b.add(K::RunEnd, 33.0);

    RunOutput out;
    out.events = b.build();
    std::stable_sort(
        out.events.begin(), out.events.end(), [](const Event& a, const Event& c) { return a.tNs < c.tNs; });
    out.workers = 2;
    out.cancelled = true;
    out.enginePeakRssKib = 12345;
    return out;
}

// What the Gantt draws per task: state and times of every segment.
std::vector<std::tuple<int, std::int64_t, std::int64_t, int>> drawn(const Plan& plan, const RunOutput& output)
{
    Timeline timeline(std::shared_ptr<const Plan>(&plan, [](const Plan*) {}));
    timeline.append(output.events);
    timeline.finish();
    std::vector<std::tuple<int, std::int64_t, std::int64_t, int>> out;
    for (const TimelineLane& lane : timeline.lanes(Grouping::Task)) {
        for (const Segment& s : lane.segments()) {
            if (s.endNs > s.startNs)
                out.emplace_back(s.task, s.startNs, s.endNs, static_cast<int>(s.state));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(TraceRecovery, EveryKindOfEventGivesTheSameFiguresAndTimeline)
{
    const Plan plan(scenario());
    const RunOutput original = everyKindOfEvent();
    const RecoveredTrace recovered = recoverRunsFromText(exportText(plan, original));
    ASSERT_TRUE(recovered.problem.empty()) << recovered.problem;
    EXPECT_TRUE(recovered.overlap);
    EXPECT_EQ(recovered.ignoredSlices, 0u);
    EXPECT_EQ(recovered.scenario, "every kind of event");
    EXPECT_EQ(recovered.cpuCores, 2);
    ASSERT_EQ(recovered.runs.size(), 1u);
    const RecoveredRun& run = recovered.runs.front();
    EXPECT_EQ(run.plan.scenario(), plan.scenario());
    EXPECT_EQ(run.label, "threads \u00d72 + GIL");
    EXPECT_TRUE(run.output.cancelled);

    const Metrics a = computeMetrics(plan, original, 2);
    const Metrics b = computeMetrics(run.plan, run.output, 2);
    // The CPU times are whole µs: exact in the trace's cpu_ms, so every figure is exact.
    EXPECT_EQ(metricsToJson(a), metricsToJson(b));
    EXPECT_EQ(b.failed, 2); // the cancelled retry, and the task no worker ran
    EXPECT_EQ(b.retries, 1);
    EXPECT_GT(b.gilWaitMs, 0);
    EXPECT_GT(b.lockWaitMs, 0);
    EXPECT_GT(b.readyMs, 0);
    EXPECT_GT(b.rateWaitMs, 0);
    EXPECT_GT(b.backoffMs, 0);
    EXPECT_EQ(b.peakRssKib, 12345); // from the stored metrics: no slice shows memory
    EXPECT_EQ(drawn(plan, original), drawn(run.plan, run.output));
}

TEST(TraceRecovery, SeveralRunsEachWithItsSettings)
{
    Scenario threads = scenario();
    Scenario sequential = threads;
    sequential.run.model = Model::Sequential;
    sequential.run.gil = false;
    const Plan first(sequential), second(threads);
    RunOutput one;
    one.events = EventBuilder()
                     .add(K::RunStart, 0.001)
                     .task(0, 0, 1, 9, 8)
                     .task(1, 0, 9, 12, 2)
                     .add(K::RunEnd, 13)
                     .build();
    one.workers = 1;
    const RunOutput two = everyKindOfEvent();
    const Metrics m1 = computeMetrics(first, one, 2), m2 = computeMetrics(second, two, 2);
    std::ostringstream text;
    writeChromeTrace(text, {{&first, &one, &m1}, {&second, &two, &m2}}, {"two runs", 1000, 2});

    const RecoveredTrace recovered = recoverRunsFromText(text.str());
    ASSERT_TRUE(recovered.problem.empty()) << recovered.problem;
    ASSERT_EQ(recovered.runs.size(), 2u);
    EXPECT_EQ(recovered.runs[0].plan.run().model, Model::Sequential);
    EXPECT_EQ(recovered.runs[1].plan.run().model, Model::Threads);
    EXPECT_TRUE(recovered.runs[1].plan.run().gil);
    EXPECT_EQ(metricsToJson(computeMetrics(recovered.runs[0].plan, recovered.runs[0].output, 2)),
        metricsToJson(m1));
    EXPECT_EQ(metricsToJson(computeMetrics(recovered.runs[1].plan, recovered.runs[1].output, 2)),
        metricsToJson(m2));
}

TEST(TraceRecovery, RealRunsOfEveryModel)
{
    // Small, but with CPU work behind a lock, waits, the GIL and worker processes.
    Scenario s;
    s.name = "real";
    s.tasks.push_back({"w", 3, {{StepKind::Cpu, 4, "cache"}, {StepKind::Io, 3, {}}}, {}, 0});
    std::vector<Plan> plans;
    for (const Scenario& variant : compareVariants(s))
        plans.emplace_back(variant);
    RunOptions options;
    options.workerPath = OVERLAP_WORKER_PATH;
    std::vector<RunOutput> outputs;
    std::vector<Metrics> metrics;
    for (const Plan& plan : plans) {
        outputs.push_back(runPlan(plan, options));
        ASSERT_TRUE(outputs.back().error.empty()) << outputs.back().error;
        metrics.push_back(computeMetrics(plan, outputs.back(), 2));
    }
    std::vector<ExportedRun> exported;
    for (std::size_t i = 0; i < plans.size(); ++i)
        exported.push_back({&plans[i], &outputs[i], &metrics[i]});
    std::ostringstream text;
    writeChromeTrace(text, exported, {s.name, 1000, 2});

    const RecoveredTrace recovered = recoverRunsFromText(text.str());
    ASSERT_TRUE(recovered.problem.empty()) << recovered.problem;
    ASSERT_EQ(recovered.runs.size(), plans.size());
    for (std::size_t i = 0; i < plans.size(); ++i) {
        const RecoveredRun& run = recovered.runs[i];
        const Json a = Json::parse(metricsToJson(metrics[i]));
        const Json b = Json::parse(metricsToJson(computeMetrics(run.plan, run.output, 2)));
        // cpu_ms keeps 3 decimals in the trace: 0.5 µs per step (6 steps); the rest is exact.
        const double cpuTolerance = 0.0005 * 6;
        for (const auto& [key, value] : a.items()) {
            if (!value.is_number_float()) {
                EXPECT_EQ(value, b[key]) << run.label << ": " << key;
                continue;
            }
            const double tolerance = key == "cpu_ms" ? cpuTolerance
                : key == "parallelism"               ? cpuTolerance / metrics[i].makespanMs
                : key == "cpu_utilization"           ? cpuTolerance / metrics[i].makespanMs / 2
                                                     : 1e-9;
            EXPECT_NEAR(value.get<double>(), b[key].get<double>(), tolerance) << run.label << ": " << key;
        }
    }
}

TEST(TraceRecovery, AnOldTraceWithoutTheDefinitionSaysSo)
{
    const Plan plan(scenario());
    Json trace = Json::parse(exportText(plan, everyKindOfEvent()));
    trace["otherData"].erase("scenario_definition");
    trace["otherData"]["generator"] = "overlap 0.1.0";
    const RecoveredTrace recovered = recoverRunsFromText(trace.dump());
    EXPECT_TRUE(recovered.overlap);
    EXPECT_TRUE(recovered.runs.empty());
    EXPECT_NE(recovered.problem.find("overlap 0.1.0"), std::string::npos) << recovered.problem;
    EXPECT_NE(recovered.problem.find("cannot be computed again"), std::string::npos) << recovered.problem;
}

TEST(TraceRecovery, ForeignTracesAreNotOverlaps)
{
    EXPECT_FALSE(isOverlapTrace(""));
    EXPECT_FALSE(isOverlapTrace("not json"));
    EXPECT_FALSE(isOverlapTrace(R"({"generator":"Chromium"})"));
    EXPECT_TRUE(isOverlapTrace(R"({"generator":"overlap 1.0"})"));
    const RecoveredTrace foreign
        = recoverRunsFromText(R"({"traceEvents":[{"ph":"X","pid":1,"tid":1,"ts":0,"dur":5,"name":"a"}]})");
    EXPECT_FALSE(foreign.overlap);
    EXPECT_TRUE(foreign.runs.empty());
    EXPECT_FALSE(foreign.problem.empty());
}

TEST(TraceRecovery, DamagedOrEditedTracesNeverCrash)
{
    const Plan plan(scenario());
    const std::string text = exportText(plan, everyKindOfEvent());
    const Json good = Json::parse(text);

    // Cut short anywhere: not complete JSON.
    for (std::size_t cut :
        {std::size_t{0}, std::size_t{1}, text.size() / 3, text.size() / 2, text.size() - 3}) {
        const RecoveredTrace r = recoverRunsFromText(text.substr(0, cut));
        EXPECT_TRUE(r.runs.empty()) << cut;
        EXPECT_FALSE(r.problem.empty()) << cut;
    }

    std::vector<Json> edited;
    auto edit = [&](auto change) {
        Json j = good;
        change(j);
        edited.push_back(std::move(j));
    };
    edit([](Json& j) { j["otherData"]["scenario_definition"] = 5; });
    edit([](Json& j) { j["otherData"]["scenario_definition"]["tasks"] = "none"; });
    edit([](Json& j) { j["otherData"]["runs"] = "x"; });
    edit([](Json& j) { j["otherData"]["runs"][0].erase("settings"); });
    edit([](Json& j) { j["otherData"]["runs"][0]["settings"]["model"] = "quantum"; });
    edit([](Json& j) { j["otherData"]["runs"][0]["run_start_ns"] = "soon"; });
    edit([](Json& j) { j["otherData"]["runs"][0]["metrics"] = nullptr; });
    edit([](Json& j) { j["otherData"]["runs"][0]["failures_without_worker"] = {{{"task", 99}}, 3, "x"}; });
    edit([](Json& j) {
        for (Json& e : j["traceEvents"]) {
            if (e.contains("args") && e["args"].contains("task"))
                e["args"]["task"] = "nobody";
        }
    });
    edit([](Json& j) {
        for (Json& e : j["traceEvents"]) {
            if (e["ph"] == "X") {
                e["ts"] = 9.1e15;
                e["dur"] = 9.1e15;
            }
        }
    });
    edit([](Json& j) {
        for (Json& e : j["traceEvents"]) {
            if (e["ph"] == "X")
                e["name"] = "job"; // every slice an attempt of an ambiguous task
            e["tid"] = -e.value("tid", 0);
        }
    });
    edit([](Json& j) {
        for (Json& e : j["traceEvents"])
            e["args"] = {{"attempt", "one"}, {"step", 1e300}, {"cpu_ms", -1}, {"lane", 70000}};
    });
    edit([](Json& j) { j["traceEvents"] = Json::array({1, "x", nullptr, Json::array()}); });
    for (const Json& j : edited) {
        const RecoveredTrace r = recoverRunsFromText(j.dump());
        EXPECT_TRUE(r.overlap);
        for (const RecoveredRun& run : r.runs)
            computeMetrics(run.plan, run.output, r.cpuCores); // must not crash either
        EXPECT_TRUE(!r.runs.empty() || !r.problem.empty()) << j["otherData"].dump();
    }
}

} // namespace
