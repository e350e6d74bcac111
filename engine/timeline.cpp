#include "engine/timeline.h"

#include <algorithm>
#include <limits>

namespace overlap::engine {

namespace {

// Sleeping threads wake up to ~100 µs late on an idle machine (timer slack):
// lateness below this is not worth a "ready" segment of its own.
constexpr std::int64_t kReadySlackNs = 200'000;

bool busyState(const Segment& s)
{
    switch (s.state) {
    case SegmentState::Running:
    case SegmentState::WaitingIo:
    case SegmentState::Ready:
        return s.step >= 0;
    case SegmentState::WaitingGil:
        return s.step >= 0; // a GIL wait inside a step is part of the step's wall time
    default:
        return false;
    }
}

std::int64_t overlapNs(const Segment& s, std::int64_t from, std::int64_t to)
{
    return std::max<std::int64_t>(0, std::min(s.endNs, to) - std::max(s.startNs, from));
}

} // namespace

Timeline::Timeline(std::shared_ptr<const Plan> plan)
    : m_plan(std::move(plan))
{
    if (!m_plan)
        return;
    // Every task gets its row from the start: tasks still queued show as empty rows.
    const int instances = static_cast<int>(m_plan->instances().size());
    for (int i = 0; i < instances; ++i)
        ensureLane(Grouping::Task, i);
    m_tasks.resize(static_cast<std::size_t>(instances));
    m_hasGil = m_plan->run().model == Model::Threads && m_plan->run().gil;
}

Timeline Timeline::fromLanes(PrebuiltLanes data)
{
    Timeline t;
    t.m_prebuilt = true;
    Group& tasks = t.m_groups[index(Grouping::Task)];
    tasks.lanes = std::move(data.lanes);
    const int count = static_cast<int>(tasks.lanes.size());
    for (int i = 0; i < count; ++i) {
        tasks.rows.push_back(i);
        tasks.keyToLane.push_back(i);
    }
    t.m_laneLabels = std::move(data.labels);
    t.m_laneLabels.resize(tasks.lanes.size());
    t.m_laneBusy = std::move(data.busy);
    if (!t.m_laneBusy.empty())
        t.m_laneBusy.resize(tasks.lanes.size(), false);
    for (std::size_t l = 0; l < tasks.lanes.size(); ++l) {
        if (!t.m_laneBusy.empty() && !t.m_laneBusy[l])
            continue;
        for (const Segment& s : tasks.lanes[l].segments())
            t.m_profile.add(s);
    }
    t.m_segmentNames = std::move(data.names);
    t.m_prebuiltArrows = std::move(data.arrows);
    t.m_now = t.m_lastEventNs = std::max<std::int64_t>(0, data.endNs);
    t.m_eventCount = data.eventCount;
    t.m_finished = true;
    ++t.m_revision;
    return t;
}

const std::string& Timeline::laneLabel(Grouping g, int lane) const
{
    static const std::string none;
    if (g != Grouping::Task || lane < 0 || static_cast<std::size_t>(lane) >= m_laneLabels.size())
        return none;
    return m_laneLabels[static_cast<std::size_t>(lane)];
}

std::string_view Timeline::segmentName(const Segment& s) const
{
    if (s.detail < 0 || static_cast<std::size_t>(s.detail) >= m_segmentNames.size())
        return {};
    return m_segmentNames[static_cast<std::size_t>(s.detail)];
}

void Timeline::append(std::span<const Event> events)
{
    for (const Event& e : events)
        handle(e);
    m_eventCount += events.size();
    ++m_revision;
}

void Timeline::setNow(std::int64_t ns)
{
    if (ns > m_now && !m_finished) {
        m_now = ns;
        ++m_revision;
    }
}

void Timeline::finish()
{
    for (Actor& a : m_tasks)
        close(a, m_lastEventNs);
    for (Actor& a : m_workers)
        close(a, m_lastEventNs);
    if (m_gilOpen) {
        m_gilHolder.endNs = std::max(m_gilHolder.startNs, m_lastEventNs);
        m_gil.add(m_gilHolder);
        m_gilOpen = false;
    }
    // The run's own clock, not the viewer's estimate of it, ends the chart.
    m_now = m_lastEventNs;
    m_finished = true;
    ++m_revision;
}

int Timeline::laneIndex(Grouping g, int key) const
{
    const Group& group = m_groups[index(g)];
    if (key < 0 || static_cast<std::size_t>(key) >= group.keyToLane.size())
        return -1;
    return group.keyToLane[static_cast<std::size_t>(key)];
}

int Timeline::ensureLane(Grouping g, int key)
{
    if (key < 0)
        return -1;
    Group& group = m_groups[index(g)];
    if (static_cast<std::size_t>(key) >= group.keyToLane.size())
        group.keyToLane.resize(static_cast<std::size_t>(key) + 1, -1);
    int& lane = group.keyToLane[static_cast<std::size_t>(key)];
    if (lane >= 0)
        return lane;
    lane = static_cast<int>(group.lanes.size());
    group.lanes.emplace_back(key);
    auto at = std::lower_bound(group.rows.begin(), group.rows.end(), key,
        [&](int row, int k) { return group.lanes[static_cast<std::size_t>(row)].key() < k; });
    group.rows.insert(at, lane);
    return lane;
}

int Timeline::laneFor(Grouping g, const Segment& s) const
{
    switch (g) {
    case Grouping::Task:
        return laneIndex(g, s.task);
    case Grouping::Worker:
        return laneIndex(g, s.lane);
    case Grouping::Core:
        return s.state == SegmentState::Running ? laneIndex(g, s.core) : -1;
    }
    return -1;
}

Timeline::Actor& Timeline::actor(int task)
{
    if (static_cast<std::size_t>(task) >= m_tasks.size())
        m_tasks.resize(static_cast<std::size_t>(task) + 1);
    return m_tasks[static_cast<std::size_t>(task)];
}

std::int64_t Timeline::nominalNs(const Segment& s) const
{
    if (!m_plan || s.task < 0 || static_cast<std::size_t>(s.task) >= m_plan->instances().size() || s.step < 0
        || static_cast<std::size_t>(s.step) >= m_plan->spec(s.task).steps.size())
        return -1;
    return static_cast<std::int64_t>(m_plan->step(s.task, s.step).ms * 1e6);
}

namespace {

// A segment that begins with event `e`, zero-length until it is closed.
Segment startingAt(const Event& e, SegmentState state)
{
    Segment s;
    s.startNs = s.endNs = e.tNs;
    s.task = e.task;
    s.lane = e.lane;
    s.pid = e.pid;
    s.tid = e.tid;
    s.step = e.step;
    s.attempt = e.attempt;
    s.core = e.core;
    s.state = state;
    return s;
}

} // namespace

void Timeline::open(Actor& a, const Event& e, SegmentState state)
{
    a.open = true;
    a.segment = startingAt(e, state);
    const Segment& s = a.segment;
    // An open segment needs its rows now, so that it can grow live.
    ensureLane(Grouping::Task, s.task);
    ensureLane(Grouping::Worker, s.lane);
    if (state == SegmentState::Running)
        ensureLane(Grouping::Core, s.core);
}

void Timeline::close(Actor& a, std::int64_t atNs, std::int64_t cpuNs)
{
    if (!a.open)
        return;
    a.open = false;
    Segment s = a.segment;
    s.endNs = std::max(atNs, s.startNs);
    if (s.state == SegmentState::WaitingIo) {
        // Woke up (or was resumed) past the wait's nominal end: the rest was
        // spent ready but not running — typical of fibers behind a busy one.
        const std::int64_t nominal = nominalNs(s);
        // Checked: a broken worker's times must not overflow.
        std::int64_t nominalEnd = 0, lateFrom = 0;
        const bool fits = !__builtin_add_overflow(a.stepStartNs, nominal, &nominalEnd)
            && !__builtin_add_overflow(nominalEnd, kReadySlackNs, &lateFrom);
        if (fits && nominal >= 0 && nominalEnd > s.startNs && s.endNs > lateFrom) {
            Segment waiting = s;
            waiting.endNs = nominalEnd;
            store(waiting);
            s.startNs = nominalEnd;
            s.state = SegmentState::Ready;
        }
    }
    s.cpuNs = cpuNs;
    store(s);
}

void Timeline::offCpu(Actor& a, const Event& e)
{
    // Only a computation can be preempted; an interval that arrives after its
    // step moved on (it cannot, from a correct executor) is ignored.
    if (!a.open || a.segment.state != SegmentState::Running)
        return;
    const std::int64_t from = std::max(e.tNs, a.segment.startNs);
    // Saturating: a broken worker's numbers must not overflow.
    const std::int64_t room = std::numeric_limits<std::int64_t>::max() - std::max<std::int64_t>(from, 0);
    const std::int64_t off = std::clamp<std::int64_t>(e.cpuNs, 0, room);
    const std::int64_t to = from + off;
    if (from > a.segment.startNs)
        close(a, from);
    else
        a.open = false; // nothing ran on the old core: no zero-length bar
    if (to > from) {
        Segment ready = startingAt(e, SegmentState::Ready);
        ready.startNs = from;
        ready.endNs = to;
        ready.core = -1; // on no core
        store(ready);
    }
    open(a, e, SegmentState::Running);
    a.segment.startNs = a.segment.endNs = to;
}

void Timeline::store(const Segment& s)
{
    if (s.task >= 0) {
        m_profile.add(s);
        m_groups[index(Grouping::Task)]
            .lanes[static_cast<std::size_t>(ensureLane(Grouping::Task, s.task))]
            .add(s);
    }
    if (s.lane >= 0)
        m_groups[index(Grouping::Worker)]
            .lanes[static_cast<std::size_t>(ensureLane(Grouping::Worker, s.lane))]
            .add(s);
    if (s.state == SegmentState::Running && s.core >= 0)
        m_groups[index(Grouping::Core)]
            .lanes[static_cast<std::size_t>(ensureLane(Grouping::Core, s.core))]
            .add(s);
}

void Timeline::handleGil(const Event& e)
{
    m_hasGil = true;
    if (e.kind == EventKind::GilAcquire) {
        if (m_gilOpen) {
            // The next holder's stamp came first: one holder at a time.
            m_gilHolder.endNs = std::max(m_gilHolder.startNs, e.tNs);
            m_gil.add(m_gilHolder);
        }
        const bool waited
            = e.task < 0 || (actor(e.task).open && actor(e.task).segment.state == SegmentState::WaitingGil);
        if (m_gilRelease.valid && m_gilRelease.event.tid != e.tid && waited) {
            const Event& r = m_gilRelease.event;
            m_handOffs.push_back(
                {r.tNs, e.tNs, HandOffKind::Gil, 0, r.task, e.task, r.lane, e.lane, r.core, e.core});
        }
        m_gilRelease.valid = false;
        m_gilOpen = true;
        m_gilHolder = startingAt(e, SegmentState::GilHeld);
    } else if (e.kind == EventKind::GilRelease) {
        if (m_gilOpen && m_gilHolder.tid == e.tid) {
            m_gilHolder.endNs = std::max(m_gilHolder.startNs, e.tNs);
            m_gil.add(m_gilHolder);
            m_gilOpen = false;
        }
        m_gilRelease = {true, e};
    }
}

void Timeline::handleLock(const Event& e)
{
    if (e.detail < 0)
        return;
    const auto id = static_cast<std::size_t>(e.detail);
    if (id >= m_lockRelease.size())
        m_lockRelease.resize(id + 1);
    Release& release = m_lockRelease[id];
    if (e.kind == EventKind::LockRelease) {
        release = {true, e};
    } else if (e.kind == EventKind::LockAcquire) {
        const bool waited = e.task >= 0 && actor(e.task).waitedLock;
        if (release.valid && waited && release.event.task != e.task) {
            const Event& r = release.event;
            m_handOffs.push_back(
                {r.tNs, e.tNs, HandOffKind::Lock, e.detail, r.task, e.task, r.lane, e.lane, r.core, e.core});
        }
        release.valid = false;
    }
}

void Timeline::handle(const Event& e)
{
    m_lastEventNs = std::max(m_lastEventNs, e.tNs);
    switch (e.kind) {
    case EventKind::GilWait:
    case EventKind::GilAcquire:
    case EventKind::GilRelease:
        handleGil(e);
        break;
    case EventKind::LockAcquire:
    case EventKind::LockRelease:
        handleLock(e);
        break;
    default:
        break;
    }

    if (e.task < 0) {
        if (e.lane < 0)
            return;
        if (static_cast<std::size_t>(e.lane) >= m_workers.size())
            m_workers.resize(static_cast<std::size_t>(e.lane) + 1);
        Actor& w = m_workers[static_cast<std::size_t>(e.lane)];
        if (e.kind == EventKind::WorkerStart) {
            close(w, e.tNs);
            open(w, e, SegmentState::Startup);
        } else if (e.kind == EventKind::WorkerReady || e.kind == EventKind::WorkerExit) {
            close(w, e.tNs);
        }
        return;
    }

    Actor& a = actor(e.task);
    const std::int64_t previousNs = a.lastNs;
    a.lastNs = e.tNs;
    switch (e.kind) {
    case EventKind::RateWait:
        close(a, e.tNs);
        open(a, e, SegmentState::RateWait);
        break;
    case EventKind::TaskStart:
    case EventKind::TaskEnd:
        close(a, e.tNs);
        a.stepKind = -1;
        break;
    case EventKind::TaskFail: {
        const auto reason = static_cast<FailReason>(e.detail);
        const bool workerDied = reason == FailReason::WorkerCrashed || reason == FailReason::WorkerHung
            || reason == FailReason::WorkerProtocol;
        // A worker process that died took its last events with it: what its
        // computation did after the last one that arrived is not known, so
        // it is not drawn as running up to the failure.
        if (workerDied && a.open && a.segment.state == SegmentState::Running)
            close(a, std::min(e.tNs, std::max(a.segment.startNs, previousNs)));
        close(a, e.tNs);
        a.stepKind = -1;
        open(a, e, SegmentState::Failed);
        a.segment.detail = e.detail;
        close(a, e.tNs);
        break;
    }
    case EventKind::RetryBackoff:
        close(a, e.tNs);
        open(a, e, SegmentState::Backoff);
        break;
    case EventKind::LockWait:
        close(a, e.tNs);
        open(a, e, SegmentState::WaitingLock);
        a.segment.detail = e.detail;
        a.waitedLock = true;
        break;
    case EventKind::LockAcquire:
        if (a.open && a.segment.state == SegmentState::WaitingLock)
            close(a, e.tNs);
        a.waitedLock = false;
        break;
    case EventKind::StepStart: {
        close(a, e.tNs);
        const bool known = m_plan && static_cast<std::size_t>(e.task) < m_plan->instances().size()
            && e.step >= 0 && static_cast<std::size_t>(e.step) < m_plan->spec(e.task).steps.size();
        const StepKind kind = known ? m_plan->step(e.task, e.step).kind : StepKind::Cpu;
        a.stepKind = static_cast<int>(kind);
        a.stepStartNs = e.tNs;
        open(a, e, kind == StepKind::Io ? SegmentState::WaitingIo : SegmentState::Running);
        break;
    }
    case EventKind::StepEnd:
        close(a, e.tNs, e.cpuNs);
        a.stepKind = -1;
        break;
    case EventKind::OffCpu:
        offCpu(a, e);
        break;
    case EventKind::GilRelease:
        // Dropped in the middle of a computation (the eval breaker): from here
        // the thread waits to get the GIL back, it does not compute.
        if (a.open && a.segment.state == SegmentState::Running
            && a.stepKind == static_cast<int>(StepKind::Cpu)) {
            close(a, e.tNs);
            open(a, e, SegmentState::WaitingGil);
        }
        break;
    case EventKind::GilWait:
        if (a.open && a.segment.state == SegmentState::WaitingGil)
            break; // already waiting since it dropped the GIL
        close(a, e.tNs);
        open(a, e, SegmentState::WaitingGil);
        break;
    case EventKind::GilAcquire:
        if (a.open && a.segment.state == SegmentState::WaitingGil) {
            close(a, e.tNs);
            // In an io step the GIL is taken back after the sleep: what is left is not waiting for I/O.
            if (a.stepKind >= 0) {
                open(a, e,
                    a.stepKind == static_cast<int>(StepKind::Cpu) ? SegmentState::Running
                                                                  : SegmentState::Ready);
            }
        }
        break;
    default:
        break;
    }
}

std::vector<OpenSegment> Timeline::openSegments(Grouping g) const
{
    std::vector<OpenSegment> out;
    const std::int64_t end = endNs();
    auto add = [&](const Actor& a) {
        if (!a.open)
            return;
        Segment s = a.segment;
        s.endNs = std::max(s.startNs, end);
        const int lane = laneFor(g, s);
        if (lane >= 0)
            out.push_back({s, lane});
    };
    for (const Actor& a : m_tasks)
        add(a);
    for (const Actor& a : m_workers)
        add(a);
    if (m_gilOpen) {
        Segment s = m_gilHolder;
        s.endNs = std::max(s.startNs, end);
        out.push_back({s, -1});
    }
    return out;
}

std::vector<Arrow> Timeline::arrows(Grouping g) const
{
    if (m_prebuilt)
        return g == Grouping::Task ? m_prebuiltArrows : std::vector<Arrow>{};
    std::vector<Arrow> out;
    out.reserve(m_handOffs.size());
    for (const HandOff& h : m_handOffs) {
        int from = -1;
        int to = -1;
        switch (g) {
        case Grouping::Task:
            from = laneIndex(g, h.fromTask);
            to = laneIndex(g, h.toTask);
            break;
        case Grouping::Worker:
            from = laneIndex(g, h.fromWorker);
            to = laneIndex(g, h.toWorker);
            break;
        case Grouping::Core:
            from = laneIndex(g, h.fromCore);
            to = laneIndex(g, h.toCore);
            break;
        }
        if (from >= 0 && to >= 0 && from != to)
            out.push_back({h.fromNs, from, h.toNs, to, h.kind});
    }
    return out;
}

RangeStats Timeline::stats(Grouping g, std::int64_t fromNs, std::int64_t toNs) const
{
    RangeStats st;
    st.durationNs = std::max<std::int64_t>(0, toNs - fromNs);
    const std::vector<TimelineLane>& lanes = m_groups[index(g)].lanes;
    st.laneBusy.assign(lanes.size(), 0.0);
    if (st.durationNs == 0)
        return st;
    auto laneBusyNs = [&](const TimelineLane& lane) {
        std::int64_t busy = 0;
        for (std::size_t i = lane.firstVisible(fromNs), end = lane.lastVisible(toNs); i < end; ++i) {
            if (busyState(lane[i]))
                busy += overlapNs(lane[i], fromNs, toNs);
        }
        return busy;
    };
    std::vector<std::int64_t> busy(lanes.size(), 0);
    for (std::size_t l = 0; l < lanes.size(); ++l)
        busy[l] = laneBusyNs(lanes[l]);
    for (const OpenSegment& o : openSegments(g)) {
        if (o.lane >= 0 && busyState(o.segment))
            busy[static_cast<std::size_t>(o.lane)] += overlapNs(o.segment, fromNs, toNs);
    }
    for (std::size_t l = 0; l < lanes.size(); ++l)
        st.laneBusy[l] = std::min(1.0, static_cast<double>(busy[l]) / static_cast<double>(st.durationNs));

    // Concurrency and parallelism count tasks, whatever the grouping shown.
    const std::vector<TimelineLane>& taskLanes = m_groups[index(Grouping::Task)].lanes;
    auto laneRunningNs = [&](const TimelineLane& lane) {
        std::int64_t running = 0;
        for (std::size_t i = lane.firstVisible(fromNs), end = lane.lastVisible(toNs); i < end; ++i) {
            if (lane[i].state == SegmentState::Running)
                running += overlapNs(lane[i], fromNs, toNs);
        }
        return running;
    };
    for (std::size_t l = 0; l < taskLanes.size(); ++l) {
        if (m_laneBusy.empty() || m_laneBusy[l])
            st.busyNs += laneBusyNs(taskLanes[l]);
        if (!m_prebuilt)
            st.runningNs += laneRunningNs(taskLanes[l]);
    }
    for (const OpenSegment& o : openSegments(Grouping::Task)) {
        if (busyState(o.segment))
            st.busyNs += overlapNs(o.segment, fromNs, toNs);
        if (!m_prebuilt && o.segment.state == SegmentState::Running)
            st.runningNs += overlapNs(o.segment, fromNs, toNs);
    }
    st.concurrency = static_cast<double>(st.busyNs) / static_cast<double>(st.durationNs);
    st.hasRunning = !m_prebuilt;
    st.parallelism = static_cast<double>(st.runningNs) / static_cast<double>(st.durationNs);
    return st;
}

} // namespace overlap::engine
