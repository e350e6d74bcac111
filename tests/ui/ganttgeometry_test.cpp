#include "../engine/eventbuilder.h"
#include "../engine/testutil.h"
#include "engine/timeline.h"
#include "ui/ganttcoordinates.h"
#include "ui/ganttgeometry.h"

#include <gtest/gtest.h>
#include <random>
#include <set>

using namespace overlap;
using overlap::testing::EventBuilder;

namespace {

// One worker runs `n` one-step tasks back to back: mostly tiny steps with
// tiny gaps, now and then a long step or a long pause, so that some blocks
// of segments can be folded whole and others cannot.
engine::Timeline busyWorker(int n, unsigned seed)
{
    using namespace overlap::testutil;
    auto plan
        = std::make_shared<const engine::Plan>(scenario(engine::Model::Threads, 1, {task("t", n, {io(1)})}));
    engine::Timeline timeline(plan);
    std::mt19937 rng(seed);
    EventBuilder b;
    double t = 0;
    for (int i = 0; i < n; ++i) {
        const double length = (rng() % 500 == 0) ? 2.0 : 0.001 * (1 + rng() % 20);
        const double pause = (rng() % 700 == 0) ? 1.5 : 0.0001 * (rng() % 10);
        b.task(i, 0, t, t + length);
        t += length + pause;
    }
    const std::vector<engine::Event> events = b.build();
    timeline.append(events);
    timeline.finish();
    return timeline;
}

// The pixel columns [x, x + w) a set of bars paints.
std::set<int> columns(const std::vector<ui::GanttBar>& bars)
{
    std::set<int> out;
    for (const ui::GanttBar& bar : bars)
        for (int x = bar.x; x < bar.x + bar.w; ++x)
            out.insert(x);
    return out;
}

} // namespace

// However segments are folded (one by one, by galloping, or a block at a
// time), the bars must paint exactly the columns the segments would paint
// one by one, and count every visible segment once.
TEST(GanttGeometry, FoldedBarsCoverExactlyTheColumnsOfTheirSegments)
{
    const engine::Timeline timeline = busyWorker(20'000, 3);
    const engine::TimelineLane& lane = timeline.lanes(engine::Grouping::Worker).at(0);
    ASSERT_GE(lane.size(), 20'000u);
    const std::int64_t total = timeline.endNs();
    const int width = 1500;
    for (const auto& [from, to] : std::vector<std::pair<std::int64_t, std::int64_t>>{{0, total},
             {0, total / 7}, {total / 3, total / 3 + total / 50}, {total / 2, total / 2 + 2'000'000}}) {
        ui::GanttGeometry geometry;
        ui::GanttGeometry::Key key;
        key.startNs = from;
        key.endNs = to;
        key.widthPx = width;
        key.grouping = engine::Grouping::Worker;
        key.rows = {ui::GanttRow{0, false}};
        geometry.build(timeline, key);
        const std::vector<ui::GanttBar>& bars = geometry.bars().at(0);

        const ui::GanttCoordinates c(from, to, 0, width);
        std::set<int> expected;
        std::uint64_t visible = 0;
        for (const engine::Segment& s : lane.segments()) {
            if (s.endNs < from || s.startNs > to)
                continue;
            ++visible;
            const double x0 = std::max(c.toX(s.startNs), -1.0);
            const double x1 = std::min(c.toX(s.endNs), width + 1.0);
            const int px0 = static_cast<int>(std::floor(x0));
            const int px1 = std::max(px0 + 1, static_cast<int>(std::ceil(x1)));
            for (int x = px0; x < px1; ++x)
                expected.insert(x);
        }
        std::uint64_t counted = 0;
        for (const ui::GanttBar& bar : bars)
            counted += bar.count;
        EXPECT_EQ(counted, visible) << "range " << from << "–" << to;
        EXPECT_EQ(columns(bars), expected) << "range " << from << "–" << to;
        if (from == 0 && to == total) {
            EXPECT_LT(bars.size() * 10, visible); // zoomed out, it folds
        }
    }
}

TEST(TimelineLane, BlockSummariesFollowLateInsertions)
{
    engine::TimelineLane lane;
    auto seg = [](std::int64_t start, std::int64_t end) {
        engine::Segment s;
        s.startNs = start;
        s.endNs = end;
        return s;
    };
    for (int i = 0; i < 200; ++i)
        lane.add(seg(i * 10, i * 10 + 5)); // gaps of 5 ns
    EXPECT_EQ(lane.blockSummary(0).maxGap, 5);
    EXPECT_EQ(lane.blockSummary(0).maxDuration, 5);
    // A late, long segment lands in block 0 and shifts the rest.
    lane.add(seg(1, 1000));
    EXPECT_EQ(lane.size(), 201u);
    EXPECT_EQ(lane[1].startNs, 1);
    EXPECT_EQ(lane.blockSummary(0).maxDuration, 999);
    EXPECT_LE(lane.blockSummary(1).maxGap, 5);
    EXPECT_EQ(lane.blockSummary(3).maxDuration, 5);
}
