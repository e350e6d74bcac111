#pragma once

// The time axis: "nice" tick steps (1, 2, 5 × 10^k ns) and labels in the unit
// that suits the step (ns, µs, ms, s).

#include <QCoreApplication>
#include <QString>
#include <cstdint>
#include <vector>

namespace overlap::ui {

class GanttTicks {
    Q_DECLARE_TR_FUNCTIONS(GanttTicks)
public:
    // The smallest nice step that leaves at least minSpacingPx between ticks.
    static std::int64_t step(std::int64_t spanNs, double widthPx, double minSpacingPx = 90);
    // Multiples of `step` within [startNs, endNs].
    static std::vector<std::int64_t> ticks(std::int64_t startNs, std::int64_t endNs, std::int64_t step);
    // A tick label, with as many decimals as the step needs ("1.25 s").
    static QString label(std::int64_t ns, std::int64_t step);
    // A duration with three significant digits in its best unit ("14.2 ms").
    static QString duration(std::int64_t ns);
};

} // namespace overlap::ui
