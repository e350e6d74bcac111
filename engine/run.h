#pragma once

// Running a plan: start it in the background, watch its events stream in,
// cancel it, and collect everything when it ends. The command line, the GUI
// and the tests all go through this class.

#include "engine/chunkedvector.h"
#include "engine/event.h"
#include "engine/plan.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace overlap::engine {

struct RunOptions {
    // The overlap-worker executable (processes model). Empty: next to the
    // running executable, or $OVERLAP_WORKER when set.
    std::string workerPath;
    // A worker process that makes no progress this long is declared hung,
    // killed and replaced; its task fails, the run goes on. Progress is CPU
    // time, being runnable (waiting for a core on a loaded machine counts),
    // or sleeping in a wait it announced (an io step until its end, a lock);
    // a stopped process makes none. The rule is in engine/progresswatch.h.
    std::int64_t hangGraceNs = 2'000'000'000;
};

struct WorkerInfo {
    int lane = -1;
    int pid = 0;
    long peakRssKib = 0; // processes only
    int exitStatus = 0; // raw wait status, processes only
    double itersPerMs = 0; // the CPU calibration the child used (the engine's); 0 when no cpu steps
};

struct RunOutput {
    std::vector<Event> events; // every event, sorted by time
    std::int64_t originNs = 0; // CLOCK_MONOTONIC at time 0
    int workers = 0; // workers actually started (slots)
    double itersPerMs = 0; // CPU calibration of the engine process
    long enginePeakRssKib = 0;
    std::vector<WorkerInfo> workerProcesses; // every child, replacements included
    bool cancelled = false;
    std::string error; // an internal error that ended the run early
    std::vector<std::string> warnings; // the run went on, but not quite as asked
};

class Run {
public:
    Run(Plan plan, RunOptions options = {});
    ~Run(); // cancels and joins a run still in progress
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    const Plan& plan() const { return m_plan; }

    void start();
    void cancel(); // thread-safe, returns at once
    void wait(); // blocks until the run has ended (and every worker is gone)
    bool finished() const { return m_finished.load(std::memory_order_acquire); }

    // Live view: appends the events published since the last call (sorted
    // within the batch). Single consumer; thread-safe with the run.
    std::size_t drain(std::vector<Event>& out);

    // After wait(): everything, including what drain() already returned.
    const RunOutput& output() const { return m_output; }

private:
    struct State;
    Plan m_plan;
    RunOptions m_options;
    std::unique_ptr<State> m_state;
    std::thread m_thread;
    std::atomic<bool> m_finished{false};
    RunOutput m_output;
    // Events handed out by drain(), kept for output(); chunked, so that a live
    // view draining millions of events never waits for a large reallocation.
    ChunkedVector<Event> m_seen;
    std::vector<Event> m_undelivered; // collected by wait() before drain() saw them
};

// Convenience: runs to the end on the calling thread.
RunOutput runPlan(const Plan& plan, const RunOptions& options = {});

} // namespace overlap::engine
