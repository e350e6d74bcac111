#include "engine/plan.h"
#include "engine/scenarioio.h"

#include <csignal>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace overlap::engine;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeAll(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

// A fresh directory per test, removed afterwards.
class TempDir {
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "overlap-scenarioio-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }
    fs::path operator/(const std::string& name) const { return m_path / name; }

private:
    fs::path m_path;
};

std::vector<std::string> entries(const fs::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

fs::path examplesDir()
{
    return fs::path(OVERLAP_SOURCE_DIR) / "resources" / "examples";
}

std::vector<fs::path> exampleFiles()
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(examplesDir())) {
        if (entry.path().string().ends_with(".overlap.json"))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

Scenario sample()
{
    Scenario s;
    s.name = "sample";
    s.description = "two tasks";
    s.run.model = Model::Fibers;
    s.run.workers = 3;
    s.tasks.push_back({"download", 4, {{StepKind::Io, 250.5, {}}}, {}, 0});
    s.tasks.push_back({"crunch", 1, {{StepKind::Cpu, 5, "cache"}, {StepKind::Io, 20, {}}}, {3, 100, 2}, 0.2});
    return s;
}

// ---------------------------------------------------------------------------
// Bad input: every message names the place and the problem.

std::string tasks(const std::string& list)
{
    return R"({"tasks": [)" + list + "]}";
}

std::string task(const std::string& extra)
{
    return tasks(R"({"name": "t", "steps": [{"io": 1}])" + extra + "}");
}

std::string step(const std::string& body)
{
    return tasks(R"({"name": "t", "steps": [)" + body + "]}");
}

std::string run(const std::string& body)
{
    return R"({"run": )" + body + R"(, "tasks": [{"name": "t", "steps": [{"io": 1}]}]})";
}

struct BadInput {
    std::string label;
    std::string text;
    std::string error;
};

std::ostream& operator<<(std::ostream& out, const BadInput& bad)
{
    return out << bad.label;
}

class BadScenario : public testing::TestWithParam<BadInput> { };

TEST_P(BadScenario, IsRefusedWithPlaceAndProblem)
{
    const ScenarioResult result = parseScenario(GetParam().text);
    EXPECT_FALSE(result.scenario.has_value());
    EXPECT_EQ(result.error, GetParam().error);
}

const std::vector<BadInput> badInputs = {
    // Not a scenario at all.
    {"Empty", "", "the file is empty"},
    {"WhitespaceOnly", " \n\t\r\n ", "the file is empty (only whitespace)"},
    {"TopLevelArray", "[]", "expected a scenario object { ... } at the top level, got an empty array"},
    {"TopLevelString", R"("hello")", R"(expected a scenario object { ... } at the top level, got "hello")"},
    {"TopLevelNumber", "42", "expected a scenario object { ... } at the top level, got 42"},
    {"DeepNesting", std::string(100000, '['), "line 1, column 65: nesting deeper than 64 levels"},
    {"DeepArrayInsideTasks", R"({"tasks": [)" + std::string(70, '['),
        "line 1, column 74: nesting deeper than 64 levels"},
    {"BinaryGarbage", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
        "line 1, column 1: unexpected byte 0x89 (this is not JSON text)"},
    {"NulByte", std::string("{\0}", 3), "line 1, column 2: unexpected byte 0x00 (this is not JSON text)"},
    {"NulAfterTheObject", std::string("{\"tasks\": []}\0garbage", 21),
        "line 1, column 14: unexpected byte 0x00 (this is not JSON text)"},
    {"InvalidUtf8", "{\n  \"name\": \"caf\xC3\x28\",\n  \"tasks\": []\n}",
        "line 2, column 16: invalid UTF-8 in a string"},
    {"ColumnCountsCharacters", "{\"name\": \"çãé\" x}",
        "line 1, column 16: unexpected 'x'"
        " (text values need double quotes; the literals are true,"
        " false and null)"},

    // JSON syntax, with line and column.
    {"TruncatedObject", "{\n  \"tasks\": [\n    {\"name\": \"t\",\n",
        "line 4, column 1: unexpected end of file; expected a key in double quotes"},
    {"TruncatedArray", "{\"tasks\": [1,", "line 1, column 14: unexpected end of file"},
    {"TrailingComma", "{\n  \"tasks\": [],\n}",
        "line 3, column 1: unexpected '}' after ',' (JSON does not allow a trailing comma)"},
    {"TrailingGarbage", "{\"tasks\": []} x",
        "line 1, column 15: unexpected 'x' after the end of the JSON value"},
    {"NumberFollowedByGarbage", std::string("8\x96\x1b"),
        "line 1, column 2: unexpected byte 0x96 after the end of the JSON value"},
    {"TrailingBrace", "{\"tasks\": []}\n}", "line 2, column 1: unexpected '}'; expected the end of the file"},
    {"MissingComma", R"({"tasks": [1 2]})", "line 1, column 14: unexpected number; expected ',' or ']'"},
    {"MissingColon", R"({"tasks" []})", "line 1, column 10: unexpected '['; expected ':'"},
    {"SingleQuotes", "{'tasks': []}",
        "line 1, column 2: unexpected ' (JSON strings and keys need double quotes)"},
    {"Comment", "// scenario\n{}", "line 1, column 1: unexpected '/' (JSON does not allow comments)"},
    {"UnquotedText", step(R"({"io": fast})"),
        "line 1, column 43: unexpected 'fast' (text values need double quotes; the literals are true, false "
        "and null)"},
    {"RawNewlineInString", "{\"name\": \"a\nb\"}",
        "line 1, column 12: invalid string: control character U+000A (LF) must be escaped to \\u000A or \\n"},
    {"NaN", step(R"({"io": NaN})"),
        "line 1, column 43: NaN is not a valid JSON number (NaN and Infinity are not allowed)"},
    {"Infinity", step(R"({"cpu": Infinity})"),
        "line 1, column 44: Infinity is not a valid JSON number (NaN and Infinity are not allowed)"},
    {"MinusInfinity", step(R"({"io": -Infinity})"),
        "line 1, column 43: -Infinity is not a valid JSON number (NaN and Infinity are not allowed)"},
    {"NumberOverflow", step(R"({"io": 1e999})"),
        "line 1, column 43: the number 1e999 is too large to represent"},
    {"DuplicateKey", task(R"(, "name": "u")"), R"(tasks[0]: duplicate key "name")"},

    // The document's shape.
    {"WrongFormat", R"({"format": "trace", "tasks": []})",
        R"(format: expected "overlap-scenario", got "trace" (this is not an Overlap scenario file))"},
    {"Version2", R"({"version": 2, "tasks": []})",
        "version: unsupported version 2 (this version of Overlap reads version 1)"},
    {"VersionAsString", R"({"version": "1", "tasks": []})", R"(version: expected 1, got "1")"},
    {"TasksMissing", R"({"name": "x"})", R"(missing "tasks" (a scenario needs at least one task))"},
    {"TasksEmpty", R"({"tasks": []})", "tasks: expected at least one task, got an empty array"},
    {"TasksNotArray", R"({"tasks": {}})", "tasks: expected an array of tasks, got an object"},
    {"UnknownTopLevelKey", R"({"tasks": [], "nmae": "x"})",
        R"(unknown top-level key "nmae" (expected one of: format, version, name, description, run, tasks))"},
    {"CapitalisedKey", R"({"Tasks": []})", R"(unknown top-level key "Tasks" (did you mean "tasks"?))"},
    {"RunKeyAtTopLevel", R"({"model": "threads", "tasks": []})",
        R"(unknown top-level key "model" (it belongs in "run"))"},
    {"DescriptionNotText", R"({"description": 5, "tasks": []})",
        "description: expected text in double quotes, got 5"},

    // Run settings.
    {"BadModel", run(R"({"model": "gpu"})"),
        R"(run.model: unknown model "gpu" (expected sequential, fibers, threads or processes))"},
    {"ModelTypo", run(R"({"model": "thread"})"),
        R"(run.model: unknown model "thread" (did you mean "threads"?))"},
    {"NegativeWorkers", run(R"({"workers": -1})"),
        "run.workers: expected a whole number ≥ 0 (0 = one worker per task), got -1"},
    {"TooManyWorkers", run(R"({"workers": 100001})"),
        "run.workers: 100001 is more than the limit of 100000 workers"},
    {"GilAsNumber", run(R"({"gil": 1})"), "run.gil: expected true or false, got 1"},
    {"ZeroSwitchInterval", run(R"({"switch_interval_ms": 0})"),
        "run.switch_interval_ms: expected a duration in ms (number > 0), got 0"},
    {"NegativeRate", run(R"({"rate_limit_per_s": -3})"),
        "run.rate_limit_per_s: expected task starts per second (number ≥ 0, 0 = unlimited), got -3"},
    {"NegativeSeed", run(R"({"seed": -1})"),
        "run.seed: expected a whole number from 0 to 18446744073709551615, got -1"},
    {"UnknownRunKey", run(R"({"worker": 4})"), R"(run: unknown key "worker" (did you mean "workers"?))"},

    // Tasks.
    {"TaskNotObject", tasks("5"),
        R"(tasks[0]: expected an object such as {"name": "download", "steps": [{"io": 1000}]}, got 5)"},
    {"NameMissing", tasks(R"({"steps": [{"io": 1}]})"),
        R"(tasks[0]: missing "name" (every task needs a name))"},
    {"NameBlank", tasks(R"({"name": "  ", "steps": [{"io": 1}]})"),
        R"(tasks[0].name: expected a non-empty name, got "  ")"},
    {"NameTooLong", tasks(R"({"name": ")" + std::string(1001, 'n') + R"(", "steps": [{"io": 1}]})"),
        "tasks[0].name: the name is longer than the limit of 1000 bytes"},
    {"CountZero", task(R"(, "count": 0)"), "tasks[0].count: expected a whole number ≥ 1, got 0"},
    {"CountFraction", task(R"(, "count": 2.5)"), "tasks[0].count: expected a whole number ≥ 1, got 2.5"},
    {"CountBoolean", task(R"(, "count": true)"), "tasks[0].count: expected a whole number ≥ 1, got true"},
    {"CountHuge", task(R"(, "count": 1e30)"),
        "tasks[0].count: 1e+30 is more than the limit of 100000 task instances"},
    {"CountOverLimit", task(R"(, "count": 100001)"),
        "tasks[0].count: 100001 is more than the limit of 100000 task instances"},
    {"InstancesOverLimitInAll",
        tasks(
            R"({"name": "a", "count": 60000, "steps": [{"io": 1}]}, {"name": "b", "count": 40000, "steps": [{"io": 1}]},)"
            R"({"name": "c", "steps": [{"io": 1}]})"),
        "tasks[2].count: the scenario has more than 100000 task instances in all (the sum of every task's "
        "count)"},
    {"StepsMissing", tasks(R"({"name": "t"})"),
        R"(tasks[0]: missing "steps" (a list such as [{"io": 100}, {"cpu": 50}]))"},
    {"StepsEmpty", tasks(R"({"name": "t", "steps": []})"),
        "tasks[0].steps: expected at least one step, got an empty array"},
    {"FailRateAboveOne", task(R"(, "fail_rate": 1.5)"),
        "tasks[0].fail_rate: expected a probability from 0 to 1 (0.2 = one attempt in five fails), got 1.5"},
    {"FailRateNull", task(R"(, "fail_rate": null)"),
        "tasks[0].fail_rate: expected a probability from 0 to 1 (0.2 = one attempt in five fails), got null"},
    {"UnknownTaskKeySuggestion", task(R"(, "failrate": 0.1)"),
        R"(tasks[0]: unknown key "failrate" (did you mean "fail_rate"?))"},
    {"RetryNotObject", task(R"(, "retry": 3)"),
        R"(tasks[0].retry: expected an object such as {"attempts": 3, "initial_ms": 100, "backoff": 2}, got 3)"},
    {"RetryAttemptsZero", task(R"(, "retry": {"attempts": 0})"),
        "tasks[0].retry.attempts: expected a whole number ≥ 1 (the first attempt included), got 0"},
    {"RetryAttemptsOverLimit", task(R"(, "retry": {"attempts": 101})"),
        "tasks[0].retry.attempts: 101 is more than the limit of 100 attempts"},
    {"RetryBackoffBelowOne", task(R"(, "retry": {"backoff": 0.5})"),
        "tasks[0].retry.backoff: expected a backoff factor (number ≥ 1), got 0.5"},
    {"RetryNegativeInitial", task(R"(, "retry": {"initial_ms": -5})"),
        "tasks[0].retry.initial_ms: expected a duration in ms (number ≥ 0), got -5"},

    // Steps.
    {"StepNotObject", step("5"),
        R"(tasks[0].steps[0]: expected an object such as {"io": 100} or {"cpu": 50, "lock": "cache"}, got 5)"},
    {"DurationAsText",
        tasks(R"({"name": "a", "steps": [{"io": 1}]}, {"name": "b", "steps": [{"io": 1}]},)"
              R"({"name": "c", "steps": [{"io": "fast"}]})"),
        R"(tasks[2].steps[0].io: expected a duration in ms (number ≥ 0), got "fast")"},
    {"DurationNegative", step(R"({"io": -1})"),
        "tasks[0].steps[0].io: expected a duration in ms (number ≥ 0), got -1"},
    {"DurationBoolean", step(R"({"cpu": true})"),
        "tasks[0].steps[0].cpu: expected a duration in ms (number ≥ 0), got true"},
    {"StepLongerThanAnHour", step(R"({"cpu": 3600000.5})"),
        "tasks[0].steps[0].cpu: 3600000.5 ms is longer than the limit of one hour (3600000 ms)"},
    {"UnknownStepKeySuggestion", step(R"({"io": 1}, {"iox": 2})"),
        R"(tasks[0].steps[1]: unknown key "iox" (did you mean "io"?))"},
    {"StepBothKinds", step(R"({"io": 1, "cpu": 2})"),
        R"(tasks[0].steps[0]: a step is either "io" or "cpu", not both (split it into two steps))"},
    {"StepNeitherKind", step(R"({"lock": "a"})"),
        R"(tasks[0].steps[0]: a step needs "io" or "cpu" with a duration in ms, such as {"io": 100})"},
    {"LockEmpty", step(R"({"io": 1, "lock": ""})"),
        R"(tasks[0].steps[0].lock: expected a non-empty name, got "")"},
    {"LockNotText", step(R"({"io": 1, "lock": 7})"),
        "tasks[0].steps[0].lock: expected a name (text in double quotes), got 7"},
};

INSTANTIATE_TEST_SUITE_P(Table, BadScenario, testing::ValuesIn(badInputs),
    [](const testing::TestParamInfo<BadInput>& info) { return info.param.label; });

// ---------------------------------------------------------------------------
// Good input

TEST(ScenarioParse, AllFieldsReadAsWritten)
{
    const ScenarioResult r = parseScenario(R"({
        "format": "overlap-scenario", "version": 1,
        "name": "Everything", "description": "all the fields",
        "run": {"model": "processes", "workers": 10.0, "gil": true,
                "switch_interval_ms": 2.5, "rate_limit_per_s": 20, "seed": 18446744073709551615},
        "tasks": [
            {"name": "download", "count": 3, "steps": [{"io": 1000}, {"cpu": 0.25, "lock": "cache"}],
             "retry": {"attempts": 4, "initial_ms": 50, "backoff": 1.5}, "fail_rate": 0.125},
            {"name": "single", "steps": [{"cpu": 3600000}], "retry": {"attempts": 2}}
        ]
    })");
    ASSERT_TRUE(r) << r.error;
    const Scenario& s = *r.scenario;
    EXPECT_EQ(s.name, "Everything");
    EXPECT_EQ(s.description, "all the fields");
    EXPECT_EQ(s.run.model, Model::Processes);
    EXPECT_EQ(s.run.workers, 10);
    EXPECT_TRUE(s.run.gil);
    EXPECT_EQ(s.run.switchIntervalMs, 2.5);
    EXPECT_EQ(s.run.rateLimitPerS, 20);
    EXPECT_EQ(s.run.seed, 18446744073709551615ULL);
    ASSERT_EQ(s.tasks.size(), 2u);
    const TaskSpec& a = s.tasks[0];
    EXPECT_EQ(a.name, "download");
    EXPECT_EQ(a.count, 3);
    ASSERT_EQ(a.steps.size(), 2u);
    EXPECT_EQ(a.steps[0], (Step{StepKind::Io, 1000, {}}));
    EXPECT_EQ(a.steps[1], (Step{StepKind::Cpu, 0.25, "cache"}));
    EXPECT_EQ(a.retry, (Retry{4, 50, 1.5}));
    EXPECT_EQ(a.failRate, 0.125);
    const TaskSpec& b = s.tasks[1];
    EXPECT_EQ(b.count, 1);
    EXPECT_EQ(b.retry, (Retry{2, Retry{}.initialMs, Retry{}.backoff}));
    EXPECT_EQ(b.failRate, 0);
    EXPECT_EQ(b.steps[0].ms, 3600000);
}

