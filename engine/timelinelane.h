#pragma once

// One lane of the timeline: flat segments sorted by start, with a running
// "latest end so far" so that the segments overlapping a time range are found
// in O(log n), long ones that began before the range included.

#include "engine/chunkedvector.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace overlap::engine {

enum class SegmentState : std::uint8_t {
    Running, // a cpu step on a core
    WaitingIo, // an io step, up to its nominal end
    WaitingLock,
    WaitingGil,
    Ready, // could run but did not: late wake-up past an io step's end, or a cpu step's wall − CPU
    Backoff, // waiting before a retry
    RateWait, // waiting for the rate limiter before the task starts
    Startup, // worker start → ready
    Failed, // a zero-length marker at a TaskFail; detail = FailReason
    GilHeld, // GIL lane: a thread holds the GIL
    Count_
};

inline constexpr int segmentStateCount = static_cast<int>(SegmentState::Count_);

std::string_view segmentStateName(SegmentState state);

struct Segment {
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    std::int64_t cpuNs = 0; // the step's CPU time, on the segment that ends the step
    std::int32_t task = -1;
    std::int32_t lane = -1; // worker slot
    std::int32_t pid = 0;
    std::int32_t tid = 0;
    std::int32_t detail = 0; // lock id (WaitingLock), FailReason (Failed)
    std::uint32_t count = 1; // > 1 for a bar that stands for several merged segments
    std::int16_t step = -1;
    std::int16_t attempt = 0;
    std::int16_t core = -1; // recorded when the segment began
    SegmentState state = SegmentState::Running;
};

class TimelineLane {
public:
    explicit TimelineLane(int key = -1)
        : m_key(key)
    {
    }

    int key() const { return m_key; }
    const ChunkedVector<Segment>& segments() const { return m_segments; }
    std::size_t size() const { return m_segments.size(); }
    const Segment& operator[](std::size_t i) const { return m_segments[i]; }
    std::int64_t lastEnd() const { return m_maxEnd.empty() ? 0 : m_maxEnd.back(); }
    // The latest end among segments [0, i].
    std::int64_t maxEndUpTo(std::size_t i) const { return m_maxEnd[i]; }

    // Segments come in blocks of kBlock (by index) with a summary each, so
    // that a zoomed-out paint can fold a whole block of tiny segments into
    // one bar without visiting them.
    static constexpr std::size_t kBlock = 64;
    struct BlockSummary {
        std::int64_t maxGap = 0; // longest time a segment starts after all before it ended
        std::int64_t maxDuration = 0;
        bool hasFailure = false; // failure markers never fold
    };
    const BlockSummary& blockSummary(std::size_t block) const { return m_blocks[block]; }

    // Appends in O(1) when `segment` starts no earlier than the last one (the
    // usual case); a late arrival is inserted in place and the tail's running
    // maximum recomputed.
    void add(const Segment& segment);

    // First segment that may overlap [fromNs, …): every segment before it
    // ended before fromNs. Later ones may also have ended: the caller checks.
    std::size_t firstVisible(std::int64_t fromNs) const;
    // One past the last segment that starts at or before toNs.
    std::size_t lastVisible(std::int64_t toNs) const;
    // The same, searching forward from `from` (galloping): O(log distance),
    // for walks that jump a few segments at a time.
    std::size_t lastVisibleFrom(std::size_t from, std::int64_t toNs) const;

private:
    int m_key;
    // Chunked: a lane of millions of segments grows without ever moving them.
    ChunkedVector<Segment> m_segments;
    ChunkedVector<std::int64_t> m_maxEnd; // m_maxEnd[i] = max end of segments [0, i]
    ChunkedVector<BlockSummary> m_blocks;

    void summarise(std::size_t i); // adds segment i to its block's summary
};

} // namespace overlap::engine
