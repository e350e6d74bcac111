#include "engine/metrics.h"

#include "engine/timeline.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace overlap::engine {

namespace {

// Steps of one attempt run one after another, so (task, attempt, step)
// names at most one open step at a time.
std::uint64_t stepKey(const Event& e)
{
    return (std::uint64_t(std::uint32_t(e.task)) << 32) | (std::uint64_t(std::uint16_t(e.attempt)) << 16)
        | std::uint64_t(std::uint16_t(e.step));
}

// The last step an instance ended, so that a step cut short by cancellation
// counts for the time it ran rather than for its nominal duration.
struct LastStep {
    int attempt = 0;
    int step = -1;
    double nominalMs = 0;
    double wallMs = 0;
};

enum class TaskState : std::uint8_t { NotRun, Running, Done, Failed, Retrying };

double nsToMs(std::int64_t ns)
{
    return double(ns) / 1e6;
}

// The states' totals are summed from the timeline itself, so that what is
// counted is what is drawn, segment for segment.
void addStateTotals(Metrics& m, const Plan& plan, const std::vector<Event>& events)
{
    Timeline timeline(std::shared_ptr<const Plan>(&plan, [](const Plan*) {}));
    timeline.append(events);
    timeline.finish();
    std::int64_t totals[segmentStateCount] = {};
    for (const TimelineLane& lane : timeline.lanes(Grouping::Task)) {
        for (const Segment& s : lane.segments())
            totals[static_cast<int>(s.state)] += std::max<std::int64_t>(0, s.endNs - s.startNs);
    }
    auto total = [&](SegmentState s) { return nsToMs(totals[static_cast<int>(s)]); };
    m.runningMs = total(SegmentState::Running);
    m.readyMs = total(SegmentState::Ready);
    m.ioWaitMs = total(SegmentState::WaitingIo);
    m.lockWaitMs = total(SegmentState::WaitingLock);
    m.gilWaitMs = total(SegmentState::WaitingGil);
    m.rateWaitMs = total(SegmentState::RateWait);
    m.backoffMs = total(SegmentState::Backoff);
}

} // namespace

Metrics computeMetrics(const Plan& plan, const RunOutput& output, int cpuCores)
{
    Metrics m;
    m.tasks = static_cast<int>(plan.instances().size());

    // The run's events come sorted by time; hand-made ones might not be.
    const std::vector<Event>* events = &output.events;
    std::vector<Event> sorted;
    auto byTime = [](const Event& a, const Event& b) { return a.tNs < b.tNs; };
    if (!std::is_sorted(events->begin(), events->end(), byTime)) {
        sorted = output.events;
        std::stable_sort(sorted.begin(), sorted.end(), byTime);
        events = &sorted;
    }

    std::int64_t runStart = 0;
    std::int64_t lastTaskEnd = -1;
    std::int64_t lastReady = -1;
    std::int64_t wallNs = 0, cpuNs = 0;
    std::unordered_map<std::uint64_t, std::int64_t> openSteps;
    std::vector<TaskState> state(plan.instances().size(), TaskState::NotRun);
    std::vector<FailReason> failReason(plan.instances().size(), FailReason::Injected);
    std::vector<LastStep> lastStep(plan.instances().size());
    auto validTask = [&](int task) { return task >= 0 && task < m.tasks; };

    // Concurrency is swept over groups of equal timestamps, ends before starts,
    // so that a step that starts exactly when another ends does not count twice.
    int inProgress = 0;
    std::size_t i = 0;
    while (i < events->size()) {
        const std::int64_t t = (*events)[i].tNs;
        int starts = 0, ends = 0;
        for (; i < events->size() && (*events)[i].tNs == t; ++i) {
            const Event& e = (*events)[i];
            switch (e.kind) {
            case EventKind::RunStart:
                runStart = e.tNs;
                break;
            case EventKind::WorkerReady:
                lastReady = std::max(lastReady, e.tNs);
                break;
            case EventKind::TaskStart:
                if (validTask(e.task))
                    state[std::size_t(e.task)] = TaskState::Running;
                break;
            case EventKind::TaskEnd:
                lastTaskEnd = std::max(lastTaskEnd, e.tNs);
                if (validTask(e.task))
                    state[std::size_t(e.task)] = TaskState::Done;
                break;
            case EventKind::TaskFail:
                lastTaskEnd = std::max(lastTaskEnd, e.tNs);
                if (validTask(e.task)) {
                    state[std::size_t(e.task)] = TaskState::Failed;
                    failReason[std::size_t(e.task)] = static_cast<FailReason>(e.detail);
                    // A cancelled task names the step it was in; if that step had ended
                    // (its wait or work was abandoned), only the part that ran is work.
                    const LastStep& last = lastStep[std::size_t(e.task)];
                    if (static_cast<FailReason>(e.detail) == FailReason::Cancelled && e.step >= 0
                        && last.step == e.step && last.attempt == e.attempt)
                        m.workMs -= last.nominalMs - std::min(last.nominalMs, last.wallMs);
                }
                break;
            case EventKind::RetryBackoff:
                ++m.retries;
                if (validTask(e.task))
                    state[std::size_t(e.task)] = TaskState::Retrying;
                break;
            case EventKind::StepStart:
                openSteps[stepKey(e)] = e.tNs;
                ++starts;
                break;
            case EventKind::StepEnd: {
                cpuNs += std::max<std::int64_t>(0, e.cpuNs);
                const bool known = validTask(e.task) && e.step >= 0
                    && std::size_t(e.step) < plan.spec(e.task).steps.size();
                const Step* step = known ? &plan.step(e.task, e.step) : nullptr;
                if (step)
                    m.workMs += step->ms;
                auto it = openSteps.find(stepKey(e));
                if (it == openSteps.end())
                    break; // an end without a start says nothing about wall time
                const std::int64_t wall = e.tNs - it->second;
                openSteps.erase(it);
                if (step)
                    lastStep[std::size_t(e.task)] = {e.attempt, e.step, step->ms, nsToMs(wall)};
                ++ends;
                wallNs += wall;
                break;
            }
            default:
                break;
            }
        }
        inProgress -= ends;
        inProgress += starts;
        m.peakConcurrency = std::max(m.peakConcurrency, inProgress);
    }

    const std::int64_t makespanNs = lastTaskEnd > runStart ? lastTaskEnd - runStart : 0;
    m.makespanMs = nsToMs(makespanNs);
    m.cpuMs = nsToMs(cpuNs);
    m.startupMs = lastReady > runStart ? nsToMs(lastReady - runStart) : 0;
    if (makespanNs > 0) {
        m.concurrency = double(wallNs) / double(makespanNs);
        m.parallelism = double(cpuNs) / double(makespanNs);
        m.cpuUtilization = double(cpuNs) / (double(makespanNs) * std::max(1, cpuCores));
    }
    addStateTotals(m, plan, *events);

    m.interrupted = output.cancelled || !output.error.empty();
    m.enginePeakRssKib = output.enginePeakRssKib;
    m.peakRssKib = output.enginePeakRssKib;
    for (const WorkerInfo& w : output.workerProcesses) {
        m.workerRss.push_back({w.lane, w.pid, w.peakRssKib});
        m.peakRssKib += w.peakRssKib;
    }

    for (std::size_t t = 0; t < state.size(); ++t) {
        if (state[t] != TaskState::Failed)
            continue;
        ++m.failed;
        if (failReason[t] == FailReason::Cancelled)
            ++m.cancelled;
    }
    return m;
}

