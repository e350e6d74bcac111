#include "ui/zoomcontrol.h"

#include <algorithm>
#include <cmath>

namespace overlap::ui {

ZoomControl::ZoomControl(QObject* parent)
    : QObject(parent)
{
}

void ZoomControl::setTotal(std::int64_t totalNs)
{
    totalNs = std::max<std::int64_t>(0, totalNs);
    if (totalNs == m_totalNs)
        return;
    const bool fitted = m_start == 0 && m_end >= bound();
    m_totalNs = totalNs;
    emit totalChanged();
    if (fitted && m_end < bound())
        setVisible(0, bound()); // a fitted view stays fitted as the run grows
    else
        setVisible(m_start, m_end); // re-clamp into a shorter run
    clampSelection();
}

void ZoomControl::setVisible(std::int64_t startNs, std::int64_t endNs)
{
    const std::int64_t limit = bound();
    std::int64_t span = std::clamp<std::int64_t>(endNs - startNs, minSpanNs, limit);
    std::int64_t start = std::clamp<std::int64_t>(startNs, 0, limit - span);
    if (start == m_start && start + span == m_end)
        return;
    m_start = start;
    m_end = start + span;
    emit visibleChanged();
}

void ZoomControl::zoom(double factor, std::int64_t anchorNs)
{
    if (!(factor > 0))
        return;
    const double span = static_cast<double>(visibleSpan());
    const double newSpan = std::clamp(span * factor, double(minSpanNs), double(bound()));
    // Keep the anchor's fraction of the visible range: the time under the cursor stays put.
    const double frac = span > 0 ? static_cast<double>(anchorNs - m_start) / span : 0.5;
    const auto start
        = static_cast<std::int64_t>(std::llround(static_cast<double>(anchorNs) - frac * newSpan));
    setVisible(start, start + static_cast<std::int64_t>(std::llround(newSpan)));
}

void ZoomControl::pan(std::int64_t deltaNs)
{
    setVisible(m_start + deltaNs, m_end + deltaNs);
}

void ZoomControl::fit()
{
    setVisible(0, bound());
}

void ZoomControl::setSelection(std::int64_t startNs, std::int64_t endNs)
{
    if (endNs < startNs)
        std::swap(startNs, endNs);
    startNs = std::clamp<std::int64_t>(startNs, 0, m_totalNs);
    endNs = std::clamp<std::int64_t>(endNs, 0, m_totalNs);
    if (startNs == m_selStart && endNs == m_selEnd)
        return;
    m_selStart = startNs;
    m_selEnd = endNs;
    emit selectionChanged();
}

void ZoomControl::clearSelection()
{
    setSelection(0, 0);
}

void ZoomControl::clampSelection()
{
    if (m_selEnd > m_totalNs)
        setSelection(m_selStart, m_selEnd);
}

} // namespace overlap::ui
