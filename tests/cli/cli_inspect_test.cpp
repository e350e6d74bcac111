// `overlap inspect` as a user runs it: output, JSON contract, exit codes,
// and a round trip from `overlap run --trace`.

#include "clitestutil.h"

#include <nlohmann/json.hpp>

using namespace overlap::testing;
using Json = nlohmann::json;

namespace {

std::string fixture(const std::string& name)
{
    return OVERLAP_SOURCE_DIR "/tests/fixtures/traces/" + name;
}

class Inspect : public ScratchDir { };

} // namespace

TEST(InspectBasics, HelpListsInspect)
{
    const ProcessResult help = runOverlap({"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("overlap inspect TRACE.json [--json]"), std::string::npos) << help.out;
}

TEST(InspectBasics, JsonHasTheContractFields)
{
    const ProcessResult r = runOverlap({"inspect", fixture("array.json"), "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    const Json j = Json::parse(r.out); // one object, nothing after it
    EXPECT_EQ(j["file"], fixture("array.json"));
    EXPECT_EQ(j["format"], "array");
    EXPECT_EQ(j["events"], 4);
    EXPECT_EQ(j["phases"], (Json{{"M", 1}, {"X", 3}}));
    EXPECT_EQ(j["skipped"], Json::object());
    ASSERT_EQ(j["lanes"].size(), 3u);
    const Json& worker = j["lanes"][2];
    EXPECT_EQ(worker["label"], "worker");
    EXPECT_EQ(worker["pid"], 1);
    EXPECT_EQ(worker["tid"], 2);
    EXPECT_EQ(worker["depth"], 0);
    EXPECT_EQ(worker["slices"], 1);
    EXPECT_DOUBLE_EQ(worker["busy_ms"].get<double>(), 0.0605);
    EXPECT_EQ(j["lanes"][1]["label"], "pid 1 / tid 1 [1]");
    EXPECT_EQ(j["lanes"][1]["depth"], 1);
    EXPECT_DOUBLE_EQ(j["span_ms"].get<double>(), 0.0805);
    EXPECT_NEAR(j["concurrency"].get<double>(), 110.5 / 80.5, 1e-6);
    EXPECT_TRUE(j["parallelism"].is_null()); // no thread durations: no CPU time to tell
    EXPECT_FALSE(j.contains("runs")); // not written by Overlap
    EXPECT_EQ(j["peak_concurrency"], 2);
    EXPECT_TRUE(j["error"].is_null());
    EXPECT_TRUE(j["error_offset"].is_null());
}

TEST(InspectBasics, JsonKeepsStringIdsAndSkippedPhases)
{
    const ProcessResult ids = runOverlap({"inspect", fixture("string_ids.json"), "--json"});
    ASSERT_EQ(ids.code, 0) << ids.err;
    const Json a = Json::parse(ids.out);
    EXPECT_EQ(a["lanes"][3]["pid"], "browser");
    EXPECT_EQ(a["lanes"][3]["tid"], "main");
    EXPECT_EQ(a["lanes"][3]["label"], "Main");

    const ProcessResult unknown = runOverlap({"inspect", fixture("unknown_phases.json"), "--json"});
    ASSERT_EQ(unknown.code, 0) << unknown.err;
    const Json b = Json::parse(unknown.out);
    EXPECT_EQ(b["skipped"]["P"], 2);
    EXPECT_EQ(b["skipped"]["?"], 1);
    EXPECT_EQ(b["events"], 15);

    const ProcessResult async = runOverlap({"inspect", fixture("async.json"), "--json"});
    ASSERT_EQ(async.code, 0) << async.err;
    const Json c = Json::parse(async.out);
    EXPECT_EQ(c["lanes"][0]["kind"], "async");
    EXPECT_TRUE(c["lanes"][0]["tid"].is_null());
}

TEST(InspectBasics, TableShowsFactsAndLanes)
{
    const ProcessResult r = runOverlap({"inspect", fixture("nesting_be.json")});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    for (const char* text :
        {"array form", "events            13 (E 7, B 6)", "span              0.110 ms", "peak concurrency  2",
            "1 begins never closed", "2 ends without a begin", "pid 1 / tid 1 [2]", "pid 1 / tid 2"})
        EXPECT_NE(r.out.find(text), std::string::npos) << text << "\n" << r.out;
    EXPECT_EQ(r.out.find("error"), std::string::npos) << r.out;
}

TEST(InspectBasics, MissingBracketIsFine)
{
    const ProcessResult r = runOverlap({"inspect", fixture("no_bracket.json")});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_NE(r.out.find("without its closing ']'"), std::string::npos) << r.out;
}

TEST(InspectBasics, TruncatedFileWarnsWithTheByteAndShowsWhatWasRead)
{
    const std::string file = fixture("truncated.json");
    const ProcessResult table = runOverlap({"inspect", file});
    EXPECT_EQ(table.code, 0);
    EXPECT_NE(table.err.find("warning: " + file + ": byte 144: "), std::string::npos) << table.err;
    EXPECT_NE(table.err.find("the 2 events before it"), std::string::npos) << table.err;
    EXPECT_NE(table.out.find("error: " + file + ": byte 144"), std::string::npos) << table.out;

    const ProcessResult json = runOverlap({"inspect", file, "--json"});
    EXPECT_EQ(json.code, 0);
    const Json j = Json::parse(json.out);
    EXPECT_EQ(j["events"], 2);
    EXPECT_EQ(j["error_offset"], 144);
    EXPECT_NE(j["error"].get<std::string>().find("byte 144"), std::string::npos);
}

TEST_F(Inspect, NothingReadableExitsTwoNamingTheFile)
{
    const std::string garbage = write("garbage.json", "not json at all");
    const std::string scenario = write("s.overlap.json", waitsScenario(1, 1));
    const std::string early = write("early.json", R"({"traceEvents":[{"ph":"X","ts":)");
    const std::string empty = write("empty.json", "");
    struct Case {
        std::string file, message;
    };
    // "not json": the n could begin null, the o cannot follow it: byte 1.
    for (const Case& c : {Case{garbage, garbage + ": byte 1: invalid literal"},
             Case{scenario, scenario + ": not a Chrome Trace Event file"},
             Case{early, early + ": byte 31: unexpected end of input"},
             Case{empty, empty + ": byte 0: unexpected end of input"},
             Case{path("missing.json"), path("missing.json") + ": cannot open: No such file or directory"},
             Case{m_dir.string(), m_dir.string() + ": is a directory"}}) {
        for (bool json : {false, true}) {
            std::vector<std::string> args{"inspect", c.file};
            if (json)
                args.push_back("--json");
            const ProcessResult r = runOverlap(args);
            EXPECT_EQ(r.code, 2) << c.file;
            EXPECT_TRUE(r.out.empty()) << r.out;
            EXPECT_EQ(r.err.rfind(c.message, 0), 0u) << r.err;
        }
    }
}

TEST(InspectBasics, BadUsageExitsTwo)
{
    for (const auto& args :
        std::vector<std::vector<std::string>>{{"inspect"}, {"inspect", "a.json", "b.json"},
            {"inspect", "a.json", "--image", "x.txt"}, {"inspect", "--model", "a.json"}}) {
        const ProcessResult r = runOverlap(args);
        EXPECT_EQ(r.code, 2) << args.size();
        EXPECT_NE(r.err.find("Try 'overlap --help'"), std::string::npos) << r.err;
    }
}

TEST_F(Inspect, RoundTripFromRunTrace)
{
    const std::string scenario = write("waits.overlap.json", waitsScenario(3, 30, "threads"));
    const std::string trace = path("out.json");
    const ProcessResult run = runOverlap({"run", scenario, "--trace", trace, "--json"});
    ASSERT_EQ(run.code, 0) << run.err;
    const Json metrics = Json::parse(run.out)["runs"][0];

    const ProcessResult r = runOverlap({"inspect", trace, "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const Json j = Json::parse(r.out);
    EXPECT_EQ(j["format"], "object");
    EXPECT_EQ(j["skipped"], Json::object());
    // One thread per task: per worker an attempt (depth 0) with its step inside (depth 1),
    // and a start-up slice before it on depth 0.
    int depth0 = 0, depth1 = 0;
    for (const Json& lane : j["lanes"]) {
        depth0 += lane["depth"] == 0;
        depth1 += lane["depth"] == 1;
        EXPECT_EQ(lane["pid"], 1);
        EXPECT_TRUE(lane["label"].get<std::string>().starts_with("worker ")) << lane;
    }
    EXPECT_EQ(depth0, 3);
    EXPECT_EQ(depth1, 3);
    // The three 30 ms waits overlap: so do the threads' slices.
    EXPECT_EQ(j["peak_concurrency"], 3);
    EXPECT_GT(j["concurrency"].get<double>(), 1.5);
    // The run's own figures, computed again from the slices.
    ASSERT_EQ(j["runs"].size(), 1u) << j["runs_note"];
    EXPECT_EQ(j["runs"][0]["makespan_ms"], metrics["makespan_ms"]);
    EXPECT_EQ(j["runs"][0]["concurrency"], metrics["concurrency"]);
    EXPECT_EQ(j["runs"][0]["peak_concurrency"], 3);
    EXPECT_FALSE(j["runs"][0].contains("speedup_vs_sequential")); // one run: nothing to compare
    // From the first worker's start to the last task's end: within the run's makespan.
    EXPECT_GE(j["span_ms"].get<double>(), 30);
    EXPECT_LE(j["span_ms"].get<double>(), metrics["makespan_ms"].get<double>() + 0.001);
    EXPECT_EQ(j["other_data"]["scenario"], "waits");
}

TEST(InspectBasics, UnclosedSlicesAreReportedAndEndWithTheirThread)
{
    const ProcessResult table = runOverlap({"inspect", fixture("unclosed.json")});
    ASSERT_EQ(table.code, 0) << table.err;
    for (const char* text : {"busy              0.150 ms", "concurrency       1.50", "parallelism       0.65",
             "of 2 of 3 of those slices", "3 begins never closed (each ended at its thread's last event"})
        EXPECT_NE(table.out.find(text), std::string::npos) << text << "\n" << table.out;

    const ProcessResult json = runOverlap({"inspect", fixture("unclosed.json"), "--json"});
    ASSERT_EQ(json.code, 0) << json.err;
    const Json j = Json::parse(json.out);
    EXPECT_EQ(j["unclosed_begins"], 3);
    EXPECT_DOUBLE_EQ(j["concurrency"].get<double>(), 1.5);
    EXPECT_DOUBLE_EQ(j["parallelism"].get<double>(), 0.65);
    EXPECT_DOUBLE_EQ(j["thread_cpu_ms"].get<double>(), 0.065);
    EXPECT_EQ(j["thread_cpu_slices"], 2);
}

TEST(InspectBasics, AnOldOverlapTraceSaysItsRunsCannotBeComputedAgain)
{
    // Written before the trace kept the scenario's definition.
    const ProcessResult table = runOverlap({"inspect", fixture("overlap_cache_lock.json")});
    ASSERT_EQ(table.code, 0) << table.err;
    EXPECT_NE(table.out.find("runs              written by overlap 0.1.0, which did not keep the scenario's "
                             "definition in the trace: the runs' figures cannot be computed again"),
        std::string::npos)
        << table.out;
    const ProcessResult json = runOverlap({"inspect", fixture("overlap_cache_lock.json"), "--json"});
    ASSERT_EQ(json.code, 0) << json.err;
    const Json j = Json::parse(json.out);
    EXPECT_FALSE(j.contains("runs"));
    EXPECT_NE(j["runs_note"].get<std::string>().find("cannot be computed again"), std::string::npos);
}
