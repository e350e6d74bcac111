#include "engine/timelinelane.h"

#include <algorithm>

namespace overlap::engine {

std::string_view segmentStateName(SegmentState state)
{
    switch (state) {
    case SegmentState::Running:
        return "running";
    case SegmentState::WaitingIo:
        return "waiting for I/O";
    case SegmentState::WaitingLock:
        return "waiting for a lock";
    case SegmentState::WaitingGil:
        return "waiting for the GIL";
    case SegmentState::Ready:
        return "ready, not running";
    case SegmentState::Backoff:
        return "backoff";
    case SegmentState::RateWait:
        return "rate limit";
    case SegmentState::Startup:
        return "start-up";
    case SegmentState::Failed:
        return "failed";
    case SegmentState::GilHeld:
        return "holds the GIL";
    case SegmentState::Count_:
        break;
    }
    return "?";
}

void TimelineLane::add(const Segment& segment)
{
    if (m_segments.empty() || segment.startNs >= m_segments.back().startNs) {
        m_segments.push_back(segment);
        m_maxEnd.push_back(std::max(segment.endNs, m_maxEnd.empty() ? segment.endNs : m_maxEnd.back()));
        return;
    }
    auto at = std::upper_bound(m_segments.begin(), m_segments.end(), segment.startNs,
        [](std::int64_t t, const Segment& s) { return t < s.startNs; });
    const std::size_t from = static_cast<std::size_t>(at - m_segments.begin());
    m_segments.insert(at, segment);
    m_maxEnd.resize(m_segments.size());
    for (std::size_t i = from; i < m_segments.size(); ++i)
        m_maxEnd[i] = std::max(m_segments[i].endNs, i ? m_maxEnd[i - 1] : m_segments[i].endNs);
}

std::size_t TimelineLane::firstVisible(std::int64_t fromNs) const
{
    // m_maxEnd never decreases: binary search for the first prefix that reaches fromNs.
    return static_cast<std::size_t>(
        std::lower_bound(m_maxEnd.begin(), m_maxEnd.end(), fromNs) - m_maxEnd.begin());
}

std::size_t TimelineLane::lastVisible(std::int64_t toNs) const
{
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), toNs,
        [](std::int64_t t, const Segment& s) { return t < s.startNs; });
    return static_cast<std::size_t>(it - m_segments.begin());
}

std::size_t TimelineLane::lastVisibleFrom(std::size_t from, std::int64_t toNs) const
{
    const std::size_t n = m_segments.size();
    if (from >= n || m_segments[from].startNs > toNs)
        return std::min(from, n);
    // The answer is usually a few segments on: look at those one by one
    // (sequential reads), then gallop.
    const std::size_t linearEnd = std::min(n, from + 8);
    for (std::size_t i = from + 1; i < linearEnd; ++i) {
        if (m_segments[i].startNs > toNs)
            return i;
    }
    if (linearEnd == n)
        return n;
    // Invariant: segment lo starts at or before toNs; hi is past the answer or n.
    std::size_t lo = linearEnd - 1;
    std::size_t step = 1;
    std::size_t hi = lo + 1;
    while (hi < n && m_segments[hi].startNs <= toNs) {
        lo = hi;
        step *= 2;
        hi = lo + step;
    }
    auto it = std::upper_bound(m_segments.begin() + static_cast<std::ptrdiff_t>(lo) + 1,
        m_segments.begin() + static_cast<std::ptrdiff_t>(std::min(hi, n)), toNs,
        [](std::int64_t t, const Segment& s) { return t < s.startNs; });
    return static_cast<std::size_t>(it - m_segments.begin());
}

} // namespace overlap::engine
