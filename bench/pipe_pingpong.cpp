// The floor for a round trip to a worker process: a parent and a forked child
// bounce a small message over two pipes, nothing else. The processes model
// cannot send a task and get its result back faster than this; compare its
// per-task time with workers=1 against this figure measured in the same run.
//
//   pipe_pingpong [round_trips]   (default 20000)
//
// Prints one JSON object: {"round_trips":N,"us_per_round_trip":...}.
// No Overlap code on purpose: this is the kernel's cost alone.

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
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

double nowUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

} // namespace

int main(int argc, char** argv)
{
    const long n = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 20000;
    if (n <= 0) {
        std::fprintf(stderr, "usage: pipe_pingpong [round_trips > 0]\n");
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
        close(down[1]);
        close(up[0]);
        while (readAll(down[0], message, sizeof message)) {
            if (!writeAll(up[1], message, sizeof message))
                _exit(1);
        }
        _exit(0);
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
    std::printf("{\"round_trips\":%ld,\"us_per_round_trip\":%.2f}\n", n, elapsed / double(n));
    return 0;
}
