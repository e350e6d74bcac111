#pragma once

// When is a worker process hung? By its progress, never by the clock alone.
//
// A worker on a loaded machine computes slowly: 8 processes on 2 cores, with
// other programs busy too, can take ten times a cpu step's nominal time, and
// the engine must not kill them for it. So the engine watches each busy
// worker from outside (ProcessProbe: its CPU clock and scheduler state) and
// judges only what it sees:
//
// - Progress is any of: bytes from the worker, CPU time that advanced since
//   the last look, the worker runnable (R: waiting for a core is the machine's
//   fault, not the worker's) or in the kernel (D), or asleep (S) while it is
//   in a wait it announced: an io step until its nominal end, a retry backoff
//   until its end, a lock or the rate limiter for as long as it takes (a lock
//   holder that stops progressing is itself killed, which frees the lock).
// - A stopped worker (SIGSTOP, a debugger at a breakpoint) makes no progress,
//   whatever it was doing. One held by a tracer that is itself running does:
//   that is how LeakSanitizer scans a sanitizer build's worker as it exits.
// - Hung: no progress observed for `stallLimitNs` (RunOptions::hangGraceNs).
//   Only time the engine spent looking counts: if the engine itself was not
//   scheduled (stopped with the terminal's Ctrl-Z, or starved), the gap
//   between two looks counts as one look.
// - Runaway: a worker that burns CPU in one phase (a step, a wait, the time
//   between two steps) far past what the phase needs: more than
//   kRunawayFactor × the step's nominal CPU + the stall limit in a cpu step,
//   the stall limit elsewhere. The factor is generous: this host's CPU speed
//   varies by 1.7× on its own, and a virtual core may share its physical core.
//
// The class is pure logic over samples, so tests can drive it with any
// sequence of observations.

#include "engine/processstatus.h"

#include <cstdint>
#include <limits>
#include <string>

namespace overlap::engine {

class ProgressWatch {
public:
    static constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
    static constexpr double kRunawayFactor = 8.0;

    enum class Verdict : std::uint8_t { Fine, Stalled, Stopped, Runaway };

    explicit ProgressWatch(std::int64_t stallLimitNs = 2'000'000'000);

    // How often the engine should look (a fraction of the limit, 10–250 ms).
    std::int64_t periodNs() const { return m_periodNs; }

    // Watching starts (a new worker, or a task handed to an idle one).
    void restart(std::int64_t nowNs);

    // A new phase, which the worker announced (so it counts as progress):
    // asleep counts as progress until `quietUntilNs` (CLOCK_MONOTONIC; 0: the
    // worker must run; kForever: a lock or rate-limit wait), and it may use
    // `cpuBudgetNs` of CPU time in it.
    void beginPhase(std::int64_t quietUntilNs, std::int64_t cpuBudgetNs);
    // The phases the engine knows of.
    void beginRunning() { beginPhase(0, m_stallLimitNs); }
    void beginCpuStep(double nominalMs);
    void beginWait(std::int64_t untilNs) { beginPhase(untilNs, m_stallLimitNs); }

    void heard() { m_heard = true; }

    // True when a look is due at `nowNs`.
    bool due(std::int64_t nowNs) const { return nowNs - m_lastLookNs >= m_periodNs; }

    // One look: the worker's CPU time (-1: unknown) and, only when that did
    // not advance, its state (reading it costs more than the clock).
    template <class StateFn> Verdict look(std::int64_t nowNs, std::int64_t cpuNs, StateFn&& state)
    {
        const bool advanced = cpuNs >= 0 && m_lastCpuNs >= 0 && cpuNs > m_lastCpuNs;
        return judge(nowNs, cpuNs, advanced ? SchedState::Unknown : state());
    }

    // One look with everything known.
    Verdict judge(std::int64_t nowNs, std::int64_t cpuNs, SchedState state);

    // For the message that names why a worker was declared hung.
    std::int64_t stalledNs() const { return m_stalledNs; }
    std::int64_t phaseCpuNs() const { return m_phaseCpuNs; }
    std::int64_t cpuBudgetNs() const { return m_cpuBudgetNs; }
    std::string explain(Verdict verdict) const;

private:
    std::int64_t m_stallLimitNs;
    std::int64_t m_periodNs;
    std::int64_t m_lastLookNs = 0;
    std::int64_t m_lastCpuNs = -1;
    std::int64_t m_stalledNs = 0;
    std::int64_t m_quietUntilNs = 0;
    std::int64_t m_cpuBudgetNs = 0;
    std::int64_t m_phaseCpu0 = -1; // taken at the phase's first look
    std::int64_t m_phaseCpuNs = 0;
    bool m_heard = false;
};

} // namespace overlap::engine
