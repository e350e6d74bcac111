// The command line's logic with a substitute engine: what `--model all`
// runs and reports, and how a run's internal error maps to exit code 3,
// independent of which executors this build has.

#include "app/cli.h"
#include "app/report.h"
#include "clitestutil.h"
#include "engine/tracecheck.h"

#include <filesystem>
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
                if (failProcesses && plan.run().model == Model::Processes) {
                    // As when every worker was killed: each task fails at once.
                    for (TaskSpec& task : s.tasks) {
                        task.steps = {{StepKind::Io, 0, {}}};
                        task.failRate = 1;
                        task.retry = {};
                    }
                }
                RunOutput output = runPlan(Plan(s));
                output.workers = plan.workerCount();
                if (plan.run().model == Model::Processes)
                    output.error = error;
                return output;
            },
            // Draws nothing: records that it was asked to.
            [this](const std::vector<ExportedRun>&, const std::string&, const std::string& path) {
                images.push_back(path);
                return std::string();
            },
            {}};
        return runCli(args, env);
    }

    std::ostringstream out, err;
    std::vector<Seen> seen;
    std::vector<std::string> images;
    bool failProcesses = false;
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
    EXPECT_NE(table.find("speedup"), std::string::npos) << table;
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

// An output that cannot be written is refused before any run: nothing is
// run, nothing drawn (the binary's exit code and message: cli_test.cpp).
TEST_F(CliInProcess, OutputsAreCheckedBeforeAnyRun)
{
    const std::string file = write("s.overlap.json", waitsScenario(1, 1));
    const std::vector<std::pair<std::string, std::string>> refused{{"--trace", path("no/such/dir/t.json")},
        {"--csv", path("no/such/dir/s.csv")}, {"--image", path("no/such/dir/x.png")},
        {"--image", path("x.bmp")}};
    for (const auto& [option, name] : refused) {
        for (const char* model : {"threads", "all"}) {
            EXPECT_EQ(run({"run", file, "--model", model, option, name}), 2) << option << " " << name;
            EXPECT_NE(err.str().find(name.ends_with(".bmp") ? ".png, .svg or .pdf" : name), std::string::npos)
                << err.str();
        }
    }
    EXPECT_TRUE(seen.empty()) << seen.size() << " runs started";
    EXPECT_TRUE(images.empty());
    EXPECT_FALSE(std::filesystem::exists(path("x.bmp")));

    // The control: the same writable outputs run and draw.
    ASSERT_EQ(run({"run", file, "--image", path("x.png"), "--trace", path("t.json")}), 0) << err.str();
    EXPECT_EQ(seen.size(), 1u);
    EXPECT_EQ(images, std::vector<std::string>{path("x.png")});
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

// The case of the issue: the processes run failed every task at once, so it
// had the shortest makespan; it must get no speedup and not be the fastest.
TEST_F(CliInProcess, AFailedRunGetsNoSpeedupAndIsNeverTheFastest)
{
    failProcesses = true;
    const std::string file = write("s.overlap.json", waitsScenario(2, 30, "threads"));
    ASSERT_EQ(run({"run", file, "--model", "all", "--json"}), 1) << err.str(); // tasks failed for good
    const Json j = Json::parse(out.str());
    ASSERT_EQ(j["runs"].size(), 5u);
    const Json& processes = j["runs"][4];
    ASSERT_EQ(processes["model"], "processes");
    EXPECT_EQ(processes["failed"], 2);
    EXPECT_TRUE(processes["speedup_vs_sequential"].is_null()) << processes;
    EXPECT_EQ(processes["fastest"], false);
    double shortest = 1e300;
    int fastest = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const Json& r = j["runs"][i];
        EXPECT_EQ(r["failed"], 0);
        EXPECT_TRUE(r["speedup_vs_sequential"].is_number()) << r;
        shortest = std::min(shortest, r["makespan_ms"].get<double>());
        fastest += r["fastest"].get<bool>() ? 1 : 0;
    }
    EXPECT_EQ(fastest, 1);
    // It would have won on makespan: that is what must not count.
    EXPECT_LT(processes["makespan_ms"].get<double>(), shortest);

    ASSERT_EQ(run({"run", file, "--model", "all"}), 1);
    const std::string table = out.str();
    const std::size_t row = table.find("\nprocesses ");
    ASSERT_NE(row, std::string::npos) << table;
    const std::string line = table.substr(row + 1, table.find('\n', row + 1) - row - 1);
    EXPECT_NE(line.find("2 of 2 failed: no speedup, not ranked"), std::string::npos) << line;
    EXPECT_NE(line.find("\u2014"), std::string::npos) << line; // no speedup figure
    EXPECT_EQ(line.find("\u00d7"), std::string::npos) << line; // no "N.NN×" at all
    const std::size_t summary = table.find("\nfastest: ");
    ASSERT_NE(summary, std::string::npos) << table;
    const std::string fastestLine = table.substr(summary + 1, table.find('\n', summary + 1) - summary - 1);
    EXPECT_EQ(fastestLine.find("processes"), std::string::npos) << fastestLine;
    EXPECT_EQ(table.find("\x1b["), std::string::npos); // not a terminal: no colour codes
}