TEST(ScenarioParse, OnlyTasksIsEnoughAndEverythingElseDefaults)
{
    const ScenarioResult r = parseScenario(R"({"tasks": [{"name": "t", "steps": [{"io": 0}]}]})");
    ASSERT_TRUE(r) << r.error;
    Scenario expected;
    expected.tasks.push_back({"t", 1, {{StepKind::Io, 0, {}}}, {}, 0});
    EXPECT_EQ(*r.scenario, expected);
}

TEST(ScenarioParse, ByteOrderMarkAndExactInstanceLimitAreAccepted)
{
    const ScenarioResult r = parseScenario("\xEF\xBB\xBF"
        + tasks(
            R"({"name": "a", "count": 99999, "steps": [{"io": 1}]}, {"name": "b", "steps": [{"io": 1}]})"));
    ASSERT_TRUE(r) << r.error;
    EXPECT_EQ(Plan(*r.scenario).instances().size(), limits::maxInstances);
}

TEST(ScenarioParse, TextLargerThanTheLimitIsRefused)
{
    std::string text = task("");
    text.append(limits::maxFileBytes + 1 - text.size(), ' ');
    EXPECT_EQ(parseScenario(text).error, "the file is too large: 16.0 MiB (the limit is 16 MiB)");
    text.pop_back();
    EXPECT_TRUE(parseScenario(text)) << "exactly 16 MiB is allowed";
}

