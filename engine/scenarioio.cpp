#include "engine/scenarioio.h"

#include "engine/jsonsyntax.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <limits>
#include <new>
#include <nlohmann/json.hpp>
#include <span>
#include <sys/stat.h>
#include <unistd.h>

namespace overlap::engine {

namespace {

using Json = nlohmann::json;
using Words = std::span<const std::string_view>;

constexpr std::string_view formatName = "overlap-scenario";
constexpr int formatVersion = 1;

// Thrown inside the reader only; parseScenario turns it into ScenarioResult::error.
struct Failure {
    std::string message;
};

[[noreturn]] void fail(const std::string& place, const std::string& problem)
{
    throw Failure{place.empty() ? problem : place + ": " + problem};
}

// ---------------------------------------------------------------------------
// Small text helpers

// How a wrong value is shown after "got": strings and numbers as written,
// containers by kind (their content could be huge).
std::string describe(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return value.empty() ? "an empty array" : "an array";
    case Json::value_t::string:
        return quoteForMessage(value.get_ref<const std::string&>());
    case Json::value_t::number_float:
        if (!std::isfinite(value.get<double>()))
            return "a number too large to represent";
        return clipForMessage(value.dump());
    default:
        return clipForMessage(value.dump());
    }
}

std::string formatNumber(double value)
{
    std::array<char, 64> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return ec == std::errc{} ? std::string(buffer.data(), end) : std::string("?");
}

std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1]))
                == std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The closest allowed word to a typo, if it is close enough to be a likely
// intent ("iox" → "io", "worker" → "workers", "Tasks" → "tasks").
std::optional<std::string_view> closest(std::string_view word, Words allowed)
{
    if (word.empty() || word.size() > 64)
        return std::nullopt;
    std::optional<std::string_view> best;
    std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
    for (std::string_view candidate : allowed) {
        const std::size_t distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    const std::size_t tolerance = word.size() <= 4 ? 1 : 2;
    return bestDistance <= tolerance ? best : std::nullopt;
}

// ---------------------------------------------------------------------------
// Model pass: the DOM is syntactically valid and shallow; check every field.

std::string member(const std::string& place, std::string_view key)
{
    return place.empty() ? std::string(key) : place + "." + std::string(key);
}

std::string element(const std::string& place, std::size_t index)
{
    return place + "[" + std::to_string(index) + "]";
}

constexpr std::string_view topKeys[] = {"format", "version", "name", "description", "run", "tasks"};
constexpr std::string_view runKeys[]
    = {"model", "workers", "gil", "switch_interval_ms", "rate_limit_per_s", "seed"};
constexpr std::string_view taskKeys[] = {"name", "count", "steps", "retry", "fail_rate"};
constexpr std::string_view retryKeys[] = {"attempts", "initial_ms", "backoff"};
constexpr std::string_view stepKeys[] = {"io", "cpu", "lock"};
constexpr std::string_view modelNames[] = {"sequential", "fibers", "threads", "processes"};

bool contains(Words list, std::string_view word)
{
    return std::find(list.begin(), list.end(), word) != list.end();
}

void checkKeys(const Json& object, const std::string& place, Words allowed)
{
    for (const auto& [key, value] : object.items()) {
        if (contains(allowed, key))
            continue;
        std::string problem
            = (place.empty() ? "unknown top-level key " : "unknown key ") + quoteForMessage(key);
        if (place.empty() && contains(runKeys, key))
            problem += " (it belongs in \"run\")";
        else if (const auto suggestion = closest(key, allowed))
            problem += " (did you mean \"" + std::string(*suggestion) + "\"?)";
        else
            problem += " (expected one of: " + [&] {
                std::string list;
                for (std::string_view k : allowed)
                    list += (list.empty() ? "" : ", ") + std::string(k);
                return list;
            }() + ")";
        fail(place, problem);
    }
}

const Json& requireObject(const Json& value, const std::string& place, const std::string& example)
{
    if (!value.is_object())
        fail(place, "expected an object such as " + example + ", got " + describe(value));
    return value;
}

std::string readString(const Json& value, const std::string& place, bool name)
{
    if (!value.is_string())
        fail(place,
            std::string(name ? "expected a name (text in double quotes)" : "expected text in double quotes")
                + ", got " + describe(value));
    const auto& text = value.get_ref<const std::string&>();
    if (name) {
        if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }))
            fail(place, "expected a non-empty name, got " + describe(value));
        if (text.size() > limits::maxNameLength)
            fail(place,
                "the name is longer than the limit of " + std::to_string(limits::maxNameLength) + " bytes");
    }
    return text;
}

