#pragma once

// The figures of one run (SPEC §4), computed from its events after the fact.
// Every consumer (command line, trace export, GUI) uses this one definition,
// so "speedup 3.2" means the same thing everywhere.

#include "engine/plan.h"
#include "engine/run.h"

#include <string>
#include <vector>

namespace overlap::engine {

struct WorkerRss {
    int lane = -1;
    int pid = 0;
    long peakRssKib = 0;
};

struct Metrics {
    double makespanMs = 0; // run start → last task end or final failure
    // Σ nominal durations of the steps actually run, every attempt; a step cut
    // short by cancellation counts for the wall time it ran, at most its nominal.
    double workMs = 0;
    double speedup = 0; // work / makespan
    double parallelism = 0; // Σ step wall time / makespan
    int peakConcurrency = 0; // most steps in progress at one instant
    double cpuMs = 0; // Σ thread CPU time of the steps
    double cpuUtilization = 0; // cpu / (makespan × cores)
    double readyMs = 0; // Σ (wall − cpu) of cpu steps: runnable but not running
    double startupMs = 0; // run start → the last worker ready
    long peakRssKib = 0; // engine + Σ worker processes
    long enginePeakRssKib = 0;
    std::vector<WorkerRss> workerRss; // processes model: one entry per child
    int tasks = 0; // task instances in the plan
    int failed = 0; // instances whose last attempt failed (no retry followed)
    int cancelled = 0; // of those, the ones stopped by cancellation
    int retries = 0; // RetryBackoff events
};

// cpuCores scales the utilisation; values below 1 count as 1.
Metrics computeMetrics(const Plan& plan, const RunOutput& output, int cpuCores);

// The metric fields as one compact JSON object with the command line's names
// (makespan_ms, work_ms, ... retries), so the CLI and the trace agree.
std::string metricsToJson(const Metrics& metrics);

} // namespace overlap::engine
