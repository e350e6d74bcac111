#include "engine/progresswatch.h"

#include <algorithm>
#include <cstdio>

namespace overlap::engine {

namespace {

// The engine's poll loop wakes at least this often (processes.cpp): a look
// can be this late without the engine having been away.
constexpr std::int64_t kLoopNs = 20'000'000;

std::string seconds(std::int64_t ns)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", double(ns) / 1e9);
    return text;
}

} // namespace

ProgressWatch::ProgressWatch(std::int64_t stallLimitNs)
    : m_stallLimitNs(std::max<std::int64_t>(stallLimitNs, 1))
    , m_periodNs(std::clamp<std::int64_t>(stallLimitNs / 8, 10'000'000, 250'000'000))
{
}

void ProgressWatch::restart(std::int64_t nowNs)
{
    m_lastLookNs = nowNs;
    m_lastCpuNs = -1;
    m_stalledNs = 0;
    m_heard = false;
    beginRunning();
}

void ProgressWatch::beginPhase(std::int64_t quietUntilNs, std::int64_t cpuBudgetNs)
{
    // A phase begins when the worker tells the engine so: that is progress.
    m_heard = true;
    m_quietUntilNs = quietUntilNs;
    m_cpuBudgetNs = cpuBudgetNs;
    m_phaseCpu0 = -1;
    m_phaseCpuNs = 0;
}

void ProgressWatch::beginCpuStep(double nominalMs)
{
    beginPhase(0, static_cast<std::int64_t>(kRunawayFactor * nominalMs * 1e6) + m_stallLimitNs);
}

ProgressWatch::Verdict ProgressWatch::judge(std::int64_t nowNs, std::int64_t cpuNs, SchedState state)
{
    std::int64_t counted = std::clamp<std::int64_t>(nowNs - m_lastLookNs, 0, 2 * m_periodNs + kLoopNs);
    if (state == SchedState::Sleeping && m_quietUntilNs > m_lastLookNs)
        counted = std::min(counted, nowNs - m_quietUntilNs); // asleep as announced until then
    m_lastLookNs = nowNs;
    const bool advanced = cpuNs >= 0 && m_lastCpuNs >= 0 && cpuNs > m_lastCpuNs;
    if (cpuNs >= 0) {
        m_lastCpuNs = cpuNs;
        if (m_phaseCpu0 < 0)
            m_phaseCpu0 = cpuNs;
        m_phaseCpuNs = cpuNs - m_phaseCpu0;
        if (m_phaseCpuNs > m_cpuBudgetNs)
            return Verdict::Runaway;
    }
    const bool waitingAsAnnounced = state == SchedState::Sleeping && nowNs < m_quietUntilNs;
    const bool progress = m_heard || advanced || state == SchedState::Runnable
        || state == SchedState::DiskWait || state == SchedState::Inspected || state == SchedState::Exiting
        || waitingAsAnnounced;
    m_heard = false;
    m_stalledNs = progress ? 0 : m_stalledNs + counted;
    if (m_stalledNs < m_stallLimitNs)
        return Verdict::Fine;
    return state == SchedState::Stopped || state == SchedState::Traced ? Verdict::Stopped : Verdict::Stalled;
}

std::string ProgressWatch::explain(Verdict verdict) const
{
    switch (verdict) {
    case Verdict::Fine:
        break;
    case Verdict::Stopped:
        return "stopped (by a signal or a debugger) for " + seconds(m_stalledNs);
    case Verdict::Stalled:
        return "no progress for " + seconds(m_stalledNs)
            + " (no CPU time, not runnable, not in a wait it announced)";
    case Verdict::Runaway:
        return "used " + seconds(m_phaseCpuNs) + " of CPU time in one step or wait, past its limit of "
            + seconds(m_cpuBudgetNs) + " (a runaway computation)";
    }
    return {};
}

} // namespace overlap::engine
