#include "engine/clock.h"

#include <cerrno>
#include <cstdio>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace overlap::engine {

void sleepUntilMonotonicNs(std::int64_t deadlineNs)
{
    if (deadlineNs <= monotonicNs())
        return;
    const timespec ts{
        static_cast<time_t>(deadlineNs / 1'000'000'000), static_cast<long>(deadlineNs % 1'000'000'000)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) { }
}

int currentPid()
{
    // Not cached across fork(): Overlap never forks, it spawns.
    return static_cast<int>(getpid());
}

int currentTid()
{
    thread_local const int tid = static_cast<int>(syscall(SYS_gettid));
    return tid;
}

int currentCore()
{
    return sched_getcpu();
}

long ownPeakRssKib()
{
    std::FILE* f = std::fopen("/proc/self/status", "re");
    if (!f)
        return 0;
    long kib = 0;
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
        if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1)
            break;
    }
    std::fclose(f);
    return kib;
}

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace overlap::engine
