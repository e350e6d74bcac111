// The exported trace nests the same for every reader: times that stay exact
// in a reader's double arithmetic, slices written parents first, ready
// intervals inside their steps at any depth, hand-off arrows bound to the
// step that released and the one that took the GIL or lock, M events with ts
// and tid. tests/readers/ checks the same with speedscope and chrome-trace.

#include "engine/traceexport.h"
#include "engine/traceexportlane.h"
#include "tracecheck.h"

#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

using namespace overlap::engine;
using overlap::testing::partialOverlaps;
using K = EventKind;
using Json = nlohmann::json;
namespace tx = overlap::engine::traceexport;

namespace {

// Events with exact ns (EventBuilder's ms would round).
class Events {
public:
    Events& add(K kind, std::int64_t ns, int task = -1, int lane = -1, int attempt = 0, int step = -1,
        int detail = 0, std::int64_t cpuNs = 0)
    {
        Event e;
        e.kind = kind;
        e.tNs = ns;
        e.task = task;
        e.lane = lane;
        e.attempt = static_cast<std::int16_t>(attempt);
        e.step = static_cast<std::int16_t>(step);
        e.detail = detail;
        e.cpuNs = cpuNs;
        e.pid = 100;
        e.tid = 200 + lane;
        e.core = static_cast<std::int16_t>(lane < 0 ? 0 : lane % 2);
        m_events.push_back(e);
        return *this;
    }
    std::vector<Event> events() const { return m_events; }

private:
    std::vector<Event> m_events;
};

Json exportTrace(const Plan& plan, const std::vector<Event>& events, int workers = 2)
{
    RunOutput out;
    out.events = events;
    out.workers = workers;
    std::ostringstream text;
    writeChromeTrace(text, {{&plan, &out, nullptr}}, {"nesting", 1000, 2});
    return Json::parse(text.str());
}

Plan plan(Model model, bool gil, std::vector<TaskSpec> tasks)
{
    Scenario s;
    s.name = "nesting";
    s.run.model = model;
    s.run.gil = gil;
    s.tasks = std::move(tasks);
    return Plan(s);
}

// A slice as a reader sees it: ts and end = ts + dur in doubles, and its
// position in the file.
struct ReadSlice {
    double ts = 0;
    double end = 0;
    std::string name;
    std::size_t index = 0;
};

std::map<int, std::vector<ReadSlice>> readLanes(const Json& trace)
{
    std::map<int, std::vector<ReadSlice>> lanes;
    std::size_t index = 0;
    for (const Json& e : trace["traceEvents"]) {
        ++index;
        if (e["ph"] != "X")
            continue;
        const double ts = e["ts"].get<double>();
        lanes[e["tid"].get<int>()].push_back({ts, ts + e["dur"].get<double>(), e["name"], index});
    }
    return lanes;
}

// Parent (by name) of every slice of a lane, as chrome-trace computes it:
// sorted by ts (stable), a slice is inside an open one when its ts is before
// that one's ts + dur.
std::vector<std::pair<std::string, std::string>> chromeTraceParents(std::vector<ReadSlice> lane)
{
    std::stable_sort(
        lane.begin(), lane.end(), [](const ReadSlice& a, const ReadSlice& b) { return a.ts < b.ts; });
    std::vector<std::pair<std::string, std::string>> parents;
    std::vector<const ReadSlice*> open;
    for (const ReadSlice& s : lane) {
        while (!open.empty() && !(s.ts < open.back()->end))
            open.pop_back();
        parents.emplace_back(s.name, open.empty() ? "" : open.back()->name);
        open.push_back(&s);
    }
    return parents;
}

} // namespace

