#pragma once

// What the engine can learn about a child process without its help: the
// words for its raw wait status (one place, so that the GUI, the command line
// and error messages describe a worker's end alike), and a live probe of its
// scheduler state and CPU time, which the hang rule (progresswatch.h) judges.

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace overlap::engine {

// "exited normally", "exited with code 7", "killed by signal 9 (Killed)",
// "crashed: signal 6 (Aborted), core dumped".
std::string describeWaitStatus(int status);

// The state letter of /proc/PID/stat, grouped by what it says about progress.
enum class SchedState : std::uint8_t {
    Unknown, // unreadable: the process has been reaped, or /proc is missing
    Runnable, // R: on a core, or ready and waiting for one
    Sleeping, // S (and I): waiting for an event (a timer, a pipe, a futex)
    DiskWait, // D: in the kernel, waiting for a page or a device
    Stopped, // T: stopped by a signal (SIGSTOP, SIGTSTP); or t, held by a tracer that waits (a debugger)
    Traced, // t, as parsed: held by a tracer (ptrace); the probe tells which of the two others it is
    Inspected, // t, held by a tracer that is itself running: a sanitizer's leak check scanning it at exit
    Exiting, // Z, X: exited, not yet reaped
};

// CPU time and state of one process, read from outside: the CPU time comes
// from its process CPU clock (clock_getcpuclockid, nanoseconds, all threads),
// the state from /proc/PID/stat (kept open: one pread per sample). About 5 µs
// and 15 µs on the 2-core machine this was written on; the state is read only
// when asked for.
class ProcessProbe {
public:
    ProcessProbe() = default;
    explicit ProcessProbe(pid_t pid);
    ~ProcessProbe();
    ProcessProbe(const ProcessProbe&) = delete;
    ProcessProbe& operator=(const ProcessProbe&) = delete;
    ProcessProbe(ProcessProbe&& other) noexcept;
    ProcessProbe& operator=(ProcessProbe&& other) noexcept;

    // Total CPU time so far, ns; -1 when it cannot be read (the pid is reaped).
    std::int64_t cpuNs() const;
    // Never Traced: a process in a tracing stop is Inspected while its tracer
    // is runnable, Stopped otherwise.
    SchedState state() const;

private:
    pid_t m_pid = 0;
    int m_statFd = -1;
    clockid_t m_clock{};
    bool m_hasClock = false;
};

// The letter after the command name in a /proc/PID/stat line (the command
// may itself hold spaces and parentheses: the last ')' ends it).
SchedState parseStatState(std::string_view statLine);

// The TracerPid of a /proc/PID/status text; 0 when none or unreadable.
int parseTracerPid(std::string_view statusText);

} // namespace overlap::engine