// ---------------------------------------------------------------------------
// Writing

TEST(ScenarioWrite, IsStableHumanReadableJson)
{
    Scenario s;
    s.name = "tiny";
    s.tasks.push_back({"t", 1, {{StepKind::Io, 100, {}}, {StepKind::Cpu, 0.5, "cache"}}, {}, 0});
    EXPECT_EQ(scenarioToJson(s), R"({
  "format": "overlap-scenario",
  "version": 1,
  "name": "tiny",
  "description": "",
  "run": {
    "model": "threads",
    "workers": 0,
    "gil": false,
    "switch_interval_ms": 5,
    "rate_limit_per_s": 0,
    "seed": 1
  },
  "tasks": [
    {
      "name": "t",
      "steps": [
        { "io": 100 },
        { "cpu": 0.5, "lock": "cache" }
      ]
    }
  ]
}
)");
}

TEST(ScenarioWrite, WritesRetryAndFailRateOnlyWhenNotDefault)
{
    Scenario s = sample();
    const std::string json = scenarioToJson(s);
    EXPECT_NE(json.find(R"("retry": { "attempts": 3, "initial_ms": 100, "backoff": 2 })"), std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("fail_rate": 0.2)"), std::string::npos) << json;
    EXPECT_EQ(json.find("\"retry\""), json.rfind("\"retry\"")) << "the first task has the default retry";
    EXPECT_NE(json.find(R"("count": 4)"), std::string::npos);
}

TEST(ScenarioWrite, RandomScenariosRoundTripExactly)
{
    std::mt19937_64 rng(20240611);
    auto real = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const double awkward[]
        = {0.1, 1.0 / 3, 5e-324, 1e-7, 2.2250738585072014e-308, 1234567.891234567, 3600000};
    for (int round = 0; round < 300; ++round) {
        Scenario s;
        s.name = "round " + std::to_string(round) + " \"quoted\" \\ é ✓ \t";
        s.description = round % 2 ? "" : "line one\nline two";
        s.run.model = static_cast<Model>(pick(0, 3));
        s.run.workers = pick(0, limits::maxWorkers);
        s.run.gil = pick(0, 1) == 1;
        s.run.switchIntervalMs = real(1e-3, limits::maxSwitchIntervalMs);
        s.run.rateLimitPerS = pick(0, 3) == 0 ? 0 : real(0, limits::maxRateLimitPerS);
        s.run.seed = rng();
        const int taskCount = pick(1, 5);
        for (int t = 0; t < taskCount; ++t) {
            TaskSpec task;
            task.name = "task " + std::to_string(t);
            task.count = pick(1, 50);
            for (int k = pick(1, 6); k > 0; --k) {
                const double ms = pick(0, 4) == 0 ? awkward[pick(0, 6)] : real(0, limits::maxStepMs);
                task.steps.push_back(
                    {pick(0, 1) ? StepKind::Io : StepKind::Cpu, ms, pick(0, 2) ? "" : "lock"});
            }
            if (pick(0, 1))
                task.retry = {pick(1, limits::maxAttempts), real(0, 10000), real(1, limits::maxBackoff)};
            task.failRate = pick(0, 1) ? 0 : real(0, 1);
            s.tasks.push_back(task);
        }
        const std::string json = scenarioToJson(s);
        const ScenarioResult back = parseScenario(json);
        ASSERT_TRUE(back) << back.error << "\n" << json;
        ASSERT_EQ(*back.scenario, s) << json;
    }
}

// ---------------------------------------------------------------------------
// Files

TEST(ScenarioFile, SaveThenLoadGivesTheSameScenario)
{
    TempDir dir;
    const fs::path file = dir / "sample.overlap.json";
    ASSERT_EQ(saveScenarioFile(sample(), file.string()), "");
    const ScenarioResult back = loadScenarioFile(file.string());
    ASSERT_TRUE(back) << back.error;
    EXPECT_EQ(*back.scenario, sample());
    EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"sample.overlap.json"})
        << "no temporary file left";
}

