#include "engine/traceexport.h"

#include "engine/timeline.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

namespace overlap::engine {

namespace {

using Json = nlohmann::ordered_json;

std::string quoted(const std::string& text)
{
    return Json(text).dump();
}

// Exact µs with three decimals: integer arithmetic keeps ts + dur of a child
// from rounding past its parent's end.
std::string micros(std::int64_t ns)
{
    if (ns < 0)
        return "-" + micros(-ns);
    char buf[32];
    std::snprintf(
        buf, sizeof buf, "%lld.%03lld", static_cast<long long>(ns / 1000), static_cast<long long>(ns % 1000));
    return buf;
}

std::string number(double value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", value);
    return buf;
}

class TraceWriter {
public:
    explicit TraceWriter(std::ostream& out)
        : m_out(out)
    {
    }

    void metadata(int pid, int tid, const char* name, const std::string& argsJson)
    {
        next();
        m_out << R"({"ph":"M","pid":)" << pid;
        if (tid >= 0)
            m_out << R"(,"tid":)" << tid;
        m_out << R"(,"name":")" << name << R"(","args":)" << argsJson << '}';
    }

    void complete(int pid, int tid, std::int64_t startNs, std::int64_t endNs, const std::string& quotedName,
        const char* category, const std::string& argsJson)
    {
        next();
        m_out << R"({"ph":"X","pid":)" << pid << R"(,"tid":)" << tid << R"(,"ts":)" << micros(startNs)
              << R"(,"dur":)" << micros(endNs > startNs ? endNs - startNs : 0) << R"(,"name":)" << quotedName
              << R"(,"cat":")" << category << R"(","args":{)" << argsJson << "}}";
    }

    // One end of a flow arrow (`s` where it starts, `f` where it ends, bound
    // to the slice that encloses it there).
    void flow(char phase, int pid, int tid, std::int64_t ns, int id, const char* name)
    {
        next();
        m_out << R"({"ph":")" << phase << R"(","pid":)" << pid << R"(,"tid":)" << tid << R"(,"ts":)"
              << micros(ns) << R"(,"id":)" << id << R"(,"name":")" << name << R"(","cat":"handoff")"
              << (phase == 'f' ? R"(,"bp":"e")" : "") << '}';
    }
    // Flow ids are unique in the whole file, across runs.
    int nextFlowId() { return ++m_flowIds; }

private:
    void next()
    {
        m_out << (m_first ? "\n" : ",\n");
        m_first = false;
    }
    std::ostream& m_out;
    bool m_first = true;
    int m_flowIds = 0;
};

enum class SliceKind : std::uint8_t { Startup, RateWait, Attempt, Backoff, LockWait, GilWait, Step };

struct Slice {
    SliceKind kind;
    std::uint64_t key;
    Event start;
};

std::uint64_t key(const Event& e, bool withAttempt, bool withStep)
{
    std::uint64_t k = std::uint64_t(std::uint32_t(e.task)) << 32;
    if (withAttempt)
        k |= std::uint64_t(std::uint16_t(e.attempt)) << 16;
    if (withStep)
        k |= std::uint16_t(e.step);
    return k;
}

// Turns one run's events into slices. Each worker lane keeps a stack of open
// slices; when a slice closes while slices opened after it are still open
// (which a correct executor never produces), those are cut at its end and
// marked "clipped", so that slices on a lane always nest as viewers require.
class RunExporter {
public:
    RunExporter(TraceWriter& writer, const Plan& plan, const RunOutput& output, int pid)
        : m_w(writer)
        , m_plan(plan)
        , m_output(output)
        , m_pid(pid)
    {
        for (const TaskInstance& instance : plan.instances())
            m_names.push_back(quoted(instance.name));
    }

