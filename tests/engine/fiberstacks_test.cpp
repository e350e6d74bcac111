#include "engine/fiberstacks.h"

#include <boost/fiber/all.hpp>
#include <gtest/gtest.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

using overlap::engine::FiberStacks;

namespace {

std::size_t pageSize()
{
    return static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Resident pages of slot i, from the kernel's page tables.
std::size_t residentPages(const FiberStacks& stacks, std::size_t i)
{
    std::vector<unsigned char> map(stacks.slotBytes() / pageSize());
    mincore(const_cast<char*>(stacks.slotBase(i)), stacks.slotBytes(), map.data());
    std::size_t n = 0;
    for (unsigned char m : map)
        n += m & 1;
    return n;
}

void touchTop(boost::context::stack_context& sc, std::size_t bytes)
{
    auto* top = static_cast<volatile char*>(sc.sp);
    for (std::size_t b = 1; b <= bytes; b += 64)
        top[-static_cast<std::ptrdiff_t>(b)] = 1;
}

void givesBackTheirPages(std::size_t count)
{
    FiberStacks stacks(count, 64 << 10);
    auto alloc = stacks.allocator();
    std::vector<boost::context::stack_context> taken;
    for (std::size_t i = 0; i < count; ++i) {
        taken.push_back(alloc.allocate());
        touchTop(taken.back(), 2 * pageSize());
    }
    EXPECT_EQ(stacks.inUse(), count);
    EXPECT_EQ(residentPages(stacks, 0), 2u);
    EXPECT_EQ(residentPages(stacks, count - 1), 2u);

    for (std::size_t i = 0; i + 1 < count; ++i)
        alloc.deallocate(taken[i]);
    stacks.flush();
    EXPECT_EQ(stacks.inUse(), 1u);
    for (std::size_t i = 0; i + 1 < count; ++i)
        ASSERT_EQ(residentPages(stacks, i), 0u) << "slot " << i << " of " << count;
    EXPECT_EQ(residentPages(stacks, count - 1), 2u) << "the stack still in use keeps its pages";
    alloc.deallocate(taken.back());
    EXPECT_EQ(stacks.inUse(), 0u);
}

} // namespace

TEST(FiberStacks, GivenBackStacksLeaveMemory)
{
    givesBackTheirPages(100);
}

TEST(FiberStacks, LargePoolsGiveBackInTheBackground)
{
    givesBackTheirPages(FiberStacks::kBackgroundRelease + 100);
}

TEST(FiberStacks, EachStackIsHandedOutOnce)
{
    FiberStacks stacks(3, 64 << 10);
    auto alloc = stacks.allocator();
    auto a = alloc.allocate();
    auto b = alloc.allocate();
    auto c = alloc.allocate();
    EXPECT_NE(a.sp, b.sp);
    EXPECT_NE(b.sp, c.sp);
    alloc.deallocate(a);
    EXPECT_THROW(alloc.allocate(), std::bad_alloc) << "a stack given back is not reused";
    alloc.deallocate(b);
    alloc.deallocate(c);
}

TEST(FiberStacks, SmallPoolsHaveGuardPages)
{
    FiberStacks small(10, 64 << 10);
    EXPECT_TRUE(small.guarded());
    FiberStacks large(FiberStacks::kMaxGuarded + 1, 64 << 10);
    EXPECT_FALSE(large.guarded());
}

TEST(FiberStacks, JoinedFibersAreAllGivenBackBeforeThePoolGoes)
{
    FiberStacks stacks(2, 64 << 10);
    int turns = 0;
    boost::fibers::fiber a(std::allocator_arg, stacks.allocator(), [&] {
        for (int i = 0; i < 3; ++i, ++turns)
            boost::this_fiber::yield();
    });
    boost::fibers::fiber b(std::allocator_arg, stacks.allocator(), [&] {
        for (int i = 0; i < 3; ++i, ++turns)
            boost::this_fiber::yield();
    });
    a.join();
    b.join();
    EXPECT_EQ(turns, 6);
    stacks.awaitAllGivenBack();
    EXPECT_EQ(stacks.inUse(), 0u);
}
