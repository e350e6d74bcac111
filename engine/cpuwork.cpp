#include "engine/cpuwork.h"

#include "engine/clock.h"

#include <algorithm>
#include <mutex>

namespace overlap::engine {

std::uint64_t burn(std::uint64_t iterations, std::uint64_t state)
{
    // A dependent chain of multiply / xor-shift: one iteration cannot start
    // before the previous one ends, so its speed is that of one core.
    for (std::uint64_t i = 0; i < iterations; ++i) {
        state ^= state >> 29;
        state *= 0xbf58476d1ce4e5b9ULL;
        state += i;
    }
    asm volatile("" : "+r"(state)); // the result is "used": the loop stays
    return state;
}

double calibratedItersPerMs()
{
    static double cached = 0;
    static std::once_flag once;
    std::call_once(once, [] {
        std::uint64_t state = 1;
        state = burn(200'000, state); // warm-up: page in, let the core clock up
        double best = 0;
        for (int run = 0; run < 8; ++run) {
            constexpr std::uint64_t n = 400'000;
            const std::int64_t t0 = monotonicNs();
            state = burn(n, state);
            const std::int64_t dt = std::max<std::int64_t>(1, monotonicNs() - t0);
            best = std::max(best, double(n) * 1e6 / double(dt));
        }
        cached = best;
    });
    return cached;
}

} // namespace overlap::engine