    void exportAll()
    {
        std::int64_t last = 0;
        for (const Event& e : m_output.events) {
            handle(e);
            last = std::max(last, e.tNs);
        }
        // A cancelled or broken run can leave slices open: show what ran.
        for (auto& [lane, stack] : m_lanes) {
            for (std::size_t i = stack.size(); i-- > 0;)
                emit(lane, stack[i], nullptr, last, "\"unfinished\":true");
            stack.clear();
        }
        if (m_gilOpen)
            emitGil(nullptr, last);
        writeHandOffs();
        writeLaneNames();
    }

private:
    void handle(const Event& e)
    {
        switch (e.kind) {
        case EventKind::GilAcquire:
            if (m_gilOpen)
                emitGil(nullptr, e.tNs); // the next holder's stamp came first
            m_gilOpen = true;
            m_gilHolder = e;
            close(e, SliceKind::GilWait, 0);
            return;
        case EventKind::GilRelease:
            if (m_gilOpen && m_gilHolder.tid == e.tid)
                emitGil(&e, e.tNs);
            return;
        default:
            break;
        }
        if (e.lane < 0)
            return;
        m_seenLanes.insert(e.lane);
        switch (e.kind) {
        case EventKind::WorkerStart:
            open(e, SliceKind::Startup, 0);
            break;
        case EventKind::WorkerReady:
            close(e, SliceKind::Startup, 0);
            break;
        case EventKind::WorkerExit:
            closeLane(e);
            break;
        case EventKind::RateWait:
            open(e, SliceKind::RateWait, key(e, false, false));
            break;
        case EventKind::TaskStart:
            close(e, SliceKind::RateWait, key(e, false, false));
            close(e, SliceKind::Backoff, key(e, false, false));
            open(e, SliceKind::Attempt, key(e, true, false));
            break;
        case EventKind::TaskEnd:
        case EventKind::TaskFail:
            close(e, SliceKind::Attempt, key(e, true, false));
            break;
        case EventKind::RetryBackoff:
            open(e, SliceKind::Backoff, key(e, false, false));
            break;
        case EventKind::StepStart:
            open(e, SliceKind::Step, key(e, true, true));
            break;
        case EventKind::StepEnd:
            close(e, SliceKind::Step, key(e, true, true));
            break;
        case EventKind::LockWait:
            open(e, SliceKind::LockWait, key(e, true, true));
            break;
        case EventKind::LockAcquire:
            close(e, SliceKind::LockWait, key(e, true, true));
            break;
        case EventKind::GilWait:
            open(e, SliceKind::GilWait, 0);
            break;
        default:
            break;
        }
    }

    void open(const Event& e, SliceKind kind, std::uint64_t k) { m_lanes[e.lane].push_back({kind, k, e}); }

    void close(const Event& e, SliceKind kind, std::uint64_t k)
    {
        auto lane = m_lanes.find(e.lane);
        if (lane == m_lanes.end())
            return;
        std::vector<Slice>& stack = lane->second;
        for (std::size_t i = stack.size(); i-- > 0;) {
            if (stack[i].kind != kind || stack[i].key != k)
                continue;
            for (std::size_t j = stack.size() - 1; j > i; --j)
                emit(e.lane, stack[j], nullptr, e.tNs, "\"clipped\":true");
            emit(e.lane, stack[i], &e, e.tNs, {});
            stack.resize(i);
            return;
        }
    }

    // The worker is gone: nothing it had open can continue.
    void closeLane(const Event& e)
    {
        auto lane = m_lanes.find(e.lane);
        if (lane == m_lanes.end())
            return;
        std::vector<Slice>& stack = lane->second;
        for (std::size_t i = stack.size(); i-- > 0;) {
            if (stack[i].kind == SliceKind::Startup)
                emit(e.lane, stack[i], &e, e.tNs, "\"ready\":false");
            else
                emit(e.lane, stack[i], nullptr, e.tNs, "\"unfinished\":true");
        }
        stack.clear();
    }

    std::string taskName(int task) const
    {
        return task >= 0 && std::size_t(task) < m_names.size() ? m_names[std::size_t(task)] : quoted("task");
    }

    bool validStep(const Event& e) const
    {
        return e.task >= 0 && std::size_t(e.task) < m_names.size() && e.step >= 0
            && std::size_t(e.step) < m_plan.spec(e.task).steps.size();
    }

