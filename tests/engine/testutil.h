#pragma once

// Helpers for the executor tests: build small scenarios in code and read
// intervals back from the events.

#include "engine/run.h"

#include <algorithm>
#include <cstdint>
#include <dirent.h>
#include <map>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

namespace overlap::testutil {

using namespace overlap::engine;

struct Interval {
    std::int64_t start = 0;
    std::int64_t end = 0;
    int task = -1;
    int lane = -1;
    int pid = 0;
    int tid = 0;
    int step = -1;
    std::int64_t cpuNs = 0;
};

inline Step io(double ms, std::string lock = {})
{
    return {StepKind::Io, ms, std::move(lock)};
}
inline Step cpu(double ms, std::string lock = {})
{
    return {StepKind::Cpu, ms, std::move(lock)};
}

inline Scenario scenario(Model model, int workers, std::vector<TaskSpec> tasks)
{
    Scenario s;
    s.name = "test";
    s.run.model = model;
    s.run.workers = workers;
    s.tasks = std::move(tasks);
    return s;
}

inline TaskSpec task(std::string name, int count, std::vector<Step> steps)
{
    TaskSpec t;
    t.name = std::move(name);
    t.count = count;
    t.steps = std::move(steps);
    return t;
}

// Pairs `open` with the next `close` of the same (task, attempt, step) — or,
// for per-thread kinds such as the GIL, of the same tid.
inline std::vector<Interval> intervals(
    const std::vector<Event>& events, EventKind open, EventKind close, bool byTid = false)
{
    std::vector<Interval> out;
    std::map<std::tuple<int, int, int>, std::vector<Event>> pending;
    auto key = [byTid](const Event& e) {
        return byTid ? std::tuple{e.tid, 0, 0} : std::tuple{e.task, int(e.attempt), int(e.step)};
    };
    for (const Event& e : events) {
        if (e.kind == open) {
            pending[key(e)].push_back(e);
        } else if (e.kind == close) {
            auto it = pending.find(key(e));
            if (it == pending.end() || it->second.empty())
                continue;
            const Event o = it->second.front();
            it->second.erase(it->second.begin());
            out.push_back({o.tNs, e.tNs, o.task, o.lane, o.pid, o.tid, o.step, e.cpuNs});
        }
    }
    return out;
}

// Runs the plan until `happened(out)` holds, at most `attempts` times, and
// returns the last run. For what the model guarantees only when it occurs: a
// hand-off needs someone waiting, and whether anyone waits depends on when the
// OS starts each thread; on a loaded machine one can start after the others
// are done.
template <typename Predicate> RunOutput runUntil(const Plan& plan, Predicate happened, int attempts = 20)
{
    RunOutput out;
    for (int i = 0; i < attempts; ++i) {
        out = runPlan(plan);
        if (happened(out))
            break;
    }
    return out;
}

inline std::vector<Interval> steps(const RunOutput& out)
{
    return intervals(out.events, EventKind::StepStart, EventKind::StepEnd);
}

// Most intervals in progress at one instant.
inline int peakOverlap(std::vector<Interval> v)
{
    std::vector<std::pair<std::int64_t, int>> edges;
    for (const auto& i : v) {
        edges.push_back({i.start, +1});
        edges.push_back({i.end, -1});
    }
    std::sort(edges.begin(), edges.end()); // ends (-1) before starts at the same instant
    int now = 0, peak = 0;
    for (const auto& [t, d] : edges)
        peak = std::max(peak, now += d);
    return peak;
}

inline std::int64_t makespan(const RunOutput& out)
{
    std::int64_t end = 0;
    for (const Event& e : out.events) {
        if (e.kind == EventKind::TaskEnd || e.kind == EventKind::TaskFail)
            end = std::max(end, e.tNs);
    }
    return end;
}

inline int count(const RunOutput& out, EventKind kind)
{
    return static_cast<int>(std::count_if(
        out.events.begin(), out.events.end(), [kind](const Event& e) { return e.kind == kind; }));
}

// Threads of this process other than the calling one.
inline int threadCount()
{
    int n = 0;
    if (DIR* d = opendir("/proc/self/task")) {
        while (dirent* e = readdir(d))
            n += e->d_name[0] != '.';
        closedir(d);
    }
    return n;
}

} // namespace overlap::testutil
