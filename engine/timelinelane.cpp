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

void TimelineLane::summarise(std::size_t i)
{
    const std::size_t block = i / kBlock;
    if (block == m_blocks.size())
        m_blocks.push_back({});
    BlockSummary& b = m_blocks[block];
    const Segment& s = m_segments[i];
    if (i > 0)
        b.maxGap = std::max(b.maxGap, s.startNs - m_maxEnd[i - 1]);
    b.maxDuration = std::max(b.maxDuration, s.endNs - s.startNs);
    b.hasFailure = b.hasFailure || s.state == SegmentState::Failed;
}

void TimelineLane::add(const Segment& segment)
{
    if (m_segments.empty() || segment.startNs >= m_segments.back().startNs) {
        m_segments.push_back(segment);
        m_maxEnd.push_back(std::max(segment.endNs, m_maxEnd.empty() ? segment.endNs : m_maxEnd.back()));
        summarise(m_segments.size() - 1);
        return;
    }
    const auto at = std::upper_bound(m_segments.begin(), m_segments.end(), segment.startNs,
        [](std::int64_t t, const Segment& s) { return t < s.startNs; });
    const auto from = static_cast<std::size_t>(at - m_segments.begin());
    m_segments.push_back(segment);
    std::rotate(at, m_segments.end() - 1, m_segments.end());
    m_maxEnd.resize(m_segments.size());
    for (std::size_t i = from; i < m_segments.size(); ++i)
        m_maxEnd[i] = std::max(m_segments[i].endNs, i ? m_maxEnd[i - 1] : m_segments[i].endNs);
    // Summaries from the block where it landed on.
    const std::size_t firstBlock = from / kBlock;
    m_blocks.resize(firstBlock);
    for (std::size_t i = firstBlock * kBlock; i < m_segments.size(); ++i)
        summarise(i);
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
    if (from >= n)
        return n;
    // Work on plain pointers, one stored chunk at a time: the answer is
    // nearly always in the chunk where the search starts.
    std::size_t at = from;
    for (;;) {
        const auto chunk = m_segments.contiguousAt(at);
        const Segment* base = chunk.data;
        const std::size_t end = chunk.size; // relative to chunk.begin
        std::size_t lo = at - chunk.begin;
        if (base[lo].startNs > toNs)
            return at;
        // lo starts at or before toNs.
        if (base[end - 1].startNs <= toNs) { // the answer is further on
            at = chunk.begin + end;
            if (at == n)
                return n;
            continue;
        }
        // The answer is usually a few segments on: look at those one by one
        // (sequential reads), then gallop.
        const std::size_t linearEnd = std::min(end, lo + 8);
        for (std::size_t i = lo + 1; i < linearEnd; ++i) {
            if (base[i].startNs > toNs)
                return chunk.begin + i;
        }
        // Invariant: lo starts at or before toNs; hi is past the answer or end.
        lo = linearEnd - 1;
        std::size_t step = 1;
        std::size_t hi = lo + 1;
        while (hi < end && base[hi].startNs <= toNs) {
            lo = hi;
            step *= 2;
            hi = lo + step;
        }
        const Segment* it = std::upper_bound(base + lo + 1, base + std::min(hi, end), toNs,
            [](std::int64_t t, const Segment& s) { return t < s.startNs; });
        return chunk.begin + static_cast<std::size_t>(it - base);
    }
}

} // namespace overlap::engine
