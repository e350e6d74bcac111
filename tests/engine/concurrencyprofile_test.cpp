#include "engine/concurrencyprofile.h"

#include <gtest/gtest.h>
#include <random>

using namespace overlap::engine;

namespace {

Segment seg(std::int64_t start, std::int64_t end, SegmentState state = SegmentState::WaitingIo, int step = 0)
{
    Segment s;
    s.startNs = start;
    s.endNs = end;
    s.state = state;
    s.step = static_cast<std::int16_t>(step);
    s.task = 0;
    return s;
}

// The average number of counted segments over each column, the slow way.
std::vector<double> bruteForce(
    const std::vector<Segment>& segments, int columns, std::int64_t totalNs, bool runningOnly)
{
    std::vector<double> out(static_cast<std::size_t>(columns), 0.0);
    const double step = static_cast<double>(totalNs) / columns;
    for (const Segment& s : segments) {
        if (!ConcurrencyProfile::counts(s) || (runningOnly && s.state != SegmentState::Running))
            continue;
        for (int c = 0; c < columns; ++c) {
            const double a = std::max(step * c, static_cast<double>(s.startNs));
            const double b = std::min(step * (c + 1), static_cast<double>(s.endNs));
            if (b > a)
                out[static_cast<std::size_t>(c)] += (b - a) / step;
        }
    }
    return out;
}

} // namespace

TEST(ConcurrencyProfile, CountsOnlyStepsInProgress)
{
    EXPECT_TRUE(ConcurrencyProfile::counts(seg(0, 10, SegmentState::Running)));
    EXPECT_TRUE(ConcurrencyProfile::counts(seg(0, 10, SegmentState::WaitingLock)));
    EXPECT_FALSE(ConcurrencyProfile::counts(seg(0, 10, SegmentState::Backoff)));
    EXPECT_FALSE(ConcurrencyProfile::counts(seg(0, 10, SegmentState::Startup)));
    EXPECT_FALSE(ConcurrencyProfile::counts(seg(0, 10, SegmentState::Running, -1)));
    EXPECT_FALSE(ConcurrencyProfile::counts(seg(10, 10, SegmentState::Running)));
}

TEST(ConcurrencyProfile, TwoOverlappingWaitsAverageToTwoWhereTheyOverlap)
{
    ConcurrencyProfile p(16, 10);
    p.add(seg(0, 100));
    p.add(seg(50, 150, SegmentState::Running));
    const auto cols = p.resample(3, 150);
    ASSERT_EQ(cols.size(), 6u);
    EXPECT_NEAR(cols[0], 1.0, 1e-6); // [0, 50): the first only
    EXPECT_NEAR(cols[1], 2.0, 1e-6); // [50, 100): both
    EXPECT_NEAR(cols[2], 1.0, 1e-6); // [100, 150): the second only
    EXPECT_NEAR(cols[3], 0.0, 1e-6); // running
    EXPECT_NEAR(cols[4], 1.0, 1e-6);
    EXPECT_NEAR(cols[5], 1.0, 1e-6);
}

TEST(ConcurrencyProfile, GrowsByDoublingAndKeepsEveryNanosecond)
{
    ConcurrencyProfile p(64, 1);
    p.add(seg(0, 10));
    EXPECT_EQ(p.binNs(), 1);
    p.add(seg(5, 1'000'000)); // forces many doublings
    EXPECT_GE(p.binNs() * p.binCount(), 1'000'000);
    EXPECT_LT(p.binNs() * p.binCount() / 2, 1'000'000);
    const std::int64_t covered = p.binNs() * p.binCount();
    const auto cols = p.resample(1, covered);
    EXPECT_NEAR(cols[0] * static_cast<double>(covered), 10.0 + 999'995.0, 0.5); // float precision
}

TEST(ConcurrencyProfile, MatchesABruteForceSumOnRandomSegments)
{
    std::mt19937_64 rng(7);
    std::vector<Segment> segments;
    ConcurrencyProfile p(256, 1000);
    const SegmentState states[] = {SegmentState::Running, SegmentState::WaitingIo, SegmentState::Ready,
        SegmentState::Backoff, SegmentState::WaitingGil};
    std::int64_t total = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto start = static_cast<std::int64_t>(rng() % 50'000'000);
        const auto length = static_cast<std::int64_t>(i % 10 == 0 ? rng() % 20'000'000 : rng() % 20'000);
        const Segment s = seg(start, start + length + 1, states[rng() % 5]);
        segments.push_back(s);
        p.add(s);
        total = std::max(total, s.endNs);
    }
    // Open segments passed at resampling count too, and do not stay.
    const std::vector<Segment> open = {seg(total - 5'000'000, total + 3'000'000, SegmentState::Running)};
    std::vector<Segment> all = segments;
    all.insert(all.end(), open.begin(), open.end());

    // Columns on bin boundaries are exact; others are interpolated inside a
    // bin, which still keeps the total up to the last bin boundary.
    ConcurrencyProfile withOpen = p;
    withOpen.add(open[0]);
    const std::int64_t covered = withOpen.binNs() * withOpen.binCount();
    for (int columns : {8, 64, 256}) {
        const auto cols = p.resample(columns, covered, open);
        const auto in = bruteForce(all, columns, covered, false);
        const auto run = bruteForce(all, columns, covered, true);
        for (int c = 0; c < columns; ++c) {
            const auto i = static_cast<std::size_t>(c);
            EXPECT_NEAR(cols[i], in[i], 1e-4 * (1 + in[i])) << "column " << c << " of " << columns;
            EXPECT_NEAR(cols[static_cast<std::size_t>(columns) + i], run[i], 1e-4 * (1 + run[i]));
        }
    }
    for (int columns : {7, 1920}) {
        const auto cols = p.resample(columns, covered, open);
        const auto in = bruteForce(all, columns, covered, false);
        double sum = 0, expected = 0;
        for (int c = 0; c < columns; ++c) {
            sum += cols[static_cast<std::size_t>(c)];
            expected += in[static_cast<std::size_t>(c)];
        }
        EXPECT_NEAR(sum, expected, 1e-5 * expected);
    }
    const auto without = p.resample(1, covered);
    const auto with = p.resample(1, covered, open);
    EXPECT_NEAR(with[1] - without[1], 8'000'000.0 / static_cast<double>(covered), 1e-5);
}

TEST(ConcurrencyProfile, ClearStartsOver)
{
    ConcurrencyProfile p(8, 1);
    p.add(seg(0, 1000));
    p.clear();
    EXPECT_EQ(p.binNs(), 1);
    EXPECT_EQ(p.resample(2, 8)[0], 0.f);
}
