#include "engine/offcpu.h"

#include <algorithm>

namespace overlap::engine {

void OffCpuTracker::offCore(std::int64_t took, std::int64_t now, int core) noexcept
{
    const std::int64_t off = took - std::min(took, m_usualSliceNs);
    if (off >= kMinGapNs) {
        // The slice's own work went before or after the gap, or both; the
        // middle is the best guess.
        const std::int64_t start = std::max(m_sliceStart + (took - off) / 2, m_lastStampNs);
        m_rec.recordAt(EventKind::OffCpu, start - m_rec.originNs(), m_where.task, m_where.lane,
            m_where.attempt, m_where.step, 0, off, core);
        m_lastStampNs = start + off;
        m_recordedOff += off;
    } else if (core != m_core) {
        // Moved to another core with no time to speak of off it.
        const std::int64_t at = std::max(now, m_lastStampNs);
        m_rec.recordAt(EventKind::OffCpu, at - m_rec.originNs(), m_where.task, m_where.lane, m_where.attempt,
            m_where.step, 0, 0, core);
        m_lastStampNs = at;
    }
    m_core = core;
}

} // namespace overlap::engine