// Every time is a multiple of 1/2048 µs: parsed as a double it is exact, sums
// and differences of such times are exact, and rounding ts and dur each to ns
// gives back the exact ns of both ends.
TEST(TraceExportNumbers, TimesAreExactInBinaryAndRoundTripToNs)
{
    std::mt19937_64 random(11);
    std::uniform_int_distribution<std::int64_t> anyNs(0, 48LL * 3600 * 1'000'000'000); // two days
    std::uniform_int_distribution<std::int64_t> shortNs(0, 3000);
    for (int i = 0; i < 200'000; ++i) {
        const std::int64_t t0 = anyNs(random);
        const std::int64_t start = t0 + (i % 2 ? shortNs(random) : anyNs(random) / 1000);
        const std::int64_t end = start + (i % 3 ? shortNs(random) : anyNs(random) / 100);
        const double ts = std::strtod(tx::micros(start).c_str(), nullptr);
        const double dur = std::strtod(tx::microsBetween(start, end).c_str(), nullptr);
        const double te = std::strtod(tx::micros(end).c_str(), nullptr);
        const double first = std::strtod(tx::micros(t0).c_str(), nullptr);
        ASSERT_EQ(ts * tx::kTicksPerMicro, double(tx::ticks(start))) << start;
        ASSERT_EQ(ts + dur, te) << start << " " << end; // chrome-trace's end
        ASSERT_EQ((ts - first) + dur, te - first) << start << " " << end; // speedscope's end
        ASSERT_EQ(std::llround(ts * 1000), start); // Overlap's import, Perfetto
        ASSERT_EQ(std::llround(ts * 1000) + std::llround(dur * 1000), end);
    }
}

TEST(TraceExportNumbers, GridIsMonotonicAndKeepsNsApart)
{
    for (std::int64_t ns = -3000; ns < 3000; ++ns)
        ASSERT_LT(tx::ticks(ns), tx::ticks(ns + 1)) << ns;
    EXPECT_EQ(tx::micros(0), "0");
    EXPECT_EQ(tx::micros(1000), "1");
    EXPECT_EQ(tx::micros(-1500), "-1.5");
    EXPECT_EQ(tx::micros(1), "0.0009765625"); // 2 / 2048 µs, the grid point nearest 1 ns
    EXPECT_EQ(tx::microsBetween(5, 5), "0");
    EXPECT_EQ(tx::microsBetween(1000, 3000), "2");
    const std::int64_t big = 3'000'000'000'000'000LL; // 35 days
    EXPECT_LT(tx::ticks(big), tx::ticks(big + 1));
}

// Rate limit, then the attempt from the very ns it ends, with a step that ends
// with its attempt: the times of issue 11's speedscope report, which decimal
// ns µs made readers nest the attempt in the rate limit.
TEST(TraceExportNesting, ChildrenEndingWithTheirParentNestForReaders)
{
    const Plan p = plan(Model::Threads, false, {{"call", 2, {{StepKind::Io, 200, {}}}, {}, 0}});
    Events ev;
    ev.add(K::RateWait, 676'373, 0, 0, 1);
    ev.add(K::TaskStart, 703'813'364, 0, 0, 1).add(K::StepStart, 703'816'560, 0, 0, 1, 0);
    ev.add(K::StepEnd, 904'022'187, 0, 0, 1, 0).add(K::TaskEnd, 904'022'187, 0, 0, 1);
    ev.add(K::RateWait, 1'102'758'370, 1, 0, 1);
    ev.add(K::TaskStart, 1'907'736'555, 1, 0, 1).add(K::StepStart, 1'907'736'555, 1, 0, 1, 0);
    ev.add(K::StepEnd, 2'107'739'931, 1, 0, 1, 0).add(K::TaskEnd, 2'107'739'931, 1, 0, 1);
    const Json trace = exportTrace(p, ev.events());
    EXPECT_TRUE(partialOverlaps(trace).empty()) << ::testing::PrintToString(partialOverlaps(trace));

    const auto lanes = readLanes(trace);
    ASSERT_EQ(lanes.size(), 1u);
    const std::vector<std::pair<std::string, std::string>> expected = {{"rate limit", ""}, {"call #1", ""},
        {"io 200 ms", "call #1"}, {"rate limit", ""}, {"call #2", ""}, {"io 200 ms", "call #2"}};
    EXPECT_EQ(chromeTraceParents(lanes.begin()->second), expected);
    // For contrast, the decimal ns µs written before: the rate limit's
    // ts + dur lands 1 ulp past the attempt's ts, so readers nested it there.
    EXPECT_GT(676.373 + 703136.991, 703813.364);
}

// Ready intervals (OffCpu) inside a cpu step, at any depth, sharing the
// step's start or end; one that another continues is one slice; one that a
// GIL wait interrupts is cut there; 0 ns (a change of core) shows nothing.
TEST(TraceExportNesting, ReadyIntervalsNestInsideTheirStep)
{
    const Plan p = plan(Model::Threads, true, {{"crunch", 1, {{StepKind::Cpu, 30, {}}}, {}, 0}});
    Events ev;
    const std::int64_t ms = 1'000'000;
    ev.add(K::TaskStart, 1 * ms, 0, 0, 1).add(K::StepStart, 2 * ms, 0, 0, 1, 0);
    ev.add(K::OffCpu, 2 * ms, 0, 0, 1, 0, 0, 1 * ms); // shares the step's start
    ev.add(K::OffCpu, 4 * ms, 0, 0, 1, 0, 0, 0); // only changed cores
    ev.add(K::OffCpu, 5 * ms, 0, 0, 1, 0, 0, 1 * ms);
    ev.add(K::OffCpu, 6 * ms, 0, 0, 1, 0, 0, 1 * ms); // continues the one before
    ev.add(K::GilWait, 10 * ms, 0, 0, 1, 0);
    ev.add(K::OffCpu, 11 * ms, 0, 0, 1, 0, 0, 1 * ms); // inside the GIL wait: depth 3
    ev.add(K::GilAcquire, 12 * ms, 0, 0, 1, 0);
    ev.add(K::OffCpu, 20 * ms, 0, 0, 1, 0, 0, 5 * ms); // interrupted by the next GIL wait
    ev.add(K::GilWait, 22 * ms, 0, 0, 1, 0).add(K::GilAcquire, 23 * ms, 0, 0, 1, 0);
    ev.add(K::OffCpu, 29 * ms, 0, 0, 1, 0, 0, 1 * ms); // shares the step's end
    ev.add(K::StepEnd, 30 * ms, 0, 0, 1, 0, 0, 20 * ms).add(K::TaskEnd, 30 * ms, 0, 0, 1);
    const Json trace = exportTrace(p, ev.events(), 1);
    EXPECT_TRUE(partialOverlaps(trace).empty()) << ::testing::PrintToString(partialOverlaps(trace));

    std::vector<std::pair<std::int64_t, std::int64_t>> ready;
    for (const Json& e : trace["traceEvents"]) {
        if (e["ph"] != "X" || e["cat"] != "ready")
            continue;
        EXPECT_EQ(e["name"], "ready");
        const std::int64_t start = std::llround(e["ts"].get<double>() * 1000);
        const std::int64_t dur = std::llround(e["dur"].get<double>() * 1000);
        EXPECT_EQ(e["args"]["off_cpu_ns"].get<std::int64_t>(), dur);
        ready.emplace_back(start / ms, (start + dur) / ms);
    }
    const std::vector<std::pair<std::int64_t, std::int64_t>> expected
        = {{2, 3}, {5, 7}, {11, 12}, {20, 22}, {29, 30}};
    EXPECT_EQ(ready, expected);

    const auto lanes = readLanes(trace);
    const auto parents = chromeTraceParents(lanes.at(1));
    const std::vector<std::pair<std::string, std::string>> nesting = {{"crunch", ""}, {"cpu 30 ms", "crunch"},
        {"ready", "cpu 30 ms"}, {"ready", "cpu 30 ms"}, {"GIL wait", "cpu 30 ms"}, {"ready", "GIL wait"},
        {"ready", "cpu 30 ms"}, {"GIL wait", "cpu 30 ms"}, {"ready", "cpu 30 ms"}};
    EXPECT_EQ(parents, nesting);
}

// Slices with the same start (and end) are written parent first, so that a
// reader that keeps the file's order for ties nests them; a slice of no
// length is an instant, which nests ambiguously in no reader.
TEST(TraceExportNesting, ParentsAreWrittenFirstAndEmptySlicesAreInstants)
{
    const Plan p
        = plan(Model::Threads, false, {{"t", 1, {{StepKind::Io, 0, {}}, {StepKind::Io, 1, {}}}, {}, 0}});
    Events ev;
    ev.add(K::TaskStart, 1000, 0, 0, 1).add(K::StepStart, 1000, 0, 0, 1, 0).add(K::StepEnd, 1000, 0, 0, 1, 0);
    ev.add(K::StepStart, 1000, 0, 0, 1, 1).add(K::StepEnd, 5000, 0, 0, 1, 1).add(K::TaskEnd, 5000, 0, 0, 1);
    const Json trace = exportTrace(p, ev.events(), 1);
    std::vector<std::string> order;
    for (const Json& e : trace["traceEvents"]) {
        if (e["ph"] == "X" || e["ph"] == "i")
            order.push_back(e["ph"].get<std::string>() + " " + e["name"].get<std::string>());
        if (e["ph"] == "i") {
            EXPECT_EQ(e["s"], "t");
        }
    }
    const std::vector<std::string> expected = {"X t", "i io 0 ms", "X io 1 ms"};
    EXPECT_EQ(order, expected);
}

TEST(TraceExportNesting, MetadataEventsHaveTsAndTid)
{
    const Plan p = plan(Model::Threads, true, {{"t", 1, {{StepKind::Io, 1, {}}}, {}, 0}});
    Events ev;
    ev.add(K::TaskStart, 1000, 0, 0, 1).add(K::StepStart, 1000, 0, 0, 1, 0);
    ev.add(K::StepEnd, 5000, 0, 0, 1, 0).add(K::TaskEnd, 5000, 0, 0, 1);
    const Json trace = exportTrace(p, ev.events(), 1);
    int metadata = 0;
    for (const Json& e : trace["traceEvents"]) {
        if (e["ph"] != "M")
            continue;
        ++metadata;
        EXPECT_EQ(e["ts"], 0) << e.dump();
        ASSERT_TRUE(e.contains("tid")) << e.dump();
        if (e["name"] == "process_name" || e["name"] == "process_sort_index") {
            EXPECT_EQ(e["tid"], 0);
        }
    }
    EXPECT_EQ(metadata, 6); // process name and order, worker and GIL lane names and orders
}

namespace {

// The innermost X slice of the lane holding the flow event's ts (in exact
// grid points), as Perfetto binds a flow.
std::string bindsTo(const Json& trace, const Json& flow)
{
    const auto grid = [](const Json& v) { return std::llround(v.get<double>() * tx::kTicksPerMicro); };
    const std::int64_t at = grid(flow["ts"]);
    std::string name = "nothing";
    std::int64_t bestStart = -1;
    for (const Json& e : trace["traceEvents"]) {
        if (e["ph"] != "X" || e["pid"] != flow["pid"] || e["tid"] != flow["tid"])
            continue;
        const std::int64_t start = grid(e["ts"]);
        const std::int64_t end = start + grid(e["dur"]);
        EXPECT_TRUE(at != start && at != end) << "flow on a slice boundary: " << flow.dump();
        if (start <= at && at < end && start >= bestStart) {
            bestStart = start;
            name = e["name"];
        }
    }
    return name;
}

} // namespace

// A lock is released just after its step ends, the GIL after its task ends,
// and both are taken before the next holder's step starts: the arrows still
// start on the step that released and end on the step that took, not on the
// task slices around them, nor on a ready interval at the step's end.
TEST(TraceExportNesting, HandOffArrowsBindToTheSteps)
{
    const Plan p = plan(Model::Threads, true,
        {{"w", 2, {{StepKind::Cpu, 5, "cache"}, {StepKind::Io, 5, {}}}, {}, 0},
            {"g", 2, {{StepKind::Cpu, 5, {}}}, {}, 0}});
    Events ev;
    const std::int64_t us = 1000;
    // w #1 (lane 0) holds the lock; w #2 (lane 1) waits for it.
    ev.add(K::TaskStart, 10 * us, 0, 0, 1).add(K::LockAcquire, 11 * us, 0, 0, 1, 0, 0);
    ev.add(K::StepStart, 12 * us, 0, 0, 1, 0);
    ev.add(K::TaskStart, 13 * us, 1, 1, 1).add(K::LockWait, 14 * us, 1, 1, 1, 0, 0);
    ev.add(K::OffCpu, 4000 * us, 0, 0, 1, 0, 0, 1012 * us); // ready until the step's end
    ev.add(K::StepEnd, 5012 * us, 0, 0, 1, 0).add(K::LockRelease, 5012 * us + 300, 0, 0, 1, 0, 0);
    ev.add(K::StepStart, 5013 * us, 0, 0, 1, 1);
    ev.add(K::LockAcquire, 5012 * us + 900, 1, 1, 1, 0, 0).add(K::StepStart, 5013 * us, 1, 1, 1, 0);
    ev.add(K::StepEnd, 10013 * us, 0, 0, 1, 1).add(K::TaskEnd, 10014 * us, 0, 0, 1);
    ev.add(K::StepEnd, 10013 * us, 1, 1, 1, 0).add(K::LockRelease, 10013 * us + 200, 1, 1, 1, 0, 0);
    ev.add(K::StepStart, 10014 * us, 1, 1, 1, 1).add(K::StepEnd, 15014 * us, 1, 1, 1, 1);
    ev.add(K::TaskEnd, 15015 * us, 1, 1, 1);
    // g #1 (lane 0) holds the GIL to its task's end; g #2 (lane 1) takes it
    // before its first step starts.
    ev.add(K::TaskStart, 20000 * us, 2, 0, 1).add(K::GilAcquire, 20001 * us, 2, 0, 1);
    ev.add(K::StepStart, 20002 * us, 2, 0, 1, 0).add(K::GilWait, 20003 * us, 3, 1, 1);
    ev.add(K::StepEnd, 25002 * us, 2, 0, 1, 0).add(K::TaskEnd, 25003 * us, 2, 0, 1);
    ev.add(K::GilRelease, 25004 * us, 2, 0, 1).add(K::GilAcquire, 25005 * us, 3, 1, 1);
    ev.add(K::TaskStart, 25006 * us, 3, 1, 1).add(K::StepStart, 25007 * us, 3, 1, 1, 0);
    ev.add(K::StepEnd, 30007 * us, 3, 1, 1, 0).add(K::TaskEnd, 30008 * us, 3, 1, 1);
    ev.add(K::GilRelease, 30009 * us, 3, 1, 1);
    const Json trace = exportTrace(p, ev.events());
    EXPECT_TRUE(partialOverlaps(trace).empty()) << ::testing::PrintToString(partialOverlaps(trace));

    std::vector<std::string> arrows;
    for (const Json& e : trace["traceEvents"]) {
        if (e["ph"] == "s" || e["ph"] == "f")
            arrows.push_back(e["ph"].get<std::string>() + " " + e["name"].get<std::string>() + " worker "
                + std::to_string(e["tid"].get<int>()) + ": " + bindsTo(trace, e));
    }
    const std::vector<std::string> expected = {
        "s lock hand-off worker 1: cpu 5 ms @cache",
        "f lock hand-off worker 2: cpu 5 ms @cache",
        "s GIL hand-off worker 1: cpu 5 ms",
        "f GIL hand-off worker 2: cpu 5 ms",
    };
    EXPECT_EQ(arrows, expected);
}

// Times a broken worker could send: written, pinned, never overflowing. (Far
// enough from the 64-bit limits for the timeline, which finds the hand-offs.)
TEST(TraceExportNesting, BrokenTimesAreWrittenWithoutOverflow)
{
    const Plan p = plan(Model::Threads, false, {{"t", 1, {{StepKind::Cpu, 1, {}}}, {}, 0}});
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
    constexpr std::int64_t kFar = 4'000'000'000'000'000'000; // 127 years
    Events ev;
    ev.add(K::TaskStart, -kFar, 0, 0, 1).add(K::StepStart, -kFar, 0, 0, 1, 0);
    ev.add(K::OffCpu, -kFar, 0, 0, 1, 0, 0, kMax).add(K::OffCpu, 5, 0, 0, 1, 0, 0, kMin);
    ev.add(K::OffCpu, kFar - 1, 0, 0, 1, 0, 0, kMax);
    ev.add(K::StepEnd, kFar, 0, 0, 1, 0, 0, 1000).add(K::TaskEnd, kFar, 0, 0, 1);
    const Json trace = exportTrace(p, ev.events(), 1);
    EXPECT_TRUE(partialOverlaps(trace).empty()) << ::testing::PrintToString(partialOverlaps(trace));
    std::size_t ready = 0;
    for (const Json& e : trace["traceEvents"])
        ready += e["name"] == "ready" ? 1 : 0;
    EXPECT_EQ(ready, 2u); // a day from -kFar, and the ns before kFar (pinned: no length, an instant)
    EXPECT_EQ(tx::ticks(kMax), tx::ticks(kFar));
    EXPECT_EQ(tx::ticks(kMin), -tx::ticks(kMax));
    EXPECT_EQ(tx::microsBetween(kMin, kMax), "2000000000000000");
}
