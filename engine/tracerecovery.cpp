#include "engine/tracerecovery.h"

#include "engine/scenarioio.h"
#include "engine/traceexport.h"
#include "engine/tracefields.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <tuple>
#include <unordered_map>

namespace overlap::engine {

namespace {

using Json = nlohmann::json;

// What a slice of Overlap's trace shows (traceexport.cpp), by its category.
enum class Kind : std::uint8_t {
    Startup,
    RateWait,
    Attempt,
    Backoff,
    LockWait,
    GilWait,
    Step,
    Ready,
    GilHold
};

enum class Result : std::uint8_t { None, Ok, Failed };

struct Slice {
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    Kind kind = Kind::Step;
    Result result = Result::None;
    bool clipped = false; // cut short by another slice: its end is no event
    bool unfinished = false; // still open when the run or its worker ended
    bool notReady = false; // a start-up that ended with the worker's exit
    int lane = -1; // worker slot; for GIL holds, the holder's
    std::string name; // attempts: the task; lock waits: the lock; others: the task arg
    int attempt = 0;
    int step = -1;
    std::int64_t cpuNs = -1; // steps that ended: the thread's CPU time
    std::int64_t plannedNs = 0; // backoff
    int pid = 0;
    int tid = 0;
    int core = -1;
    FailReason reason = FailReason::Injected;
    // Worked out from the lane's nesting.
    int parent = -1; // index into the run's slices
    int task = -1; // instance index
};

std::optional<Kind> kindOf(const std::string& category, const std::string& name, int tid)
{
    if (category == "worker")
        return Kind::Startup;
    if (category == "task")
        return Kind::Attempt;
    if (category == "step")
        return Kind::Step;
    if (category == "ready")
        return Kind::Ready;
    if (category == "lock")
        return Kind::LockWait;
    if (category == "gil")
        return tid == kGilTraceTid ? Kind::GilHold : Kind::GilWait;
    if (category == "wait" && name == "rate limit")
        return Kind::RateWait;
    if (category == "wait" && name == "backoff")
        return Kind::Backoff;
    return std::nullopt;
}

bool canContain(Kind parent, Kind child)
{
    switch (parent) {
    case Kind::Attempt:
        return child == Kind::Step || child == Kind::LockWait || child == Kind::GilWait;
    case Kind::Step:
        return child == Kind::Ready || child == Kind::GilWait;
    case Kind::LockWait: // the GIL is given up while waiting for a lock, and taken back
    case Kind::RateWait: // or while sleeping outside any step
    case Kind::Backoff:
        return child == Kind::GilWait;
    default:
        return false;
    }
}

// A time in µs (ts, dur) as ns, read as the trace import reads it.
bool micros(const Json& object, const char* key, std::int64_t& ns)
{
    const auto it = object.find(key);
    if (it == object.end())
        return false;
    if (it->is_number_integer())
        return traceio::microsToNs(it->get<std::int64_t>(), ns);
    return it->is_number_float() && traceio::microsToNs(it->get<double>(), ns);
}

int intOf(const Json& object, const char* key, int fallback)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer())
        return fallback;
    const auto v = it->get<std::int64_t>();
    return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max() ? static_cast<int>(v)
                                                                                        : fallback;
}

