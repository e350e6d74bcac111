// The command line's logic with a substitute engine: what `--model all`
// runs and reports, and how a run's internal error maps to exit code 3,
// independent of which executors this build has.

#include "app/cli.h"
#include "clitestutil.h"
#include "engine/tracecheck.h"

#include <nlohmann/json.hpp>

using namespace overlap::engine;
using namespace overlap::testing;
using overlap::app::CliEnv;
using overlap::app::runCli;
using Json = nlohmann::json;

namespace {

struct Seen {
    Model model;
    bool gil;
    int workers;
};

class CliInProcess : public ScratchDir {
protected:
    // Records what it is asked to run and runs it sequentially, so every
    // "model" produces real events and the report's plumbing is exercised.
    int run(const std::vector<std::string>& args, std::string error = {})
    {
        out.str({});
        err.str({});
        CliEnv env{out, err,
            [this, error](const Plan& plan) {
                seen.push_back({plan.run().model, plan.run().gil, plan.run().workers});
                Scenario s = plan.scenario();
                s.run.model = Model::Sequential;
                RunOutput output = runPlan(Plan(s));
                output.workers = plan.workerCount();
                if (plan.run().model == Model::Processes)
                    output.error = error;
                return output;
            },
            {}, {}};
        return runCli(args, env);
    }

    std::ostringstream out, err;
    std::vector<Seen> seen;
};

} // namespace

TEST_F(CliInProcess, ModelAllRunsEveryModelInOrder)
{
    const std::string file = write("s.overlap.json", waitsScenario(2, 3, "threads"));
    ASSERT_EQ(run({"run", file, "--model", "all", "--workers", "2", "--gil", "--json"}), 0) << err.str();
    ASSERT_EQ(seen.size(), 5u);
    const std::vector<std::pair<Model, bool>> expected{{Model::Sequential, false}, {Model::Fibers, false},
        {Model::Threads, false}, {Model::Threads, true}, {Model::Processes, false}};
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].model, expected[i].first) << i;
        EXPECT_EQ(seen[i].gil, expected[i].second) << i; // --gil is ignored: both variants run
        EXPECT_EQ(seen[i].workers, 2) << i;
    }

    const Json j = Json::parse(out.str());
    ASSERT_EQ(j["runs"].size(), 5u);
    const std::vector<std::string> models{"sequential", "fibers", "threads", "threads", "processes"};
    const double sequential = j["runs"][0]["makespan_ms"].get<double>();
    for (std::size_t i = 0; i < 5; ++i) {
        const Json& r = j["runs"][i];
        EXPECT_EQ(r["model"], models[i]);
        EXPECT_EQ(r["gil"], i == 3);
        ASSERT_TRUE(r.contains("speedup_vs_sequential")) << i;
        EXPECT_NEAR(
            r["speedup_vs_sequential"].get<double>(), sequential / r["makespan_ms"].get<double>(), 1e-9);
    }
    EXPECT_DOUBLE_EQ(j["runs"][0]["speedup_vs_sequential"].get<double>(), 1.0);
}

TEST_F(CliInProcess, ModelAllTableAndTraceCoverEveryRun)
{
    const std::string file = write("s.overlap.json", waitsScenario(2, 2));
    const std::string trace = path("all.json");
    ASSERT_EQ(run({"run", file, "--model", "all", "--trace", trace}), 0) << err.str();
    const std::string table = out.str();
    EXPECT_NE(table.find("vs seq"), std::string::npos) << table;
    for (const char* model : {"\nsequential ", "\nfibers ", "\nthreads ", "\nprocesses "})
        EXPECT_NE(table.find(model), std::string::npos) << model;

    const Json j = Json::parse(readFile(trace));
    EXPECT_TRUE(partialOverlaps(j).empty());
    std::vector<std::string> processNames;
    for (const Json& e : j["traceEvents"]) {
        if (e["ph"] == "M" && e["name"] == "process_name")
            processNames.push_back(e["args"]["name"]);
    }
    ASSERT_EQ(processNames.size(), 5u);
    EXPECT_EQ(processNames[0], "sequential");
    EXPECT_EQ(processNames[3], "threads \u00d72 + GIL");
    EXPECT_EQ(j["otherData"]["runs"].size(), 5u);
}

TEST_F(CliInProcess, InternalErrorExitsThree)
{
    const std::string file = write("s.overlap.json", waitsScenario(1, 1));
    EXPECT_EQ(run({"run", file, "--model", "processes", "--json"}, "worker pool broke"), 3);
    EXPECT_NE(err.str().find("worker pool broke"), std::string::npos) << err.str();
    const Json j = Json::parse(out.str());
    EXPECT_EQ(j["runs"][0]["error"], "worker pool broke");

    // In a comparison the other models still run and report.
    EXPECT_EQ(run({"run", file, "--model", "all", "--json"}, "worker pool broke"), 3);
    EXPECT_EQ(Json::parse(out.str())["runs"].size(), 5u);
}

TEST_F(CliInProcess, SingleModelKeepsScenarioSettingsUnlessOverridden)
{
    const std::string file = write("s.overlap.json", waitsScenario(1, 1, "threads"));
    ASSERT_EQ(run({"run", file, "--json"}), 0);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].model, Model::Threads);
    EXPECT_FALSE(seen[0].gil);
    EXPECT_EQ(seen[0].workers, 0);
    ASSERT_EQ(run({"run", file, "--gil", "--workers", "7", "--json"}), 0);
    EXPECT_TRUE(seen[1].gil);
    EXPECT_EQ(seen[1].workers, 7);
}