    // `end` is the event that closed the slice, null when it was cut short.
    void emit(int lane, const Slice& s, const Event* end, std::int64_t endNs, const std::string& extra)
    {
        const Event& b = s.start;
        std::string args;
        std::string name;
        const char* category = "task";
        switch (s.kind) {
        case SliceKind::Startup:
            name = quoted("start-up");
            category = "worker";
            args = R"("pid":)" + std::to_string(end ? end->pid : b.pid);
            break;
        case SliceKind::RateWait:
            name = quoted("rate limit");
            category = "wait";
            args = R"("task":)" + taskName(b.task);
            break;
        case SliceKind::Attempt: {
            name = taskName(b.task);
            args = R"("attempt":)" + std::to_string(b.attempt);
            if (end && end->kind == EventKind::TaskEnd)
                args += R"(,"result":"ok")";
            else if (end && end->kind == EventKind::TaskFail)
                args += R"(,"result":"failed","reason":)"
                    + quoted(std::string(failReasonText(static_cast<FailReason>(end->detail))));
            break;
        }
        case SliceKind::Backoff:
            name = quoted("backoff");
            category = "wait";
            args = R"("task":)" + taskName(b.task) + R"(,"planned_ms":)" + number(double(b.cpuNs) / 1e6)
                + R"(,"next_attempt":)" + std::to_string(b.attempt + 1);
            break;
        case SliceKind::LockWait: {
            const bool known = b.detail >= 0 && std::size_t(b.detail) < m_plan.lockNames().size();
            const std::string lock = known ? m_plan.lockNames()[std::size_t(b.detail)] : "lock";
            name = quoted("lock wait @" + lock);
            category = "lock";
            args = R"("task":)" + taskName(b.task) + R"(,"lock":)" + quoted(lock);
            break;
        }
        case SliceKind::GilWait:
            name = quoted("GIL wait");
            category = "gil";
            args = R"("task":)" + taskName(b.task);
            break;
        case SliceKind::Step:
            name = quoted(validStep(b) ? stepLabel(m_plan.step(b.task, b.step)) : "step");
            category = "step";
            args = R"("task":)" + taskName(b.task) + R"(,"attempt":)" + std::to_string(b.attempt)
                + R"(,"step":)" + std::to_string(b.step);
            if (end && end->kind == EventKind::StepEnd)
                args += R"(,"cpu_ms":)" + number(double(end->cpuNs) / 1e6);
            args += R"(,"pid":)" + std::to_string(b.pid) + R"(,"tid":)" + std::to_string(b.tid)
                + R"(,"core":)" + std::to_string(b.core);
            break;
        }
        if (!extra.empty())
            args += (args.empty() ? "" : ",") + extra;
        m_w.complete(m_pid, lane + 1, b.tNs, endNs, name, category, args);
        m_spans[lane].list.push_back({b.tNs, endNs});
    }

    void emitGil(const Event* release, std::int64_t endNs)
    {
        const Event& b = m_gilHolder;
        std::string args = R"("lane":)" + std::to_string(b.lane) + R"(,"tid":)" + std::to_string(b.tid);
        if (b.task >= 0)
            args += R"(,"task":)" + taskName(b.task);
        if (!release)
            args += R"(,"clipped":true)";
        const std::string name = b.lane >= 0 ? "worker " + std::to_string(b.lane + 1) : "GIL";
        m_w.complete(m_pid, kGilTraceTid, b.tNs, endNs, quoted(name), "gil", args);
        m_gilOpen = false;
        m_gilSeen = true;
    }

    // The GIL or a lock passed from one worker to the next, as flow arrows
    // from inside the releaser's slice to inside the next holder's. The
    // timeline finds the hand-offs, as it does for the Gantt's arrows.
    void writeHandOffs()
    {
        for (auto& [lane, spans] : m_spans)
            spans.index();
        Timeline timeline(std::shared_ptr<const Plan>(&m_plan, [](const Plan*) {}));
        timeline.append(m_output.events);
        timeline.finish();
        for (const HandOff& h : timeline.handOffs()) {
            if (h.fromWorker < 0 || h.toWorker < 0 || h.fromWorker == h.toWorker
                || !m_seenLanes.contains(h.fromWorker) || !m_seenLanes.contains(h.toWorker))
                continue;
            const auto from = inside(h.fromWorker, h.fromNs - 1, true);
            const auto to = inside(h.toWorker, h.toNs, false);
            if (!from || !to)
                continue;
            const int id = m_w.nextFlowId();
            const char* name = h.kind == HandOffKind::Gil ? "GIL hand-off" : "lock hand-off";
            m_w.flow('s', m_pid, h.fromWorker + 1, *from, id, name);
            m_w.flow('f', m_pid, h.toWorker + 1, *to, id, name);
        }
    }

    // A time inside one of the lane's slices, so that the flow binds to it:
    // `ns` itself when a slice holds it, else the nearest slice end before
    // (`before`) or the nearest slice start after. O(log slices).
    std::optional<std::int64_t> inside(int lane, std::int64_t ns, bool before) const
    {
        const auto it = m_spans.find(lane);
        if (it == m_spans.end() || it->second.empty())
            return std::nullopt;
        const Spans& spans = it->second;
        // The last slice starting at or before ns; the latest end up to it
        // is at or after ns exactly when some slice holds ns.
        const auto after = std::upper_bound(spans.starts.begin(), spans.starts.end(), ns);
        if (after == spans.starts.begin())
            return before ? std::nullopt : std::optional<std::int64_t>(spans.starts.front());
        const auto i = static_cast<std::size_t>(after - spans.starts.begin()) - 1;
        if (spans.maxEnd[i] > ns)
            return ns;
        if (before || spans.maxEnd[i] == ns) // just before the end of the latest one
            return std::max(spans.starts[i], spans.maxEnd[i] - 1);
        return i + 1 < spans.starts.size() ? std::optional<std::int64_t>(spans.starts[i + 1]) : std::nullopt;
    }

