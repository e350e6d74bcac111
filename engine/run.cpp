#include "engine/run.h"

#include "engine/clock.h"
#include "engine/cpuwork.h"
#include "engine/executor.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <exception>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace overlap::engine {

struct Run::State {
    EventSink sink;
    StopSignal stop;
    std::mutex drainMutex; // drain() and the final collection may race
};

void StopSignal::request()
{
    m_stop.store(1, std::memory_order_release);
    syscall(SYS_futex, &m_stop, FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

bool StopSignal::sleepUntilMonotonic(std::int64_t deadlineNs)
{
    if (deadlineNs < 0)
        deadlineNs = 0;
    const timespec deadline{
        static_cast<time_t>(deadlineNs / 1'000'000'000), static_cast<long>(deadlineNs % 1'000'000'000)};
    // A deadline already past must not reach the futex: its timed wait is
    // stretched by the timer slack (50 µs by default) even then.
    if (requested())
        return false;
    if (deadlineNs <= monotonicNs())
        return true;
    for (;;) {
        if (requested())
            return false;
        // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline (the run's
        // clock). It returns at once (EAGAIN) if request() stored 1 after the
        // check above, so a stop is never missed.
        const long r = syscall(
            SYS_futex, &m_stop, FUTEX_WAIT_BITSET_PRIVATE, 0u, &deadline, nullptr, FUTEX_BITSET_MATCH_ANY);
        if (r == -1 && errno == ETIMEDOUT)
            return !requested();
        // Woken, interrupted or spurious: check the stop word and the time again.
        if (!requested() && monotonicNs() >= deadlineNs)
            return true;
    }
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
