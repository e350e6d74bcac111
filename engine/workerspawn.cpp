#include "engine/workerspawn.h"

#include "engine/pidfd.h"
#include "engine/run.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace overlap::engine {

namespace {

// Every descriptor is close-on-exec; the child's copies are made by dup2 in
// posix_spawn, and dup2 onto the same number would keep the flag. So the
// sources are moved above the numbers the child uses.
int keepAbove(int fd, int minFd)
{
    if (fd >= minFd)
        return fd;
    const int moved = fcntl(fd, F_DUPFD_CLOEXEC, minFd);
    close(fd);
    return moved;
}

void closeIf(int& fd)
{
    if (fd >= 0)
        close(fd);
    fd = -1;
}

} // namespace

std::string resolveWorkerPath(const RunOptions& options)
{
    if (!options.workerPath.empty())
        return options.workerPath;
    if (const char* env = std::getenv("OVERLAP_WORKER"); env && *env)
        return env;
    char self[4096];
    const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return "overlap-worker";
    const std::string exe(self, static_cast<std::size_t>(n));
    const std::string dir = exe.substr(0, exe.rfind('/') + 1); // "/usr/bin/"
    // Next to the executable: the build tree. Else <prefix>/libexec/overlap/,
    // where `cmake --install` and the .deb put it (app/CMakeLists.txt).
    const std::string sibling = dir + "overlap-worker";
    if (access(sibling.c_str(), X_OK) == 0 || dir.size() < 2)
        return sibling;
    const std::string prefix = dir.substr(0, dir.rfind('/', dir.size() - 2) + 1); // "/usr/"
    const std::string installed = prefix + "libexec/overlap/overlap-worker";
    // Neither there: name the sibling in the error, as before.
    return access(installed.c_str(), X_OK) == 0 ? installed : sibling;
}

std::string spawnWorker(const std::string& path, int shmFd, SpawnedWorker& out)
{
    int in[2] = {-1, -1}; // engine -> child stdin
    int outPipe[2] = {-1, -1}; // child stdout -> engine
    if (pipe2(in, O_CLOEXEC) != 0 || pipe2(outPipe, O_CLOEXEC) != 0) {
        const std::string error = std::string("pipe: ") + std::strerror(errno);
        for (int* fd : {&in[0], &in[1], &outPipe[0], &outPipe[1]})
            closeIf(*fd);
        return error;
    }
    in[0] = keepAbove(in[0], 4);
    outPipe[1] = keepAbove(outPipe[1], 4);
    int shm = shmFd < 4 ? fcntl(shmFd, F_DUPFD_CLOEXEC, 4) : shmFd;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, shm, 3);
    // Descriptors the host application opened without O_CLOEXEC must not leak either.
    posix_spawn_file_actions_addclosefrom_np(&actions, 4);

    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none;
    sigemptyset(&none);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD})
        sigaddset(&defaults, sig);
    // The engine thread blocks SIGPIPE and the host may ignore signals: the
    // worker starts with a clean mask and default dispositions.
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    char* argv[] = {const_cast<char*>("overlap-worker"), nullptr};
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, path.c_str(), &actions, &attr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (shm != shmFd)
        close(shm);
    close(in[0]);
    close(outPipe[1]);
    if (rc != 0) {
        close(in[1]);
        close(outPipe[0]);
        return "cannot start worker '" + path + "': " + std::strerror(rc);
    }
    const int pidfd = pidfdOpen(pid);
    if (pidfd < 0) {
        const std::string error = std::string("pidfd_open: ") + std::strerror(errno);
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        close(in[1]);
        close(outPipe[0]);
        return error;
    }
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    fcntl(outPipe[0], F_SETFL, O_NONBLOCK);
    out = {pid, pidfd, in[1], outPipe[0]};
    return {};
}

} // namespace overlap::engine
