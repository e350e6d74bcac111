// The floor under Overlap's fibers model: N bare Boost.Fiber fibers on one
// thread, each sleeping MS milliseconds, with nothing recorded. Three rounds:
//
//  - Boost's own allocator (fixedsize_stack, malloc'd): what a plain
//    Boost.Fiber program pays;
//  - a pool of stacks in one mapping, first use: the same, with fresh pages;
//  - the same pool again: every stack is already resident, so no page is
//    faulted in; what is left is Boost.Fiber's own scheduling.
//
// Also the cost of touching one fresh page of memory, which every waiting
// fiber's stack needs at least once.
//
//   bare_fibers [N=100000] [MS=100]
//
// Prints one JSON object: time above MS per round, resident KiB per waiting
// fiber (sampled while all of them wait) and microseconds per fresh page.

#include <boost/context/stack_context.hpp>
#include <boost/fiber/all.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr std::size_t kStack = 64 << 10;

double nowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

long rssKib()
{
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    statm >> size >> resident;
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Microseconds to touch `pages` fresh pages, 64 KiB apart (one per stack).
double pageTouchUs(std::size_t pages)
{
    void* p = mmap(
        nullptr, pages * kStack, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    auto* base = static_cast<volatile char*>(p);
    const double t0 = nowMs();
    for (std::size_t i = 0; i < pages; ++i)
        base[(i + 1) * kStack - 64] = 1;
    const double us = (nowMs() - t0) * 1000 / double(pages);
    munmap(p, pages * kStack);
    return us;
}

// One mapping of `count` stacks, handed out in order and never given back to
// the kernel, so that a second round runs on pages already resident.
class ResidentStacks {
public:
    explicit ResidentStacks(std::size_t count)
        : m_count(count)
    {
        void* p = mmap(nullptr, count * kStack, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        m_base = p == MAP_FAILED ? nullptr : static_cast<char*>(p);
    }
    ~ResidentStacks()
    {
        if (m_base)
            munmap(m_base, m_count * kStack);
    }
    bool ok() const { return m_base != nullptr; }
    void rewind() { m_next = 0; }

    class Allocator {
    public:
        explicit Allocator(ResidentStacks& pool)
            : m_pool(&pool)
        {
        }
        boost::context::stack_context allocate()
        {
            boost::context::stack_context sc;
            sc.size = kStack;
            sc.sp = m_pool->m_base + ++m_pool->m_next * kStack; // the top: stacks grow down
            return sc;
        }
        void deallocate(boost::context::stack_context&) noexcept { }

    private:
        ResidentStacks* m_pool;
    };

private:
    char* m_base = nullptr;
    std::size_t m_count = 0;
    std::size_t m_next = 0;
};

struct Round {
    double aboveMs = 0;
    long waitingKib = 0; // resident set while every fiber waits
};

template <typename StackAllocator> Round waitRound(int n, double ms, StackAllocator stacks)
{
    const auto wait = std::chrono::microseconds(static_cast<long>(ms * 1000));
    Round round;
    const double t0 = nowMs();
    {
        std::vector<boost::fibers::fiber> fibers;
        fibers.reserve(std::size_t(n) + 1);
        for (int i = 0; i < n; ++i)
            fibers.emplace_back(std::allocator_arg, stacks, [wait] { boost::this_fiber::sleep_for(wait); });
        fibers.emplace_back(std::allocator_arg, stacks, [&] {
            boost::this_fiber::sleep_for(wait / 2); // every other fiber is waiting now
            round.waitingKib = rssKib();
        });
        for (auto& f : fibers)
            f.join();
    }
    round.aboveMs = nowMs() - t0 - ms;
    return round;
}

} // namespace

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 100'000;
    const double ms = argc > 2 ? std::atof(argv[2]) : 100;

    const long before = rssKib();
    // Boost's plain allocator: a malloc'd 64 KiB stack each, touched only where used.
    const Round boost = waitRound(n, ms, boost::fibers::fixedsize_stack(kStack));

    ResidentStacks pool(std::size_t(n) + 2);
    Round cold, warm;
    if (pool.ok()) {
        cold = waitRound(n, ms, ResidentStacks::Allocator(pool));
        pool.rewind();
        warm = waitRound(n, ms, ResidentStacks::Allocator(pool));
    }
    std::printf("{\"fibers\":%d,\"wait_ms\":%g,\"above_ms\":%.3f,\"kib_per_fiber\":%.3f,"
                "\"stack\":\"boost::fibers::fixedsize_stack 64 KiB\",\"pool_cold_above_ms\":%.3f,"
                "\"resident_above_ms\":%.3f,\"page_touch_us\":%.3f}\n",
        n, ms, boost.aboveMs, double(boost.waitingKib - before) / n, pool.ok() ? cold.aboveMs : -1,
        pool.ok() ? warm.aboveMs : -1, pageTouchUs(std::size_t(n)));
}
