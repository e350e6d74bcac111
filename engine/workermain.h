#pragma once

// The worker process of the processes model (overlap-worker). It reads a
// Hello (scenario, run origin, lane) and then Task records from `inFd`, runs
// each task with the engine's runTask() and streams events, Ready and TaskDone
// records to `outFd`. Locks and the rate limiter live in the shared memory
// segment behind `shmFd`.

#include <functional>

namespace overlap::engine {

class Plan;

struct WorkerHooks {
    // Called after the task's events so far have been flushed to the engine
    // and just before the task blocks: a wait that is not already over, a lock
    // held by another worker, a computation of 1 ms or more (or any one after
    // a few ms of silence). Test fixtures misbehave here: crash, hang, write
    // garbage, exit.
    std::function<void(const Plan& plan, int instance, int outFd)> beforeBlocking;
};

// Returns the process exit code: 0 after Quit or when the engine closes the
// pipe, 2 when the engine's stream is not the protocol, 3 when set-up fails.
int runWorker(int inFd, int outFd, int shmFd, const WorkerHooks& hooks = {});

} // namespace overlap::engine
