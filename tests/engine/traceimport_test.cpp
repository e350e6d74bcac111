// The trace import on small hand-made files, one per rule of the Trace
// Event Format it follows, with exact expectations; then bad input,
// progress, cancellation and damage.

#include "engine/traceimport.h"

#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

using namespace overlap::engine;

namespace {

std::string fixture(const std::string& name)
{
    return OVERLAP_SOURCE_DIR "/tests/fixtures/traces/" + name;
}

// "name start-end" per slice, times in µs from the trace's origin.
std::string micros(std::int64_t ns)
{
    std::string text = std::to_string(ns / 1000);
    if (ns % 1000 != 0) {
        std::string frac = std::to_string(1000 + ns % 1000).substr(1);
        while (frac.back() == '0')
            frac.pop_back();
        text += "." + frac;
    }
    return text;
}

std::string slices(const ImportedTrace& t, std::size_t lane)
{
    std::string out;
    for (const Segment& s : t.segments.at(lane).segments()) {
        if (!out.empty())
            out += ", ";
        out += t.names.at(static_cast<std::size_t>(s.detail)) + " " + micros(s.startNs) + "-"
            + micros(s.endNs);
    }
    return out;
}

std::vector<std::string> labels(const ImportedTrace& t)
{
    std::vector<std::string> out;
    for (const ImportedLane& lane : t.lanes)
        out.push_back(lane.label);
    return out;
}

using Counts = std::map<std::string, std::size_t>;

} // namespace

