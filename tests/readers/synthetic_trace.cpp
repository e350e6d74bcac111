// Writes a trace of hand-made events that no executor produces on purpose
// but every one may produce by chance, for the readers test: ends shared by
// a slice and its parent at three depths, starts shared too, ready intervals
// (OffCpu) at a step's start and end and inside a GIL wait, a lock released
// after its step and the GIL after its task, and times whose decimal ns made
// readers misnest (issue 11). Usage: overlap-synthetic-trace OUT.json

#include "engine/traceexport.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

using namespace overlap::engine;
using K = EventKind;

namespace {

class Events {
public:
    void add(
        K kind, std::int64_t ns, int task, int lane, int step = -1, int detail = 0, std::int64_t cpuNs = 0)
    {
        Event e;
        e.kind = kind;
        e.tNs = ns;
        e.task = task;
        e.lane = lane;
        e.attempt = 1;
        e.step = static_cast<std::int16_t>(step);
        e.detail = detail;
        e.cpuNs = cpuNs;
        e.pid = 4000;
        e.tid = 4001 + lane;
        e.core = static_cast<std::int16_t>(lane % 2);
        m_events.push_back(e);
    }
    // In time order, as a run's output is; events of one ns keep their order.
    std::vector<Event> take()
    {
        std::stable_sort(
            m_events.begin(), m_events.end(), [](const Event& a, const Event& b) { return a.tNs < b.tNs; });
        return std::move(m_events);
    }

private:
    std::vector<Event> m_events;
};

Scenario scenario(bool gil)
{
    Scenario s;
    s.name = "synthetic nesting";
    s.run.model = Model::Threads;
    s.run.gil = gil;
    s.run.rateLimitPerS = 10;
    s.tasks.push_back({"call", 2, {{StepKind::Cpu, 5, "cache"}, {StepKind::Io, 200, {}}}, {}, 0});
    s.tasks.push_back({"crunch", 2, {{StepKind::Cpu, 30, {}}}, {}, 0});
    return s;
}

// Lane 0 and 1 take turns on the lock and the GIL.
std::vector<Event> events()
{
    Events ev;
    const std::int64_t us = 1000;
    // call #1: a rate limit that ends at the ns its attempt starts (the
    // times of the misnested "call #12"), a lock step with ready intervals at
    // its start and end, an io step that ends with its attempt.
    ev.add(K::RateWait, 676'373, 0, 0);
    ev.add(K::TaskStart, 703'813'364, 0, 0);
    ev.add(K::LockAcquire, 703'813'364, 0, 0, 0, 0);
    ev.add(K::StepStart, 703'816'560, 0, 0, 0);
    ev.add(K::OffCpu, 703'816'560, 0, 0, 0, 0, 1'000'333);
    ev.add(K::OffCpu, 706'000'001, 0, 0, 0, 0, 999'999);
    ev.add(K::OffCpu, 707'000'000, 0, 0, 0, 0, 1'000'001); // continues the one before
    ev.add(K::OffCpu, 709'200'007, 0, 0, 0, 0, 0); // a change of core: nothing to draw
    ev.add(K::OffCpu, 709'313'364, 0, 0, 0, 0, 500'000); // ends with the step
    ev.add(K::StepEnd, 709'813'364, 0, 0, 0, 0, 4'000'000);
    // call #2 on lane 1 waits for the lock meanwhile.
    ev.add(K::RateWait, 27'050'805, 1, 1);
    ev.add(K::TaskStart, 700'942'105, 1, 1);
    ev.add(K::LockWait, 700'942'105, 1, 1, 0, 0);
    ev.add(K::LockRelease, 709'813'651, 0, 0, 0, 0);
    ev.add(K::LockAcquire, 709'814'003, 1, 1, 0, 0);
    ev.add(K::StepStart, 709'814'777, 0, 0, 1);
    ev.add(K::StepStart, 709'815'001, 1, 1, 0);
    ev.add(K::OffCpu, 709'815'001, 1, 1, 0, 0, 4'999'950); // ready the whole step but its last 50 ns
    ev.add(K::StepEnd, 714'815'001, 1, 1, 0, 0, 1);
    ev.add(K::LockRelease, 714'815'301, 1, 1, 0, 0);
    ev.add(K::StepStart, 714'815'555, 1, 1, 1);
    ev.add(K::StepEnd, 904'022'187, 0, 0, 1);
    ev.add(K::TaskEnd, 904'022'187, 0, 0);
    ev.add(K::StepEnd, 914'815'555, 1, 1, 1);
    ev.add(K::TaskEnd, 914'815'555, 1, 1);
    // crunch #1 and #2 share the GIL; crunch #1 holds it to its task's end.
    ev.add(K::TaskStart, 1'000'000 * us, 2, 0);
    ev.add(K::GilAcquire, 1'000'000 * us, 2, 0);
    ev.add(K::StepStart, 1'000'000 * us, 2, 0, 0);
    ev.add(K::TaskStart, 1'000'001 * us, 3, 1);
    ev.add(K::StepStart, 1'000'001 * us, 3, 1, 0);
    ev.add(K::GilWait, 1'000'001 * us, 3, 1, 0); // the step and its wait start together
    ev.add(K::OffCpu, 1'000'001 * us + 333, 3, 1, 0, 0, 1'234'567); // inside the wait: depth 4
    ev.add(K::GilRelease, 1'005'000 * us, 2, 0, 0);
    ev.add(K::GilAcquire, 1'005'000 * us + 17, 3, 1, 0);
    ev.add(K::GilWait, 1'005'000 * us + 40, 2, 0, 0);
    ev.add(K::OffCpu, 1'005'000 * us + 40, 2, 0, 0, 0, 3'000'000); // cut by the acquire below
    ev.add(K::GilRelease, 1'006'000 * us, 3, 1, 0);
    ev.add(K::GilAcquire, 1'006'000 * us + 11, 2, 0, 0);
    ev.add(K::OffCpu, 1'020'000 * us, 2, 0, 0, 0, 10'000'000); // ends with step and task
    ev.add(K::StepEnd, 1'030'000 * us, 2, 0, 0, 0, 25'000'000);
    ev.add(K::TaskEnd, 1'030'000 * us, 2, 0);
    ev.add(K::GilRelease, 1'030'000 * us + 900, 2, 0);
    ev.add(K::GilWait, 1'030'000 * us + 950, 3, 1, 0); // ends with its step, then the GIL: depth 3
    ev.add(K::GilAcquire, 1'030'001 * us, 3, 1, 0);
    ev.add(K::StepEnd, 1'030'001 * us, 3, 1, 0, 0, 6'000'000);
    ev.add(K::TaskEnd, 1'030'001 * us, 3, 1);
    ev.add(K::GilRelease, 1'030'001 * us + 100, 3, 1);
    return ev.take();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT.json\n", argv[0]);
        return 2;
    }
    const Plan withGil(scenario(true));
    const Plan withoutGil(scenario(false));
    RunOutput out;
    out.events = events();
    out.workers = 2;
    std::ofstream file(argv[1]);
    writeChromeTrace(
        file, {{&withoutGil, &out, nullptr}, {&withGil, &out, nullptr}}, {"synthetic nesting", 1, 2});
    file.close();
    if (!file) {
        std::fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[1]);
        return 1;
    }
    return 0;
}
