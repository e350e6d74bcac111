#include "engine/steptext.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace overlap::engine {

namespace {

std::string_view trim(std::string_view s)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

// The next whitespace-separated word of `s`, removed from it.
std::string_view takeWord(std::string_view& s)
{
    s = trim(s);
    std::size_t end = 0;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t')
        ++end;
    const std::string_view word = s.substr(0, end);
    s.remove_prefix(end);
    return word;
}

struct StepError {
    std::string message;
};

Step parseOne(std::string_view item)
{
    Step step;
    std::string_view rest = item;
    // The lock goes last and may not contain spaces at its ends only: "@ my lock" is "my lock".
    if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
        step.lock = std::string(trim(rest.substr(at + 1)));
        if (step.lock.empty())
            throw StepError{"expected a lock name after '@'"};
        if (step.lock.size() > limits::maxNameLength)
            throw StepError{
                "a lock name is at most " + std::to_string(limits::maxNameLength) + " characters"};
        rest = rest.substr(0, at);
    }
    const std::string_view kind = takeWord(rest);
    if (kind == "io")
        step.kind = StepKind::Io;
    else if (kind == "cpu")
        step.kind = StepKind::Cpu;
    else if (kind.empty())
        throw StepError{"expected a step such as \"io 200\" or \"cpu 50 @cache\", got nothing"};
    else
        throw StepError{"expected \"io\" or \"cpu\", got \"" + std::string(kind) + "\""};

    std::string_view number = takeWord(rest);
    // "50ms" as well as "50 ms".
    if (number.ends_with("ms"))
        number.remove_suffix(2);
    else if (trim(rest) == "ms")
        rest = {};
    double ms = -1;
    const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), ms);
    if (number.empty() || ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(ms)
        || ms < 0)
        throw StepError{"expected a duration in ms (number ≥ 0), got \"" + std::string(number) + "\""};
    if (ms > limits::maxStepMs)
        throw StepError{"a step lasts at most 3600000 ms (one hour), got " + formatMs(ms)};
    if (!trim(rest).empty())
        throw StepError{"unexpected \"" + std::string(trim(rest)) + "\" after the duration"};
    step.ms = ms;
    return step;
}

} // namespace

StepsResult parseSteps(std::string_view text)
{
    StepsResult result;
    if (trim(text).empty()) {
        result.error = "expected at least one step, such as \"io 200, cpu 50 @cache\"";
        return result;
    }
    std::vector<Step> steps;
    std::size_t index = 0;
    while (true) {
        const std::size_t comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        ++index;
        if (steps.size() >= limits::maxStepsPerTask) {
            result.error = "more than " + std::to_string(limits::maxStepsPerTask) + " steps";
            return result;
        }
        try {
            steps.push_back(parseOne(item));
        } catch (const StepError& e) {
            result.error = "step " + std::to_string(index) + ": " + e.message;
            return result;
        }
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    result.steps = std::move(steps);
    return result;
}

std::string formatMs(double ms)
{
    char buffer[40];
    // Whole numbers as such ("3600000", not "3.6e+06"): durations are read by people.
    if (ms == std::floor(ms) && std::fabs(ms) < 1e15) {
        std::snprintf(buffer, sizeof buffer, "%.0f", ms);
        return buffer;
    }
    // %.17g always reads back exactly; try shorter forms first for readability.
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, ms);
        double back = 0;
        std::from_chars(buffer, buffer + std::char_traits<char>::length(buffer), back);
        if (back == ms)
            break;
    }
    return buffer;
}

std::string formatSteps(const std::vector<Step>& steps)
{
    std::string out;
    for (const Step& step : steps) {
        if (!out.empty())
            out += ", ";
        out += step.kind == StepKind::Io ? "io " : "cpu ";
        out += formatMs(step.ms);
        if (!step.lock.empty())
            out += " @" + step.lock;
    }
    return out;
}

} // namespace overlap::engine
