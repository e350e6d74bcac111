#pragma once

// What the live charts plot, accumulated from the event batches of one run:
// tasks in progress over time (a step function) and CPU utilisation over
// time: the time cpu steps were on a core, as the Gantt draws it running
// (from the step's start, split by its off-core intervals and by the GIL
// handed away), summed in fixed bins, ÷ cores. A cpu step still computing
// counts as one busy core from when it last got its core until now, so the
// chart moves while long steps run; at most as many as can compute at once
// (one where only one thread can: sequential, fibers, the GIL).

#include "engine/event.h"
#include "engine/plan.h"

#include <QPointF>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

namespace overlap::ui {

class ChartData {
public:
    explicit ChartData(int cores = 1, bool oneAtATime = false);

    // `oneAtATime`: the model lets only one cpu step compute at any instant.
    void clear(int cores, bool oneAtATime = false);
    // `plan` tells which steps are cpu steps.
    void append(const std::vector<engine::Event>& batch, const engine::Plan& plan);

    // x in seconds, y in tasks; a step function (two points per change).
    // When that would take more than `maxPoints` points, the run is cut into
    // maxPoints / 2 equal bins and each bin shows its time-weighted average,
    // so that a chart of a million changes stays cheap to draw.
    std::vector<QPointF> tasksInProgress(int maxPoints = 1000) const;
    // x in seconds, y in percent of all cores; at most `maxPoints` bins.
    std::vector<QPointF> cpuUtilisation(int maxPoints = 400) const;

    double endSeconds() const { return static_cast<double>(m_nowNs) / 1e9; }
    int peakTasks() const { return m_peak; }

    static constexpr std::int64_t kBinNs = 10'000'000; // 10 ms

private:
    void addRunning(std::int64_t startNs, std::int64_t endNs);

    int m_cores = 1;
    bool m_oneAtATime = false;
    std::int64_t m_nowNs = 0;
    int m_inProgress = 0;
    int m_peak = 0;
    std::vector<std::pair<std::int64_t, int>> m_changes; // (time, tasks in progress from then on)
    std::vector<double> m_cpuNsPerBin;
    // cpu steps started and not yet ended: (task, attempt, step) → since
    // when it is on a core, or -1 while it is not (it gave the GIL away)
    std::map<std::tuple<int, int, int>, std::int64_t> m_openCpu;
};

} // namespace overlap::ui