// A whole number. 10.0 counts as 10 (some tools write every number as a
// double); 2.5, true and "3" do not.
std::optional<long double> wholeNumber(const Json& value)
{
    if (value.is_number_unsigned())
        return static_cast<long double>(value.get<std::uint64_t>());
    if (value.is_number_integer())
        return static_cast<long double>(value.get<std::int64_t>());
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::isfinite(d) && std::trunc(d) == d)
            return static_cast<long double>(d);
    }
    return std::nullopt;
}

std::int64_t readInteger(const Json& value, const std::string& place, std::int64_t min, std::int64_t max,
    const std::string& expected, const std::string& unit)
{
    const auto number = wholeNumber(value);
    if (!number || *number < static_cast<long double>(min))
        fail(place, "expected " + expected + ", got " + describe(value));
    if (*number > static_cast<long double>(max))
        fail(place, describe(value) + " is more than the limit of " + std::to_string(max) + unit);
    return static_cast<std::int64_t>(*number);
}

struct NumberRule {
    double min = 0;
    bool minExclusive = false;
    double max = 0;
    std::string expected; // "a duration in ms (number ≥ 0)"
    std::string overMax; // empty: report over-max values with `expected`
};

double readNumber(const Json& value, const std::string& place, const NumberRule& rule)
{
    if (!value.is_number())
        fail(place, "expected " + rule.expected + ", got " + describe(value));
    const double d = value.get<double>();
    if (std::isnan(d) || d < rule.min || (rule.minExclusive && d == rule.min))
        fail(place, "expected " + rule.expected + ", got " + describe(value));
    if (!(d <= rule.max)) {
        if (rule.overMax.empty() || !std::isfinite(d))
            fail(place, "expected " + rule.expected + ", got " + describe(value));
        fail(place, describe(value) + rule.overMax);
    }
    return d;
}

const NumberRule& durationRule()
{
    static const NumberRule rule{0, false, limits::maxStepMs, "a duration in ms (number ≥ 0)",
        " ms is longer than the limit of one hour (" + formatNumber(limits::maxStepMs) + " ms)"};
    return rule;
}

