// The trace import on what real producers wrote (Node, Chromium and Overlap
// itself: see tests/fixtures/traces/make_real_fixtures.sh), checked against
// count_trace.py, an independent count in Python; the Timeline made from an
// import; and a round trip through Overlap's own export.

#include "engine/metrics.h"
#include "engine/scenarioio.h"
#include "engine/timeline.h"
#include "engine/traceexport.h"
#include "engine/traceimport.h"
#include "testutil.h"

#include <cstdio>
#include <gtest/gtest.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

using namespace overlap::engine;
using Json = nlohmann::json;

namespace {

std::string fixture(const std::string& name)
{
    return OVERLAP_SOURCE_DIR "/tests/fixtures/traces/" + name;
}

// stdout of a shell command; empty on failure.
std::string capture(const std::string& command)
{
    std::string out;
    std::FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return out;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0)
        out.append(buf, n);
    return pclose(pipe) == 0 ? out : std::string();
}

std::map<std::string, std::size_t> counts(const Json& j)
{
    std::map<std::string, std::size_t> out;
    for (const auto& [key, value] : j.items())
        out[key] = value.get<std::size_t>();
    return out;
}

class IndependentCount : public ::testing::TestWithParam<const char*> { };

} // namespace

TEST_P(IndependentCount, AgreesWithTheImport)
{
    if (std::string(OVERLAP_PYTHON3).empty())
        GTEST_SKIP() << "python3 not found at configure time";
    const std::string path = fixture(GetParam());
    const std::string text = capture(
        "'" OVERLAP_PYTHON3 "' '" OVERLAP_SOURCE_DIR "/tests/fixtures/traces/count_trace.py' '" + path + "'");
    ASSERT_FALSE(text.empty()) << "count_trace.py failed on " << path;
    const Json expected = Json::parse(text);

    const ImportedTrace t = importTraceFile(path);
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_EQ(t.events, expected["events"].get<std::size_t>());
    EXPECT_EQ(t.phases, counts(expected["phases"]));
    EXPECT_EQ(t.skipped, counts(expected["skipped"]));
    EXPECT_EQ(t.malformed, expected["malformed"].get<std::size_t>());
    EXPECT_EQ(t.lanes.size(), expected["lanes"].get<std::size_t>());
    const auto threadLanes = static_cast<std::size_t>(std::count_if(t.lanes.begin(), t.lanes.end(),
        [](const ImportedLane& l) { return l.kind == ImportedLaneKind::Thread; }));
    EXPECT_EQ(threadLanes, expected["thread_lanes"].get<std::size_t>());
    EXPECT_EQ(t.sliceCount(), expected["slices"].get<std::size_t>());
    EXPECT_EQ(t.spanNs, expected["span_ns"].get<std::int64_t>());
    EXPECT_EQ(t.busyNs, expected["busy_ns"].get<std::int64_t>());
    EXPECT_EQ(t.threadCpuNs, expected["thread_cpu_ns"].get<std::int64_t>());
    EXPECT_EQ(t.threadCpuSlices, expected["thread_cpu_slices"].get<std::size_t>());
    EXPECT_EQ(t.hasThreadCpu, t.threadCpuSlices > 0);
    EXPECT_EQ(t.peakConcurrency, expected["peak_concurrency"].get<int>());
    EXPECT_EQ(t.unmatchedEnds, expected["unmatched_ends"].get<std::size_t>());
    EXPECT_EQ(t.unclosedBegins, expected["unclosed_begins"].get<std::size_t>());
    EXPECT_EQ(t.missingBracket, expected["missing_bracket"].get<bool>());
}

INSTANTIATE_TEST_SUITE_P(RealTraces, IndependentCount,
    ::testing::Values(
        "node_trace.json", "chromium_startup.json", "overlap_cache_lock.json", "overlap_gil_convoy.json"),
    [](const auto& info) {
        std::string name = info.param;
        name = name.substr(0, name.find('.'));
        name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
        return name;
    });

INSTANTIATE_TEST_SUITE_P(HandMade, IndependentCount,
    ::testing::Values("array.json", "object.json", "no_bracket.json", "no_bracket_object.json",
        "nesting_be.json", "nesting_x.json", "string_ids.json", "counters.json", "metadata.json",
        "async.json", "flows.json", "instants.json", "unknown_phases.json", "unclosed.json"),
    [](const auto& info) {
        std::string name = info.param;
        name = name.substr(0, name.find('.'));
        name.erase(std::remove(name.begin(), name.end(), '_'), name.end());
        return name;
    });

