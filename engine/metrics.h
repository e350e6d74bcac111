#pragma once

// The figures of one run (SPEC §4), computed once, here, from its events.
// The command line, `inspect`, the window, Compare and every export use
// these definitions and nothing else, so "parallelism 1.93" means the same
// thing everywhere. docs/metrics.md explains each one for users.

#include "engine/plan.h"
#include "engine/run.h"

#include <optional>
#include <span>
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
    double concurrency = 0; // Σ step wall time / makespan: mean tasks in flight, waiting included
    double parallelism = 0; // Σ CPU time / makespan: mean cores computing
    int peakConcurrency = 0; // most steps in progress at one instant
    double cpuMs = 0; // Σ thread CPU time of the steps
    double cpuUtilization = 0; // cpu / (makespan × cores)

    // Where the tasks' time went, Σ over tasks, each exactly as the timeline
    // draws it (a state is drawn when it happened, and counted the same).
    double runningMs = 0; // computing on a core
    double readyMs = 0; // runnable but off every core, or woken up late after a wait
    double ioWaitMs = 0; // waiting for I/O (an io step, up to its nominal end)
    double lockWaitMs = 0;
    double gilWaitMs = 0;
    double rateWaitMs = 0; // waiting for the rate limiter before starting
    double backoffMs = 0; // waiting before a retry

    double startupMs = 0; // run start → the last worker ready
    long peakRssKib = 0; // engine + Σ worker processes
    long enginePeakRssKib = 0;
    std::vector<WorkerRss> workerRss; // processes model: one entry per child
    int tasks = 0; // task instances in the plan
    int failed = 0; // instances whose last attempt failed (no retry followed)
    int cancelled = 0; // of those, the ones stopped by cancellation
    int retries = 0; // RetryBackoff events
    bool interrupted = false; // the run was cancelled or ended by an internal error

    // A run that did all its work and nothing else went wrong: only such a
    // run has a speedup or can be the fastest (SPEC §4).
    bool ranked() const { return !interrupted && failed == 0 && makespanMs > 0; }
};

// cpuCores scales the utilisation; values below 1 count as 1.
Metrics computeMetrics(const Plan& plan, const RunOutput& output, int cpuCores);

// The metric fields as one compact JSON object with the command line's names
// (makespan_ms, work_ms, ... retries), so the CLI, `inspect` and the trace agree.
std::string metricsToJson(const Metrics& metrics);

// One scenario run under several models, as Compare and `run --model all`
// show it.
struct ComparedRun {
    Model model = Model::Sequential;
    const Metrics* metrics = nullptr;
};

struct Comparison {
    // Per run: sequential makespan / this makespan, against the ranked
    // sequential run; none for a run that is not ranked, or without one.
    std::vector<std::optional<double>> speedup;
    // The ranked run with the shortest makespan.
    std::optional<std::size_t> fastest;
};

Comparison compareRuns(std::span<const ComparedRun> runs);

} // namespace overlap::engine