namespace {

// A hand-made result of `failed` failed tasks out of 8.
overlap::app::RunResult handMade(Model model, double makespanMs, int failed)
{
    Scenario s;
    s.name = "cpu";
    s.run.model = model;
    s.tasks.push_back({"job", 8, {{StepKind::Cpu, 1000, {}}}, {}, 0});
    overlap::app::RunResult r{Plan(s), {}, {}, std::nullopt};
    r.output.workers = model == Model::Sequential ? 1 : 8;
    r.metrics.makespanMs = makespanMs;
    r.metrics.workMs = failed == 8 ? 0 : 8000;
    r.metrics.tasks = 8;
    r.metrics.failed = failed;
    return r;
}

} // namespace

TEST(CliReport, AFailedRunIsRedOnATerminalAndRankedNowhere)
{
    overlap::app::Report report;
    report.scenario = "cpu";
    report.compare = true;
    report.runs.push_back(handMade(Model::Sequential, 8000, 0));
    report.runs.push_back(handMade(Model::Threads, 4100, 0));
    report.runs.push_back(handMade(Model::Processes, 5600, 8)); // 1.43× had it counted
    overlap::app::measureAgainstSequential(report);
    EXPECT_FALSE(report.runs[2].vsSequential.has_value());
    EXPECT_DOUBLE_EQ(*report.runs[1].vsSequential, 8000.0 / 4100.0);
    EXPECT_EQ(overlap::app::fastestRun(report), 1u);

    report.color = true;
    std::ostringstream text;
    overlap::app::printTable(text, report);
    std::istringstream lines(text.str());
    std::string line;
    int red = 0;
    while (std::getline(lines, line)) {
        if (line.find("\x1b[31m") == std::string::npos)
            continue;
        ++red;
        EXPECT_TRUE(line.find("processes") != std::string::npos) << line;
        EXPECT_NE(line.find("8 of 8 failed"), std::string::npos) << line;
    }
    EXPECT_EQ(red, 2); // the row and the note under the table
    EXPECT_NE(
        text.str().find("fastest: threads \u00d78, 4100.0 ms (1.95\u00d7 sequential)"), std::string::npos)
        << text.str();

    // Every run failed: nothing is measured, nothing is fastest.
    for (overlap::app::RunResult& r : report.runs)
        r.metrics.failed = 3;
    overlap::app::measureAgainstSequential(report);
    EXPECT_FALSE(overlap::app::fastestRun(report).has_value());
    for (const overlap::app::RunResult& r : report.runs)
        EXPECT_FALSE(r.vsSequential.has_value());
    std::ostringstream none;
    report.color = false;
    overlap::app::printTable(none, report);
    EXPECT_NE(none.str().find("fastest: none"), std::string::npos) << none.str();
}
