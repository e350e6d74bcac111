#pragma once

// Steps as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line
// breaks quoted, quotes doubled): one row per step attempt actually run
// (state "step"), for spreadsheets and pandas. A cpu step's row is followed
// by the intervals it was on a core (state "running", core: which) and
// runnable but off every core (state "ready", core -1), in time order, as
// the off-core tracker recorded them. Written as a stream.

#include "engine/traceexport.h"

#include <ostream>
#include <string>
#include <vector>

namespace overlap::engine {

// The header row's fields, in order.
inline constexpr const char* kCsvColumns
    = "run,model,task,attempt,step,kind,nominal_ms,start_ms,end_ms,wall_ms,"
      "cpu_ms,lane,pid,tid,core,lock,state";

std::string csvField(const std::string& text);

void writeStepsCsv(std::ostream& out, const std::vector<ExportedRun>& runs);

} // namespace overlap::engine