TEST(ScenarioFile, SaveKeepsThePermissionsOfTheReplacedFile)
{
    TempDir dir;
    const fs::path file = dir / "s.overlap.json";
    writeAll(file, "old");
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    ASSERT_EQ(saveScenarioFile(sample(), file.string()), "");
    EXPECT_EQ(fs::status(file).permissions(),
        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    EXPECT_EQ(readAll(file), scenarioToJson(sample()));
}

TEST(ScenarioFile, SaveThroughASymlinkUpdatesItsTarget)
{
    TempDir dir;
    const fs::path real = dir / "real.overlap.json";
    const fs::path link = dir / "link.overlap.json";
    writeAll(real, "old");
    fs::create_symlink(real, link);
    ASSERT_EQ(saveScenarioFile(sample(), link.string()), "");
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(readAll(real), scenarioToJson(sample()));
}

TEST(ScenarioFile, SaveOntoAFolderFailsAndLeavesItAlone)
{
    TempDir dir;
    const fs::path folder = dir / "folder";
    fs::create_directory(folder);
    writeAll(folder / "inside", "keep");
    const std::string error = saveScenarioFile(sample(), folder.string());
    EXPECT_EQ(error, "cannot save: " + folder.string() + " is a folder");
    EXPECT_TRUE(fs::is_directory(folder));
    EXPECT_EQ(readAll(folder / "inside"), "keep");
    EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"folder"});
}

