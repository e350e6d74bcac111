#include "engine/run.h"

#include "engine/clock.h"
#include "engine/cpuwork.h"
#include "engine/executor.h"

#include <algorithm>
#include <exception>

namespace overlap::engine {

struct Run::State {
    EventSink sink;
    StopSignal stop;
    std::mutex drainMutex; // drain() and the final collection may race
};

bool StopSignal::sleepUntilMonotonic(std::int64_t deadlineNs)
{
    // steady_clock is CLOCK_MONOTONIC on Linux: the same origin as monotonicNs().
    if (requested())
        return false;
    // A timed wait on a condition variable is a futex wait stretched by the
    // timer slack (50 µs by default) even when its time is already up: a
    // deadline in the past must not reach it.
    if (deadlineNs <= monotonicNs())
        return true;
    const std::chrono::steady_clock::time_point deadline{std::chrono::nanoseconds(deadlineNs)};
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_until(lock, deadline, [this] { return m_stop.load(std::memory_order_relaxed); });
}

Run::Run(Plan plan, RunOptions options)
    : m_plan(std::move(plan))
    , m_options(std::move(options))
    , m_state(std::make_unique<State>())
{
}

Run::~Run()
{
    if (m_thread.joinable()) {
        cancel();
        m_thread.join();
    }
}

void Run::start()
{
    if (m_thread.joinable())
        return;
    // Calibrate before the clock starts, so that it is not part of the run.
    if (m_plan.hasCpuWork())
        m_output.itersPerMs = calibratedItersPerMs();
    m_output.originNs = monotonicNs();
    m_thread = std::thread([this] {
        EventSource& source = m_state->sink.newSource();
        Recorder rec(source, m_output.originNs);
        rec.record(EventKind::RunStart);
        ExecContext ctx{m_plan, m_options, m_state->sink, m_state->stop, m_output.originNs, m_output};
        try {
            switch (m_plan.run().model) {
            case Model::Sequential:
                runSequential(ctx);
                break;
            case Model::Fibers:
                runFibers(ctx);
                break;
            case Model::Threads:
                runThreads(ctx);
                break;
            case Model::Processes:
                runProcesses(ctx);
                break;
            }
        } catch (const std::exception& e) {
            m_output.error = e.what();
        }
        m_output.cancelled = m_state->stop.requested();
        rec.record(EventKind::RunEnd);
        m_output.enginePeakRssKib = peakRssKib();
        m_finished.store(true, std::memory_order_release);
    });
}

void Run::cancel()
{
    m_state->stop.request();
}

void Run::wait()
{
    if (!m_thread.joinable())
        return;
    m_thread.join();
    std::lock_guard lock(m_state->drainMutex);
    // What drain() has not handed out yet stays available to it.
    m_state->sink.drain(m_undelivered);
    std::vector<Event> all;
    all.reserve(m_seen.size() + m_undelivered.size());
    all.insert(all.end(), m_seen.begin(), m_seen.end());
    all.insert(all.end(), m_undelivered.begin(), m_undelivered.end());
    std::stable_sort(all.begin(), all.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });
    m_output.events = std::move(all);
}

std::size_t Run::drain(std::vector<Event>& out)
{
    std::lock_guard lock(m_state->drainMutex);
    const std::size_t begin = out.size();
    out.insert(out.end(), m_undelivered.begin(), m_undelivered.end());
    m_undelivered.clear();
    m_state->sink.drain(out);
    for (std::size_t i = begin; i < out.size(); ++i)
        m_seen.push_back(out[i]);
    return out.size() - begin;
}

RunOutput runPlan(const Plan& plan, const RunOptions& options)
{
    Run run(plan, options);
    run.start();
    run.wait();
    return run.output();
}

} // namespace overlap::engine
