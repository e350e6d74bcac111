// `--model all` through the real binary and the real executors: what each
// model overlaps, and a trace that nests on every lane, GIL lane included.

#include "clitestutil.h"
#include "engine/tracecheck.h"

#include <nlohmann/json.hpp>

using namespace overlap::testing;
using Json = nlohmann::json;

namespace {
class CliModels : public ScratchDir { };
} // namespace

TEST_F(CliModels, AllModelsOnWaits)
{
    const std::string file = write("waits.overlap.json", waitsScenario(6, 100, "threads"));
    const ProcessResult r = runOverlap({"run", file, "--model", "all", "--workers", "6", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const Json runs = Json::parse(r.out)["runs"];
    ASSERT_EQ(runs.size(), 5u);
    const std::vector<std::pair<std::string, bool>> expected{{"sequential", false}, {"fibers", false},
        {"threads", false}, {"threads", true}, {"processes", false}};
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const Json& run = runs[i];
        EXPECT_EQ(run["model"], expected[i].first);
        EXPECT_EQ(run["gil"], expected[i].second);
        EXPECT_EQ(run["tasks"], 6);
        EXPECT_EQ(run["failed"], 0);
        EXPECT_DOUBLE_EQ(run["work_ms"].get<double>(), 600);
        if (i == 0) {
            EXPECT_GE(run["makespan_ms"].get<double>(), 600);
            EXPECT_EQ(run["peak_concurrency"], 1);
            EXPECT_DOUBLE_EQ(run["speedup_vs_sequential"].get<double>(), 1.0);
        } else {
            // Six waits at once: wide margins, the point is that they overlap.
            // A pool of processes hands each wait to the first worker ready,
            // so on a busy machine an early worker may take a wait that a
            // late one would have had (tests/engine/models_test.cpp): there,
            // several at once.
            if (run["model"] == "processes") {
                EXPECT_GE(run["peak_concurrency"], 2) << run;
            } else {
                EXPECT_EQ(run["peak_concurrency"], 6) << run;
            }
            // Processes first pay for starting six children (slow under sanitizers):
            // what follows start-up must still be one wait, not six.
            const double startup = run["model"] == "processes" ? run["startup_ms"].get<double>() : 0.0;
            EXPECT_LT(run["makespan_ms"].get<double>() - startup, 400) << run;
        }
    }
}

TEST_F(CliModels, TraceOfEveryModelNestsOnEveryLane)
{
    const std::string file = write("mixed.overlap.json", R"({
        "name": "mixed",
        "run": {"model": "threads", "workers": 2, "gil": true},
        "tasks": [
            {"name": "crunch", "count": 2, "steps": [{"cpu": 30}, {"io": 5}, {"cpu": 20, "lock": "l"}]},
            {"name": "flaky", "steps": [{"io": 3}], "fail_rate": 1,
             "retry": {"attempts": 2, "initial_ms": 5, "backoff": 2}}
        ]})");
    const std::string trace = path("all.trace.json");
    const ProcessResult r = runOverlap({"run", file, "--model", "all", "--trace", trace, "--json"});
    ASSERT_EQ(r.code, 1) << r.err; // the flaky task fails for good
    const Json j = Json::parse(readFile(trace));
    EXPECT_TRUE(partialOverlaps(j).empty()) << ::testing::PrintToString(partialOverlaps(j));
    std::set<int> pids;
    bool gilLane = false;
    for (const Json& e : j["traceEvents"]) {
        pids.insert(e["pid"].get<int>());
        if (e["ph"] == "M" && e["name"] == "thread_name" && e["args"]["name"] == "GIL")
            gilLane = true;
    }
    EXPECT_EQ(pids.size(), 5u); // one per run
    EXPECT_TRUE(gilLane);
}

// Every model through the real executors, one task failing every time: no
// run completed every task, so none is measured against sequential or ranked.
TEST_F(CliModels, RunsWithFailedTasksHaveNoSpeedup)
{
    const std::string file = write("flaky.overlap.json",
        waitsScenario(2, 5, "threads", R"({"name": "flaky", "steps": [{"io": 1}], "fail_rate": 1.0})"));
    const ProcessResult r = runOverlap({"run", file, "--model", "all", "--json"});
    ASSERT_EQ(r.code, 1) << r.err;
    const Json runs = Json::parse(r.out)["runs"];
    ASSERT_EQ(runs.size(), 5u);
    for (const Json& run : runs) {
        EXPECT_EQ(run["failed"], 1) << run;
        EXPECT_TRUE(run["speedup_vs_sequential"].is_null()) << run;
        EXPECT_EQ(run["fastest"], false) << run;
    }
    const ProcessResult table = runOverlap({"run", file, "--model", "all"});
    EXPECT_NE(table.out.find("1 of 3 failed: no speedup, not ranked"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("fastest: none"), std::string::npos) << table.out;
}