TEST(ScenarioFile, SaveIntoAMissingFolderFails)
{
    TempDir dir;
    const fs::path file = dir / "missing" / "s.overlap.json";
    const std::string error = saveScenarioFile(sample(), file.string());
    EXPECT_EQ(error,
        "cannot create a temporary file in " + (dir / "missing").string() + ": No such file or directory");
}

// A write that fails half-way (here: the file size limit, which binds even
// root, unlike folder permissions) must leave the old file byte for byte.
TEST(ScenarioFile, FailedWriteLeavesTheOldFileIntact)
{
    TempDir dir;
    const fs::path file = dir / "s.overlap.json";
    writeAll(file, "previous content");

    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    auto* previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit tiny = saved;
    tiny.rlim_cur = 64;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
    const std::string error = saveScenarioFile(sample(), file.string());
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previousHandler);

    EXPECT_NE(error.find("File too large"), std::string::npos) << error;
    EXPECT_EQ(readAll(file), "previous content");
    EXPECT_EQ(entries(dir.path()), std::vector<std::string>{"s.overlap.json"})
        << "the temporary file is removed";
}

TEST(ScenarioFile, SaveIntoAReadOnlyFolderFailsAndLeavesTheOldFile)
{
    TempDir dir;
    const fs::path folder = dir / "ro";
    fs::create_directory(folder);
    const fs::path file = folder / "s.overlap.json";
    writeAll(file, "previous content");
    fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
    const std::string error = saveScenarioFile(sample(), file.string());
    fs::permissions(folder, fs::perms::owner_all);
    if (::geteuid() == 0) {
        // Root ignores folder permissions: the save succeeds, and is complete.
        EXPECT_EQ(error, "");
        EXPECT_EQ(readAll(file), scenarioToJson(sample()));
    } else {
        EXPECT_EQ(error, "cannot create a temporary file in " + folder.string() + ": Permission denied");
        EXPECT_EQ(readAll(file), "previous content");
    }
    EXPECT_EQ(entries(folder), std::vector<std::string>{"s.overlap.json"});
}