    void writeLaneNames()
    {
        const bool sequential = m_plan.run().model == Model::Sequential;
        for (int lane : m_seenLanes) {
            const std::string name = sequential ? "main" : "worker " + std::to_string(lane + 1);
            m_w.metadata(m_pid, lane + 1, "thread_name", R"({"name":)" + quoted(name) + "}");
            m_w.metadata(
                m_pid, lane + 1, "thread_sort_index", R"({"sort_index":)" + std::to_string(lane) + "}");
        }
        if (m_gilSeen || runUsesGil(m_plan)) {
            m_w.metadata(m_pid, kGilTraceTid, "thread_name", R"({"name":"GIL"})");
            m_w.metadata(m_pid, kGilTraceTid, "thread_sort_index", R"({"sort_index":-1})");
        }
    }

    TraceWriter& m_w;
    const Plan& m_plan;
    const RunOutput& m_output;
    int m_pid;
    std::vector<std::string> m_names; // instance names, already JSON-quoted
    std::map<int, std::vector<Slice>> m_lanes;
    std::set<int> m_seenLanes;
    // The slices written on each lane, for binding flows.
    struct Spans {
        std::vector<std::pair<std::int64_t, std::int64_t>> list; // (start, end) as emitted
        std::vector<std::int64_t> starts; // sorted
        std::vector<std::int64_t> maxEnd; // maxEnd[i]: latest end of the first i + 1 by start
        void index()
        {
            std::sort(list.begin(), list.end());
            starts.clear();
            maxEnd.clear();
            for (const auto& [start, end] : list) {
                starts.push_back(start);
                maxEnd.push_back(maxEnd.empty() ? end : std::max(maxEnd.back(), end));
            }
        }
        bool empty() const { return starts.empty(); }
    };
    std::map<int, Spans> m_spans;
    Event m_gilHolder;
    bool m_gilOpen = false;
    bool m_gilSeen = false;
};

Json runJson(const ExportedRun& run, int pid)
{
    Json j;
    j["pid"] = pid;
    j["label"] = runLabel(*run.plan, *run.output);
    j["model"] = std::string(modelName(run.plan->run().model));
    j["workers"] = run.output->workers;
    j["gil"] = runUsesGil(*run.plan);
    if (run.metrics)
        j["metrics"] = Json::parse(metricsToJson(*run.metrics));
    if (run.output->cancelled)
        j["cancelled"] = true;
    if (!run.output->error.empty())
        j["error"] = run.output->error;
    return j;
}

} // namespace

bool runUsesGil(const Plan& plan)
{
    return plan.run().model == Model::Threads && plan.run().gil;
}

std::string runLabel(const Plan& plan, const RunOutput& output)
{
    std::string label(modelName(plan.run().model));
    if (plan.run().model != Model::Sequential && output.workers > 0)
        label += " \u00d7" + std::to_string(output.workers);
    if (runUsesGil(plan))
        label += " + GIL";
    return label;
}

std::string stepLabel(const Step& step)
{
    char ms[32];
    std::snprintf(ms, sizeof ms, "%g", step.ms);
    std::string label = (step.kind == StepKind::Io ? "io " : "cpu ") + std::string(ms) + " ms";
    if (!step.lock.empty())
        label += " @" + step.lock;
    return label;
}

void writeChromeTrace(std::ostream& out, const std::vector<ExportedRun>& runs, const TraceInfo& info)
{
    out << R"({"traceEvents":[)";
    TraceWriter writer(out);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const int pid = static_cast<int>(i) + 1;
        writer.metadata(
            pid, -1, "process_name", R"({"name":)" + quoted(runLabel(*runs[i].plan, *runs[i].output)) + "}");
        writer.metadata(pid, -1, "process_sort_index", R"({"sort_index":)" + std::to_string(i) + "}");
        RunExporter(writer, *runs[i].plan, *runs[i].output, pid).exportAll();
    }

    Json other;
    other["generator"] = "overlap " OVERLAP_VERSION;
    other["scenario"] = info.scenario;
    other["cpu_cores"] = info.cpuCores;
    other["calibration_iters_per_ms"] = info.itersPerMs;
    if (runs.size() == 1) {
        // The common single-run case reads without digging into "runs".
        Json only = runJson(runs.front(), 1);
        for (const char* field : {"model", "workers", "gil", "metrics"}) {
            if (only.contains(field))
                other[field] = only[field];
        }
    }
    Json list = Json::array();
    for (std::size_t i = 0; i < runs.size(); ++i)
        list.push_back(runJson(runs[i], static_cast<int>(i) + 1));
    other["runs"] = std::move(list);
    out << "\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":" << other.dump() << "}\n";
}

} // namespace overlap::engine
