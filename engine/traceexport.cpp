#include "engine/traceexport.h"

#include "engine/scenarioio.h"
#include "engine/timeline.h"
#include "engine/traceexportlane.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace overlap::engine {

namespace {

using Json = nlohmann::ordered_json;

using traceexport::ExportLane;
using traceexport::SliceKind;
using traceexport::TraceWriter;

std::string quoted(const std::string& text)
{
    return Json(text).dump();
}

std::string number(double value)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", value);
    return buf;
}

constexpr std::int64_t kOneDayNs = 86'400'000'000'000;

// end - start, 0 when end is not later, saturated rather than overflowing.
std::int64_t lengthNs(std::int64_t start, std::int64_t end)
{
    if (end <= start)
        return 0;
    const std::uint64_t length = std::uint64_t(end) - std::uint64_t(start);
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(length, std::numeric_limits<std::int64_t>::max()));
}

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
        for (auto& [lane, slices] : m_lanes) {
            settle(lane, slices, last);
            while (!slices.stack().empty())
                emit(lane, slices, nullptr, last, "\"unfinished\":true");
        }
        if (m_gilOpen)
            emitGil(nullptr, last);
        writeHandOffs();
        writeLaneNames();
    }

private:
    void handle(const Event& e)
    {
        // Intervals that ended by now close first; one that another OffCpu
        // continues exactly stays open to be extended.
        if (e.lane >= 0)
            settle(e.lane, m_lanes[e.lane], e.kind == EventKind::OffCpu && e.tNs > 0 ? e.tNs - 1 : e.tNs);
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
        case EventKind::OffCpu:
            // A broken time or length cannot overflow.
            if (e.tNs < std::numeric_limits<std::int64_t>::max() - kOneDayNs)
                child(e, SliceKind::Ready, e.tNs, e.tNs + std::clamp<std::int64_t>(e.cpuNs, 0, kOneDayNs));
            break;
        default:
            break;
        }
    }

    void open(const Event& e, SliceKind kind, std::uint64_t k)
    {
        ExportLane& lane = m_lanes[e.lane];
        cutInterval(e.lane, lane, e.tNs);
        lane.open(kind, k, e);
    }

    // A slice reported with its end (an interval recorded when it was over,
    // such as an OffCpu), inside the innermost open slice of its lane, at any
    // depth. It stays open until the lane's events pass its end, so that a
    // slice opened meanwhile cuts it rather than overlapping it, and one that
    // touches or overlaps the previous interval of its kind extends it.
    void child(const Event& e, SliceKind kind, std::int64_t startNs, std::int64_t endNs)
    {
        if (endNs <= startNs)
            return; // nothing to show (an OffCpu of 0 ns: the thread only changed cores)
        ExportLane& lane = m_lanes[e.lane];
        if (!lane.stack().empty()) {
            ExportLane::Open& top = lane.stack().back();
            if (top.kind == kind && top.plannedEndNs >= startNs) {
                top.plannedEndNs = std::max(top.plannedEndNs, endNs);
                top.start.core = e.core;
                return;
            }
        }
        cutInterval(e.lane, lane, startNs);
        Event start = e;
        start.tNs = startNs;
        lane.open(kind, 0, start, endNs);
    }

    // Intervals of the lane that ended by ns close at their own end.
    void settle(int laneId, ExportLane& lane, std::int64_t ns)
    {
        while (!lane.stack().empty() && lane.stack().back().plannedEndNs >= 0
            && lane.stack().back().plannedEndNs <= ns)
            emit(laneId, lane, nullptr, lane.stack().back().plannedEndNs, {});
    }

    // A slice opens at ns inside an interval still going: the interval is cut there.
    void cutInterval(int laneId, ExportLane& lane, std::int64_t ns)
    {
        settle(laneId, lane, ns);
        while (!lane.stack().empty() && lane.stack().back().plannedEndNs > ns)
            emit(laneId, lane, nullptr, ns, "\"clipped\":true");
    }

    void close(const Event& e, SliceKind kind, std::uint64_t k)
    {
        auto it = m_lanes.find(e.lane);
        if (it == m_lanes.end())
            return;
        ExportLane& lane = it->second;
        const auto& stack = lane.stack();
        for (std::size_t i = stack.size(); i-- > 0;) {
            if (stack[i].kind != kind || stack[i].key != k)
                continue;
            while (lane.stack().size() > i + 1)
                emit(e.lane, lane, nullptr, e.tNs, "\"clipped\":true");
            emit(e.lane, lane, &e, e.tNs, {});
            return;
        }
    }

    // The worker is gone: nothing it had open can continue.
    void closeLane(const Event& e)
    {
        auto it = m_lanes.find(e.lane);
        if (it == m_lanes.end())
            return;
        ExportLane& lane = it->second;
        while (!lane.stack().empty()) {
            if (lane.stack().back().kind == SliceKind::Startup)
                emit(e.lane, lane, &e, e.tNs, "\"ready\":false");
            else
                emit(e.lane, lane, nullptr, e.tNs, "\"unfinished\":true");
        }
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

    // Closes the lane's innermost open slice at endNs; `end` is the event
    // that closed it, null when it was cut short or ended by itself.
    void emit(int laneId, ExportLane& lane, const Event* end, std::int64_t endNs, const std::string& extra)
    {
        const ExportLane::Open& s = lane.stack().back();
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
        case SliceKind::Ready:
            // Runnable, off every core: the time is the slice's own length.
            name = quoted("ready");
            category = "ready";
            args = R"("off_cpu_ns":)" + std::to_string(lengthNs(b.tNs, endNs)) + R"(,"core":)"
                + std::to_string(b.core);
            break;
        }
        if (!extra.empty())
            args += (args.empty() ? "" : ",") + extra;
        lane.closeTop(endNs, TraceWriter::slice(m_pid, laneId + 1, b.tNs, endNs, name, category, args), m_w);
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
        m_w.write(TraceWriter::slice(m_pid, kGilTraceTid, b.tNs, endNs, quoted(name), "gil", args));
        m_gilOpen = false;
        m_gilSeen = true;
    }

    // The GIL or a lock passed from one worker to the next, as flow arrows
    // from the releaser's slice (the step that released it) to the next
    // holder's. The timeline finds the hand-offs, as it does for the Gantt's
    // arrows.
    void writeHandOffs()
    {
        Timeline timeline(std::shared_ptr<const Plan>(&m_plan, [](const Plan*) {}));
        timeline.append(m_output.events);
        timeline.finish();
        for (const HandOff& h : timeline.handOffs()) {
            if (h.fromWorker < 0 || h.toWorker < 0 || h.fromWorker == h.toWorker
                || !m_seenLanes.contains(h.fromWorker) || !m_seenLanes.contains(h.toWorker))
                continue;
            const auto from = m_lanes[h.fromWorker].flowSource(h.fromNs, h.fromTask);
            const auto to = m_lanes[h.toWorker].flowTarget(h.toNs, h.toTask);
            if (!from || !to)
                continue;
            const int id = m_w.nextFlowId();
            const char* name = h.kind == HandOffKind::Gil ? "GIL hand-off" : "lock hand-off";
            m_w.flow('s', m_pid, h.fromWorker + 1, *from, id, name);
            m_w.flow('f', m_pid, h.toWorker + 1, *to, id, name);
        }
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
    std::map<int, ExportLane> m_lanes;
    std::set<int> m_seenLanes;
    Event m_gilHolder;
    bool m_gilOpen = false;
    bool m_gilSeen = false;
};