TEST(ScenarioFile, LoadErrorsNameTheProblem)
{
    TempDir dir;
    EXPECT_EQ(loadScenarioFile((dir / "nope.overlap.json").string()).error, "the file does not exist");
    EXPECT_EQ(loadScenarioFile(dir.path().string()).error, "this is a folder, not a scenario file");
    const fs::path fifo = dir / "fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_EQ(loadScenarioFile(fifo.string()).error, "this is not a regular file")
        << "must not wait for a writer";
    const fs::path empty = dir / "empty.overlap.json";
    writeAll(empty, "");
    EXPECT_EQ(loadScenarioFile(empty.string()).error, "the file is empty");
    const fs::path broken = dir / "broken.overlap.json";
    writeAll(broken, "{\n  \"tasks\": [\n  }\n");
    EXPECT_EQ(loadScenarioFile(broken.string()).error, "line 3, column 3: unexpected '}'; expected a value");
}

TEST(ScenarioFile, FileLargerThanTheLimitIsRefusedBeforeReading)
{
    TempDir dir;
    const fs::path big = dir / "big.overlap.json";
    writeAll(big, "{}");
    fs::resize_file(big, limits::maxFileBytes + 1); // sparse: costs no disk
    EXPECT_EQ(loadScenarioFile(big.string()).error, "the file is too large: 16.0 MiB (the limit is 16 MiB)");
    fs::resize_file(big, 40u << 20);
    EXPECT_EQ(loadScenarioFile(big.string()).error, "the file is too large: 40.0 MiB (the limit is 16 MiB)");
}

