#pragma once

// The name and the definition of every metric, as the window shows them:
// column headers, tooltips, the status line and the Gantt's selection.
// One place, so that a metric reads the same everywhere in the window, in
// both languages, and says what docs/metrics.md and the engine mean by it.

#include <QCoreApplication>
#include <QString>

namespace overlap::ui {

enum class Metric {
    Makespan,
    Work,
    Speedup,
    Concurrency,
    Parallelism,
    PeakConcurrency,
    Cpu,
    Utilisation,
    Running,
    Ready,
    IoWait,
    LockWait,
    GilWait,
    RateWait,
    Backoff,
    Startup,
    Rss,
    Tasks,
    Failed,
    Retries,
    Workers,
    Gil,
    Model,
    Count_
};

class MetricTexts {
    Q_DECLARE_TR_FUNCTIONS(MetricTexts)
public:
    // A short name, as a column header ("parallelism").
    static QString name(Metric metric);
    // What it means, in a sentence or two (for tooltips).
    static QString definition(Metric metric);
};

} // namespace overlap::ui