std::string metricsToJson(const Metrics& m)
{
    nlohmann::ordered_json j;
    j["makespan_ms"] = m.makespanMs;
    j["work_ms"] = m.workMs;
    j["concurrency"] = m.concurrency;
    j["parallelism"] = m.parallelism;
    j["peak_concurrency"] = m.peakConcurrency;
    j["cpu_ms"] = m.cpuMs;
    j["cpu_utilization"] = m.cpuUtilization;
    j["running_ms"] = m.runningMs;
    j["ready_ms"] = m.readyMs;
    j["io_wait_ms"] = m.ioWaitMs;
    j["lock_wait_ms"] = m.lockWaitMs;
    j["gil_wait_ms"] = m.gilWaitMs;
    j["rate_wait_ms"] = m.rateWaitMs;
    j["backoff_ms"] = m.backoffMs;
    j["startup_ms"] = m.startupMs;
    j["peak_rss_kib"] = m.peakRssKib;
    j["engine_peak_rss_kib"] = m.enginePeakRssKib;
    auto workers = nlohmann::ordered_json::array();
    for (const WorkerRss& w : m.workerRss)
        workers.push_back({{"lane", w.lane}, {"pid", w.pid}, {"peak_rss_kib", w.peakRssKib}});
    j["worker_peak_rss_kib"] = std::move(workers);
    j["tasks"] = m.tasks;
    j["failed"] = m.failed;
    j["cancelled_tasks"] = m.cancelled;
    j["retries"] = m.retries;
    return j.dump();
}

Comparison compareRuns(std::span<const ComparedRun> runs)
{
    Comparison c;
    c.speedup.resize(runs.size());
    const Metrics* sequential = nullptr;
    for (const ComparedRun& r : runs) {
        if (r.metrics && r.model == Model::Sequential && r.metrics->ranked())
            sequential = r.metrics;
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const Metrics* m = runs[i].metrics;
        if (!m || !m->ranked())
            continue;
        if (sequential)
            c.speedup[i] = sequential->makespanMs / m->makespanMs;
        if (!c.fastest || m->makespanMs < runs[*c.fastest].metrics->makespanMs)
            c.fastest = i;
    }
    return c;
}

} // namespace overlap::engine
