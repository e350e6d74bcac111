// The floor for a round trip to a worker process: a parent and a forked child
// bounce a small message over two pipes, nothing else. The processes model
// cannot send a task and get its result back faster than this; compare its
// per-task time with workers=1 against this figure measured in the same run.
//
//   pipe_pingpong [round_trips] [--cross-core]   (default 20000)
//
// Where the two processes run decides the figure (on this kind of machine
// ~5 µs on one core, ~50 µs across two): --cross-core pins the parent to the
// first allowed CPU and the child to the second, to measure the slow case on
// purpose; without it the scheduler chooses, as it does for Overlap's workers.
//
// Prints one JSON object: {"round_trips":N,"us_per_round_trip":...}.
// No Overlap code on purpose: this is the kernel's cost alone.

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// The size of a Task record (8 bytes of header + 4 of payload).
constexpr std::size_t kMessageBytes = 12;

bool readAll(int fd, char* p, std::size_t n)
{
    while (n > 0) {
        const ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= static_cast<std::size_t>(r);
    }
    return true;
}

bool writeAll(int fd, const char* p, std::size_t n)
{
    while (n > 0) {
        const ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

// Pins the calling process to the index-th CPU it may run on; false if there is none.
bool pinToNth(const cpu_set_t& allowed, int index)
{
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &allowed) && index-- == 0) {
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            return sched_setaffinity(0, sizeof one, &one) == 0;
        }
    }
    return false;
}

double nowUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

} // namespace

int main(int argc, char** argv)
{
    long n = 20000;
    bool crossCore = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--cross-core") == 0)
            crossCore = true;
        else
            n = std::strtol(argv[i], nullptr, 10);
    }
    if (n <= 0) {
        std::fprintf(stderr, "usage: pipe_pingpong [round_trips > 0] [--cross-core]\n");
        return 2;
    }
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (crossCore && (sched_getaffinity(0, sizeof allowed, &allowed) != 0 || CPU_COUNT(&allowed) < 2)) {
        std::fprintf(stderr, "pipe_pingpong: --cross-core needs two CPUs\n");
        return 2;
    }
    int down[2];
    int up[2];
    if (pipe(down) != 0 || pipe(up) != 0) {
        std::perror("pipe");
        return 1;
    }
    const pid_t pid = fork();
    if (pid < 0) {
        std::perror("fork");
        return 1;
    }
    char message[kMessageBytes] = {};
    if (pid == 0) {
        if (crossCore && !pinToNth(allowed, 1))
            _exit(1);
        close(down[1]);
        close(up[0]);
        while (readAll(down[0], message, sizeof message)) {
            if (!writeAll(up[1], message, sizeof message))
                _exit(1);
        }
        _exit(0);
    }
    if (crossCore && !pinToNth(allowed, 0)) {
        std::perror("sched_setaffinity");
        return 1;
    }
    close(down[0]);
    close(up[1]);
    // A few untimed round trips: the child is running and both sides are paged in.
    for (int i = 0; i < 100; ++i) {
        if (!writeAll(down[1], message, sizeof message) || !readAll(up[0], message, sizeof message))
            return 1;
    }
    const double t0 = nowUs();
    for (long i = 0; i < n; ++i) {
        message[0] = static_cast<char>(i);
        if (!writeAll(down[1], message, sizeof message) || !readAll(up[0], message, sizeof message)) {
            std::fprintf(stderr, "pipe_pingpong: the child went away\n");
            return 1;
        }
    }
    const double elapsed = nowUs() - t0;
    close(down[1]);
    waitpid(pid, nullptr, 0);
    std::printf("{\"round_trips\":%ld,\"us_per_round_trip\":%.2f%s}\n", n, elapsed / double(n),
        crossCore ? ",\"cross_core\":true" : "");
    return 0;
}
