// The `overlap` binary as a user runs it: exit codes, output and files.

#include "clitestutil.h"
#include "engine/tracecheck.h"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>

extern char** environ;

using namespace overlap::testing;
using Json = nlohmann::json;

namespace {

class Cli : public ScratchDir { };

// Whether `pid` has a handler for SIGINT (its SigCgt mask in /proc).
bool catchesSigint(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.starts_with("SigCgt:"))
            return (std::stoull(line.substr(7), nullptr, 16) >> (SIGINT - 1)) & 1;
    }
    return false;
}

} // namespace

TEST(CliBasics, HelpAndVersion)
{
    const ProcessResult help = runOverlap({"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("overlap run FILE"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("overlap validate FILE"), std::string::npos);
    EXPECT_NE(help.out.find("--model"), std::string::npos);

    const ProcessResult version = runOverlap({"--version"});
    EXPECT_EQ(version.code, 0);
    EXPECT_EQ(version.out, "overlap " OVERLAP_VERSION "\n");
}

TEST_F(Cli, JsonHasTheContractFieldsWithSaneValues)
{
    const std::string file = write("waits.overlap.json", waitsScenario(3, 20));
    const ProcessResult r = runOverlap({"run", file, "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const Json j = Json::parse(r.out); // exactly one JSON object: parse fails on trailing text
    EXPECT_EQ(j["scenario"], "waits");
    EXPECT_GE(j["cpu_cores"].get<int>(), 1);
    EXPECT_GT(j["calibration_iters_per_ms"].get<double>(), 0);
    ASSERT_EQ(j["runs"].size(), 1u);
    const Json& run = j["runs"][0];
    for (const char* key : {"model", "workers", "gil", "makespan_ms", "work_ms", "concurrency", "parallelism",
             "peak_concurrency", "cpu_ms", "cpu_utilization", "running_ms", "ready_ms", "io_wait_ms",
             "lock_wait_ms", "gil_wait_ms", "rate_wait_ms", "backoff_ms", "startup_ms", "peak_rss_kib",
             "tasks", "failed", "retries"})
        EXPECT_TRUE(run.contains(key)) << key;
    EXPECT_FALSE(run.contains("speedup_vs_sequential")); // only when comparing
    EXPECT_FALSE(run.contains("speedup")); // only against a sequential run
    EXPECT_EQ(run["model"], "sequential");
    EXPECT_EQ(run["workers"], 1);
    EXPECT_EQ(run["gil"], false);
    const double makespan = run["makespan_ms"].get<double>();
    EXPECT_GE(makespan, 60);
    EXPECT_LT(makespan, 60 + 200); // one worker: the waits add up (wide margin for a loaded machine)
    EXPECT_DOUBLE_EQ(run["work_ms"].get<double>(), 60);
    EXPECT_GT(run["concurrency"].get<double>(), 0.5);
    EXPECT_LE(run["concurrency"].get<double>(), 1.0 + 1e-9);
    EXPECT_LT(run["parallelism"].get<double>(), 0.5); // three waits: little computing
    // The waits, up to their nominal end and a wake-up's timer slack.
    EXPECT_GE(run["io_wait_ms"].get<double>(), 60 - 1e-6);
    EXPECT_LE(run["io_wait_ms"].get<double>(), makespan);
    EXPECT_EQ(run["peak_concurrency"], 1);
    EXPECT_GE(run["cpu_ms"].get<double>(), 0);
    EXPECT_LT(run["cpu_ms"].get<double>(), makespan);
    EXPECT_GT(run["peak_rss_kib"].get<long>(), 0);
    EXPECT_EQ(run["tasks"], 3);
    EXPECT_EQ(run["failed"], 0);
    EXPECT_EQ(run["retries"], 0);
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(Cli, TableNamesScenarioCoresAndModel)
{
    const std::string file = write("waits.overlap.json", waitsScenario(2, 5));
    const ProcessResult r = runOverlap({"run", file});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("\"waits\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("CPU cores"), std::string::npos);
    EXPECT_NE(r.out.find("calibration"), std::string::npos);
    for (const char* column : {"model", "workers", "gil", "makespan", "work", "concurrency", "parallelism",
             "peak", "cpu", "util", "running", "ready", "io wait", "lock wait", "gil wait", "rate wait",
             "backoff", "start-up", "rss", "tasks", "failed", "retries"})
        EXPECT_NE(r.out.find(column), std::string::npos) << column;
    EXPECT_EQ(r.out.find("speedup"), std::string::npos); // only when comparing with sequential
    EXPECT_NE(r.out.find("\nsequential "), std::string::npos) << r.out;
}

TEST_F(Cli, OverridesApplyToTheRun)
{
    const std::string file = write("waits.overlap.json", waitsScenario(2, 5, "threads"));
    const ProcessResult r = runOverlap({"run", file, "--model", "sequential", "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(Json::parse(r.out)["runs"][0]["model"], "sequential");
    const ProcessResult inline_ = runOverlap({"run", file, "--model=sequential", "--workers=3", "--json"});
    ASSERT_EQ(inline_.code, 0) << inline_.err;
    EXPECT_EQ(Json::parse(inline_.out)["runs"][0]["model"], "sequential");
}

TEST_F(Cli, TaskFailingForGoodExitsOne)
{
    const std::string flaky
        = R"({"name": "flaky", "steps": [{"io": 1}], "fail_rate": 1.0, "retry": {"attempts": 3, "initial_ms": 1}})";
    const std::string file = write("flaky.overlap.json", waitsScenario(1, 1, "sequential", flaky));
    const ProcessResult r = runOverlap({"run", file, "--json"});
    EXPECT_EQ(r.code, 1) << r.err;
    const Json run = Json::parse(r.out)["runs"][0];
    EXPECT_EQ(run["failed"], 1);
    EXPECT_EQ(run["retries"], 2);
    EXPECT_EQ(run["tasks"], 2);
    EXPECT_DOUBLE_EQ(run["work_ms"].get<double>(), 1 + 3 * 1); // every attempt's step counts
}

TEST_F(Cli, TraceFileNestsOnEveryLane)
{
    const std::string file = write("waits.overlap.json", waitsScenario(3, 5));
    const std::string trace = path("out.trace.json");
    const ProcessResult r = runOverlap({"run", file, "--trace", trace, "--json"});
    ASSERT_EQ(r.code, 0) << r.err;
    const Json j = Json::parse(readFile(trace));
    EXPECT_TRUE(partialOverlaps(j).empty()) << ::testing::PrintToString(partialOverlaps(j));
    int steps = 0, names = 0;
    for (const Json& e : j["traceEvents"]) {
        steps += e["ph"] == "X" && e["cat"] == "step" ? 1 : 0;
        names += e["ph"] == "M" && e["name"] == "thread_name" ? 1 : 0;
    }
    EXPECT_EQ(steps, 3);
    EXPECT_EQ(names, 1);
    EXPECT_EQ(j["otherData"]["scenario"], "waits");
    EXPECT_EQ(j["otherData"]["metrics"]["tasks"], 3);
}

TEST_F(Cli, CsvHasOneRowPerStep)
{
    const std::string two = R"({"name": "two", "steps": [{"io": 1}, {"cpu": 1, "lock": "x"}]})";
    const std::string file = write("s.overlap.json", waitsScenario(3, 2, "sequential", two));
    const std::string csv = path("out.csv");
    const ProcessResult r = runOverlap({"run", file, "--csv", csv});
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string text = readFile(csv);
    std::size_t steps = 0;
    for (std::size_t pos = 0; (pos = text.find(",step\r\n", pos)) != std::string::npos; ++pos)
        ++steps;
    EXPECT_EQ(steps, 3u + 2);
    EXPECT_TRUE(
        text.starts_with("run,model,task,attempt,step,kind,nominal_ms,start_ms,end_ms,wall_ms,cpu_ms,"));
}

TEST_F(Cli, ValidateOkAndError)
{
    const std::string good = write("good.overlap.json", waitsScenario(3, 2));
    const ProcessResult ok = runOverlap({"validate", good});
    EXPECT_EQ(ok.code, 0) << ok.err;
    EXPECT_EQ(ok.out, good + ": ok (1 task, 3 instances)\n");

    const std::string bad = write("bad.overlap.json",
        R"({"format": "overlap-scenario", "version": 1, "tasks": [{"name": "x", "steps": [{"io": "fast"}]}]})");
    const ProcessResult error = runOverlap({"validate", bad});
    EXPECT_EQ(error.code, 2);
    EXPECT_TRUE(error.out.empty());
    EXPECT_TRUE(error.err.starts_with(bad + ": ")) << error.err;
    EXPECT_NE(error.err.find("tasks[0].steps[0].io"), std::string::npos) << error.err;
}

TEST_F(Cli, UnwritableOutputFailsBeforeRunning)
{
    // That nothing ran is checked in-process (CliInProcess.OutputsAreCheckedBeforeAnyRun):
    // the program's wall time says more about the machine's load than about it.
    const std::string file = write("waits.overlap.json", waitsScenario(1, 2000));
    const ProcessResult r = runOverlap({"run", file, "--trace", path("no/such/dir/t.json")});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("no/such/dir/t.json"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << "no table: no run";
}

TEST_F(Cli, ImageInEachFormatWithoutADisplay)
{
    const std::string file = write("waits.overlap.json", waitsScenario(3, 20));
    auto read = [](const std::string& name) {
        std::ifstream in(name, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    // runOverlap strips DISPLAY: the image is drawn offscreen.
    ASSERT_EQ(runOverlap({"run", file, "--model", "all", "--image", path("all.png")}).code, 0);
    const std::string png = read(path("all.png"));
    ASSERT_GT(png.size(), 24u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
    // The IHDR width: 1600 logical pixels at twice the ratio.
    const auto byte
        = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(png[i])); };
    EXPECT_EQ((byte(16) << 24) | (byte(17) << 16) | (byte(18) << 8) | byte(19), 3200u);

    const ProcessResult svg = runOverlap({"run", file, "--image", path("one.svg")});
    ASSERT_EQ(svg.code, 0) << svg.err;
    EXPECT_TRUE(svg.err.empty()) << svg.err; // Qt's offscreen notes are not the user's business
    const std::string svgText = read(path("one.svg"));
    EXPECT_NE(svgText.find("<title>waits</title>"), std::string::npos);
    EXPECT_NE(svgText.find("makespan"), std::string::npos);

    ASSERT_EQ(runOverlap({"run", file, "--image", path("one.PDF")}).code, 0);
    EXPECT_TRUE(read(path("one.PDF")).starts_with("%PDF-"));
}

TEST_F(Cli, ImageNamesAreCheckedBeforeRunning)
{
    const std::string file = write("waits.overlap.json", waitsScenario(1, 2000));
    const ProcessResult bmp = runOverlap({"run", file, "--image", path("x.bmp")});
    EXPECT_EQ(bmp.code, 2);
    EXPECT_NE(bmp.err.find(".png, .svg or .pdf"), std::string::npos) << bmp.err;
    const ProcessResult nowhere = runOverlap({"run", file, "--image", path("no/such/dir/x.png")});
    EXPECT_EQ(nowhere.code, 2);
    EXPECT_NE(nowhere.err.find("no/such/dir/x.png"), std::string::npos) << nowhere.err;
    EXPECT_TRUE(bmp.out.empty() && nowhere.out.empty()) << "no table: no run";
    EXPECT_FALSE(std::filesystem::exists(path("x.bmp")));
}

TEST_F(Cli, InterruptCancelsTheRun)
{
    const std::string file = write("long.overlap.json", waitsScenario(1, 10'000));
    std::vector<std::string> args{OVERLAP_BINARY, "run", file};
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, OVERLAP_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    // Until the program catches SIGINT, the signal's default action ends it
    // (nothing of a run exists yet): on a busy machine, loading Qt's
    // libraries alone takes longer than any fixed sleep. From then on, an
    // interrupt at any moment (calibration, the run) must end with 130.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!catchesSigint(pid) && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_TRUE(catchesSigint(pid)) << "the program never installed its SIGINT handler";
    const auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::milliseconds(300)); // usually past calibration, into the run
    kill(pid, SIGINT);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)); // not the full 10 s
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), 130);
}

// Every kind of bad usage or bad scenario exits 2 with a message and a hint.
struct BadUsage {
    const char* name;
    std::vector<std::string> args; // "FILE" is replaced by a valid scenario, "BAD" by an invalid one
    const char* message; // expected in stderr
};

// Test names and failure messages show the case's name, not its bytes.
void PrintTo(const BadUsage& usage, std::ostream* os)
{
    *os << usage.name;
}

class CliBadUsage : public ScratchDir, public ::testing::WithParamInterface<BadUsage> { };

TEST_P(CliBadUsage, ExitsTwo)
{
    const std::string good = write("good.overlap.json", waitsScenario(1, 1));
    const std::string bad
        = write("bad.overlap.json", R"({"tasks": [{"name": "x", "steps": [{"io": "fast"}]}]})");
    std::vector<std::string> args = GetParam().args;
    for (std::string& a : args) {
        if (a == "FILE")
            a = good;
        if (a == "BAD")
            a = bad;
        if (a == "MISSING")
            a = path("missing.overlap.json");
    }
    const ProcessResult r = runOverlap(args);
    EXPECT_EQ(r.code, 2) << r.out << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_NE(r.err.find(GetParam().message), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(All, CliBadUsage,
    ::testing::Values(BadUsage{"NoArgumentsWithoutDisplay", {}, "--help"},
        BadUsage{"UnknownCommandWithoutDisplay", {"frobnicate"}, "no display"},
        BadUsage{"UnknownTopOption", {"--frob"}, "unknown option '--frob'"},
        BadUsage{"UnknownRunOption", {"run", "FILE", "--bogus"}, "unknown option '--bogus'"},
        BadUsage{"UnknownModel", {"run", "FILE", "--model", "warp"}, "unknown model 'warp'"},
        BadUsage{"MissingModelValue", {"run", "FILE", "--model"}, "needs a value"},
        BadUsage{"NonNumericWorkers", {"run", "FILE", "--workers", "four"}, "--workers"},
        BadUsage{"NegativeWorkers", {"run", "FILE", "--workers", "-1"}, "--workers"},
        BadUsage{"WorkersWithJunk", {"run", "FILE", "--workers", "4x"}, "--workers"},
        BadUsage{"FlagWithValue", {"run", "FILE", "--json=yes"}, "takes no value"},
        BadUsage{"RunWithoutFile", {"run"}, "needs a scenario file"},
        BadUsage{"RunTwoFiles", {"run", "FILE", "FILE"}, "one scenario file"},
        BadUsage{"MissingFile", {"run", "MISSING"}, "missing.overlap.json"},
        BadUsage{"BadScenario", {"run", "BAD"}, "tasks[0].steps[0].io"},
        BadUsage{"ValidateMissing", {"validate", "MISSING"}, "missing.overlap.json"},
        BadUsage{"ValidateWithoutFile", {"validate"}, "needs a scenario file"}),
    [](const ::testing::TestParamInfo<BadUsage>& info) { return std::string(info.param.name); });
