#include "engine/clock.h"

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace overlap::engine {

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

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace overlap::engine
