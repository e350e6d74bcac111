#pragma once

// Hand-made event streams for deterministic tests of what consumes events
// (metrics, trace and CSV export), independent of any executor's timing.

#include "engine/event.h"

#include <cstdint>
#include <vector>

namespace overlap::testing {

class EventBuilder {
public:
    // Times are in ms for readability; events keep ns.
    EventBuilder& add(engine::EventKind kind, double ms, int task = -1, int lane = -1, int attempt = 0,
        int step = -1, int detail = 0, std::int64_t cpuNs = 0)
    {
        engine::Event e;
        e.kind = kind;
        e.tNs = static_cast<std::int64_t>(ms * 1e6);
        e.task = task;
        e.lane = lane;
        e.attempt = static_cast<std::int16_t>(attempt);
        e.step = static_cast<std::int16_t>(step);
        e.detail = detail;
        e.cpuNs = cpuNs;
        e.pid = 100;
        e.tid = 200 + (lane < 0 ? 0 : lane);
        e.core = static_cast<std::int16_t>(lane < 0 ? 0 : lane);
        m_events.push_back(e);
        return *this;
    }

    // One attempt of a one-step task on a lane: TaskStart, StepStart, StepEnd, TaskEnd.
    EventBuilder& task(int task, int lane, double startMs, double endMs, double cpuMs = 0, int attempt = 1)
    {
        using K = engine::EventKind;
        add(K::TaskStart, startMs, task, lane, attempt);
        add(K::StepStart, startMs, task, lane, attempt, 0);
        add(K::StepEnd, endMs, task, lane, attempt, 0, 0, static_cast<std::int64_t>(cpuMs * 1e6));
        return add(K::TaskEnd, endMs, task, lane, attempt);
    }

    std::vector<engine::Event> build() const { return m_events; }

private:
    std::vector<engine::Event> m_events;
};

} // namespace overlap::testing
