#pragma once

// Overlap's own Chrome trace read back into runs, so that `inspect` gives the
// figures `run` printed by the same code: each run's Plan is rebuilt from the
// scenario definition the export keeps in otherData, and its event stream
// from the slices (RunStart and RunEnd from otherData, as no slice shows
// them); engine::computeMetrics then does the rest.
//
// What a slice gives back (traceexport.cpp writes it):
//   start-up             WorkerStart … WorkerReady (WorkerExit when "ready": false)
//   rate limit           RateWait (the attempt's start ends it)
//   an attempt           TaskStart … TaskEnd, or TaskFail with its reason
//   backoff              RetryBackoff with its planned delay
//   a step               StepStart … StepEnd with its CPU time (cpu_ms: 1 µs resolution)
//   ready                OffCpu: its start, its length, the core it ran on again
//   lock wait @NAME      LockWait … LockAcquire
//   GIL wait             GilWait
//   the GIL lane         GilAcquire … GilRelease of the holder
// Times are exact to the ns (traceexportlane.h: the µs grid rounds back to
// the ns it came from). Not in any slice, and so not rebuilt: an uncontended
// LockAcquire, LockRelease, an OffCpu of 0 ns (a core change) and WorkerExit
// after a worker's last slice; none of them changes a figure. The peak RSS
// is no event: it comes from the metrics otherData stored.

#include "engine/plan.h"
#include "engine/run.h"

#include <atomic>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace overlap::engine {

struct RecoveredRun {
    Plan plan;
    RunOutput output;
    std::string label; // "threads ×4 + GIL", as the trace names the run
};

struct RecoveredTrace {
    bool overlap = false; // otherData says Overlap wrote the trace
    std::string generator; // "overlap 0.9.0"
    std::string scenario; // its name
    int cpuCores = 1;
    double itersPerMs = 0;
    std::vector<RecoveredRun> runs; // in the trace's order (pid 1, 2, …)
    // Why the runs could not be rebuilt; empty when they were.
    std::string problem;
    // Slices that belong to no run or name no task of the scenario: skipped.
    std::size_t ignoredSlices = 0;
    bool cancelled = false;
};

// Whether a trace's otherData (JSON text, ImportedTrace::otherData) says
// Overlap wrote it.
bool isOverlapTrace(std::string_view otherDataJson);

// Reads the trace again, this time with the args of its slices. Never throws
// for bad input: `problem` says what is missing or broken.
RecoveredTrace recoverRuns(const std::string& path, const std::atomic<bool>* cancel = nullptr);
RecoveredTrace recoverRunsFromText(std::string_view text);

} // namespace overlap::engine
