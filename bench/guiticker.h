#pragma once

// A 2 ms timer on the GUI thread that records, for each gap between two
// ticks, its length, the CPU time the GUI thread spent in it (its own work,
// as opposed to waiting for a core) and when it ended. Shared by the
// window benchmarks.

#include "engine/clock.h"

#include <QElapsedTimer>
#include <QTimer>
#include <cstdint>
#include <vector>

namespace overlap::bench {

class GuiTicker {
public:
    GuiTicker()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const std::int64_t cpu = engine::threadCpuNs();
            if (m_last >= 0) {
                gaps.push_back(now - m_last);
                busy.push_back(cpu - m_lastCpu);
                at.push_back(now);
            }
            m_last = now;
            m_lastCpu = cpu;
        });
    }

    void start()
    {
        m_clock.start();
        m_timer.start(2);
    }
    void stop() { m_timer.stop(); }
    // Since start().
    qint64 elapsedNs() const { return m_clock.nsecsElapsed(); }

    std::vector<qint64> gaps;
    std::vector<std::int64_t> busy; // GUI thread CPU time within each gap
    std::vector<qint64> at; // when each gap ended, since start()

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    std::int64_t m_lastCpu = 0;
};

} // namespace overlap::bench
