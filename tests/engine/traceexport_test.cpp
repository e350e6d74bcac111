#include "engine/csvexport.h"
#include "engine/traceexport.h"
#include "eventbuilder.h"
#include "testutil.h"
#include "tracecheck.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace overlap::engine;
using overlap::testing::EventBuilder;
using overlap::testing::partialOverlaps;
using overlap::testutil::cpu;
using overlap::testutil::io;
using overlap::testutil::scenario;
using overlap::testutil::task;
using K = EventKind;
using Json = nlohmann::json;

namespace {

Json exportTrace(const std::vector<ExportedRun>& runs, const std::string& scenario = "test")
{
    std::ostringstream out;
    writeChromeTrace(out, runs, {scenario, 1234.5, 2});
    return Json::parse(out.str()); // throws, and fails the test, on invalid JSON
}

std::vector<Json> eventsWhere(const Json& trace, const std::string& ph, const std::string& name = {})
{
    std::vector<Json> found;
    for (const Json& e : trace["traceEvents"]) {
        if (e["ph"] == ph && (name.empty() || e["name"] == name))
            found.push_back(e);
    }
    return found;
}

std::size_t count(const std::vector<Event>& events, EventKind kind)
{
    return static_cast<std::size_t>(
        std::count_if(events.begin(), events.end(), [kind](const Event& e) { return e.kind == kind; }));
}

// A scenario that exercises locks and retries under the sequential model.
Scenario mixed()
{
    Scenario s;
    s.name = "mixed \"quoted\", with comma";
    s.run.model = Model::Sequential;
    s.tasks.push_back({"wait", 2, {{StepKind::Io, 5, {}}}, {}, 0});
    s.tasks.push_back({"cache", 1, {{StepKind::Cpu, 2, "cache"}, {StepKind::Io, 2, {}}}, {}, 0});
    s.tasks.push_back({"flaky, \"always\"", 1, {{StepKind::Io, 1, {}}}, {3, 1, 2}, 1.0});
    return s;
}

} // namespace

TEST(TraceCheck, FindsPartialOverlapsOnly)
{
    auto x = [](int tid, double ts, double dur) {
        return Json{{"ph", "X"}, {"pid", 1}, {"tid", tid}, {"ts", ts}, {"dur", dur}, {"name", "s"}};
    };
    Json good = {{"traceEvents", {x(1, 0, 10), x(1, 2, 3), x(1, 5, 5), x(1, 10, 1), x(2, 5, 20)}}};
    EXPECT_TRUE(partialOverlaps(good).empty());
    Json bad = {{"traceEvents", {x(1, 0, 10), x(1, 5, 10)}}};
    EXPECT_EQ(partialOverlaps(bad).size(), 1u);
}

TEST(TraceExport, RealRunHasMetadataStepsAndNesting)
{
    const Plan plan(mixed());
    const RunOutput out = runPlan(plan);
    ASSERT_TRUE(out.error.empty()) << out.error;
    const Metrics metrics = computeMetrics(plan, out, 2);
    const Json trace = exportTrace({{&plan, &out, &metrics}}, plan.scenario().name);

    EXPECT_TRUE(partialOverlaps(trace).empty()) << ::testing::PrintToString(partialOverlaps(trace));
    EXPECT_EQ(eventsWhere(trace, "M", "process_name").size(), 1u);
    const auto lanes = eventsWhere(trace, "M", "thread_name");
    ASSERT_EQ(lanes.size(), 1u);
    EXPECT_EQ(lanes[0]["args"]["name"], "main");
    EXPECT_EQ(eventsWhere(trace, "M", "thread_sort_index").size(), 1u);

    std::size_t steps = 0, attempts = 0, backoffs = 0;
    for (const Json& e : eventsWhere(trace, "X")) {
        EXPECT_GE(e["dur"].get<double>(), 0);
        if (e["cat"] == "step") {
            ++steps;
            EXPECT_TRUE(e["args"].contains("cpu_ms"));
            EXPECT_TRUE(e["args"].contains("core"));
        }
        if (e["cat"] == "task")
            ++attempts;
        if (e["name"] == "backoff")
            ++backoffs;
    }
    EXPECT_EQ(steps, count(out.events, K::StepEnd));
    EXPECT_EQ(attempts, count(out.events, K::TaskStart));
    EXPECT_EQ(backoffs, 2u); // flaky: three attempts
    EXPECT_EQ(eventsWhere(trace, "X", "cpu 2 ms @cache").size(), 1u);

    const Json& other = trace["otherData"];
    EXPECT_EQ(other["scenario"], plan.scenario().name);
    EXPECT_EQ(other["model"], "sequential");
    EXPECT_EQ(other["gil"], false);
    EXPECT_EQ(other["calibration_iters_per_ms"], 1234.5);
    EXPECT_EQ(other["metrics"]["tasks"], 4);
    EXPECT_EQ(other["metrics"]["failed"], 1);
    EXPECT_EQ(other["runs"].size(), 1u);
}

