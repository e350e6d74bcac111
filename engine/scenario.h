#pragma once

// The scenario model: what the user asks Overlap to run. Plain values, no I/O;
// scenarioio.h reads and writes them, plan.h expands them into task instances.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overlap::engine {

enum class Model : std::uint8_t { Sequential, Fibers, Threads, Processes };

std::string_view modelName(Model model);
std::optional<Model> parseModel(std::string_view name);

enum class StepKind : std::uint8_t { Io, Cpu };

struct Step {
    StepKind kind = StepKind::Io;
    double ms = 0; // nominal duration: a wait (io) or single-core work on this machine (cpu)
    std::string lock; // empty: no lock; otherwise the step runs while holding this named lock
    bool operator==(const Step&) const = default;
};

struct Retry {
    int attempts = 1; // total attempts, the first included (as the seeds' max_attempts)
    double initialMs = 100; // wait before the second attempt
    double backoff = 2.0; // each further wait is multiplied by this
    bool operator==(const Retry&) const = default;

    // Wait before attempt `attempt` (1-based; attempt ≥ 2).
    double delayBeforeMs(int attempt) const;
};

struct TaskSpec {
    std::string name;
    int count = 1;
    std::vector<Step> steps;
    Retry retry;
    double failRate = 0; // probability that an attempt fails, decided by the run's seed
    bool operator==(const TaskSpec&) const = default;
};

struct RunSettings {
    Model model = Model::Threads;
    int workers = 0; // pool size; 0 = one worker per task (fibers: unlimited in flight)
    bool gil = false; // threads only: emulate CPython's GIL
    double switchIntervalMs = 5;
    double rateLimitPerS = 0; // task starts per second; 0 = unlimited
    std::uint64_t seed = 1;
    bool operator==(const RunSettings&) const = default;
};

struct Scenario {
    std::string name;
    std::string description;
    RunSettings run;
    std::vector<TaskSpec> tasks;
    bool operator==(const Scenario&) const = default;
};

namespace limits {
inline constexpr std::size_t maxFileBytes = 16u << 20;
inline constexpr std::size_t maxInstances = 100'000;
inline constexpr double maxStepMs = 3'600'000; // one hour
inline constexpr int maxAttempts = 100;
inline constexpr int maxWorkers = 100'000;
inline constexpr std::size_t maxStepsPerTask = 10'000;
inline constexpr std::size_t maxNameLength = 1'000;
inline constexpr double maxSwitchIntervalMs = 1'000;
inline constexpr double maxRateLimitPerS = 1'000'000;
inline constexpr double maxBackoff = 1'000;
inline constexpr int maxJsonDepth = 64;
} // namespace limits

} // namespace overlap::engine
