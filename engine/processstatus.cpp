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
        return SchedState::Stopped;
    case 't':
        return SchedState::Traced;
    case 'Z':
    case 'X':
        return SchedState::Exiting;
    default:
        return SchedState::Unknown;
    }
}

int parseTracerPid(std::string_view text)
{
    constexpr std::string_view key = "\nTracerPid:";
    const std::size_t at = text.find(key);
    if (at == std::string_view::npos)
        return 0;
    int pid = 0;
    for (std::size_t i = at + key.size(); i < text.size() && text[i] != '\n'; ++i) {
        if (text[i] >= '0' && text[i] <= '9')
            pid = pid * 10 + (text[i] - '0');
        else if (text[i] != ' ' && text[i] != '\t')
            return 0;
        if (pid > 1 << 24)
            return 0;
    }
    return pid;
}

namespace {

// Reads a small /proc file whole; empty when it cannot.
std::string readProcFile(const std::string& path)
{
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    std::string text(4096, '\0');
    const ssize_t n = read(fd, text.data(), text.size());
    close(fd);
    text.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
    return text;
}

// A process in a tracing stop is held by its tracer. LeakSanitizer stops a
// process that way at exit while a clone of it scans its memory: the tracer
// runs, and the process is being worked on. A debugger at a breakpoint waits
// for its user: the process is as stopped as by SIGSTOP.
SchedState resolveTraced(pid_t pid)
{
    const int tracer = parseTracerPid(readProcFile("/proc/" + std::to_string(pid) + "/status"));
    if (tracer <= 0)
        return SchedState::Stopped;
    const SchedState state = parseStatState(readProcFile("/proc/" + std::to_string(tracer) + "/stat"));
    return state == SchedState::Runnable || state == SchedState::DiskWait ? SchedState::Inspected
                                                                          : SchedState::Stopped;
}

} // namespace

ProcessProbe::ProcessProbe(pid_t pid)
{
    m_pid = pid;
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
    : m_pid(std::exchange(other.m_pid, 0))
    , m_statFd(std::exchange(other.m_statFd, -1))
    , m_clock(other.m_clock)
    , m_hasClock(std::exchange(other.m_hasClock, false))
{
}

ProcessProbe& ProcessProbe::operator=(ProcessProbe&& other) noexcept
{
    if (this != &other) {
        if (m_statFd >= 0)
            close(m_statFd);
        m_pid = std::exchange(other.m_pid, 0);
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
    const SchedState state = parseStatState(std::string_view(buf, static_cast<std::size_t>(n)));
    return state == SchedState::Traced ? resolveTraced(m_pid) : state;
}

} // namespace overlap::engine