void readRun(const Json& object, const std::string& place, RunSettings& run)
{
    requireObject(object, place, "{\"model\": \"threads\", \"workers\": 4}");
    checkKeys(object, place, runKeys);
    if (const auto it = object.find("model"); it != object.end()) {
        const std::string where = member(place, "model");
        if (!it->is_string())
            fail(where,
                "expected a model name (sequential, fibers, threads or processes), got " + describe(*it));
        const auto& name = it->get_ref<const std::string&>();
        const auto model = parseModel(name);
        if (!model) {
            std::string problem = "unknown model " + quoteForMessage(name);
            if (const auto s = closest(name, modelNames))
                problem += " (did you mean \"" + std::string(*s) + "\"?)";
            else
                problem += " (expected sequential, fibers, threads or processes)";
            fail(where, problem);
        }
        run.model = *model;
    }
    if (const auto it = object.find("workers"); it != object.end())
        run.workers = static_cast<int>(readInteger(*it, member(place, "workers"), 0, limits::maxWorkers,
            "a whole number ≥ 0 (0 = one worker per task)", " workers"));
    if (const auto it = object.find("gil"); it != object.end()) {
        if (!it->is_boolean())
            fail(member(place, "gil"), "expected true or false, got " + describe(*it));
        run.gil = it->get<bool>();
    }
    if (const auto it = object.find("switch_interval_ms"); it != object.end())
        run.switchIntervalMs = readNumber(*it, member(place, "switch_interval_ms"),
            {0, true, limits::maxSwitchIntervalMs, "a duration in ms (number > 0)",
                " ms is more than the limit of " + formatNumber(limits::maxSwitchIntervalMs) + " ms"});
    if (const auto it = object.find("rate_limit_per_s"); it != object.end())
        run.rateLimitPerS = readNumber(*it, member(place, "rate_limit_per_s"),
            {0, false, limits::maxRateLimitPerS, "task starts per second (number ≥ 0, 0 = unlimited)",
                " is more than the limit of " + formatNumber(limits::maxRateLimitPerS)
                    + " starts per second"});
    if (const auto it = object.find("seed"); it != object.end()) {
        const auto number = wholeNumber(*it);
        const long double top = static_cast<long double>(std::numeric_limits<std::uint64_t>::max());
        if (!number || *number < 0 || *number > top)
            fail(member(place, "seed"),
                "expected a whole number from 0 to 18446744073709551615, got " + describe(*it));
        run.seed = it->is_number_unsigned() ? it->get<std::uint64_t>() : static_cast<std::uint64_t>(*number);
    }
}

void readRetry(const Json& object, const std::string& place, Retry& retry)
{
    requireObject(object, place, "{\"attempts\": 3, \"initial_ms\": 100, \"backoff\": 2}");
    checkKeys(object, place, retryKeys);
    if (const auto it = object.find("attempts"); it != object.end())
        retry.attempts = static_cast<int>(readInteger(*it, member(place, "attempts"), 1, limits::maxAttempts,
            "a whole number ≥ 1 (the first attempt included)", " attempts"));
    if (const auto it = object.find("initial_ms"); it != object.end())
        retry.initialMs = readNumber(*it, member(place, "initial_ms"), durationRule());
    if (const auto it = object.find("backoff"); it != object.end())
        retry.backoff = readNumber(*it, member(place, "backoff"),
            {1, false, limits::maxBackoff, "a backoff factor (number ≥ 1)",
                " is more than the limit of " + formatNumber(limits::maxBackoff)});
}

Step readStep(const Json& object, const std::string& place)
{
    requireObject(object, place, "{\"io\": 100} or {\"cpu\": 50, \"lock\": \"cache\"}");
    checkKeys(object, place, stepKeys);
    const auto io = object.find("io");
    const auto cpu = object.find("cpu");
    if (io != object.end() && cpu != object.end())
        fail(place, "a step is either \"io\" or \"cpu\", not both (split it into two steps)");
    if (io == object.end() && cpu == object.end())
        fail(place, "a step needs \"io\" or \"cpu\" with a duration in ms, such as {\"io\": 100}");
    Step step;
    step.kind = io != object.end() ? StepKind::Io : StepKind::Cpu;
    const auto& duration = io != object.end() ? io : cpu;
    step.ms = readNumber(*duration, member(place, step.kind == StepKind::Io ? "io" : "cpu"), durationRule());
    if (const auto it = object.find("lock"); it != object.end())
        step.lock = readString(*it, member(place, "lock"), true);
    return step;
}

