#pragma once

// pidfd system calls. glibc 2.36's <sys/pidfd.h> declares them without
// extern "C", so C++ cannot link them; the raw system calls are stable.

#include <csignal>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

namespace overlap::engine {

// A descriptor that becomes readable when the process exits; signals sent
// through it cannot reach a recycled pid.
inline int pidfdOpen(pid_t pid)
{
    return static_cast<int>(syscall(SYS_pidfd_open, pid, 0u));
}

inline int pidfdKill(int pidfd, int sig)
{
    return static_cast<int>(syscall(SYS_pidfd_send_signal, pidfd, sig, nullptr, 0u));
}

} // namespace overlap::engine