TEST(TraceImport, ArrayFormNestsSlicesPerThreadAndDepth)
{
    const ImportedTrace t = importTraceFile(fixture("array.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_EQ(t.form, TraceForm::Array);
    EXPECT_FALSE(t.missingBracket);
    EXPECT_EQ(t.events, 4u);
    EXPECT_EQ(t.phases, (Counts{{"M", 1}, {"X", 3}}));
    EXPECT_TRUE(t.skipped.empty());
    EXPECT_EQ(labels(t), (std::vector<std::string>{"pid 1 / tid 1", "pid 1 / tid 1 [1]", "worker"}));
    EXPECT_EQ(slices(t, 0), "main 0-50");
    EXPECT_EQ(slices(t, 1), "child 10-30");
    EXPECT_EQ(slices(t, 2), "work 20-80.5");
    EXPECT_EQ(t.originNs, 100'000);
    EXPECT_EQ(t.spanNs, 80'500);
    // Depth-0 slices only: 50 + 60.5 µs over 80.5 µs, and main and work overlap.
    EXPECT_EQ(t.busyNs, 110'500);
    EXPECT_DOUBLE_EQ(t.concurrency, 110.5 / 80.5);
    // No thread durations (tdur): no parallelism.
    EXPECT_FALSE(t.hasThreadCpu);
    EXPECT_EQ(t.parallelism, 0);
    EXPECT_EQ(t.peakConcurrency, 2);
    EXPECT_EQ(t.lanes[1].depth, 1);
    EXPECT_EQ(t.lanes[1].slices, 1u);
    EXPECT_EQ(t.lanes[2].busyNs, 60'500);
    EXPECT_EQ(t.lanes[2].tid, (TraceId{2, {}, false}));
    // The segments carry what the Gantt needs.
    const Segment& work = t.segments[2][0];
    EXPECT_EQ(work.state, SegmentState::Running);
    EXPECT_EQ(work.step, 0);
    EXPECT_EQ(work.pid, 1);
    EXPECT_EQ(work.tid, 2);
    EXPECT_EQ(work.task, t.lanes[2].thread);
}

TEST(TraceImport, ObjectFormReadsTheSameAndKeepsOtherData)
{
    const ImportedTrace array = importTraceFile(fixture("array.json"));
    const ImportedTrace t = importTraceFile(fixture("object.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_EQ(t.form, TraceForm::Object);
    EXPECT_EQ(t.events, array.events); // "metadata" and its nested "traceEvents" key are ignored
    EXPECT_EQ(labels(t), labels(array));
    for (std::size_t i = 0; i < t.lanes.size(); ++i)
        EXPECT_EQ(slices(t, i), slices(array, i));
    EXPECT_EQ(t.spanNs, array.spanNs);
    EXPECT_EQ(t.displayTimeUnit, "ns");
    EXPECT_EQ(t.otherData,
        R"({"version":"test 1.0","runs":[1,2.50,{"ok":true,"none":null}],"text":"a \"quoted\" word"})");
}

class MissingBracket : public ::testing::TestWithParam<const char*> { };

TEST_P(MissingBracket, IsNotAnError)
{
    const ImportedTrace t = importTraceFile(fixture(GetParam()));
    EXPECT_FALSE(t.hasError()) << t.error.message;
    EXPECT_TRUE(t.missingBracket);
    EXPECT_TRUE(t.usable());
    EXPECT_EQ(t.events, 2u);
    ASSERT_EQ(t.lanes.size(), 1u);
    EXPECT_EQ(slices(t, 0), "a 0-10, b 20-30");
}

INSTANTIATE_TEST_SUITE_P(TraceImport, MissingBracket,
    ::testing::Values("no_bracket.json", "no_bracket_object.json"),
    [](const auto& info) { return info.param == std::string("no_bracket.json") ? "Array" : "Object"; });

TEST(TraceImport, TruncatedInsideAnEventKeepsEveryCompleteEventAndNamesTheByte)
{
    const std::string path = fixture("truncated.json");
    const auto size = std::filesystem::file_size(path);
    ASSERT_EQ(size, 144u);
    const ImportedTrace t = importTraceFile(path);
    ASSERT_TRUE(t.hasError());
    EXPECT_FALSE(t.missingBracket);
    EXPECT_EQ(t.error.offset, size); // the input ended inside "ti…
    EXPECT_EQ(t.error.message.rfind(path + ": byte 144: ", 0), 0u) << t.error.message;
    EXPECT_NE(t.error.message.find("missing closing quote"), std::string::npos) << t.error.message;
    EXPECT_TRUE(t.usable());
    EXPECT_EQ(t.events, 2u);
    ASSERT_EQ(t.lanes.size(), 1u);
    EXPECT_EQ(slices(t, 0), "a 0-10, b 20-30");
}

TEST(TraceImport, BeginEndNestPerThreadInFileOrder)
{
    const ImportedTrace t = importTraceFile(fixture("nesting_be.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_EQ(t.phases, (Counts{{"B", 6}, {"E", 7}}));
    EXPECT_EQ(labels(t),
        (std::vector<std::string>{
            "pid 1 / tid 1", "pid 1 / tid 1 [1]", "pid 1 / tid 1 [2]", "pid 1 / tid 2"}));
    // origin 10 µs (the stray E counts as a timestamp); "open" never closes and nothing
    // follows it on its thread: it ends where it began, not with the trace at 120.
    EXPECT_EQ(slices(t, 0), "outer 0-70, open 80-80");
    EXPECT_EQ(slices(t, 1), "mid 10-40, mid2 50-60");
    EXPECT_EQ(slices(t, 2), "inner 20-30"); // closed by an E without a name
    EXPECT_EQ(slices(t, 3), "other 5-110");
    EXPECT_EQ(
        t.unmatchedEnds, 2u); // the stray E before anything opened, and one on a thread with nothing open
    EXPECT_EQ(t.unclosedBegins, 1u);
    EXPECT_EQ(t.spanNs, 110'000);
    EXPECT_EQ(t.busyNs, 70'000 + 105'000);
    EXPECT_EQ(t.peakConcurrency, 2);
}

TEST(TraceImport, UnclosedBeginsEndAtTheirThreadsLastEvent)
{
    const ImportedTrace t = importTraceFile(fixture("unclosed.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_EQ(labels(t),
        (std::vector<std::string>{
            "request", "reply", "stops writing", "stops writing [1]", "pid 1 / tid 2", "pid 1 / tid 3"}));
    // Thread 1 stops writing at 40 µs (an instant) while thread 2 runs on to 100: its
    // open B ends at 40, not with the trace; the async request begun on it too.
    EXPECT_EQ(slices(t, 2), "never closed 0-40");
    EXPECT_EQ(slices(t, 0), "request 5-40");
    // The reply, begun on thread 2, ends at that thread's last event: the end of its X.
    EXPECT_EQ(slices(t, 1), "reply 50-100");
    EXPECT_EQ(t.unclosedBegins, 3u);
    EXPECT_EQ(t.spanNs, 100'000);
    EXPECT_EQ(t.busyNs, 40'000 + 100'000 + 10'000);
    EXPECT_DOUBLE_EQ(t.concurrency, 1.5);
    // Thread time of the outermost slices: tdur 60 of "runs on", tts 505 - 500 of "timed"
    // (the open B has a tts but no end; "inner" is not outermost).
    EXPECT_TRUE(t.hasThreadCpu);
    EXPECT_EQ(t.threadCpuSlices, 2u);
    EXPECT_EQ(t.threadCpuNs, 65'000);
    EXPECT_DOUBLE_EQ(t.parallelism, 0.65);
}

TEST(TraceImport, CompleteEventsNestByStartWhateverTheFileOrder)
{
    const ImportedTrace t = importTraceFile(fixture("nesting_x.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    ASSERT_EQ(t.lanes.size(), 3u);
    EXPECT_EQ(slices(t, 0), "root 0-10, same-a 20-25, over 30-40, float 50.25-51.375, micro 60.001-60.003");
    // child2 starts where child1 ends: siblings. spill outlived over: cut at its end.
    EXPECT_EQ(slices(t, 1), "child1 2-6, child2 6-9, same-b 20-25, spill 35-40");
    // A zero-length slice still gets its place, inside the one around it.
    EXPECT_EQ(slices(t, 2), "leaf 3-5, zero 22-22");
    EXPECT_EQ(t.clippedSlices, 1u);
    EXPECT_EQ(t.spanNs, 60'003);
    // No lane holds overlapping slices.
    for (const TimelineLane& lane : t.segments) {
        for (std::size_t i = 1; i < lane.size(); ++i)
            EXPECT_LE(lane[i - 1].endNs, lane[i].startNs);
    }
}

TEST(TraceImport, PidsAndTidsMayBeStrings)
{
    const ImportedTrace t = importTraceFile(fixture("string_ids.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    // Numbers before names, names alphabetically.
    EXPECT_EQ(labels(t),
        (std::vector<std::string>{
            "pid 3 / tid main", "pid browser / tid 7", "pid browser / tid io", "Main"}));
    EXPECT_EQ(slices(t, 3), "a 0-5");
    const ImportedProcess& browser = t.processes.at(static_cast<std::size_t>(t.lanes[3].process));
    EXPECT_TRUE(browser.pid.isText);
    EXPECT_EQ(browser.pid.text, "browser");
    EXPECT_EQ(t.lanes[3].tid, (TraceId{0, "main", true}));
    EXPECT_EQ(t.lanes[1].tid, (TraceId{7, {}, false}));
    EXPECT_EQ(t.segments[1][0].pid, 0); // a name does not fit Segment::pid
    EXPECT_EQ(t.segments[1][0].tid, 7);
}

TEST(TraceImport, CountersKeepOneSeriesPerArgPerProcessAndName)
{
    const ImportedTrace t = importTraceFile(fixture("counters.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    ASSERT_EQ(t.counters.size(), 3u);
    const ImportedCounter& memory = t.counters[0];
    EXPECT_EQ(memory.name, "memory");
    EXPECT_EQ(t.processes.at(static_cast<std::size_t>(memory.process)).pid.number, 1);
    ASSERT_EQ(memory.series.size(), 2u);
    EXPECT_EQ(memory.series[0].key, "heap");
    ASSERT_EQ(memory.series[0].points.size(), 2u);
    EXPECT_EQ(memory.series[0].points[0].ns, 0); // sorted by time, relative to the origin
    EXPECT_EQ(memory.series[0].points[0].value, 50);
    EXPECT_EQ(memory.series[0].points[1].ns, 10'000);
    EXPECT_EQ(memory.series[0].points[1].value, 100);
    EXPECT_EQ(memory.series[1].key, "rss");
    ASSERT_EQ(memory.series[1].points.size(), 1u);
    EXPECT_EQ(memory.series[1].points[0].value, 2.5);

    EXPECT_EQ(t.counters[1].name, "memory"); // another process: another counter
    EXPECT_EQ(t.processes.at(static_cast<std::size_t>(t.counters[1].process)).pid.number, 2);
    ASSERT_EQ(t.counters[1].series.size(), 1u);
    EXPECT_EQ(t.counters[1].series[0].points[0].ns, 5'000);

    EXPECT_EQ(t.counters[2].name, "queue 16"); // the id, as a number
    ASSERT_EQ(t.counters[2].series.size(), 1u); // strings and nested objects are not series
    EXPECT_EQ(t.counters[2].series[0].key, "depth");
    EXPECT_EQ(t.counters[2].series[0].points[0].value, 3);
    EXPECT_EQ(t.spanNs, 20'000);
}

TEST(TraceImport, MetadataNamesLanesAndOrdersThemAsPerfettoDoes)
{
    const ImportedTrace t = importTraceFile(fixture("metadata.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    // Browser has process_sort_index -1: first. In Renderer, CrRendererMain has thread_sort_index -5.
    EXPECT_EQ(labels(t),
        (std::vector<std::string>{"pid 20 / tid 20", "pid 20 / tid 21", "CrRendererMain", "Compositor"}));
    EXPECT_EQ(t.processes.at(static_cast<std::size_t>(t.lanes[0].process)).label(), "Browser");
    EXPECT_EQ(t.processes.at(static_cast<std::size_t>(t.lanes[0].process)).sortIndex, -1);
    EXPECT_EQ(t.processes.at(static_cast<std::size_t>(t.lanes[2].process)).label(), "Renderer");
    EXPECT_EQ(t.phases.at("M"), 7u);
    EXPECT_EQ(t.peakConcurrency, 4);
}

TEST(TraceImport, AsyncSlicesGoOnTracksOfTheirOwn)
{
    const ImportedTrace t = importTraceFile(fixture("async.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    // Tracks in order of appearance; overlapping trees and nested slices take more rows.
    EXPECT_EQ(labels(t), (std::vector<std::string>{"load", "load [1]", "load [2]", "task", "never"}));
    for (const ImportedLane& lane : t.lanes)
        EXPECT_EQ(lane.kind, ImportedLaneKind::Async);
    EXPECT_EQ(slices(t, 0), "load 0-10");
    EXPECT_EQ(slices(t, 1), "dns 1-3"); // "0x1" and 1 are the same id
    EXPECT_EQ(slices(t, 2), "load 2-12");
    EXPECT_EQ(slices(t, 3), "task 4-6"); // a local id from another process does not end it
    EXPECT_EQ(slices(t, 4), "never 8-8"); // never ended, and nothing else on its id or thread
    EXPECT_EQ(t.unmatchedEnds, 2u);
    EXPECT_EQ(t.unclosedBegins, 1u);
    // Async tracks are not threads: no concurrency from them.
    EXPECT_EQ(t.busyNs, 0);
    EXPECT_EQ(t.peakConcurrency, 0);
}

TEST(TraceImport, FlowsBindToSlicesOrAreDropped)
{
    const ImportedTrace t = importTraceFile(fixture("flows.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_EQ(labels(t), (std::vector<std::string>{"pid 1 / tid 1", "pid 1 / tid 1 [1]", "pid 1 / tid 2"}));
    ASSERT_EQ(t.flows.size(), 2u);
    // s at 3 µs: inside "inner" (the deepest slice around it); t with bp "e": inside "recv".
    EXPECT_EQ(t.flows[0].fromNs, 3'000);
    EXPECT_EQ(t.flows[0].fromLane, 1);
    EXPECT_EQ(t.flows[0].toNs, 25'000);
    EXPECT_EQ(t.flows[0].toLane, 2);
    // f without bp binds to the next slice to start: "later" at 40 µs.
    EXPECT_EQ(t.flows[1].fromNs, 25'000);
    EXPECT_EQ(t.flows[1].fromLane, 2);
    EXPECT_EQ(t.flows[1].toNs, 40'000);
    EXPECT_EQ(t.flows[1].toLane, 2);
    EXPECT_EQ(t.names.at(static_cast<std::size_t>(t.flows[0].name)), "msg");
    // "lost" starts outside any slice (both ends dropped); "alone" has no partner.
    EXPECT_EQ(t.droppedFlows, 3u);
}

TEST(TraceImport, InstantsKeepTheirScopeAndLane)
{
    const ImportedTrace t = importTraceFile(fixture("instants.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    ASSERT_EQ(t.instants.size(), 5u);
    auto name = [&](const ImportedInstant& i) { return t.names.at(static_cast<std::size_t>(i.name)); };
    EXPECT_EQ(name(t.instants[0]), "default"); // sorted by time
    EXPECT_EQ(t.instants[0].scope, 't');
    EXPECT_EQ(t.instants[0].lane, -1); // its thread has no slices, so no lane
    EXPECT_EQ(name(t.instants[1]), "pmark");
    EXPECT_EQ(t.instants[1].scope, 'p');
    EXPECT_EQ(t.instants[1].lane, -1);
    EXPECT_EQ(name(t.instants[2]), "tmark");
    EXPECT_EQ(t.instants[2].ns, 5'000);
    EXPECT_EQ(t.instants[2].lane, 0);
    EXPECT_EQ(name(t.instants[3]), "gmark");
    EXPECT_EQ(t.instants[3].scope, 'g');
    EXPECT_EQ(t.instants[3].process, -1);
    EXPECT_EQ(name(t.instants[4]), "async instant");
    EXPECT_EQ(t.instants[4].scope, 'p');
    EXPECT_EQ(t.spanNs, 12'000);
}

TEST(TraceImport, UnsupportedPhasesAreSkippedAndCounted)
{
    const ImportedTrace t = importTraceFile(fixture("unknown_phases.json"));
    ASSERT_FALSE(t.hasError()) << t.error.message;
    EXPECT_EQ(t.events, 15u); // the 42 is not an event
    EXPECT_EQ(t.skipped,
        (Counts{{"(", 1}, {")", 1}, {"?", 1}, {"D", 1}, {"N", 1}, {"O", 1}, {"P", 2}, {"R", 1}, {"S", 1},
            {"XX", 1}, {"c", 1}}));
    EXPECT_EQ(t.phases.at("X"), 3u);
    EXPECT_EQ(t.malformed, 2u); // the X without ts, and the 42
    ASSERT_EQ(t.lanes.size(), 1u);
    EXPECT_EQ(slices(t, 0), "x 0-1, y 5-6");
    EXPECT_EQ(t.spanNs, 6'000); // skipped events do not stretch the span
}

struct BadInput {
    const char* name;
    std::string text;
    std::string message; // expected after "bad.json: "
    std::uint64_t offset;
    std::size_t events;
    bool usable;
};

void PrintTo(const BadInput& in, std::ostream* os)
{
    *os << in.name;
}

class BadTraces : public ::testing::TestWithParam<BadInput> { };

TEST_P(BadTraces, GiveAMessageWithTheByteOffset)
{
    const BadInput& in = GetParam();
    const ImportedTrace t = importTraceText(in.text, "bad.json");
    ASSERT_TRUE(t.hasError());
    EXPECT_EQ(t.error.message, "bad.json: " + in.message);
    EXPECT_EQ(t.error.offset, in.offset);
    EXPECT_EQ(t.events, in.events);
    EXPECT_EQ(t.usable(), in.usable);
}

INSTANTIATE_TEST_SUITE_P(TraceImport, BadTraces,
    ::testing::Values(BadInput{"Empty", "",
                          "byte 0: unexpected end of input; expected '[', '{', or a literal", 0, 0, false},
        BadInput{"NotJson", "hello", "byte 0: invalid literal", 0, 0, false},
        BadInput{"Scenario", R"({"format": "overlap-scenario", "tasks": []})",
            "not a Chrome Trace Event file (expected an array of events or an object with a \"traceEvents\" "
            "array)",
            0, 0, false},
        BadInput{"Number", "42",
            "not a Chrome Trace Event file (expected an array of events or an object with a \"traceEvents\" "
            "array)",
            0, 0, false},
        BadInput{"GarbageBetweenEvents", R"([{"ph":"X","ts":1,"dur":1}, x])", "byte 28: invalid literal", 28,
            1, true},
        BadInput{"TrailingText", R"([{"ph":"X","ts":1,"dur":1}] and more)",
            "byte 28: invalid literal; expected end of input", 28, 1, true},
        BadInput{"CutInsideArgs", R"({"traceEvents":[{"ph":"X","ts":1,"dur":1},{"ph":"X","args":{"a":[1,)",
            "byte 67: unexpected end of input; expected '[', '{', or a literal", 67, 1, true},
        BadInput{"CutInObjectBeforeEvents", R"({"otherData":{"a":1},"trace)",
            "byte 27: invalid string: missing closing quote; expected string literal", 27, 0, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(TraceImport, ProgressGrowsToTheFileSize)
{
    const std::string path = fixture("nesting_be.json");
    const auto size = std::filesystem::file_size(path);
    std::vector<std::uint64_t> done;
    TraceImportOptions options;
    options.chunkBytes = 64;
    options.progress = [&](std::uint64_t d, std::uint64_t total) {
        EXPECT_EQ(total, size);
        done.push_back(d);
        return true;
    };
    const ImportedTrace t = importTraceFile(path, options);
    ASSERT_FALSE(t.hasError()) << t.error.message;
    ASSERT_GE(done.size(), size / 64);
    EXPECT_TRUE(std::is_sorted(done.begin(), done.end()));
    EXPECT_EQ(done.back(), size);
    EXPECT_EQ(t.events, 13u); // small chunks read the same events
}

TEST(TraceImport, CancellingStopsEarly)
{
    std::string text = "[";
    for (int i = 0; i < 10'000; ++i)
        text += R"({"name":"s","ph":"X","pid":1,"tid":1,"ts":)" + std::to_string(i * 10) + R"(,"dur":5},)";
    text += "]";

    TraceImportOptions byCallback;
    byCallback.chunkBytes = 1024;
    int calls = 0;
    byCallback.progress = [&](std::uint64_t, std::uint64_t) { return ++calls < 3; };
    const ImportedTrace a = importTraceText(text, "big.json", byCallback);
    EXPECT_TRUE(a.cancelled);
    EXPECT_FALSE(a.usable());
    EXPECT_FALSE(a.hasError());
    EXPECT_EQ(calls, 3);
    EXPECT_GT(a.events, 0u);
    EXPECT_LT(a.events, 100u); // two chunks of 1 KiB hold about 40 events

    std::atomic<bool> cancel{false};
    TraceImportOptions byFlag;
    byFlag.chunkBytes = 1024;
    byFlag.cancel = &cancel;
    byFlag.progress = [&](std::uint64_t done, std::uint64_t) {
        if (done >= 4096)
            cancel = true; // seen before the next chunk is read
        return true;
    };
    const ImportedTrace b = importTraceText(text, "big.json", byFlag);
    EXPECT_TRUE(b.cancelled);
    EXPECT_LT(b.events, 100u);

    const ImportedTrace whole = importTraceText(text, "big.json");
    EXPECT_FALSE(whole.cancelled);
    EXPECT_EQ(whole.events, 10'000u);
}

// A trace whose i-th event ends at a known byte: damage at any offset must
// keep exactly the events complete before it, and never crash.
class DamagedTrace : public ::testing::Test {
protected:
    void SetUp() override
    {
        text = "{\"traceEvents\":[\n";
        const char* phases[] = {"X", "B", "E", "i", "C", "b", "e", "s", "f", "M", "P"};
        for (int i = 0; i < 60; ++i) {
            const std::string ph = phases[i % 11];
            text += R"({"name":"e)" + std::to_string(i % 7) + R"(","cat":"c","ph":")" + ph
                + R"(","pid":1,"tid":)" + std::to_string(i % 3) + R"(,"ts":)" + std::to_string(i * 3) + ".5"
                + R"(,"dur":2,"id":"0x)" + std::to_string(i % 4) + R"(","args":{"v":)" + std::to_string(i)
                + R"(,"name":"n","deep":{"x":[1,{"y":2}]}}})";
            ends.push_back(text.size() - 1); // offset of the event's closing brace
            text += i + 1 < 60 ? ",\n" : "\n";
        }
        text += "],\"otherData\":{\"k\":[1,2]}}";
    }
    std::size_t completeBefore(std::size_t offset) const
    {
        return static_cast<std::size_t>(
            std::count_if(ends.begin(), ends.end(), [&](std::size_t e) { return e < offset; }));
    }
    std::string text;
    std::vector<std::size_t> ends;
};

TEST_F(DamagedTrace, EveryTruncationKeepsThePrefix)
{
    const ImportedTrace whole = importTraceText(text, "whole.json");
    ASSERT_FALSE(whole.hasError()) << whole.error.message;
    ASSERT_EQ(whole.events, 60u);
    for (std::size_t cut = 0; cut < text.size(); ++cut) {
        const ImportedTrace t = importTraceText(std::string_view(text).substr(0, cut), "cut.json");
        ASSERT_EQ(t.events, completeBefore(cut)) << "cut at " << cut;
        // Either an error at the cut, or a clean stop between events.
        if (t.hasError())
            EXPECT_EQ(t.error.offset, cut) << t.error.message;
        else
            EXPECT_TRUE(t.missingBracket) << "cut at " << cut;
        EXPECT_LE(t.sliceCount(), t.events) << "cut at " << cut; // at most one slice per event
        for (const TimelineLane& lane : t.segments) {
            for (std::size_t i = 1; i < lane.size(); ++i)
                ASSERT_LE(lane[i - 1].endNs, lane[i].startNs) << "cut at " << cut;
        }
    }
}

TEST_F(DamagedTrace, FlippedBytesNeverCrashAndKeepThePrefix)
{
    std::mt19937 rng(1234);
    for (int trial = 0; trial < 3000; ++trial) {
        std::string damaged = text;
        const std::size_t at = rng() % damaged.size();
        const int flips = 1 + static_cast<int>(rng() % 3);
        for (int f = 0; f < flips; ++f)
            damaged[std::min(damaged.size() - 1, at + rng() % 8)] = static_cast<char>(rng() % 256);
        const ImportedTrace t = importTraceText(damaged, "flipped.json");
        // Events before the damage are all there; the damage may cost the rest.
        EXPECT_GE(t.events, completeBefore(at)) << "damage at " << at;
        EXPECT_LE(t.events, 60u);
        if (t.hasError()) {
            EXPECT_GE(t.error.offset, at) << t.error.message;
            EXPECT_LE(t.error.offset, damaged.size());
        }
        for (const TimelineLane& lane : t.segments) {
            for (std::size_t i = 1; i < lane.size(); ++i)
                ASSERT_LE(lane[i - 1].endNs, lane[i].startNs);
        }
    }
}