TaskSpec readTask(const Json& object, const std::string& place, std::size_t& instances)
{
    requireObject(object, place, "{\"name\": \"download\", \"steps\": [{\"io\": 1000}]}");
    checkKeys(object, place, taskKeys);
    TaskSpec task;
    const auto name = object.find("name");
    if (name == object.end())
        fail(place, "missing \"name\" (every task needs a name)");
    task.name = readString(*name, member(place, "name"), true);

    if (const auto it = object.find("count"); it != object.end())
        task.count = static_cast<int>(readInteger(*it, member(place, "count"), 1,
            static_cast<std::int64_t>(limits::maxInstances), "a whole number ≥ 1", " task instances"));
    // Each count is ≤ maxInstances, so the sum cannot overflow before this check trips.
    instances += static_cast<std::size_t>(task.count);
    if (instances > limits::maxInstances)
        fail(member(place, "count"),
            "the scenario has more than " + std::to_string(limits::maxInstances)
                + " task instances in all (the sum of every task's count)");

    const auto steps = object.find("steps");
    if (steps == object.end())
        fail(place, "missing \"steps\" (a list such as [{\"io\": 100}, {\"cpu\": 50}])");
    const std::string stepsPlace = member(place, "steps");
    if (!steps->is_array())
        fail(stepsPlace, "expected an array of steps such as [{\"io\": 100}], got " + describe(*steps));
    if (steps->empty())
        fail(stepsPlace, "expected at least one step, got an empty array");
    if (steps->size() > limits::maxStepsPerTask)
        fail(stepsPlace,
            std::to_string(steps->size()) + " steps is more than the limit of "
                + std::to_string(limits::maxStepsPerTask) + " per task");
    task.steps.reserve(steps->size());
    for (std::size_t i = 0; i < steps->size(); ++i)
        task.steps.push_back(readStep((*steps)[i], element(stepsPlace, i)));

    if (const auto it = object.find("retry"); it != object.end())
        readRetry(*it, member(place, "retry"), task.retry);
    if (const auto it = object.find("fail_rate"); it != object.end())
        task.failRate = readNumber(*it, member(place, "fail_rate"),
            {0, false, 1, "a probability from 0 to 1 (0.2 = one attempt in five fails)", {}});
    return task;
}

Scenario readScenario(const Json& root)
{
    if (!root.is_object())
        fail({}, "expected a scenario object { ... } at the top level, got " + describe(root));
    checkKeys(root, {}, topKeys);
    if (const auto it = root.find("format"); it != root.end()) {
        if (!it->is_string() || it->get_ref<const std::string&>() != formatName)
            fail("format",
                "expected \"" + std::string(formatName) + "\", got " + describe(*it)
                    + " (this is not an Overlap scenario file)");
    }
    if (const auto it = root.find("version"); it != root.end()) {
        const auto number = wholeNumber(*it);
        if (!number)
            fail("version", "expected " + std::to_string(formatVersion) + ", got " + describe(*it));
        if (*number != formatVersion)
            fail("version",
                "unsupported version " + describe(*it) + " (this version of Overlap reads version "
                    + std::to_string(formatVersion) + ")");
    }
    Scenario scenario;
    if (const auto it = root.find("name"); it != root.end()) {
        scenario.name = readString(*it, "name", false);
        if (scenario.name.size() > limits::maxNameLength)
            fail("name",
                "the name is longer than the limit of " + std::to_string(limits::maxNameLength) + " bytes");
    }
    if (const auto it = root.find("description"); it != root.end())
        scenario.description = readString(*it, "description", false);
    if (const auto it = root.find("run"); it != root.end())
        readRun(*it, "run", scenario.run);

    const auto tasks = root.find("tasks");
    if (tasks == root.end())
        fail({}, "missing \"tasks\" (a scenario needs at least one task)");
    if (!tasks->is_array())
        fail("tasks", "expected an array of tasks, got " + describe(*tasks));
    if (tasks->empty())
        fail("tasks", "expected at least one task, got an empty array");
    std::size_t instances = 0;
    scenario.tasks.reserve(tasks->size());
    for (std::size_t i = 0; i < tasks->size(); ++i)
        scenario.tasks.push_back(readTask((*tasks)[i], element("tasks", i), instances));
    return scenario;
}

