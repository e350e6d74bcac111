#include "engine/chunkedvector.h"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <numeric>
#include <vector>

using overlap::engine::ChunkedVector;

TEST(ChunkedVector, IndexesAcrossChunkBoundaries)
{
    ChunkedVector<std::int64_t> v;
    EXPECT_TRUE(v.empty());
    for (std::int64_t i = 0; i < 100'000; ++i)
        v.push_back(i * 3);
    ASSERT_EQ(v.size(), 100'000u);
    // Chunks of 4, 8, 16, …: check the elements on either side of every boundary.
    for (std::size_t start = 4, size = 4; start < v.size(); size *= 2, start += size) {
        EXPECT_EQ(v.contiguousAt(start).begin, start);
        EXPECT_EQ(v.contiguousAt(start - 1).begin + v.contiguousAt(start - 1).size, start);
        EXPECT_EQ(v[start - 1], static_cast<std::int64_t>(start - 1) * 3);
        EXPECT_EQ(v[start], static_cast<std::int64_t>(start) * 3);
    }
    EXPECT_EQ(v.back(), 99'999 * 3);
    EXPECT_EQ(std::accumulate(v.begin(), v.end(), std::int64_t{0}), 3 * (99'999LL * 100'000 / 2));
}

// A timeline holds a few of these per lane and a lane per task: 100,000
// tasks of one step each must not cost a kilobyte apiece.
TEST(ChunkedVector, SmallOnesStaySmall)
{
    struct Wide {
        std::int64_t a[7];
    };
    EXPECT_LE(sizeof(ChunkedVector<Wide>), 32u);
    ChunkedVector<Wide> v;
    for (int i = 0; i < 3; ++i)
        v.push_back({});
    // One chunk, of room for 4 (the first of 4, 8, 16, …).
    EXPECT_EQ(v.contiguousAt(0).begin, 0u);
    EXPECT_EQ(v.contiguousAt(0).size, 3u);
    v.push_back({});
    v.push_back({});
    EXPECT_EQ(v.contiguousAt(4).begin, 4u);
    EXPECT_EQ(v.contiguousAt(0).size, 4u);
}

TEST(ChunkedVector, StandardAlgorithmsWork)
{
    ChunkedVector<int> v;
    for (int i = 0; i < 1000; ++i)
        v.push_back(2 * i);
    const auto it = std::upper_bound(v.begin(), v.end(), 777);
    EXPECT_EQ(it - v.begin(), 389);
    EXPECT_EQ(*it, 778);
    // Insert 5 in place as TimelineLane does: append, then rotate.
    v.push_back(5);
    std::rotate(v.begin() + 3, v.end() - 1, v.end());
    EXPECT_EQ(v[2], 4);
    EXPECT_EQ(v[3], 5);
    EXPECT_EQ(v[4], 6);
    EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
    std::vector<int> copy(v.begin(), v.end());
    EXPECT_EQ(copy.size(), 1001u);
}

TEST(ChunkedVector, CopiesMovesAndClears)
{
    ChunkedVector<int> a;
    for (int i = 0; i < 300; ++i)
        a.push_back(i);
    ChunkedVector<int> b = a;
    a[0] = 42;
    EXPECT_EQ(b[0], 0);
    EXPECT_EQ(b.size(), 300u);
    ChunkedVector<int> c = std::move(b);
    EXPECT_EQ(c.size(), 300u);
    EXPECT_EQ(c[299], 299);
    EXPECT_TRUE(b.empty()); // NOLINT(bugprone-use-after-move): a moved-from container is empty
    c.resize(10);
    EXPECT_EQ(c.size(), 10u);
    c.push_back(7);
    EXPECT_EQ(c[10], 7);
    c.clear();
    EXPECT_TRUE(c.empty());
    c.push_back(1);
    EXPECT_EQ(c[0], 1);
}