// ---------------------------------------------------------------------------
// Examples

TEST(Examples, AllEightArePresent)
{
    std::vector<std::string> names;
    for (const fs::path& file : exampleFiles())
        names.push_back(file.filename().string());
    EXPECT_EQ(names,
        (std::vector<std::string>{"cache-lock.overlap.json", "cpu-benchmark.overlap.json",
            "gil-convoy.overlap.json", "io-benchmark.overlap.json", "mixed.overlap.json",
            "rate-limited-api.overlap.json", "retry-backoff.overlap.json", "tarefas.overlap.json"}));
}

class ExampleFile : public testing::TestWithParam<fs::path> { };

TEST_P(ExampleFile, LoadsAndRoundTripsThroughSave)
{
    const ScenarioResult first = loadScenarioFile(GetParam().string());
    ASSERT_TRUE(first) << GetParam() << ": " << first.error;
    EXPECT_FALSE(first.scenario->name.empty());
    EXPECT_GE(first.scenario->description.size(), 100u) << "say what it reproduces and what to look for";

    TempDir dir;
    const fs::path copy = dir / GetParam().filename().string();
    ASSERT_EQ(saveScenarioFile(*first.scenario, copy.string()), "");
    const ScenarioResult second = loadScenarioFile(copy.string());
    ASSERT_TRUE(second) << second.error;
    EXPECT_EQ(*second.scenario, *first.scenario);
    EXPECT_EQ(readAll(copy), readAll(GetParam())) << "examples are kept in the saved layout";
}