std::string tooLarge(std::uintmax_t bytes)
{
    std::array<char, 32> mib{};
    auto [end, ec] = std::to_chars(mib.data(), mib.data() + mib.size(),
        static_cast<double>(bytes) / (1 << 20), std::chars_format::fixed, 1);
    return "the file is too large: " + std::string(mib.data(), ec == std::errc{} ? end : mib.data())
        + " MiB (the limit is " + std::to_string(limits::maxFileBytes >> 20) + " MiB)";
}

// ---------------------------------------------------------------------------
// Writer. Hand-laid-out rather than Json::dump(2) so that a step stays on one
// line ({ "io": 1000 }) and keys keep the order of the SPEC example.

// Integral values are written without ".0" so that files read as people
// write them; everything else uses nlohmann's shortest round-trip form.
std::string number(double value)
{
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e15)
        return std::to_string(static_cast<std::int64_t>(value));
    return Json(value).dump();
}

std::string text(const std::string& value)
{
    return Json(value).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string errnoText(int error)
{
    return std::strerror(error);
}

} // namespace

ScenarioResult parseScenario(std::string_view text)
{
    if (text.size() > limits::maxFileBytes)
        return {std::nullopt, tooLarge(text.size())};
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return {std::nullopt, text.empty() ? "the file is empty" : "the file is empty (only whitespace)"};
    try {
        if (std::string error = checkJsonSyntax(text, limits::maxJsonDepth); !error.empty())
            return {std::nullopt, std::move(error)};
        const Json root = Json::parse(text, nullptr, false);
        if (root.is_discarded())
            return {std::nullopt, "the file is not valid JSON"};
        return {readScenario(root), {}};
    } catch (const Failure& failure) {
        return {std::nullopt, failure.message};
    } catch (const std::bad_alloc&) {
        return {std::nullopt, "not enough memory to read the file"};
    } catch (const std::exception& e) {
        return {std::nullopt, std::string("the file could not be read: ") + e.what()};
    }
}

ScenarioResult loadScenarioFile(const std::string& path)
{
    // O_NONBLOCK: opening a FIFO must not hang waiting for a writer; the
    // regular-file check below then refuses it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT)
            return {std::nullopt, "the file does not exist"};
        if (error == EACCES)
            return {std::nullopt, "permission denied: the file cannot be read"};
        return {std::nullopt, "cannot open the file: " + errnoText(error)};
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};

    struct stat info { };
    if (::fstat(fd, &info) != 0)
        return {std::nullopt, "cannot read the file: " + errnoText(errno)};
    if (S_ISDIR(info.st_mode))
        return {std::nullopt, "this is a folder, not a scenario file"};
    if (!S_ISREG(info.st_mode))
        return {std::nullopt, "this is not a regular file"};
    if (static_cast<std::uintmax_t>(info.st_size) > limits::maxFileBytes)
        return {std::nullopt, tooLarge(static_cast<std::uintmax_t>(info.st_size))};

    // Read one byte past the limit: a file that grew since fstat is still refused.
    std::string content;
    content.resize(static_cast<std::size_t>(info.st_size) + 1);
    std::size_t used = 0;
    for (;;) {
        if (used == content.size()) {
            if (content.size() > limits::maxFileBytes)
                return {std::nullopt, tooLarge(content.size())};
            content.resize(std::min(content.size() * 2, limits::maxFileBytes + 1));
        }
        const ssize_t n = ::read(fd, content.data() + used, content.size() - used);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return {std::nullopt, "cannot read the file: " + errnoText(errno)};
        }
        if (n == 0)
            break;
        used += static_cast<std::size_t>(n);
    }
    content.resize(used);
    return parseScenario(content);
}

