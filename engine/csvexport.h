#pragma once

// Steps as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line
// breaks quoted, quotes doubled): one row per step attempt actually run, for
// spreadsheets and pandas. Written as a stream.

#include "engine/traceexport.h"

#include <ostream>
#include <string>
#include <vector>

namespace overlap::engine {

// The header row's fields, in order.
inline constexpr const char* kCsvColumns
    = "run,model,task,attempt,step,kind,nominal_ms,start_ms,end_ms,wall_ms,"
      "cpu_ms,lane,pid,tid,core,lock";

std::string csvField(const std::string& text);

void writeStepsCsv(std::ostream& out, const std::vector<ExportedRun>& runs);

} // namespace overlap::engine
