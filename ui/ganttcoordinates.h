#pragma once

// Time ↔ pixel mapping of the Gantt view, in one place so that painting,
// hit-testing, zooming and the tests agree to the pixel.
//
// Contracts: endNs > startNs and widthPx > 0 (the constructor enforces it);
// no clamping anywhere — times outside [startNs, endNs] map to x outside
// [left, left + widthPx] and the caller clips.

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace overlap::ui {

class GanttCoordinates {
public:
    GanttCoordinates(std::int64_t startNs, std::int64_t endNs, double left, double widthPx)
        : m_startNs(startNs)
        , m_spanNs(std::max<std::int64_t>(1, endNs - startNs))
        , m_left(left)
        , m_widthPx(std::max(1.0, widthPx))
    {
    }

    std::int64_t startNs() const { return m_startNs; }
    std::int64_t endNs() const { return m_startNs + m_spanNs; }
    double left() const { return m_left; }
    double widthPx() const { return m_widthPx; }
    double nsPerPixel() const { return static_cast<double>(m_spanNs) / m_widthPx; }

    double toX(std::int64_t ns) const
    {
        return m_left + static_cast<double>(ns - m_startNs) * m_widthPx / static_cast<double>(m_spanNs);
    }
    // Rounds to the nearest ns: toNs(toX(t)) == t whenever a pixel spans ≥ 1 ns.
    std::int64_t toNs(double x) const
    {
        return m_startNs + std::llround((x - m_left) * static_cast<double>(m_spanNs) / m_widthPx);
    }

private:
    std::int64_t m_startNs;
    std::int64_t m_spanNs;
    double m_left;
    double m_widthPx;
};

} // namespace overlap::ui
