#include "ui/ganttcoordinates.h"
#include "ui/ganttticks.h"
#include "ui/zoomcontrol.h"

#include <gtest/gtest.h>

using overlap::ui::GanttCoordinates;
using overlap::ui::GanttTicks;
using overlap::ui::ZoomControl;

struct RangeCase {
    std::int64_t start;
    std::int64_t end;
    double left;
    double width;
};

class CoordinatesRoundTrip : public ::testing::TestWithParam<RangeCase> { };

TEST_P(CoordinatesRoundTrip, TimeToPixelAndBack)
{
    const RangeCase rc = GetParam();
    const GanttCoordinates c(rc.start, rc.end, rc.left, rc.width);
    EXPECT_DOUBLE_EQ(c.toX(rc.start), rc.left);
    EXPECT_DOUBLE_EQ(c.toX(rc.end), rc.left + rc.width);
    const std::int64_t span = rc.end - rc.start;
    for (std::int64_t t :
        {rc.start, rc.start + span / 3, rc.start + span / 2, rc.end, rc.end + span, rc.start - span}) {
        // Exact when a pixel spans at least a nanosecond; else within one pixel's worth.
        const double tolerance = std::max(0.0, 1.0 / c.nsPerPixel());
        EXPECT_NEAR(static_cast<double>(c.toNs(c.toX(t))), static_cast<double>(t), std::max(0.5, tolerance))
            << "t=" << t;
    }
    for (double x : {rc.left, rc.left + 1, rc.left + rc.width / 2, rc.left - 50}) {
        // Pixel → time → pixel lands within the rounding of one ns.
        EXPECT_NEAR(c.toX(c.toNs(x)), x, 1.0 / c.nsPerPixel() + 1e-9) << "x=" << x;
    }
}

INSTANTIATE_TEST_SUITE_P(Ranges, CoordinatesRoundTrip,
    ::testing::Values(RangeCase{0, 1'000'000'000, 0, 1000}, RangeCase{5'000, 5'900, 170, 900},
        RangeCase{123'456'789, 987'654'321, 10.5, 1919}, RangeCase{0, 100, 0, 1920},
        RangeCase{3'600'000'000'000, 3'600'000'000'050, 0, 640}));

TEST(GanttCoordinates, NoClampingOutsideTheRange)
{
    const GanttCoordinates c(1000, 2000, 100, 100);
    EXPECT_DOUBLE_EQ(c.toX(0), 0);
    EXPECT_DOUBLE_EQ(c.toX(3000), 300);
    EXPECT_EQ(c.toNs(-100), -1000);
}

TEST(GanttTicks, StepsAreNiceAndLeaveRoom)
{
    EXPECT_EQ(GanttTicks::step(1'000'000'000, 1000, 100), 100'000'000);
    EXPECT_EQ(GanttTicks::step(1'000'000'000, 1000, 90), 100'000'000);
    EXPECT_EQ(GanttTicks::step(1'000, 1000, 100), 100);
    EXPECT_EQ(GanttTicks::step(3'000'000, 1000, 100), 500'000);
    const auto ticks = GanttTicks::ticks(250, 1000, 200);
    EXPECT_EQ(ticks, (std::vector<std::int64_t>{400, 600, 800, 1000}));
}

TEST(GanttTicks, LabelsUseTheUnitOfTheStep)
{
    EXPECT_EQ(GanttTicks::label(1'500'000'000, 500'000'000), QStringLiteral("1.5 s"));
    EXPECT_EQ(GanttTicks::label(200'000'000, 10'000'000), QStringLiteral("200 ms"));
    EXPECT_EQ(GanttTicks::label(1'000'000'000, 100'000'000), QStringLiteral("1.0 s"));
    EXPECT_EQ(GanttTicks::label(2'000, 1'000), QStringLiteral("2 \u00b5s"));
    EXPECT_EQ(GanttTicks::label(50, 10), QStringLiteral("50 ns"));
    EXPECT_EQ(GanttTicks::duration(14'230'000), QStringLiteral("14.2 ms"));
    EXPECT_EQ(GanttTicks::duration(2'000'000'000), QStringLiteral("2.00 s"));
}

TEST(ZoomControl, ZoomKeepsTheAnchorAndStaysInsideTheRun)
{
    ZoomControl z;
    z.setTotal(1'000'000);
    z.fit();
    EXPECT_EQ(z.visibleStart(), 0);
    EXPECT_EQ(z.visibleEnd(), 1'000'000);
    z.zoom(0.5, 250'000);
    EXPECT_EQ(z.visibleSpan(), 500'000);
    // The anchor was a quarter in, and still is.
    EXPECT_EQ(z.visibleStart(), 125'000);
    z.pan(-1'000'000);
    EXPECT_EQ(z.visibleStart(), 0);
    z.zoom(100, 0);
    EXPECT_EQ(z.visibleSpan(), 1'000'000); // never wider than the run
    z.zoom(1e-9, 10);
    EXPECT_EQ(z.visibleSpan(), ZoomControl::minSpanNs);
}

TEST(ZoomControl, AFittedViewGrowsWithTheRunAndSelectionStaysInside)
{
    ZoomControl z;
    z.setTotal(1000);
    z.fit();
    z.setTotal(5000);
    EXPECT_EQ(z.visibleEnd(), 5000);
    z.zoom(0.5, 0);
    z.setTotal(9000);
    EXPECT_EQ(z.visibleEnd(), 2500); // not fitted: left alone
    z.setSelection(8000, 12'000);
    EXPECT_EQ(z.selectionStart(), 8000);
    EXPECT_EQ(z.selectionEnd(), 9000);
    z.clearSelection();
    EXPECT_FALSE(z.hasSelection());
}
