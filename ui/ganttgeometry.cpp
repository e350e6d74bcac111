#include "ui/ganttgeometry.h"

#include "ui/ganttcolors.h"

#include <cmath>

namespace overlap::ui {

namespace {

// std::floor and std::ceil are library calls without SSE4.1; this loop runs
// once per visible segment or pixel column.
int floorPx(double x)
{
    const int i = static_cast<int>(x);
    return i > x ? i - 1 : i;
}
int ceilPx(double x)
{
    const int i = static_cast<int>(x);
    return i < x ? i + 1 : i;
}

} // namespace

using engine::Segment;
using engine::SegmentState;

void GanttGeometry::addBar(std::vector<GanttBar>& bars, const Segment& s, std::uint32_t index, bool open,
    const GanttCoordinates& c) const
{
    const double width = c.widthPx();
    const double x0 = std::max(c.toX(s.startNs), -1.0);
    const double x1 = std::min(c.toX(s.endNs), width + 1.0);
    const int px0 = floorPx(x0);
    const int px1 = std::max(px0 + 1, ceilPx(x1));
    const std::int64_t duration = s.endNs - s.startNs;
    // A failure is a marker that must stay visible and red: it never folds.
    const bool tiny = x1 - x0 < 1.0 && s.state != SegmentState::Failed && !open;
    if (tiny && !bars.empty()) {
        GanttBar& last = bars.back();
        if (last.foldable && px0 <= last.x + last.w) {
            last.w = std::max(last.x + last.w, px1) - last.x;
            ++last.count;
            last.endNs = std::max(last.endNs, s.endNs);
            if (duration > last.longestNs) {
                last.longestNs = duration;
                last.state = s.state;
                last.colour = colourKey(s);
            }
            return;
        }
    }
    GanttBar bar;
    bar.x = px0;
    bar.w = s.state == SegmentState::Failed ? std::max(3, px1 - px0) : px1 - px0;
    if (s.state == SegmentState::Failed)
        bar.x -= 1; // centred on the instant
    bar.state = s.state;
    bar.colour = colourKey(s);
    bar.open = open;
    bar.foldable = tiny;
    bar.index = index;
    bar.endNs = s.endNs;
    bar.longestNs = duration;
    bars.push_back(bar);
}

std::uint8_t GanttGeometry::colourKey(const Segment& s) const
{
    if (m_slices && s.state == SegmentState::Running)
        return static_cast<std::uint8_t>(GanttColors::sliceKey(s.detail));
    return static_cast<std::uint8_t>(s.state);
}

void GanttGeometry::build(const engine::Timeline& timeline, const Key& key)
{
    m_slices = timeline.isPrebuilt();
    m_key = key;
    m_valid = true;
    const GanttCoordinates c(key.startNs, key.endNs, 0, key.widthPx);
    const double nsPerPx = c.nsPerPixel();
    m_bars.assign(key.rows.size(), {});
    m_open = timeline.openSegments(key.grouping);

    std::vector<int> rowOfLane(timeline.lanes(key.grouping).size(), -1);
    int gilRow = -1;
    for (std::size_t r = 0; r < key.rows.size(); ++r) {
        if (key.rows[r].gil)
            gilRow = static_cast<int>(r);
        else if (key.rows[r].lane >= 0 && static_cast<std::size_t>(key.rows[r].lane) < rowOfLane.size())
            rowOfLane[static_cast<std::size_t>(key.rows[r].lane)] = static_cast<int>(r);
    }

    for (std::size_t r = 0; r < key.rows.size(); ++r) {
        const GanttRow& row = key.rows[r];
        if (!row.gil && (row.lane < 0 || static_cast<std::size_t>(row.lane) >= rowOfLane.size()))
            continue;
        const engine::TimelineLane& lane
            = row.gil ? timeline.gilLane() : timeline.lanes(key.grouping)[static_cast<std::size_t>(row.lane)];
        std::vector<GanttBar>& bars = m_bars[r];
        const std::size_t end = lane.lastVisible(key.endNs);
        for (std::size_t i = lane.firstVisible(key.startNs); i < end;) {
            const Segment& s = lane[i];
            ++i;
            if (s.endNs < key.startNs)
                continue; // ended before the range, behind a long one that did not
            addBar(bars, s, static_cast<std::uint32_t>(i - 1), false, c);
            GanttBar& last = bars.back();
            if (!last.foldable)
                continue;
            // Zoomed out, most segments fold. Every segment that starts before
            // the column after the bar folds into it (see addBar); when the
            // running maximum of ends proves that none of them reaches past
            // that column either, they are counted in one galloping search
            // instead of being visited. The bar then covers exactly the pixels
            // they would have; its colour is that of the longest one visited.
            // Whole blocks of tiny segments, each starting less than a pixel
            // after everything before it ended, fold without being visited.
            while (i < end) {
                const engine::TimelineLane::BlockSummary& b
                    = lane.blockSummary(i / engine::TimelineLane::kBlock);
                if (b.hasFailure || static_cast<double>(b.maxGap) >= nsPerPx
                    || static_cast<double>(b.maxDuration) >= nsPerPx)
                    break;
                const std::int64_t edgeNs
                    = c.startNs() + static_cast<std::int64_t>((last.x + last.w + 1) * nsPerPx);
                if (lane[i].startNs >= edgeNs)
                    break;
                const std::size_t stop
                    = std::min(end, (i / engine::TimelineLane::kBlock + 1) * engine::TimelineLane::kBlock);
                const std::int64_t reach = lane.maxEndUpTo(stop - 1);
                last.count += static_cast<std::uint32_t>(stop - i);
                last.endNs = std::max(last.endNs, reach);
                last.w = std::max(last.w, ceilPx(c.toX(reach)) - last.x);
                i = stop;
            }
            if (i + 1 < end) {
                const std::int64_t edgeNs
                    = c.startNs() + static_cast<std::int64_t>((last.x + last.w + 1) * nsPerPx);
                const std::size_t j = lane.lastVisibleFrom(i, edgeNs - 1);
                if (j < i + 2)
                    continue;
                const std::int64_t reach = lane.maxEndUpTo(j - 2);
                if (reach > edgeNs)
                    continue;
                last.count += static_cast<std::uint32_t>(j - 1 - i);
                last.endNs = std::max(last.endNs, reach);
                last.w = std::max(last.w, ceilPx(c.toX(reach)) - last.x);
                i = j - 1; // starts inside too, but may reach further: visited
            }
        }
    }
    for (std::size_t i = 0; i < m_open.size(); ++i) {
        const engine::OpenSegment& o = m_open[i];
        const int r = o.lane < 0 ? gilRow
                                 : (static_cast<std::size_t>(o.lane) < rowOfLane.size()
                                         ? rowOfLane[static_cast<std::size_t>(o.lane)]
                                         : -1);
        if (r < 0 || o.segment.endNs < key.startNs || o.segment.startNs > key.endNs)
            continue;
        addBar(m_bars[static_cast<std::size_t>(r)], o.segment, static_cast<std::uint32_t>(i), true, c);
    }

    m_arrows.clear();
    for (const engine::Arrow& a : timeline.arrows(key.grouping)) {
        if (a.toNs >= key.startNs && a.fromNs <= key.endNs)
            m_arrows.push_back(a);
    }
}

std::size_t GanttGeometry::barCount() const
{
    std::size_t n = 0;
    for (const auto& row : m_bars)
        n += row.size();
    return n;
}

Segment GanttGeometry::segment(const engine::Timeline& timeline, int row, const GanttBar& bar) const
{
    Segment s;
    if (bar.open) {
        s = m_open[bar.index].segment;
    } else {
        const GanttRow& r = m_key.rows[static_cast<std::size_t>(row)];
        const engine::TimelineLane& lane
            = r.gil ? timeline.gilLane() : timeline.lanes(m_key.grouping)[static_cast<std::size_t>(r.lane)];
        s = lane[bar.index];
    }
    if (bar.count > 1) {
        s.count = bar.count;
        s.endNs = bar.endNs;
        s.state = bar.state;
    }
    return s;
}

const GanttBar* GanttGeometry::barAt(int row, double x) const
{
    if (row < 0 || static_cast<std::size_t>(row) >= m_bars.size())
        return nullptr;
    const GanttBar* best = nullptr;
    double bestDistance = 3.0; // thin bars are hard to hit exactly
    // Open bars come last and lie on top: search backwards.
    const auto& bars = m_bars[static_cast<std::size_t>(row)];
    for (auto it = bars.rbegin(); it != bars.rend(); ++it) {
        const double left = it->x;
        const double right = it->x + it->w;
        const double distance = x < left ? left - x : (x >= right ? x - right + 1 : 0);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = &*it;
            if (distance == 0)
                break;
        }
    }
    return best;
}

} // namespace overlap::ui