TEST_P(ExampleFile, NominalSequentialTimeStaysShort)
{
    const ScenarioResult r = loadScenarioFile(GetParam().string());
    ASSERT_TRUE(r) << r.error;
    const Plan plan(*r.scenario);
    double total = 0;
    for (std::size_t i = 0; i < plan.instances().size(); ++i)
        total += plan.attemptMs(static_cast<int>(i));
    EXPECT_GT(total, 0);
    EXPECT_LE(total, 10'000) << "one attempt of every task, in ms";
}

INSTANTIATE_TEST_SUITE_P(Resources, ExampleFile, testing::ValuesIn(exampleFiles()),
    [](const testing::TestParamInfo<fs::path>& info) {
        std::string name = info.param.filename().string();
        name = name.substr(0, name.find('.'));
        std::erase(name, '-');
        return name;
    });

Scenario example(const std::string& name)
{
    const ScenarioResult r = loadScenarioFile((examplesDir() / name).string());
    if (!r)
        throw std::runtime_error(name + ": " + r.error);
    return *r.scenario;
}

TEST(Examples, BenchmarksMatchTheSeeds)
{
    const Scenario io = example("io-benchmark.overlap.json");
    EXPECT_EQ(io.run.model, Model::Threads);
    EXPECT_EQ(io.run.workers, 10);
    ASSERT_EQ(io.tasks.size(), 1u);
    EXPECT_EQ(io.tasks[0].count, 10);
    EXPECT_EQ(io.tasks[0].steps, (std::vector<Step>{{StepKind::Io, 1000, {}}}));

    const Scenario cpu = example("cpu-benchmark.overlap.json");
    EXPECT_EQ(cpu.run.model, Model::Processes);
    EXPECT_EQ(cpu.run.workers, 0);
    ASSERT_EQ(cpu.tasks.size(), 1u);
    EXPECT_EQ(cpu.tasks[0].name, "job");
    EXPECT_EQ(cpu.tasks[0].count, 8);
    EXPECT_EQ(cpu.tasks[0].steps, (std::vector<Step>{{StepKind::Cpu, 1000, {}}}));

    const Scenario tarefas = example("tarefas.overlap.json");
    ASSERT_EQ(tarefas.tasks.size(), 3u);
    EXPECT_EQ(tarefas.tasks[0].steps[0].ms, 2000);
    EXPECT_EQ(tarefas.tasks[1].steps[0].ms, 1000);
    EXPECT_EQ(tarefas.tasks[2].steps[0].ms, 3000);
}

// The description promises three immediate successes, two successes on a
// retry and one task that fails all three attempts; the seed decides that.
TEST(Examples, RetryExampleShowsWhatItsDescriptionSays)
{
    const Scenario s = example("retry-backoff.overlap.json");
    const Plan plan(s);
    int immediate = 0, retried = 0, failed = 0;
    for (std::size_t i = 0; i < plan.instances().size(); ++i) {
        const TaskSpec& spec = plan.spec(static_cast<int>(i));
        int attempt = 1;
        while (attempt <= spec.retry.attempts
            && attemptFails(s.run.seed, static_cast<int>(i), attempt, spec.failRate))
            ++attempt;
        if (attempt == 1)
            ++immediate;
        else if (attempt <= spec.retry.attempts)
            ++retried;
        else
            ++failed;
    }
    EXPECT_EQ(immediate, 3);
    EXPECT_EQ(retried, 2);
    EXPECT_EQ(failed, 1);
    EXPECT_EQ(s.tasks[0].retry, (Retry{3, 1000, 2}));
}

// Damaged copies of the examples never crash the reader: each either loads
// (and then round-trips) or gives a message.
TEST(Examples, RandomDamageNeverCrashes)
{
    std::mt19937 rng(7);
    for (const fs::path& file : exampleFiles()) {
        const std::string original = readAll(file);
        for (int round = 0; round < 300; ++round) {
            std::string text = original;
            const int edits = 1 + static_cast<int>(rng() % 4);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const std::size_t at = rng() % text.size();
                switch (rng() % 4) {
                case 0:
                    text[at] = static_cast<char>(rng() % 256);
                    break;
                case 1:
                    text.erase(at, 1 + rng() % 8);
                    break;
                case 2:
                    text.insert(at, 1, "{}[]\",:0-e.\\"[rng() % 12]);
                    break;
                default:
                    text.resize(at);
                    break;
                }
            }
            const ScenarioResult r = parseScenario(text);
            if (r) {
                const ScenarioResult again = parseScenario(scenarioToJson(*r.scenario));
                ASSERT_TRUE(again) << again.error;
                EXPECT_EQ(*again.scenario, *r.scenario);
            } else {
                EXPECT_FALSE(r.error.empty());
            }
        }
    }
}

} // namespace
