#pragma once

// Chrome Trace Event JSON (opens in Perfetto and chrome://tracing): one pid
// per run, one tid per lane, X slices for task attempts with their steps,
// waits and backoffs nested inside (and inside cpu steps, the intervals the
// thread was ready but off every core), the GIL holds on a lane of their own,
// and GIL and lock hand-offs as flow arrows from the step that released to
// the one that acquired. Slices nest the same for every reader: times are
// exact in binary (see traceexportlane.h) and each lane's slices are written
// parents first. Written as a stream: memory grows with the open slices of
// each lane, plus a few words per slice to bind the arrows.

#include "engine/metrics.h"
#include "engine/plan.h"
#include "engine/run.h"

#include <ostream>
#include <string>
#include <vector>

namespace overlap::engine {

// One run to export. The pointers must outlive the call.
struct ExportedRun {
    const Plan* plan = nullptr;
    const RunOutput* output = nullptr;
    const Metrics* metrics = nullptr;
};

struct TraceInfo {
    std::string scenario;
    double itersPerMs = 0; // CPU calibration of the engine process
    int cpuCores = 0;
};

// "sequential", "fibers ×10", "threads ×4 + GIL", "processes ×4".
std::string runLabel(const Plan& plan, const RunOutput& output);

// Whether the run went through the emulated GIL (and so gets a GIL lane).
bool runUsesGil(const Plan& plan);

// Step label as in the scenario editor: "io 200 ms", "cpu 50 ms @cache".
std::string stepLabel(const Step& step);

// The lane carrying GIL holds, apart from the worker lanes (which are lane + 1).
inline constexpr int kGilTraceTid = 1'000'000;

void writeChromeTrace(std::ostream& out, const std::vector<ExportedRun>& runs, const TraceInfo& info);

} // namespace overlap::engine