TEST(RealTraces, ChromiumAndNodeShowTheirThreadsByName)
{
    const ImportedTrace chromium = importTraceFile(fixture("chromium_startup.json"));
    ASSERT_FALSE(chromium.hasError()) << chromium.error.message;
    auto hasLane = [](const ImportedTrace& t, const std::string& label) {
        return std::any_of(
            t.lanes.begin(), t.lanes.end(), [&](const ImportedLane& l) { return l.label == label; });
    };
    EXPECT_TRUE(hasLane(chromium, "CrBrowserMain"));
    EXPECT_TRUE(hasLane(chromium, "CrRendererMain"));
    std::set<std::string> processes;
    for (const ImportedProcess& p : chromium.processes)
        processes.insert(p.label());
    EXPECT_TRUE(processes.count("Browser")) << "process_name metadata";
    EXPECT_TRUE(processes.count("Renderer"));
    EXPECT_GT(chromium.flows.size(), 100u); // Chromium's task posting flows bind to its slices
    EXPECT_GT(chromium.instants.size(), 0u);
    EXPECT_GT(chromium.skipped.at("R"), 0u); // marks: not supported, counted
    EXPECT_GT(chromium.peakConcurrency, 1);

    const ImportedTrace node = importTraceFile(fixture("node_trace.json"));
    ASSERT_FALSE(node.hasError()) << node.error.message;
    EXPECT_TRUE(hasLane(node, "JavaScriptMainThread"));
    EXPECT_TRUE(hasLane(node, "Timeout")); // async_hooks resources, as async tracks
    EXPECT_TRUE(hasLane(node, "FSREQCALLBACK"));
    // Node's timestamps are µs since boot: the Gantt starts at 0, the origin is kept.
    EXPECT_GT(node.originNs, 1'000'000'000);
    EXPECT_GT(node.spanNs, 0);
    EXPECT_LT(node.spanNs, 60'000'000'000);
}

TEST(TraceTimeline, ShowsTheImportedLanesAsTheyAre)
{
    ImportedTrace t = importTraceFile(fixture("flows.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    const std::size_t events = t.events;
    const std::int64_t span = t.spanNs;
    const double concurrency = t.concurrency;
    const Timeline tl = takeTimeline(t);
    EXPECT_TRUE(t.segments.empty()); // moved, not copied
    EXPECT_EQ(t.lanes.size(), 3u); // the rest stays

    EXPECT_TRUE(tl.isPrebuilt());
    EXPECT_TRUE(tl.finished());
    EXPECT_EQ(tl.endNs(), span);
    EXPECT_EQ(tl.eventCount(), events);
    ASSERT_EQ(tl.lanes(Grouping::Task).size(), 3u);
    EXPECT_EQ(tl.rows(Grouping::Task), (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(tl.lanes(Grouping::Worker).empty());
    EXPECT_TRUE(tl.lanes(Grouping::Core).empty());
    EXPECT_EQ(tl.laneIndex(Grouping::Task, 2), 2);
    EXPECT_EQ(tl.laneLabel(Grouping::Task, 0), "pid 1 / tid 1");
    EXPECT_EQ(tl.laneLabel(Grouping::Task, 1), "pid 1 / tid 1 [1]");
    EXPECT_EQ(tl.laneLabel(Grouping::Task, 2), "pid 1 / tid 2");
    EXPECT_EQ(tl.laneLabel(Grouping::Task, 3), "");
    EXPECT_EQ(tl.laneLabel(Grouping::Worker, 0), "");
    EXPECT_EQ(tl.segmentName(tl.lanes(Grouping::Task)[1][0]), "inner");
    EXPECT_EQ(tl.segmentName(tl.lanes(Grouping::Task)[2][1]), "later");
    EXPECT_TRUE(tl.openSegments(Grouping::Task).empty());

    const std::vector<Arrow> arrows = tl.arrows(Grouping::Task);
    ASSERT_EQ(arrows.size(), 2u);
    EXPECT_EQ(arrows[0].kind, HandOffKind::Flow);
    EXPECT_EQ(arrows[0].fromLane, 1);
    EXPECT_EQ(arrows[0].fromNs, 3'000);
    EXPECT_EQ(arrows[0].toLane, 2);
    EXPECT_EQ(arrows[0].toNs, 25'000);
    EXPECT_TRUE(tl.arrows(Grouping::Worker).empty());

    // Concurrency counts the outermost slices only (send 10 + recv 10 + later 5 of 45 µs);
    // busy per lane is every lane's own.
    const RangeStats st = tl.stats(Grouping::Task, 0, span);
    EXPECT_EQ(st.busyNs, 25'000);
    EXPECT_DOUBLE_EQ(st.concurrency, concurrency);
    // A foreign trace's slices say nothing of cores: no parallelism is claimed.
    EXPECT_FALSE(st.hasRunning);
    EXPECT_EQ(st.parallelism, 0.0);
    ASSERT_EQ(st.laneBusy.size(), 3u);
    EXPECT_DOUBLE_EQ(st.laneBusy[1], 4.0 / 45.0);
    // The overview profile holds the same outermost slices.
    const std::vector<float> profile = tl.profile().resample(1, span);
    ASSERT_EQ(profile.size(), 2u);
    EXPECT_NEAR(profile[0], concurrency, 1e-3);
}

TEST(TraceTimeline, LabelsSayWhichProcessWhenThereAreSeveral)
{
    ImportedTrace t = importTraceFile(fixture("metadata.json"));
    const Timeline tl = takeTimeline(t);
    EXPECT_EQ(tl.laneLabel(Grouping::Task, 0), "Browser \u00b7 pid 20 / tid 20");
    EXPECT_EQ(tl.laneLabel(Grouping::Task, 2), "Renderer \u00b7 CrRendererMain");
}

TEST(TraceTimeline, RunsHaveNoLabelsOrNames)
{
    Timeline tl;
    Segment s;
    s.detail = 0;
    EXPECT_FALSE(tl.isPrebuilt());
    EXPECT_EQ(tl.laneLabel(Grouping::Task, 0), "");
    EXPECT_EQ(tl.segmentName(s), "");
}

namespace {

using overlap::testutil::cpu;
using overlap::testutil::Interval;
using overlap::testutil::intervals;
using overlap::testutil::io;
using overlap::testutil::scenario;
using overlap::testutil::task;

struct Slice {
    std::int64_t start, end;
    std::string name;
};

// Absolute slices (the run's clock) on the import's lanes of one tid, any depth.
std::vector<Slice> slicesOfTid(const ImportedTrace& t, std::int64_t tid, const std::string& prefix)
{
    std::vector<Slice> out;
    for (std::size_t l = 0; l < t.lanes.size(); ++l) {
        if (t.lanes[l].tid.number != tid)
            continue;
        for (const Segment& s : t.segments[l].segments()) {
            const std::string& name = t.names.at(static_cast<std::size_t>(s.detail));
            if (name.starts_with(prefix))
                out.push_back({s.startNs + t.originNs, s.endNs + t.originNs, name});
        }
    }
    std::sort(out.begin(), out.end(), [](const Slice& a, const Slice& b) { return a.start < b.start; });
    return out;
}

constexpr std::int64_t kMicro = 1000; // the export writes µs with 3 decimals

void expectSameTimes(
    const std::vector<Slice>& imported, std::vector<Interval> expected, const std::string& what)
{
    std::sort(expected.begin(), expected.end(),
        [](const Interval& a, const Interval& b) { return a.start < b.start; });
    ASSERT_EQ(imported.size(), expected.size()) << what;
    for (std::size_t i = 0; i < imported.size(); ++i) {
        EXPECT_NEAR(imported[i].start, expected[i].start, kMicro) << what << " #" << i;
        EXPECT_NEAR(imported[i].end, expected[i].end, kMicro) << what << " #" << i;
    }
}

// Runs the scenario, exports it, imports the export, and compares with the
// run's events and the Timeline the Gantt draws from them.
void checkRoundTrip(const Scenario& s)
{
    const Plan plan(s);
    const RunOutput out = runPlan(plan);
    ASSERT_TRUE(out.error.empty()) << out.error;
    const Metrics metrics = computeMetrics(plan, out, 2);
    std::ostringstream file;
    writeChromeTrace(file, {{&plan, &out, &metrics}}, {s.name, 1000, 2});

    ImportedTrace t = importTraceText(file.str(), "roundtrip.json");
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_NE(t.otherData.find("\"scenario\":" + Json(s.name).dump()), std::string::npos) << t.otherData;

    Timeline tl(std::make_shared<const Plan>(plan));
    tl.append(out.events);
    tl.finish();

    // The same workers have lanes: export tid = worker slot + 1, the GIL apart.
    std::set<int> workers;
    for (const TimelineLane& lane : tl.lanes(Grouping::Worker)) {
        if (lane.size() > 0)
            workers.insert(lane.key());
    }
    std::set<int> importedWorkers;
    bool gilLane = false;
    for (const ImportedLane& lane : t.lanes) {
        if (lane.depth != 0 || lane.slices == 0)
            continue;
        if (lane.tid.number == kGilTraceTid)
            gilLane = true;
        else
            importedWorkers.insert(static_cast<int>(lane.tid.number) - 1);
    }
    EXPECT_EQ(importedWorkers, workers);
    EXPECT_EQ(gilLane, tl.hasGil());
    EXPECT_FALSE(workers.empty());
    std::set<std::string> instanceNames;
    for (const TaskInstance& instance : plan.instances())
        instanceNames.insert(instance.name);

    // The GIL and lock hand-offs come back as flow arrows between the same workers.
    std::multiset<std::pair<int, int>> handOffs, flows;
    for (const HandOff& h : tl.handOffs()) {
        if (h.fromWorker >= 0 && h.toWorker >= 0 && h.fromWorker != h.toWorker)
            handOffs.insert({h.fromWorker, h.toWorker});
    }
    for (const ImportedFlow& f : t.flows) {
        flows.insert({static_cast<int>(t.lanes.at(static_cast<std::size_t>(f.fromLane)).tid.number) - 1,
            static_cast<int>(t.lanes.at(static_cast<std::size_t>(f.toLane)).tid.number) - 1});
    }
    EXPECT_EQ(flows, handOffs);
    EXPECT_FALSE(flows.empty());
    EXPECT_EQ(t.droppedFlows, 0u);

    const std::vector<Interval> steps = intervals(out.events, EventKind::StepStart, EventKind::StepEnd);
    const std::vector<Interval> attempts = intervals(out.events, EventKind::TaskStart, EventKind::TaskEnd);
    const std::vector<Interval> lockWaits
        = intervals(out.events, EventKind::LockWait, EventKind::LockAcquire);
    for (int w : workers) {
        const std::string where = "worker " + std::to_string(w);
        auto on = [w](const std::vector<Interval>& all) {
            std::vector<Interval> mine;
            std::copy_if(all.begin(), all.end(), std::back_inserter(mine),
                [w](const Interval& i) { return i.lane == w; });
            return mine;
        };
        const std::vector<Slice> importedSteps = [&] {
            std::vector<Slice> v = slicesOfTid(t, w + 1, "cpu ");
            const std::vector<Slice> ios = slicesOfTid(t, w + 1, "io ");
            v.insert(v.end(), ios.begin(), ios.end());
            std::sort(v.begin(), v.end(), [](const Slice& a, const Slice& b) { return a.start < b.start; });
            return v;
        }();
        expectSameTimes(importedSteps, on(steps), where + " steps");
        std::vector<Slice> importedAttempts = slicesOfTid(t, w + 1, "");
        std::erase_if(importedAttempts, [&](const Slice& sl) { return !instanceNames.count(sl.name); });
        expectSameTimes(importedAttempts, on(attempts), where + " attempts");
        expectSameTimes(slicesOfTid(t, w + 1, "lock wait"), on(lockWaits), where + " lock waits");

        // Every step segment the Gantt draws for this worker lies in an imported step slice.
        const TimelineLane& lane
            = tl.lanes(Grouping::Worker)[static_cast<std::size_t>(tl.laneIndex(Grouping::Worker, w))];
        for (const Segment& seg : lane.segments()) {
            if (seg.step < 0
                || (seg.state != SegmentState::Running && seg.state != SegmentState::WaitingIo
                    && seg.state != SegmentState::Ready))
                continue;
            const bool inside = std::any_of(importedSteps.begin(), importedSteps.end(), [&](const Slice& sl) {
                return seg.startNs >= sl.start - kMicro && seg.endNs <= sl.end + kMicro;
            });
            EXPECT_TRUE(inside) << where << " segment [" << seg.startNs << ", " << seg.endNs << "]";
        }
    }

    // The GIL lane holds the same holds.
    std::vector<Interval> holds;
    for (const Segment& seg : tl.gilLane().segments())
        holds.push_back({seg.startNs, seg.endNs});
    std::vector<Slice> importedHolds = slicesOfTid(t, kGilTraceTid, "");
    expectSameTimes(importedHolds, holds, "GIL holds");
}

} // namespace

TEST(TraceRoundTrip, ThreadsWithTheGilAndALock)
{
    Scenario s = scenario(Model::Threads, 2,
        {// Two 30 ms computations at once: the GIL must change hands between the workers.
            task("spin", 2, {cpu(30)}), task("locked", 3, {cpu(3, "cache"), io(5)}),
            task("poll", 2, {io(2), cpu(1)})});
    s.name = "round trip";
    s.run.gil = true;
    checkRoundTrip(s);
}

TEST(TraceRoundTrip, TheCacheLockExample)
{
    const ScenarioResult loaded
        = loadScenarioFile(OVERLAP_SOURCE_DIR "/resources/examples/cache-lock.overlap.json");
    ASSERT_TRUE(loaded) << loaded.error;
    ASSERT_EQ(loaded.scenario->run.model, Model::Threads);
    checkRoundTrip(*loaded.scenario);
}