TEST(TraceExport, GilLaneAndOnePidPerRun)
{
    Scenario s;
    s.run.model = Model::Threads;
    s.run.gil = true;
    s.tasks.push_back({"crunch", 2, {{StepKind::Cpu, 10, {}}}, {}, 0});
    const Plan gilPlan(s);
    s.run.gil = false;
    const Plan plainPlan(s);

    EventBuilder b;
    b.add(K::RunStart, 0);
    b.add(K::TaskStart, 0, 0, 0, 1).add(K::StepStart, 0, 0, 0, 1, 0);
    b.add(K::TaskStart, 0, 1, 1, 1).add(K::StepStart, 0, 1, 1, 1, 0);
    b.add(K::GilAcquire, 0, 0, 0, 1, 0);
    b.add(K::GilWait, 0, 1, 1, 1, 0);
    // Hand-over stamped out of order: the new holder's acquire comes before
    // the old holder's release. The GIL lane must still not overlap.
    b.add(K::GilAcquire, 5, 1, 1, 1, 0).add(K::GilRelease, 5.001, 0, 0, 1, 0);
    b.add(K::GilWait, 5.002, 0, 0, 1, 0)
        .add(K::GilRelease, 10, 1, 1, 1, 0)
        .add(K::GilAcquire, 10, 0, 0, 1, 0);
    b.add(K::StepEnd, 10, 1, 1, 1, 0, 0, 5'000'000).add(K::TaskEnd, 10, 1, 1, 1);
    b.add(K::GilRelease, 15, 0, 0, 1, 0)
        .add(K::StepEnd, 15, 0, 0, 1, 0, 0, 10'000'000)
        .add(K::TaskEnd, 15, 0, 0, 1);
    RunOutput out;
    out.events = b.build();
    out.workers = 2;

    const Json trace = exportTrace({{&plainPlan, &out, nullptr}, {&gilPlan, &out, nullptr}});
    EXPECT_TRUE(partialOverlaps(trace).empty()) << ::testing::PrintToString(partialOverlaps(trace));

    const auto processes = eventsWhere(trace, "M", "process_name");
    ASSERT_EQ(processes.size(), 2u);
    EXPECT_EQ(processes[0]["pid"], 1);
    EXPECT_EQ(processes[0]["args"]["name"], "threads \u00d72");
    EXPECT_EQ(processes[1]["pid"], 2);
    EXPECT_EQ(processes[1]["args"]["name"], "threads \u00d72 + GIL");
    EXPECT_EQ(eventsWhere(trace, "M", "process_sort_index").size(), 2u);

    std::vector<Json> gilNames;
    for (const Json& e : eventsWhere(trace, "M", "thread_name")) {
        if (e["args"]["name"] == "GIL")
            gilNames.push_back(e);
    }
    // GIL events get their lane whatever the settings say: the trace shows what happened.
    ASSERT_EQ(gilNames.size(), 2u);
    EXPECT_EQ(gilNames[0]["tid"], kGilTraceTid);
    std::size_t holdsInGilRun = 0;
    for (const Json& e : eventsWhere(trace, "X")) {
        if (e["tid"] == kGilTraceTid && e["pid"] == 2)
            ++holdsInGilRun;
    }
    EXPECT_EQ(holdsInGilRun, 3u);
    EXPECT_EQ(eventsWhere(trace, "X", "GIL wait").size(), 4u); // two per run
    EXPECT_EQ(trace["otherData"]["runs"].size(), 2u);
    EXPECT_EQ(trace["otherData"]["runs"][1]["gil"], true);
}

