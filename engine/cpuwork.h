#pragma once

// Real CPU work: an integer mixing loop whose result feeds an asm barrier, so
// the optimiser can neither remove nor shorten it. A "ms of cpu" is a number
// of iterations calibrated once per process on this machine.

#include "engine/offcpu.h"

#include <cstdint>

namespace overlap::engine {

// Runs `iterations` rounds of work; returns a value that depends on all of them.
std::uint64_t burn(std::uint64_t iterations, std::uint64_t state);

// Iterations per millisecond of single-core work, measured on first use
// (about 20 ms, best of several runs so that a busy core does not lower it).
double calibratedItersPerMs();

// Work is cut into slices this long so that a stop request or a GIL drop
// request is seen quickly (CPython checks its eval breaker at a similar
// grain), and so that the off-core tracker places a preemption within one
// slice.
inline constexpr double kSliceMs = double(OffCpuTracker::kSliceNs) / 1e6;

// Runs `ms` of work in slices, calling `afterEach()` after every slice;
// returns false (work abandoned) as soon as it does.
template <class AfterEach> bool computeSlices(double ms, double itersPerMs, AfterEach&& afterEach)
{
    const double total = ms * itersPerMs;
    const auto slice = static_cast<std::uint64_t>(kSliceMs * itersPerMs) + 1;
    std::uint64_t remaining = static_cast<std::uint64_t>(total);
    std::uint64_t state = 0x243f6a8885a308d3ULL ^ remaining;
    while (remaining > 0) {
        const std::uint64_t n = remaining < slice ? remaining : slice;
        state = burn(n, state);
        remaining -= n;
        if (!afterEach())
            return false;
    }
    return true;
}

// The models' cpu step: the work, with every interval the thread spent off
// its core recorded by `tracker` as it happens. `between()` runs after each
// slice, once the tracker has looked at it. The caller ends the tracking
// (OffCpuTracker::finish()) when it stamps the step's end.
template <class Between>
bool computeMs(double ms, double itersPerMs, OffCpuTracker& tracker, Between&& between)
{
    return computeSlices(ms, itersPerMs, [&] {
        tracker.afterSlice();
        return between();
    });
}

} // namespace overlap::engine
