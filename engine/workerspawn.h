#pragma once

// Starting one overlap-worker child: pipes for stdin/stdout, the shared
// memory as fd 3, nothing else inherited (stderr stays shared so that a
// worker's diagnostics reach the user).

#include <string>
#include <sys/types.h>

namespace overlap::engine {

struct RunOptions;

struct SpawnedWorker {
    pid_t pid = 0;
    int pidfd = -1; // readable once the child has exited; kill and reap through it
    int toChild = -1; // non-blocking write end of the child's stdin
    int fromChild = -1; // non-blocking read end of the child's stdout
};

// RunOptions::workerPath, else $OVERLAP_WORKER, else overlap-worker next to
// the running executable, else <prefix>/libexec/overlap/overlap-worker when
// the executable is <prefix>/bin/overlap (an installed layout).
std::string resolveWorkerPath(const RunOptions& options);

// Empty string on success, else why the child could not be started.
std::string spawnWorker(const std::string& path, int shmFd, SpawnedWorker& out);

} // namespace overlap::engine
