#pragma once

// Clocks shared by every model. CLOCK_MONOTONIC is one clock for the whole
// machine, so a worker process given the run's origin stamps events on the
// same time line as the engine.

#include <cstdint>
#include <ctime>

namespace overlap::engine {

inline std::int64_t monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

inline std::int64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Process id and kernel thread id, cached per thread (a syscall each otherwise).
int currentPid();
int currentTid();
int currentCore();

// Peak resident set of this process, KiB (getrusage).
long peakRssKib();

// This process's own peak resident set since its exec (VmHWM), KiB; 0 when
// unknown. A child started with posix_spawn (vfork) gets the parent's peak
// folded into its ru_maxrss at exec, so children report this one instead.
long ownPeakRssKib();

// Sleeps the calling thread until an absolute CLOCK_MONOTONIC time. A
// deadline that has already passed returns at once, without a system call:
// the kernel stretches every timed sleep by the thread's timer slack (50 µs by
// default), even one whose time is up, and a 0 ms wait must cost nothing.
void sleepUntilMonotonicNs(std::int64_t deadlineNs);

inline constexpr std::int64_t msToNs(double ms)
{
    return static_cast<std::int64_t>(ms * 1e6);
}

} // namespace overlap::engine
