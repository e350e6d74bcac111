#pragma once

// File ▸ Export trace: the finished runs on screen (one, or every model of a
// comparison) written with the engine's exporters, atomically.

#include "ui/finishedrun.h"

#include <QString>
#include <vector>

namespace overlap::ui {

enum class TraceFormat { ChromeJson, Csv };

// Returns an empty string on success, else why the file could not be written.
QString exportTrace(const QString& path, TraceFormat format, const std::vector<FinishedRunPtr>& runs,
    const QString& scenarioName);

} // namespace overlap::ui