// Hand-offs of the GIL and of a lock are flow arrows that start inside the
// releasing worker's slice and end (bound to the enclosing slice, "bp":"e")
// inside the next holder's, as Perfetto draws them.
TEST(TraceExport, HandOffsAreFlowsBetweenSlices)
{
    Scenario gil = scenario(Model::Threads, 2, {task("crunch", 2, {cpu(30)})});
    gil.run.gil = true;
    const Scenario lock = scenario(Model::Threads, 3, {task("worker", 3, {cpu(5, "cache"), io(5)})});
    for (const Scenario& s : {gil, lock}) {
        const Plan plan(s);
        // Someone has to wait for a hand-off to happen (see runUntil).
        const K wait = s.run.gil ? K::GilWait : K::LockWait;
        const RunOutput out = overlap::testutil::runUntil(
            plan, [wait](const RunOutput& o) { return overlap::testutil::count(o, wait) >= 2; });
        const Json trace = exportTrace({{&plan, &out, nullptr}});
        const auto starts = eventsWhere(trace, "s");
        const auto ends = eventsWhere(trace, "f");
        ASSERT_GE(starts.size(), 2u);
        ASSERT_EQ(starts.size(), ends.size());
        const auto slices = eventsWhere(trace, "X");
        // The innermost slice holding the flow's time: what it binds to. Times
        // are exact in doubles, so no tolerance.
        auto boundTo = [&](const Json& e) {
            const double ts = e["ts"].get<double>();
            const Json* found = nullptr;
            for (const Json& x : slices) {
                if (x["pid"] == e["pid"] && x["tid"] == e["tid"] && x["ts"].get<double>() <= ts
                    && ts < x["ts"].get<double>() + x["dur"].get<double>()
                    && (!found || x["ts"].get<double>() >= (*found)["ts"].get<double>()))
                    found = &x;
            }
            return found;
        };
        std::set<int> ids;
        for (std::size_t i = 0; i < starts.size(); ++i) {
            const Json& from = starts[i];
            const Json& to = ends[i];
            EXPECT_EQ(from["id"], to["id"]);
            EXPECT_TRUE(ids.insert(from["id"].get<int>()).second);
            EXPECT_EQ(to["bp"], "e");
            EXPECT_EQ(from["cat"], to["cat"]);
            EXPECT_EQ(from["name"], to["name"]);
            EXPECT_NE(from["tid"], to["tid"]);
            EXPECT_LE(from["ts"].get<double>(), to["ts"].get<double>());
            // Each end binds to a step (or, for the GIL, a wait it was released or taken in),
            // never to the task slice around it; a lock leaves the step that held it.
            for (const Json* end : {&from, &to}) {
                const Json* slice = boundTo(*end);
                ASSERT_NE(slice, nullptr) << end->dump();
                EXPECT_NE((*slice)["cat"], "task") << end->dump() << " binds to " << slice->dump();
                if (!s.run.gil) {
                    EXPECT_EQ((*slice)["name"], "cpu 5 ms @cache")
                        << end->dump() << " binds to " << slice->dump();
                }
            }
        }
        EXPECT_EQ(starts.front()["name"], s.run.gil ? "GIL hand-off" : "lock hand-off");
    }
}

TEST(TraceExport, BrokenNestingIsClippedNotPassedOn)
{
    const Plan plan([] {
        Scenario s;
        s.run.model = Model::Threads;
        s.tasks.push_back({"odd", 1, {{StepKind::Io, 10, {}}}, {}, 0});
        return s;
    }());
    EventBuilder b;
    // The step's end is stamped after its task's end: partial overlap in the input.
    b.add(K::TaskStart, 0, 0, 0, 1).add(K::StepStart, 1, 0, 0, 1, 0);
    b.add(K::TaskEnd, 10, 0, 0, 1).add(K::StepEnd, 11, 0, 0, 1, 0);
    // A step left open by a run that ended early.
    b.add(K::TaskStart, 12, 0, 0, 2).add(K::StepStart, 12, 0, 0, 2, 0);
    RunOutput out;
    out.events = b.build();
    const Json trace = exportTrace({{&plan, &out, nullptr}});
    EXPECT_TRUE(partialOverlaps(trace).empty());
    int clipped = 0, unfinished = 0;
    std::vector<Json> slices = eventsWhere(trace, "X");
    for (const Json& e : eventsWhere(trace, "i")) // slices of no length
        slices.push_back(e);
    for (const Json& e : slices) {
        clipped += e["args"].value("clipped", false) ? 1 : 0;
        unfinished += e["args"].value("unfinished", false) ? 1 : 0;
    }
    EXPECT_EQ(clipped, 1);
    EXPECT_EQ(unfinished, 2);
}

TEST(TraceExport, StepLabels)
{
    EXPECT_EQ(stepLabel({StepKind::Io, 200, {}}), "io 200 ms");
    EXPECT_EQ(stepLabel({StepKind::Cpu, 50, "cache"}), "cpu 50 ms @cache");
    EXPECT_EQ(stepLabel({StepKind::Io, 0.5, {}}), "io 0.5 ms");
}

TEST(CsvExport, OneRowPerStepWithQuoting)
{
    const Plan plan(mixed());
    const RunOutput out = runPlan(plan);
    ASSERT_TRUE(out.error.empty()) << out.error;
    std::ostringstream csv;
    writeStepsCsv(csv, {{&plan, &out, nullptr}});
    const std::string text = csv.str();

    std::size_t rows = 0;
    for (std::size_t pos = 0; (pos = text.find(",step\r\n", pos)) != std::string::npos; pos += 2)
        ++rows;
    EXPECT_EQ(rows, count(out.events, K::StepEnd));
    EXPECT_EQ(text.substr(0, text.find("\r\n")), kCsvColumns);
    EXPECT_NE(text.find(",\"flaky, \"\"always\"\"\",3,0,io,1,"), std::string::npos) << text;
    EXPECT_NE(text.find(",cache,1,0,cpu,2,"), std::string::npos) << text;
    EXPECT_NE(text.find(",cache,step\r\n"), std::string::npos) << "lock column";
}

TEST(CsvExport, FieldQuoting)
{
    EXPECT_EQ(csvField("plain"), "plain");
    EXPECT_EQ(csvField("a,b"), "\"a,b\"");
    EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
}
