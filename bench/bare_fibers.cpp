// The floor under Overlap's fibers model: N bare Boost.Fiber fibers on one
// thread, each sleeping MS milliseconds, with nothing recorded. Also the cost
// of touching one fresh page of memory, which every waiting fiber's stack
// needs at least once.
//
//   bare_fibers [N=100000] [MS=100]
//
// Prints one JSON object: time above MS, resident KiB per waiting fiber
// (sampled while all of them wait) and microseconds per fresh page.

#include <boost/fiber/all.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace {

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
    const std::size_t stride = 64 << 10;
    void* p = mmap(
        nullptr, pages * stride, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    auto* base = static_cast<volatile char*>(p);
    const double t0 = nowMs();
    for (std::size_t i = 0; i < pages; ++i)
        base[(i + 1) * stride - 64] = 1;
    const double us = (nowMs() - t0) * 1000 / double(pages);
    munmap(p, pages * stride);
    return us;
}

} // namespace

int main(int argc, char** argv)
{
    const int n = argc > 1 ? std::atoi(argv[1]) : 100'000;
    const double ms = argc > 2 ? std::atof(argv[2]) : 100;
    const auto wait = std::chrono::microseconds(static_cast<long>(ms * 1000));

    const long before = rssKib();
    long waiting = 0;
    const double t0 = nowMs();
    {
        std::vector<boost::fibers::fiber> fibers;
        fibers.reserve(std::size_t(n) + 1);
        // Boost's plain allocator: a malloc'd 64 KiB stack each, touched only where used.
        boost::fibers::fixedsize_stack stacks(64 << 10);
        for (int i = 0; i < n; ++i)
            fibers.emplace_back(std::allocator_arg, stacks, [wait] { boost::this_fiber::sleep_for(wait); });
        fibers.emplace_back(std::allocator_arg, stacks, [&] {
            boost::this_fiber::sleep_for(wait / 2); // every other fiber is waiting now
            waiting = rssKib();
        });
        for (auto& f : fibers)
            f.join();
    }
    const double total = nowMs() - t0;
    std::printf("{\"fibers\":%d,\"wait_ms\":%g,\"total_ms\":%.3f,\"above_ms\":%.3f,\"kib_per_fiber\":%.3f,"
                "\"stack\":\"boost::fibers::fixedsize_stack 64 KiB\",\"page_touch_us\":%.3f}\n",
        n, ms, total, total - ms, double(waiting - before) / n, pageTouchUs(std::size_t(n)));
}
