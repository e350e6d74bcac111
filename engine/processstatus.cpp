#include "engine/processstatus.h"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

namespace overlap::engine {

std::string describeWaitStatus(int status)
{
    if (WIFEXITED(status)) {
        const int code = WEXITSTATUS(status);
        return code == 0 ? "exited normally" : "exited with code " + std::to_string(code);
    }
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        // sigdescr_np is thread-safe, unlike strsignal.
        const char* name = sigdescr_np(sig);
        std::string text
            = (sig == SIGKILL || sig == SIGTERM || sig == SIGINT ? "killed by signal " : "crashed: signal ")
            + std::to_string(sig) + " (" + (name ? name : "unknown") + ")";
        if (WCOREDUMP(status))
            text += ", core dumped";
        return text;
    }
    return "stopped with wait status " + std::to_string(status);
}

SchedState parseStatState(std::string_view line)
{
    const std::size_t close = line.rfind(')');
    if (close == std::string_view::npos || close + 2 >= line.size() || line[close + 1] != ' ')
        return SchedState::Unknown;
    switch (line[close + 2]) {
    case 'R':
        return SchedState::Runnable;
    case 'S':
    case 'I':
        return SchedState::Sleeping;
    case 'D':
        return SchedState::DiskWait;
    case 'T':
    case 't':
        return SchedState::Stopped;
    case 'Z':
    case 'X':
        return SchedState::Exiting;
    default:
        return SchedState::Unknown;
    }
}

ProcessProbe::ProcessProbe(pid_t pid)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/stat";
    m_statFd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    // The clock of another process: Linux allows it for the thread-group
    // leader, and the child's pid cannot be reused before the engine reaps it.
    m_hasClock = clock_getcpuclockid(pid, &m_clock) == 0;
}

ProcessProbe::~ProcessProbe()
{
    if (m_statFd >= 0)
        close(m_statFd);
}

ProcessProbe::ProcessProbe(ProcessProbe&& other) noexcept
    : m_statFd(std::exchange(other.m_statFd, -1))
    , m_clock(other.m_clock)
    , m_hasClock(std::exchange(other.m_hasClock, false))
{
}

ProcessProbe& ProcessProbe::operator=(ProcessProbe&& other) noexcept
{
    if (this != &other) {
        if (m_statFd >= 0)
            close(m_statFd);
        m_statFd = std::exchange(other.m_statFd, -1);
        m_clock = other.m_clock;
        m_hasClock = std::exchange(other.m_hasClock, false);
    }
    return *this;
}

std::int64_t ProcessProbe::cpuNs() const
{
    timespec ts{};
    if (!m_hasClock || clock_gettime(m_clock, &ts) != 0)
        return -1;
    return std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

SchedState ProcessProbe::state() const
{
    if (m_statFd < 0)
        return SchedState::Unknown;
    // The state letter is within the first ~60 bytes unless the command name
    // is long (at most 16 bytes in the kernel): 256 is plenty.
    char buf[256];
    const ssize_t n = pread(m_statFd, buf, sizeof buf, 0);
    if (n <= 0)
        return SchedState::Unknown;
    return parseStatState(std::string_view(buf, static_cast<std::size_t>(n)));
}

} // namespace overlap::engine
