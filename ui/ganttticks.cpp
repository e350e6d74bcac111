#include "ui/ganttticks.h"

#include <cmath>
#include <cstdlib>

namespace overlap::ui {

namespace {

struct Unit {
    double ns;
    const char* name;
};

Unit unitFor(double ns)
{
    const double a = std::abs(ns);
    if (a >= 1e9)
        return {1e9, "s"};
    if (a >= 1e6)
        return {1e6, "ms"};
    if (a >= 1e3)
        return {1e3, "\u00b5s"};
    return {1, "ns"};
}

QString withUnit(double value, int decimals, const char* unit)
{
    // The units are SI symbols; the number follows the locale's decimal point.
    return GanttTicks::tr("%1 %2").arg(QString::number(value, 'f', decimals), QString::fromUtf8(unit));
}

} // namespace

std::int64_t GanttTicks::step(std::int64_t spanNs, double widthPx, double minSpacingPx)
{
    const double minStep
        = static_cast<double>(std::max<std::int64_t>(1, spanNs)) * minSpacingPx / std::max(1.0, widthPx);
    std::int64_t decade = 1;
    while (true) {
        for (std::int64_t m : {1, 2, 5}) {
            if (static_cast<double>(m * decade) >= minStep)
                return m * decade;
        }
        if (decade > INT64_MAX / 100)
            return decade * 10;
        decade *= 10;
    }
}

std::vector<std::int64_t> GanttTicks::ticks(std::int64_t startNs, std::int64_t endNs, std::int64_t step)
{
    std::vector<std::int64_t> out;
    if (step <= 0 || endNs < startNs)
        return out;
    std::int64_t t = startNs / step * step;
    if (t < startNs)
        t += step;
    for (; t <= endNs; t += step)
        out.push_back(t);
    return out;
}

QString GanttTicks::label(std::int64_t ns, std::int64_t step)
{
    // One unit for the whole ruler, chosen by the step (not by each value) so
    // that neighbouring labels never switch between "900 ms" and "1 s".
    const Unit unit = unitFor(static_cast<double>(step) * 10);
    // Enough decimals to tell neighbouring ticks apart.
    const double stepInUnit = static_cast<double>(step) / unit.ns;
    const int decimals
        = stepInUnit >= 1 ? 0 : std::min(9, static_cast<int>(std::ceil(-std::log10(stepInUnit))));
    return withUnit(static_cast<double>(ns) / unit.ns, decimals, unit.name);
}

QString GanttTicks::duration(std::int64_t ns)
{
    const Unit unit = unitFor(static_cast<double>(ns));
    const double v = static_cast<double>(ns) / unit.ns;
    const int decimals = std::abs(v) >= 100 || unit.ns == 1 ? 0 : std::abs(v) >= 10 ? 1 : 2;
    return withUnit(v, decimals, unit.name);
}

} // namespace overlap::ui
