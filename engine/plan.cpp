#include "engine/plan.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace overlap::engine {

std::string_view modelName(Model model)
{
    switch (model) {
    case Model::Sequential:
        return "sequential";
    case Model::Fibers:
        return "fibers";
    case Model::Threads:
        return "threads";
    case Model::Processes:
        return "processes";
    }
    return "?";
}

std::optional<Model> parseModel(std::string_view name)
{
    for (Model m : {Model::Sequential, Model::Fibers, Model::Threads, Model::Processes}) {
        if (modelName(m) == name)
            return m;
    }
    return std::nullopt;
}

double Retry::delayBeforeMs(int attempt) const
{
    return initialMs * std::pow(backoff, std::max(0, attempt - 2));
}

Plan::Plan(Scenario scenario)
    : m_scenario(std::move(scenario))
{
    std::map<std::string, int> lockIds;
    for (std::size_t s = 0; s < m_scenario.tasks.size(); ++s) {
        const TaskSpec& task = m_scenario.tasks[s];
        std::vector<int> locks;
        for (const Step& step : task.steps) {
            m_hasCpu = m_hasCpu || step.kind == StepKind::Cpu;
            if (step.lock.empty()) {
                locks.push_back(-1);
                continue;
            }
            auto [it, inserted] = lockIds.try_emplace(step.lock, static_cast<int>(m_lockNames.size()));
            if (inserted)
                m_lockNames.push_back(step.lock);
            locks.push_back(it->second);
        }
        m_stepLocks.push_back(std::move(locks));
        for (int i = 1; i <= task.count; ++i) {
            std::string name = task.count == 1 ? task.name : task.name + " #" + std::to_string(i);
            m_instances.push_back({std::move(name), static_cast<int>(s)});
        }
    }
}

int Plan::workerCount() const
{
    const int tasks = static_cast<int>(m_instances.size());
    const int workers = m_scenario.run.workers;
    switch (m_scenario.run.model) {
    case Model::Sequential:
        return 1;
    case Model::Fibers:
        return workers == 0 ? tasks : std::min(workers, tasks);
    case Model::Threads:
        return std::max(1, workers == 0 ? std::min(tasks, maxThreadsPerRun) : std::min(workers, tasks));
    case Model::Processes:
        return std::max(1, workers == 0 ? std::min(tasks, maxProcessesPerRun) : std::min(workers, tasks));
    }
    return 1;
}

double Plan::attemptMs(int instance) const
{
    double total = 0;
    for (const Step& step : spec(instance).steps)
        total += step.ms;
    return total;
}

namespace {
// SplitMix64: a well-mixed 64-bit hash, enough for reproducible coin flips.
std::uint64_t mix(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}
} // namespace

bool attemptFails(std::uint64_t seed, int instance, int attempt, double failRate)
{
    if (failRate <= 0)
        return false;
    const std::uint64_t h = mix(
        mix(seed) ^ mix(static_cast<std::uint64_t>(instance) << 20 ^ static_cast<std::uint64_t>(attempt)));
    const double u = static_cast<double>(h >> 11) * 0x1.0p-53; // uniform in [0, 1)
    return u < failRate;
}

} // namespace overlap::engine