std::string scenarioToJson(const Scenario& scenario)
{
    const RunSettings& run = scenario.run;
    std::string out;
    out += "{\n";
    out += "  \"format\": " + text(std::string(formatName)) + ",\n";
    out += "  \"version\": " + std::to_string(formatVersion) + ",\n";
    out += "  \"name\": " + text(scenario.name) + ",\n";
    out += "  \"description\": " + text(scenario.description) + ",\n";
    out += "  \"run\": {\n";
    out += "    \"model\": " + text(std::string(modelName(run.model))) + ",\n";
    out += "    \"workers\": " + std::to_string(run.workers) + ",\n";
    out += std::string("    \"gil\": ") + (run.gil ? "true" : "false") + ",\n";
    out += "    \"switch_interval_ms\": " + number(run.switchIntervalMs) + ",\n";
    out += "    \"rate_limit_per_s\": " + number(run.rateLimitPerS) + ",\n";
    out += "    \"seed\": " + std::to_string(run.seed) + "\n";
    out += "  },\n";
    out += "  \"tasks\": [";
    for (std::size_t t = 0; t < scenario.tasks.size(); ++t) {
        const TaskSpec& task = scenario.tasks[t];
        out += t == 0 ? "\n" : ",\n";
        out += "    {\n";
        out += "      \"name\": " + text(task.name) + ",\n";
        if (task.count != 1)
            out += "      \"count\": " + std::to_string(task.count) + ",\n";
        out += "      \"steps\": [";
        for (std::size_t s = 0; s < task.steps.size(); ++s) {
            const Step& step = task.steps[s];
            out += s == 0 ? "\n" : ",\n";
            out += std::string("        { \"") + (step.kind == StepKind::Io ? "io" : "cpu")
                + "\": " + number(step.ms);
            if (!step.lock.empty())
                out += ", \"lock\": " + text(step.lock);
            out += " }";
        }
        out += task.steps.empty() ? "]" : "\n      ]";
        if (task.retry != Retry{})
            out += ",\n      \"retry\": { \"attempts\": " + std::to_string(task.retry.attempts)
                + ", \"initial_ms\": " + number(task.retry.initialMs)
                + ", \"backoff\": " + number(task.retry.backoff) + " }";
        if (task.failRate != 0)
            out += ",\n      \"fail_rate\": " + number(task.failRate);
        out += "\n    }";
    }
    out += scenario.tasks.empty() ? "]\n" : "\n  ]\n";
    out += "}\n";
    return out;
}

std::string saveScenarioFile(const Scenario& scenario, const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path target(path);
    // Saving through a symbolic link updates the file it points to, as
    // editors do, instead of replacing the link with a plain file.
    if (fs::is_symlink(fs::symlink_status(target, ec))) {
        const fs::path resolved = fs::weakly_canonical(target, ec);
        if (!ec)
            target = resolved;
    }
    const fs::file_status status = fs::status(target, ec);
    if (fs::is_directory(status))
        return "cannot save: " + path + " is a folder";
    if (fs::exists(status) && !fs::is_regular_file(status))
        return "cannot save: " + path + " is not a regular file";

    const std::string content = scenarioToJson(scenario);
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");

    // The temporary file lives in the target's folder: rename() is atomic only
    // within one file system. 0666 lets the umask decide, as for any new file.
    std::string temporary;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temporary = (directory
            / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-"
                + std::to_string(attempt)))
                        .string();
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0)
        return "cannot create a temporary file in " + directory.string() + ": " + errnoText(errno);

    auto abandon = [&](const std::string& what, int error) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return what + ": " + errnoText(error);
    };
    // Keep the permissions of the file being replaced.
    struct stat old { };
    if (::stat(target.c_str(), &old) == 0)
        ::fchmod(fd, old.st_mode & 07777);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return abandon("cannot write " + temporary, errno);
        }
        written += static_cast<std::size_t>(n);
    }
    // fsync before rename: otherwise a crash can leave a renamed but empty file.
    if (::fsync(fd) != 0)
        return abandon("cannot write " + temporary, errno);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return "cannot write " + temporary + ": " + errnoText(error);
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return "cannot replace " + target.string() + ": " + errnoText(error);
    }
    // Make the rename itself durable; failure here does not undo the save.
    if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

} // namespace overlap::engine
