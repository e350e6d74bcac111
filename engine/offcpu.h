#pragma once

// When a cpu step was really on a core. A thread that computes can be
// runnable yet off every core: another thread of the run, or another program,
// has the cores. The step's wall time minus its CPU time says how long, not
// when; the Gantt must show when (SPEC §4: a state is drawn when it happened).
//
// The compute loop calls afterSlice() between slices of kSliceMs of work
// (~20 µs). That reads the wall clock and the core, both in the vDSO, no
// system call. A thread that is not on a core cannot read the clock, so a
// slice that took clearly longer than slices usually take holds an interval
// off the core: its length is the slice's time minus the usual time of a
// slice, and it is placed in the middle of the slice.
//
// The thread's CPU clock is not used for this: on this kind of virtual
// machine it is credited late, by up to a couple of milliseconds at a time
// (a slice of 28 µs of wall time was seen to gain 188 µs of CPU time, and
// a 40 ms gap 2.3 ms), which drew threads running on a core while others
// ran there. The wall clock never lies about when the thread ran.
//
// Resolution: an off-core interval is placed within one slice (its ends are
// off by at most half a slice, ~10 µs) and its length is exact to within the
// spread of slice times (a few µs). Intervals shorter than about half a slice
// plus kMinGapNs (~40 µs) are left in the running time.

#include "engine/clock.h"
#include "engine/eventlog.h"
#include "engine/runtime.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace overlap::engine {

class OffCpuTracker {
public:
    // A slice is off-core time only when it took this much longer than half
    // again the usual time of a slice. On this kind of virtual machine every
    // timer tick (1 ms) takes the core away for 20–40 µs: that is not another
    // thread running, and drawing it would cover every computation in
    // slivers. Preemption by another thread lasts a scheduler slice
    // (hundreds of µs to ms).
    static constexpr std::int64_t kMinGapNs = 30'000;
    // One slice of work at the calibrated speed (cpuwork.h cuts work so).
    static constexpr std::int64_t kSliceNs = 20'000;
    // Slices per window of the usual-slice estimate (~1.3 ms of work).
    static constexpr int kWindowSlices = 64;

    // Measures from `start` (the step's beginning); events go to `rec`,
    // stamped with `where`. `sliceNs` is what one slice takes when the thread
    // has its core (the calibration's figure; the tracker follows changes).
    OffCpuTracker(
        Recorder& rec, const Where& where, const StepMark& start, std::int64_t sliceNs = kSliceNs) noexcept
        : m_rec(rec)
        , m_where(where)
        , m_sliceStart(start.wallNs)
        , m_lastStampNs(start.wallNs)
        , m_usualSliceNs(sliceNs > 0 ? sliceNs : 1)
        , m_windowMin(m_usualSliceNs)
        , m_core(start.core)
    {
    }

    // After each slice of work.
    void afterSlice() noexcept
    {
        const std::int64_t now = monotonicNs();
        const std::int64_t took = now - m_sliceStart;
        const int core = currentCore();
        if (took > m_usualSliceNs + m_usualSliceNs / 2 + kMinGapNs || core != m_core) [[unlikely]]
            offCore(took, now, core);
        m_sliceStart = now;
        // The usual time of a slice is the fastest of the previous window of
        // slices: it follows the core's speed (which drifts over milliseconds)
        // and, being a minimum, is not pulled up by slices that held short
        // interruptions.
        m_windowMin = std::min(m_windowMin, took);
        if (++m_windowSlices == kWindowSlices) [[unlikely]] {
            m_usualSliceNs = m_windowMin;
            m_windowMin = std::numeric_limits<std::int64_t>::max();
            m_windowSlices = 0;
        }
    }

    // The thread did something else than compute since the last slice (it
    // handed the GIL over and took it back, or wrote its events to the
    // engine): that time was not spent off a core. Measuring starts again.
    void restart() noexcept { m_sliceStart = std::max(monotonicNs(), m_lastStampNs); }

    // The work is done, or pauses: the part of a slice since the last one
    // counts. Returns the time (monotonic ns) the thread was last seen on its
    // core, which is where the step's end is stamped: a preemption between
    // the work's end and that stamp is then drawn, not taken for running.
    std::int64_t finish() noexcept
    {
        const std::int64_t now = monotonicNs();
        const std::int64_t took = now - m_sliceStart;
        const int core = currentCore();
        if (took > m_usualSliceNs + m_usualSliceNs / 2 + kMinGapNs || core != m_core)
            offCore(took, now, core);
        m_sliceStart = std::max(now, m_lastStampNs);
        return m_sliceStart;
    }

    const Where& where() const { return m_where; }
    Recorder& recorder() { return m_rec; }
    int core() const { return m_core; }

    // The wall clock as of the last slice (monotonic ns), for callers that
    // need a recent time without reading the clock again.
    std::int64_t lastWallNs() const { return m_sliceStart; }

    // Σ off-core ns recorded so far (for tests and benchmarks).
    std::int64_t recordedOffNs() const { return m_recordedOff; }

private:
    void offCore(std::int64_t took, std::int64_t now, int core) noexcept;

    Recorder& m_rec;
    Where m_where;
    std::int64_t m_sliceStart = 0; // monotonic ns at the end of the last slice
    std::int64_t m_lastStampNs = 0; // events of one source stay in time order
    std::int64_t m_usualSliceNs = 1;
    std::int64_t m_windowMin = 1;
    int m_windowSlices = 0;
    std::int64_t m_recordedOff = 0;
    int m_core = -1;
};

} // namespace overlap::engine
