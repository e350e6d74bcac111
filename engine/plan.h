#pragma once

// A scenario expanded for execution: one entry per task instance, lock names
// mapped to small ids, run settings resolved. Every model, the worker process
// and the metrics read the same Plan, so "task 7, step 2" means one thing.

#include "engine/scenario.h"

#include <cstdint>
#include <string>
#include <vector>

namespace overlap::engine {

struct TaskInstance {
    std::string name; // "download #3", or the task's name when count is 1
    int spec = 0; // index into Scenario::tasks
};

class Plan {
public:
    explicit Plan(Scenario scenario);

    const Scenario& scenario() const { return m_scenario; }
    const RunSettings& run() const { return m_scenario.run; }
    const std::vector<TaskInstance>& instances() const { return m_instances; }
    const TaskSpec& spec(int instance) const { return m_scenario.tasks[m_instances[instance].spec]; }
    const Step& step(int instance, int step) const { return spec(instance).steps[step]; }

    const std::vector<std::string>& lockNames() const { return m_lockNames; }
    // Lock id of a step, -1 when the step takes no lock.
    int lockId(int instance, int step) const { return m_stepLocks[m_instances[instance].spec][step]; }

    // Workers the model will start: the pool size, or one per task when workers is 0.
    int workerCount() const;
    bool hasCpuWork() const { return m_hasCpu; }

    // Nominal time of one attempt's steps, in ms.
    double attemptMs(int instance) const;

private:
    Scenario m_scenario;
    std::vector<TaskInstance> m_instances;
    std::vector<std::string> m_lockNames;
    std::vector<std::vector<int>> m_stepLocks;
    bool m_hasCpu = false;
};

// Most threads / processes a run starts when workers is 0 (one per task).
inline constexpr int maxThreadsPerRun = 4096;
inline constexpr int maxProcessesPerRun = 256;

// Whether attempt `attempt` of instance `instance` fails. Depends only on the
// seed, the instance and the attempt, so every model fails the same attempts.
bool attemptFails(std::uint64_t seed, int instance, int attempt, double failRate);

} // namespace overlap::engine