std::string textOf(const Json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flagOf(const Json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::optional<std::int64_t> msToNs(const Json& object, const char* key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number())
        return std::nullopt;
    const double ms = it->get<double>();
    if (!std::isfinite(ms) || std::fabs(ms) > 9e12)
        return std::nullopt;
    return std::llround(ms * 1e6);
}

FailReason reasonOf(const std::string& text)
{
    for (int r = 0; r <= static_cast<int>(FailReason::WorkerSpawn); ++r) {
        if (failReasonText(static_cast<FailReason>(r)) == text)
            return static_cast<FailReason>(r);
    }
    return FailReason::Injected;
}

// The events of the trace, per run (pid), as slices with their args.
class SliceReader {
public:
    std::map<int, std::vector<Slice>> runs;
    Json otherData;
    std::size_t ignored = 0;

    void event(const Json& e)
    {
        if (!e.is_object())
            return;
        const std::string ph = textOf(e, "ph");
        if (ph != "X" && ph != "i")
            return; // metadata, flows: nothing a figure needs
        const int pid = intOf(e, "pid", -1);
        const int tid = intOf(e, "tid", -1);
        std::int64_t ts = 0, dur = 0;
        const bool timed = micros(e, "ts", ts) && (ph == "i" || micros(e, "dur", dur));
        const std::string name = textOf(e, "name");
        const auto kind = kindOf(textOf(e, "cat"), name, tid);
        if (pid < 1 || tid < 1 || !timed || dur < 0 || ts > std::numeric_limits<std::int64_t>::max() - dur
            || !kind) {
            ++ignored;
            return;
        }
        static const Json none = Json::object();
        const auto argsIt = e.find("args");
        const Json& args = argsIt != e.end() && argsIt->is_object() ? *argsIt : none;

        Slice s;
        s.startNs = ts;
        s.endNs = ts + dur;
        s.kind = *kind;
        s.lane = tid - 1;
        s.clipped = flagOf(args, "clipped");
        s.unfinished = flagOf(args, "unfinished");
        s.name = textOf(args, "task");
        switch (s.kind) {
        case Kind::Startup:
            s.notReady = args.contains("ready") && args["ready"].is_boolean() && !args["ready"].get<bool>();
            s.pid = intOf(args, "pid", 0);
            break;
        case Kind::Attempt: {
            s.name = name;
            s.attempt = intOf(args, "attempt", 1);
            const std::string result = textOf(args, "result");
            s.result = result == "ok" ? Result::Ok : result == "failed" ? Result::Failed : Result::None;
            s.reason = reasonOf(textOf(args, "reason"));
            break;
        }
        case Kind::Backoff:
            s.attempt = intOf(args, "next_attempt", 2) - 1;
            s.plannedNs = msToNs(args, "planned_ms").value_or(0);
            break;
        case Kind::LockWait:
            s.name = textOf(args, "lock");
            break;
        case Kind::Step:
            s.attempt = intOf(args, "attempt", 1);
            s.step = intOf(args, "step", -1);
            s.cpuNs = msToNs(args, "cpu_ms").value_or(-1);
            s.pid = intOf(args, "pid", 0);
            s.tid = intOf(args, "tid", 0);
            s.core = intOf(args, "core", -1);
            break;
        case Kind::Ready:
            s.core = intOf(args, "core", -1);
            break;
        case Kind::GilHold:
            s.lane = intOf(args, "lane", -1);
            s.tid = intOf(args, "tid", 0);
            break;
        case Kind::RateWait:
        case Kind::GilWait:
            break;
        }
        runs[pid].push_back(std::move(s));
    }
};

// Sorts a run's events the way the engine recorded them: by time; at one
// time, a GIL acquire before what its thread does next and a release after
// it (as the executors record them), and within a lane the order of its
// slice tree (ends of inner slices before outer ones, an end before the next
// start).
struct Keyed {
    std::int64_t tNs;
    int priority; // -1 RunStart, 0 GIL acquires, 1 lane events, 2 GIL releases, 3 RunEnd
    std::size_t seq;
    Event event;
};

class RunRebuilder {
public:
    RunRebuilder(const Plan& plan, std::vector<Slice>& slices, std::size_t& ignored)
        : m_plan(plan)
        , m_s(slices)
        , m_ignored(ignored)
    {
        for (std::size_t i = 0; i < plan.instances().size(); ++i)
            m_instances[plan.instances()[i].name].push_back(static_cast<int>(i));
        for (std::size_t i = 0; i < plan.lockNames().size(); ++i)
            m_locks[plan.lockNames()[i]] = static_cast<int>(i);
        for (std::size_t i = 0; i < m_s.size(); ++i) {
            if (m_s[i].kind == Kind::GilHold)
                m_gil.push_back(i);
            else
                m_lanes[m_s[i].lane].push_back(i);
        }
    }

    std::vector<Event> events(const Json& run)
    {
        nest();
        resolveAttempts();
        resolveOthers();
        for (const auto& [lane, slices] : m_lanes)
            emitLane(slices);
        for (std::size_t i : m_gil) {
            const Slice& s = m_s[i];
            add(0, s.startNs, gilEvent(EventKind::GilAcquire, s));
            if (!s.clipped && !s.unfinished)
                add(2, s.endNs, gilEvent(EventKind::GilRelease, s));
        }
        Event start;
        start.kind = EventKind::RunStart;
        add(-1, run.contains("run_start_ns") ? intOf(run, "run_start_ns", 0) : 0, start);
        if (run.contains("run_end_ns")) {
            Event end;
            end.kind = EventKind::RunEnd;
            add(3, intOf(run, "run_end_ns", 0), end);
        }
        // Tasks that failed on no worker (none could be started) have no slice.
        if (const auto it = run.find("failures_without_worker"); it != run.end() && it->is_array()) {
            for (const Json& f : *it) {
                if (!f.is_object())
                    continue;
                const int task = intOf(f, "task", -1);
                if (task < 0 || std::size_t(task) >= m_plan.instances().size())
                    continue;
                Event e;
                e.kind = EventKind::TaskFail;
                e.task = task;
                e.attempt = static_cast<std::int16_t>(intOf(f, "attempt", 1));
                e.detail = static_cast<int>(reasonOf(textOf(f, "reason")));
                add(1, intOf(f, "ns", 0), e);
            }
        }
        std::stable_sort(m_events.begin(), m_events.end(), [](const Keyed& a, const Keyed& b) {
            return std::tie(a.tNs, a.priority, a.seq) < std::tie(b.tNs, b.priority, b.seq);
        });
        std::vector<Event> out;
        out.reserve(m_events.size());
        for (const Keyed& k : m_events)
            out.push_back(k.event);
        return out;
    }

private:
    // Each lane's slices come parents first (the export writes every tree in
    // pre-order): a stack of open slices gives each its parent.
    void nest()
    {
        for (const auto& [lane, slices] : m_lanes) {
            std::vector<std::size_t> open;
            for (std::size_t i : slices) {
                Slice& s = m_s[i];
                while (!open.empty()) {
                    const Slice& top = m_s[open.back()];
                    if (canContain(top.kind, s.kind) && top.startNs <= s.startNs && s.endNs <= top.endNs)
                        break;
                    open.pop_back();
                }
                s.parent = open.empty() ? -1 : static_cast<int>(open.back());
                open.push_back(i);
            }
        }
    }

    // Attempts name their task. Instances with the same name (two tasks
    // called alike) are told apart by their attempts: a first attempt goes
    // to the first of them not started yet, a retry to the one whose previous
    // attempt it follows.
    void resolveAttempts()
    {
        std::vector<std::size_t> attempts;
        for (std::size_t i = 0; i < m_s.size(); ++i) {
            if (m_s[i].kind == Kind::Attempt)
                attempts.push_back(i);
        }
        std::stable_sort(attempts.begin(), attempts.end(),
            [&](std::size_t a, std::size_t b) { return m_s[a].startNs < m_s[b].startNs; });
        std::vector<int> lastAttempt(m_plan.instances().size(), 0);
        for (std::size_t i : attempts) {
            Slice& s = m_s[i];
            const auto it = m_instances.find(s.name);
            if (it == m_instances.end()) {
                ++m_ignored;
                continue;
            }
            const std::vector<int>& candidates = it->second;
            int chosen = candidates.front();
            if (candidates.size() > 1) {
                const int wanted = s.attempt - 1;
                const auto fit = std::find_if(candidates.begin(), candidates.end(),
                    [&](int c) { return lastAttempt[std::size_t(c)] == wanted; });
                if (fit != candidates.end())
                    chosen = *fit;
            }
            s.task = chosen;
            lastAttempt[std::size_t(chosen)] = std::max(lastAttempt[std::size_t(chosen)], s.attempt);
        }
    }

    // The task of `name` that lane `lane` was busy with at ns: the attempt
    // holding ns, else the next to start, else the last to end. A lane's
    // attempts do not overlap: binary searches by start find them.
    int taskNear(int lane, std::int64_t ns, const std::string& name) const
    {
        auto named = [&](std::size_t i) {
            return name.empty() || m_plan.instances()[std::size_t(m_s[i].task)].name == name;
        };
        if (const auto it = m_attempts.find(lane); it != m_attempts.end()) {
            const std::vector<std::size_t>& attempts = it->second;
            const auto startsAfter = std::upper_bound(attempts.begin(), attempts.end(), ns,
                [&](std::int64_t t, std::size_t i) { return t < m_s[i].startNs; });
            if (startsAfter != attempts.begin()) {
                const std::size_t holding = *(startsAfter - 1);
                if (ns < m_s[holding].endNs && named(holding))
                    return m_s[holding].task;
            }
            const auto startsFrom = std::lower_bound(attempts.begin(), attempts.end(), ns,
                [&](std::size_t i, std::int64_t t) { return m_s[i].startNs < t; });
            for (auto next = startsFrom; next != attempts.end(); ++next) {
                if (named(*next))
                    return m_s[*next].task;
            }
            for (auto previous = startsAfter; previous != attempts.begin();) {
                --previous;
                if (m_s[*previous].endNs <= ns && named(*previous))
                    return m_s[*previous].task;
            }
        }
        const auto unique = m_instances.find(name);
        return unique != m_instances.end() && unique->second.size() == 1 ? unique->second.front() : -1;
    }

    void resolveOthers()
    {
        for (const auto& [lane, slices] : m_lanes) {
            for (std::size_t i : slices) {
                if (m_s[i].kind == Kind::Attempt && m_s[i].parent < 0 && m_s[i].task >= 0)
                    m_attempts[lane].push_back(i);
            }
        }
        // By start, as the export writes them; an edited file may not be.
        for (auto& [lane, attempts] : m_attempts) {
            std::stable_sort(attempts.begin(), attempts.end(),
                [&](std::size_t a, std::size_t b) { return m_s[a].startNs < m_s[b].startNs; });
        }
        // Parents come before their children: one pass inherits the attempt.
        for (const auto& [lane, slices] : m_lanes) {
            for (std::size_t i : slices) {
                Slice& s = m_s[i];
                if (s.kind == Kind::Attempt || s.kind == Kind::Startup)
                    continue;
                if (s.parent >= 0) {
                    const Slice& p = m_s[std::size_t(s.parent)];
                    s.task = p.task;
                    if (s.kind != Kind::Step)
                        s.attempt = p.attempt;
                    if (s.kind == Kind::Ready || s.kind == Kind::GilWait)
                        s.step = p.step;
                } else {
                    s.task = taskNear(lane, s.startNs, s.name);
                    if (s.kind == Kind::RateWait)
                        s.attempt = 1;
                }
                if (s.task < 0)
                    ++m_ignored;
            }
        }
        for (std::size_t i : m_gil) {
            Slice& s = m_s[i];
            s.task = s.name.empty() ? -1 : taskNear(s.lane, s.startNs, s.name);
        }
    }

    void add(int priority, std::int64_t tNs, Event e)
    {
        e.tNs = tNs;
        m_events.push_back({tNs, priority, m_events.size(), e});
    }

    Event laneEvent(EventKind kind, const Slice& s) const
    {
        Event e;
        e.kind = kind;
        e.task = s.task;
        e.lane = s.lane;
        e.attempt = static_cast<std::int16_t>(s.attempt);
        e.step = static_cast<std::int16_t>(s.step);
        e.pid = s.pid;
        e.tid = s.tid;
        e.core = static_cast<std::int16_t>(s.core);
        return e;
    }

    Event gilEvent(EventKind kind, const Slice& s) const
    {
        Event e = laneEvent(kind, s);
        e.attempt = 0;
        e.step = -1;
        return e;
    }

    // The step a cancelled attempt names: the one it was in, when that step
    // ended (its wait or work abandoned), as runTask records it.
    int cancelledStep(std::size_t attempt, const std::vector<std::size_t>& lane) const
    {
        int last = -1;
        for (std::size_t i : lane) {
            if (m_s[i].parent == static_cast<int>(attempt) && m_s[i].kind != Kind::GilWait)
                last = static_cast<int>(i);
        }
        if (last < 0 || m_s[std::size_t(last)].kind != Kind::Step || m_s[std::size_t(last)].cpuNs < 0)
            return -1;
        return m_s[std::size_t(last)].step;
    }

    void emitStart(const Slice& s)
    {
        switch (s.kind) {
        case Kind::Startup:
            add(1, s.startNs, laneEvent(EventKind::WorkerStart, s));
            break;
        case Kind::RateWait:
            add(1, s.startNs, laneEvent(EventKind::RateWait, s));
            break;
        case Kind::Attempt:
            add(1, s.startNs, laneEvent(EventKind::TaskStart, s));
            break;
        case Kind::Backoff: {
            Event e = laneEvent(EventKind::RetryBackoff, s);
            e.cpuNs = s.plannedNs;
            add(1, s.startNs, e);
            break;
        }
        case Kind::LockWait: {
            Event e = laneEvent(EventKind::LockWait, s);
            const auto lock = m_locks.find(s.name);
            e.detail = lock == m_locks.end() ? -1 : lock->second;
            add(1, s.startNs, e);
            break;
        }
        case Kind::GilWait:
            add(1, s.startNs, laneEvent(EventKind::GilWait, s));
            break;
        case Kind::Step:
            add(1, s.startNs, laneEvent(EventKind::StepStart, s));
            break;
        case Kind::Ready: {
            Event e = laneEvent(EventKind::OffCpu, s);
            e.cpuNs = s.endNs - s.startNs;
            add(1, s.startNs, e);
            break;
        }
        case Kind::GilHold:
            break;
        }
    }

    void emitEnd(std::size_t index, const std::vector<std::size_t>& lane)
    {
        const Slice& s = m_s[index];
        if (s.unfinished)
            return;
        switch (s.kind) {
        case Kind::Startup:
            add(1, s.endNs, laneEvent(s.notReady ? EventKind::WorkerExit : EventKind::WorkerReady, s));
            break;
        case Kind::Attempt:
            if (s.result == Result::Ok) {
                add(1, s.endNs, laneEvent(EventKind::TaskEnd, s));
            } else if (s.result == Result::Failed) {
                Event e = laneEvent(EventKind::TaskFail, s);
                e.detail = static_cast<int>(s.reason);
                if (s.reason == FailReason::Cancelled)
                    e.step = static_cast<std::int16_t>(cancelledStep(index, lane));
                add(1, s.endNs, e);
            }
            break;
        case Kind::LockWait:
            if (!s.clipped) {
                Event e = laneEvent(EventKind::LockAcquire, s);
                const auto lock = m_locks.find(s.name);
                e.detail = lock == m_locks.end() ? -1 : lock->second;
                add(1, s.endNs, e);
            }
            break;
        case Kind::Step:
            if (s.cpuNs >= 0) {
                Event e = laneEvent(EventKind::StepEnd, s);
                e.cpuNs = s.cpuNs;
                add(1, s.endNs, e);
            }
            break;
        default:
            break; // the next event on the lane ends it
        }
    }

    void emitLane(const std::vector<std::size_t>& lane)
    {
        std::vector<std::size_t> open;
        for (std::size_t i : lane) {
            while (!open.empty() && static_cast<int>(open.back()) != m_s[i].parent) {
                emitEnd(open.back(), lane);
                open.pop_back();
            }
            if (m_s[i].kind != Kind::Startup && m_s[i].task < 0)
                continue; // no task of this scenario: nothing to say about it
            emitStart(m_s[i]);
            open.push_back(i);
        }
        while (!open.empty()) {
            emitEnd(open.back(), lane);
            open.pop_back();
        }
    }

    const Plan& m_plan;
    std::vector<Slice>& m_s;
    std::size_t& m_ignored;
    std::unordered_map<std::string, std::vector<int>> m_instances;
    std::unordered_map<std::string, int> m_locks;
    std::map<int, std::vector<std::size_t>> m_lanes; // slice indices in file order
    std::map<int, std::vector<std::size_t>> m_attempts; // the outermost attempts of each lane, by start
    std::vector<std::size_t> m_gil;
    std::vector<Keyed> m_events;
};

struct Cancelled { };

void build(RecoveredTrace& out, SliceReader& reader)
{
    const Json& other = reader.otherData;
    const std::string generator = other.is_object() ? textOf(other, "generator") : std::string();
    out.overlap = generator.starts_with("overlap");
    out.generator = generator;
    if (!out.overlap) {
        out.problem = "the trace was not written by Overlap";
        return;
    }
    out.scenario = textOf(other, "scenario");
    out.cpuCores = std::max(1, intOf(other, "cpu_cores", 1));
    if (const auto it = other.find("calibration_iters_per_ms"); it != other.end() && it->is_number())
        out.itersPerMs = it->get<double>();
    const auto definition = other.find("scenario_definition");
    const auto runs = other.find("runs");
    if (definition == other.end() || !definition->is_object() || runs == other.end() || !runs->is_array()) {
        out.problem = "written by " + generator
            + ", which did not keep the scenario's definition in the trace: the runs' figures cannot be "
              "computed again from it";
        return;
    }
    for (std::size_t r = 0; r < runs->size(); ++r) {
        const Json& run = (*runs)[r];
        const std::string where = "otherData.runs[" + std::to_string(r) + "]";
        if (!run.is_object() || !run.contains("settings")) {
            out.problem = where + ": no run settings; the runs' figures cannot be computed again";
            out.runs.clear();
            return;
        }
        Json scenarioJson = run.contains("scenario_definition") ? run["scenario_definition"] : *definition;
        if (!scenarioJson.is_object()) {
            out.problem = where + ".scenario_definition: not an object";
            out.runs.clear();
            return;
        }
        scenarioJson["run"] = run["settings"];
        ScenarioResult scenario = parseScenario(scenarioJson.dump());
        if (!scenario) {
            out.problem = where + ": the scenario's definition does not load: " + scenario.error;
            out.runs.clear();
            return;
        }
        RecoveredRun recovered{Plan(std::move(*scenario.scenario)), {}, textOf(run, "label")};
        RunOutput& output = recovered.output;
        output.workers = intOf(run, "workers", 0);
        output.itersPerMs = out.itersPerMs;
        output.cancelled = flagOf(run, "cancelled");
        output.error = textOf(run, "error");
        // Peak RSS is measured by the engine, not shown by any slice: the
        // trace keeps it only in the metrics it stored.
        if (const auto m = run.find("metrics"); m != run.end() && m->is_object()) {
            output.enginePeakRssKib = intOf(*m, "engine_peak_rss_kib", 0);
            const auto workers = m->find("worker_peak_rss_kib");
            const auto calibrations = run.find("worker_calibration_iters_per_ms");
            if (workers != m->end() && workers->is_array()) {
                for (std::size_t w = 0; w < workers->size(); ++w) {
                    const Json& info = (*workers)[w];
                    if (!info.is_object())
                        continue;
                    WorkerInfo worker;
                    worker.lane = intOf(info, "lane", -1);
                    worker.pid = intOf(info, "pid", 0);
                    worker.peakRssKib = intOf(info, "peak_rss_kib", 0);
                    if (calibrations != run.end() && calibrations->is_array() && w < calibrations->size()
                        && (*calibrations)[w].is_number())
                        worker.itersPerMs = (*calibrations)[w].get<double>();
                    output.workerProcesses.push_back(worker);
                }
            }
        }
        const int pid = intOf(run, "pid", static_cast<int>(r) + 1);
        std::vector<Slice> none;
        const auto slices = reader.runs.find(pid);
        RunRebuilder rebuilder(
            recovered.plan, slices == reader.runs.end() ? none : slices->second, out.ignoredSlices);
        output.events = rebuilder.events(run);
        if (slices != reader.runs.end())
            reader.runs.erase(slices);
        out.runs.push_back(std::move(recovered));
    }
    for (const auto& [pid, slices] : reader.runs)
        out.ignoredSlices += slices.size(); // a pid that is no run
}

RecoveredTrace recover(std::istream& in, const std::atomic<bool>* cancel)
{
    RecoveredTrace out;
    SliceReader reader;
    std::string rootKey;
    std::size_t seen = 0;
    // Each event is handled when its object closes and then dropped, so that
    // only the slices' fields are kept, never the file's DOM.
    auto callback = [&](int depth, Json::parse_event_t event, Json& parsed) {
        if (depth == 1 && event == Json::parse_event_t::key) {
            rootKey = parsed.is_string() ? parsed.get<std::string>() : std::string();
            return true;
        }
        if (depth == 2 && event == Json::parse_event_t::object_end && rootKey == "traceEvents") {
            if (cancel && (++seen & 0xFFF) == 0 && cancel->load())
                throw Cancelled{};
            reader.event(parsed);
            return false;
        }
        return true;
    };
    Json root;
    try {
        root = Json::parse(in, callback);
    } catch (const Cancelled&) {
        out.cancelled = true;
        out.problem = "interrupted";
        return out;
    } catch (const Json::exception& e) {
        out.problem = std::string("the trace is not complete JSON (") + e.what()
            + "): the runs' figures cannot be computed again";
        return out;
    }
    if (root.is_object()) {
        if (const auto it = root.find("otherData"); it != root.end())
            reader.otherData = std::move(*it);
    }
    build(out, reader);
    return out;
}

} // namespace

bool isOverlapTrace(std::string_view otherDataJson)
{
    if (otherDataJson.empty())
        return false;
    const Json other = Json::parse(otherDataJson, nullptr, false);
    return other.is_object() && textOf(other, "generator").starts_with("overlap");
}

RecoveredTrace recoverRuns(const std::string& path, const std::atomic<bool>* cancel)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        RecoveredTrace out;
        out.problem = "cannot read '" + path + "'";
        return out;
    }
    return recover(in, cancel);
}

RecoveredTrace recoverRunsFromText(std::string_view text)
{
    std::istringstream in{std::string(text)};
    return recover(in, nullptr);
}

} // namespace overlap::engine