// The scenario as its file would hold it (scenarioio's format), so that a
// reader can rebuild the run's Plan.
Json definitionJson(const Scenario& scenario)
{
    return Json::parse(scenarioToJson(scenario));
}

bool sameTasks(const Scenario& a, const Scenario& b)
{
    return a.name == b.name && a.description == b.description && a.tasks == b.tasks;
}

// `first` is the scenario written as otherData's scenario_definition: a run
// whose tasks differ from its tasks gets a definition of its own.
Json runJson(const ExportedRun& run, int pid, const Scenario* first)
{
    Json j;
    j["pid"] = pid;
    j["label"] = runLabel(*run.plan, *run.output);
    j["model"] = std::string(modelName(run.plan->run().model));
    j["workers"] = run.output->workers;
    j["gil"] = runUsesGil(*run.plan);
    // What `inspect` needs to compute the figures again from the slices
    // (engine/tracerecovery.h): the run's settings as the scenario file
    // writes them, and the times of RunStart and RunEnd, which no slice
    // shows. The peak RSS is in the metrics only.
    Json definition = definitionJson(run.plan->scenario());
    j["settings"] = definition["run"];
    if (first && !sameTasks(*first, run.plan->scenario()))
        j["scenario_definition"] = std::move(definition);
    Json unplaced = Json::array();
    for (const Event& e : run.output->events) {
        if (e.kind == EventKind::RunStart && !j.contains("run_start_ns"))
            j["run_start_ns"] = e.tNs;
        else if (e.kind == EventKind::RunEnd)
            j["run_end_ns"] = e.tNs;
        else if (e.kind == EventKind::TaskFail && e.lane < 0)
            // No worker could be started for it: it failed on no lane, so no slice shows it.
            unplaced.push_back({{"task", e.task}, {"attempt", e.attempt}, {"ns", e.tNs},
                {"reason", std::string(failReasonText(static_cast<FailReason>(e.detail)))}});
    }
    if (!unplaced.empty())
        j["failures_without_worker"] = std::move(unplaced);
    if (!run.output->workerProcesses.empty()) {
        Json calibrations = Json::array();
        for (const WorkerInfo& w : run.output->workerProcesses)
            calibrations.push_back(w.itersPerMs);
        j["worker_calibration_iters_per_ms"] = std::move(calibrations);
    }
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
            pid, 0, "process_name", R"({"name":)" + quoted(runLabel(*runs[i].plan, *runs[i].output)) + "}");
        writer.metadata(pid, 0, "process_sort_index", R"({"sort_index":)" + std::to_string(i) + "}");
        RunExporter(writer, *runs[i].plan, *runs[i].output, pid).exportAll();
    }

    Json other;
    other["generator"] = "overlap " OVERLAP_VERSION;
    other["scenario"] = info.scenario;
    other["cpu_cores"] = info.cpuCores;
    other["calibration_iters_per_ms"] = info.itersPerMs;
    const Scenario* first = runs.empty() ? nullptr : &runs.front().plan->scenario();
    if (first)
        other["scenario_definition"] = definitionJson(*first);
    if (runs.size() == 1) {
        // The common single-run case reads without digging into "runs".
        Json only = runJson(runs.front(), 1, first);
        for (const char* field : {"model", "workers", "gil", "metrics"}) {
            if (only.contains(field))
                other[field] = only[field];
        }
    }
    Json list = Json::array();
    for (std::size_t i = 0; i < runs.size(); ++i)
        list.push_back(runJson(runs[i], static_cast<int>(i) + 1, first));
    other["runs"] = std::move(list);
    out << "\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":" << other.dump() << "}\n";
}

} // namespace overlap::engine
