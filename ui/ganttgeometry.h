#pragma once

// The bars of the rows on screen for one visible range and width: what the
// painter draws and what hit-testing looks up. Built from the lanes' O(log n)
// index, it holds only what is visible; runs of segments narrower than a pixel
// are folded into one bar that counts them. Cached by (range, width, rows,
// data revision), so hover and selection repaint without touching segments.

#include "engine/timeline.h"
#include "ui/ganttcoordinates.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace overlap::ui {

// A row of the view: a lane of the current grouping, or the GIL lane.
struct GanttRow {
    int lane = -1;
    bool gil = false;
    bool operator==(const GanttRow&) const = default;
};

struct GanttBar {
    int x = 0; // pixels from the lane area's left edge; clipped to about [-1, width + 1]
    int w = 1; // ≥ 1
    engine::SegmentState state = engine::SegmentState::Running;
    std::uint8_t colour = 0; // GanttColors::keyColor key: the state's, or an imported slice's by name
    bool open = false; // index is into openSegments(), not the lane
    bool foldable = false; // narrower than a pixel: later tiny neighbours fold into it
    std::uint32_t count = 1;
    std::uint32_t index = 0; // first segment
    std::int64_t endNs = 0; // latest end of the segments it stands for
    std::int64_t longestNs = 0; // the colour is the longest member's
};

class GanttGeometry {
public:
    struct Key {
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        int widthPx = 0;
        std::uint64_t revision = 0; // timeline revision, mixed with the view's data generation
        engine::Grouping grouping = engine::Grouping::Task;
        std::vector<GanttRow> rows;
        bool operator==(const Key&) const = default;
    };

    bool matches(const Key& key) const { return m_valid && key == m_key; }
    void build(const engine::Timeline& timeline, const Key& key);
    void invalidate() { m_valid = false; }

    const Key& key() const { return m_key; }
    // Per row of key().rows.
    const std::vector<std::vector<GanttBar>>& bars() const { return m_bars; }
    const std::vector<engine::Arrow>& arrows() const { return m_arrows; }
    std::size_t barCount() const;

    // The segment a bar stands for; a folded bar reports its count and span.
    engine::Segment segment(const engine::Timeline& timeline, int row, const GanttBar& bar) const;
    // The bar under x (pixels in the lane area) in `row`, with a little slack for thin bars.
    const GanttBar* barAt(int row, double x) const;

private:
    std::uint8_t colourKey(const engine::Segment& s) const;
    void addBar(std::vector<GanttBar>& bars, const engine::Segment& s, std::uint32_t index, bool open,
        const GanttCoordinates& c) const;

    Key m_key;
    bool m_slices = false; // an imported trace: bars coloured by slice name
    bool m_valid = false;
    std::vector<std::vector<GanttBar>> m_bars;
    std::vector<engine::OpenSegment> m_open;
    std::vector<engine::Arrow> m_arrows;
};

} // namespace overlap::ui
