#include "engine/traceassembler.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <set>
#include <tuple>

namespace overlap::engine::traceio {

namespace {

// Segment::step holds the depth.
constexpr int kMaxDepth = std::numeric_limits<std::int16_t>::max();

bool timedPhase(char ph)
{
    switch (ph) {
    case 'X':
    case 'B':
    case 'E':
    case 'i':
    case 'I':
    case 'n':
    case 'C':
    case 'b':
    case 'e':
    case 's':
    case 't':
    case 'f':
        return true;
    default:
        return false;
    }
}

std::int32_t narrow(const TraceId& id)
{
    if (id.isText || id.number < std::numeric_limits<std::int32_t>::min()
        || id.number > std::numeric_limits<std::int32_t>::max())
        return 0;
    return static_cast<std::int32_t>(id.number);
}

std::size_t mix(std::size_t h, std::size_t v)
{
    return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

} // namespace

void RawEvent::clear()
{
    ph.clear();
    name.clear();
    cat.clear();
    scope.clear();
    bp.clear();
    instantScope.clear();
    id.clear();
    argName.clear();
    for (TraceId* t : {&pid, &tid}) { // keeping the text's capacity
        t->number = 0;
        t->text.clear();
        t->isText = false;
    }
    tsNs = durNs = sortIndex = tdurNs = ttsNs = 0;
    hasTs = hasDur = hasPid = hasTid = hasId = idLocal = hasArgName = hasSortIndex = hasTdur = hasTts = false;
    argCount = 0;
}

void RawEvent::addNumericArg(std::string_view key, double value)
{
    if (argCount == args.size())
        args.emplace_back();
    args[argCount].key.assign(key);
    args[argCount].value = value;
    ++argCount;
}

int Interner::intern(const std::string& s)
{
    const auto [it, inserted] = m_index.try_emplace(s, static_cast<int>(m_table.size()));
    if (inserted)
        m_table.push_back(s);
    return it->second;
}

int Interner::find(const std::string& s) const
{
    const auto it = m_index.find(s);
    return it == m_index.end() ? -1 : it->second;
}

std::size_t TraceAssembler::IdKeyHash::operator()(const IdKey& k) const
{
    return mix(std::hash<std::int64_t>()(k.number), static_cast<std::size_t>(k.text));
}

std::size_t TraceAssembler::ThreadKeyHash::operator()(const ThreadKey& k) const
{
    const IdKeyHash h;
    return mix(h(k.pid), h(k.tid));
}

TraceAssembler::TraceAssembler(ImportedTrace& out)
    : m_out(out)
    , m_names(out.names)
    , m_ids(m_idTexts)
    , m_keys(m_keyTable)
{
}

void TraceAssembler::countPhase(const std::string& ph, bool supported)
{
    if (ph.size() == 1 && static_cast<unsigned char>(ph[0]) < 128) {
        ++m_phaseCounts[static_cast<unsigned char>(ph[0])];
        if (!supported)
            ++m_skippedCounts[static_cast<unsigned char>(ph[0])];
        return;
    }
    const std::string key = ph.empty() ? "?" : ph;
    ++m_out.phases[key];
    if (!supported)
        ++m_out.skipped[key];
}

TraceAssembler::IdKey TraceAssembler::idKey(const TraceId& id)
{
    if (!id.isText)
        return {id.number, -1};
    return {0, m_ids.intern(id.text)};
}

int TraceAssembler::process(const TraceId& pid)
{
    const IdKey key = idKey(pid);
    const auto [it, inserted] = m_processIndex.try_emplace(key, static_cast<int>(m_processes.size()));
    if (inserted) {
        Process p;
        p.pid = key;
        p.pidValue = pid;
        m_processes.push_back(std::move(p));
    }
    return it->second;
}

int TraceAssembler::thread(const TraceId& pid, const TraceId& tid)
{
    const ThreadKey key{idKey(pid), idKey(tid)};
    if (m_lastThread >= 0 && key == m_lastThreadKey)
        return m_lastThread;
    const auto [it, inserted] = m_threadIndex.try_emplace(key, static_cast<int>(m_threads.size()));
    if (inserted) {
        Thread t;
        t.pid = key.pid;
        t.tid = key.tid;
        t.tidValue = tid;
        t.process = process(pid);
        m_threads.push_back(std::move(t));
    }
    m_lastThreadKey = key;
    m_lastThread = it->second;
    return it->second;
}

void TraceAssembler::add(const RawEvent& e)
{
    ++m_out.events;
    const std::uint32_t order = m_order++;
    const char ph = e.ph.size() == 1 ? e.ph[0] : '\0';
    const bool supported = ph == 'M' || timedPhase(ph);
    countPhase(e.ph, supported);
    if (!supported)
        return;
    if (ph == 'M') {
        metadata(e);
        return;
    }
    if (!e.hasTs) {
        ++m_out.malformed;
        return;
    }
    const std::int64_t dur = ph == 'X' && e.hasDur ? std::max<std::int64_t>(0, e.durNs) : 0;
    const std::int64_t end = e.tsNs + dur;
    if (!m_haveTime) {
        m_minNs = e.tsNs;
        m_maxNs = end;
        m_haveTime = true;
    } else {
        m_minNs = std::min(m_minNs, e.tsNs);
        m_maxNs = std::max(m_maxNs, end);
    }

    switch (ph) {
    case 'X': {
        Thread& t = m_threads[static_cast<std::size_t>(thread(e.pid, e.tid))];
        touch(t, end);
        addSlice(t, e.tsNs, end, m_names.intern(e.name), order);
        if (e.hasTdur && e.tdurNs >= 0)
            t.cpu.emplace_back(order, e.tdurNs);
        break;
    }
    case 'B': {
        Thread& t = m_threads[static_cast<std::size_t>(thread(e.pid, e.tid))];
        touch(t, e.tsNs);
        t.open.push_back({e.tsNs, e.hasTts ? e.ttsNs : -1, m_names.intern(e.name), -1, order});
        break;
    }
    case 'E': {
        // Closes the innermost open B of its thread, whatever its name (as viewers do).
        Thread& t = m_threads[static_cast<std::size_t>(thread(e.pid, e.tid))];
        touch(t, e.tsNs);
        if (t.open.empty()) {
            ++m_out.unmatchedEnds;
            break;
        }
        const OpenSlice b = t.open.back();
        t.open.pop_back();
        addSlice(t, b.start, std::max(b.start, e.tsNs), b.name, b.order);
        if (b.tts >= 0 && e.hasTts && e.ttsNs >= b.tts)
            t.cpu.emplace_back(b.order, e.ttsNs - b.tts);
        break;
    }
    case 'i':
    case 'I':
    case 'n': {
        RawInstant in;
        in.ns = e.tsNs;
        in.name = m_names.intern(e.name);
        in.scope
            = ph == 'n' ? 'p' : (e.instantScope == "g" || e.instantScope == "p" ? e.instantScope[0] : 't');
        if (in.scope != 'g')
            in.process = process(e.pid);
        if (in.scope == 't') {
            in.thread = thread(e.pid, e.tid);
            touch(m_threads[static_cast<std::size_t>(in.thread)], e.tsNs);
        }
        m_instants.push_back(in);
        break;
    }
    case 'C':
        counter(e, process(e.pid));
        break;
    case 'b':
        asyncBegin(e, process(e.pid));
        break;
    case 'e':
        asyncEnd(e, process(e.pid));
        break;
    case 's':
    case 't':
    case 'f':
        flow(e, ph);
        break;
    default:
        break;
    }
}

void TraceAssembler::addSlice(Thread& t, std::int64_t start, std::int64_t end, int name, std::uint32_t order)
{
    t.slices.push_back({start, end, name, order});
}

void TraceAssembler::metadata(const RawEvent& e)
{
    if (e.name == "process_name" && e.hasArgName) {
        m_processes[static_cast<std::size_t>(process(e.pid))].name = e.argName;
    } else if (e.name == "process_sort_index" && e.hasSortIndex) {
        m_processes[static_cast<std::size_t>(process(e.pid))].sortIndex = e.sortIndex;
    } else if (e.name == "thread_name" && e.hasArgName) {
        m_threads[static_cast<std::size_t>(thread(e.pid, e.tid))].name = e.argName;
    } else if (e.name == "thread_sort_index" && e.hasSortIndex) {
        m_threads[static_cast<std::size_t>(thread(e.pid, e.tid))].sortIndex = e.sortIndex;
    }
}

void TraceAssembler::counter(const RawEvent& e, int proc)
{
    // Counters are per process and name (plus id when given), as Perfetto keys them.
    m_key.assign(std::to_string(proc));
    m_key += '\x1f';
    m_key += e.name;
    if (e.hasId) {
        m_key += '\x1f';
        m_key += e.id;
    }
    const int key = m_keys.intern(m_key);
    const auto [it, inserted] = m_counterOfKey.try_emplace(key, static_cast<int>(m_out.counters.size()));
    if (inserted) {
        ImportedCounter c;
        c.process = proc;
        c.name = e.hasId ? e.name + " " + e.id : e.name;
        m_out.counters.push_back(std::move(c));
    }
    ImportedCounter& c = m_out.counters[static_cast<std::size_t>(it->second)];
    for (std::size_t i = 0; i < e.argCount; ++i) {
        const RawEvent::NumericArg& arg = e.args[i];
        auto series = std::find_if(c.series.begin(), c.series.end(),
            [&](const ImportedCounter::Series& s) { return s.key == arg.key; });
        if (series == c.series.end()) {
            c.series.push_back({arg.key, {}});
            series = c.series.end() - 1;
        }
        series->points.push_back({e.tsNs, arg.value});
    }
}

void TraceAssembler::asyncKey(const RawEvent& e, int proc)
{
    // One tree per (category, scope, id), within the process when the id is local.
    m_key.clear();
    if (e.idLocal)
        m_key += std::to_string(proc);
    m_key += '\x1f';
    m_key += e.cat;
    m_key += '\x1f';
    m_key += e.scope;
    m_key += '\x1f';
    m_key += e.id;
}

void TraceAssembler::asyncBegin(const RawEvent& e, int proc)
{
    asyncKey(e, proc);
    AsyncTree& tree = m_asyncOpen[m_key];
    std::vector<OpenSlice>& stack = tree.stack;
    tree.lastNs = stack.empty() ? e.tsNs : std::max(tree.lastNs, e.tsNs);
    if (stack.empty()) {
        // Not made a thread of its own: async events belong to their track.
        tree.owner = ThreadKey{idKey(e.pid), idKey(e.tid)};
        tree.hasOwner = e.hasTid;
    }
    const int name = m_names.intern(e.name);
    int group = -1;
    if (!stack.empty()) {
        group = stack.front().group; // a nested slice goes with its tree
    } else {
        // A track per process, category and root name: overlapping trees share it on several rows.
        m_groupKey.assign(std::to_string(proc));
        m_groupKey += '\x1f';
        m_groupKey += e.cat;
        m_groupKey += '\x1f';
        m_groupKey += e.name;
        const int key = m_keys.intern(m_groupKey);
        const auto [it, inserted] = m_groupOfKey.try_emplace(key, static_cast<int>(m_groups.size()));
        if (inserted) {
            AsyncGroup g;
            g.process = proc;
            g.label = e.name.empty() ? e.cat : e.name;
            m_groups.push_back(std::move(g));
        }
        group = it->second;
    }
    stack.push_back({e.tsNs, -1, name, group, m_order - 1});
}

void TraceAssembler::asyncEnd(const RawEvent& e, int proc)
{
    asyncKey(e, proc);
    const auto open = m_asyncOpen.find(m_key);
    if (open == m_asyncOpen.end()) {
        ++m_out.unmatchedEnds;
        return;
    }
    std::vector<OpenSlice>& stack = open->second.stack;
    open->second.lastNs = std::max(open->second.lastNs, e.tsNs);
    // The innermost open slice of that name, else the innermost one; what
    // was opened inside it ends with it.
    std::size_t at = stack.size() - 1;
    if (!e.name.empty()) {
        const int name = m_names.find(e.name);
        for (std::size_t i = stack.size(); i-- > 0;) {
            if (stack[i].name == name) {
                at = i;
                break;
            }
        }
    }
    for (std::size_t i = stack.size(); i-- > at;) {
        const OpenSlice& b = stack[i];
        m_async.push_back({b.start, std::max(b.start, e.tsNs), b.name, b.group, b.order, 0});
    }
    stack.resize(at);
    if (stack.empty())
        m_asyncOpen.erase(open); // ids are often used once: keep only the trees still open
}

void TraceAssembler::flow(const RawEvent& e, char ph)
{
    // Perfetto keys legacy flows by id, category and name.
    m_key.clear();
    if (e.idLocal)
        m_key += std::to_string(process(e.pid));
    m_key += '\x1f';
    m_key += e.cat;
    m_key += '\x1f';
    m_key += e.name;
    m_key += '\x1f';
    m_key += e.id;
    FlowPoint p;
    p.ns = e.tsNs;
    p.thread = thread(e.pid, e.tid);
    touch(m_threads[static_cast<std::size_t>(p.thread)], e.tsNs);
    p.key = m_keys.intern(m_key);
    p.name = m_names.intern(e.name);
    p.order = m_order - 1;
    p.phase = ph;
    p.enclosing = ph == 's' || e.bp == "e";
    m_flows.push_back(p);
}

// ---- finish ---------------------------------------------------------------

void TraceAssembler::finish(bool countsOnly)
{
    for (std::size_t c = 0; c < 128; ++c) {
        const std::string key(1, static_cast<char>(c));
        if (m_phaseCounts[c])
            m_out.phases[key] += m_phaseCounts[c];
        if (m_skippedCounts[c])
            m_out.skipped[key] += m_skippedCounts[c];
    }
    m_out.originNs = m_haveTime ? m_minNs : 0;
    m_out.spanNs = m_haveTime ? m_maxNs - m_minNs : 0;
    if (countsOnly)
        return;

    closeOpenSlices();
    nestThreads();
    packAsync();
    layOutLanes();
    fillThreadLanes();
    fillAsyncLanes();
    resolveFlows();
    finishInstantsAndCounters();
    computeMetrics();

    for (const Process& p : m_processes)
        m_out.processes.push_back({p.pidValue, p.name, p.sortIndex});
}

void TraceAssembler::closeOpenSlices()
{
    // Never closed: what the thread did after its last event is not known,
    // so they end there, not with the trace (stretched to its end, a begin
    // left open by a producer that stopped writing would count as busy for
    // as long as the others ran on).
    for (Thread& t : m_threads) {
        for (std::size_t i = t.open.size(); i-- > 0;) {
            addSlice(
                t, t.open[i].start, std::max(t.open[i].start, t.lastNs), t.open[i].name, t.open[i].order);
            ++m_out.unclosedBegins;
        }
        t.open = {};
    }
    // An async slice ends at its id's last event, or at the last event of the
    // thread that began it when that is later.
    for (auto& [key, tree] : m_asyncOpen) {
        std::int64_t end = tree.lastNs;
        if (const auto owner = tree.hasOwner ? m_threadIndex.find(tree.owner) : m_threadIndex.end();
            owner != m_threadIndex.end())
            end = std::max(end, m_threads[static_cast<std::size_t>(owner->second)].lastNs);
        for (std::size_t i = tree.stack.size(); i-- > 0;) {
            const OpenSlice& b = tree.stack[i];
            m_async.push_back({b.start, std::max(b.start, end), b.name, b.group, b.order, 0});
            ++m_out.unclosedBegins;
        }
    }
    m_asyncOpen = {};
}

template <class F> void TraceAssembler::nest(Thread& t, bool fill, F&& onSlice)
{
    // Slices in start order, an enclosing slice before what it encloses: a
    // stack of open ends gives each its depth. A slice that outlives its
    // parent (X events that do not nest) is cut at the parent's end, so that
    // lanes never overlap. Deeper than a Segment can say: dropped.
    std::vector<std::int64_t> ends;
    t.slices.forEachInOrder(fill, [&](const RawSlice& raw) {
        RawSlice s = raw;
        while (!ends.empty() && ends.back() <= s.start)
            ends.pop_back();
        bool clipped = false;
        if (!ends.empty() && s.end > ends.back()) {
            s.end = ends.back();
            clipped = true;
        }
        if (ends.size() >= static_cast<std::size_t>(kMaxDepth)) {
            if (fill)
                ++m_out.malformed;
            return;
        }
        if (fill && clipped)
            ++m_out.clippedSlices;
        onSlice(s, static_cast<int>(ends.size()));
        ends.push_back(s.end);
    });
}

void TraceAssembler::nestThreads()
{
    for (Thread& t : m_threads) {
        std::sort(t.cpu.begin(), t.cpu.end());
        t.slices.sortBlocks();
        int depths = 0;
        nest(t, false, [&](const RawSlice&, int depth) { depths = std::max(depths, depth + 1); });
        t.depths = depths;
    }
}

void TraceAssembler::packAsync()
{
    // Per track, each slice takes the lowest row free at its start (greedy
    // interval colouring): a nested slice lands below its parent, and
    // overlapping trees sit on separate rows.
    std::sort(m_async.begin(), m_async.end(), [](const AsyncSlice& a, const AsyncSlice& b) {
        return std::tie(a.group, a.start, b.end, a.order) < std::tie(b.group, b.start, a.end, b.order);
    });
    using Busy = std::pair<std::int64_t, int>; // (end, row)
    std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
    std::set<int> free;
    int group = -1;
    for (AsyncSlice& s : m_async) {
        if (s.group != group) {
            group = s.group;
            busy = {};
            free.clear();
        }
        while (!busy.empty() && busy.top().first <= s.start) {
            free.insert(busy.top().second);
            busy.pop();
        }
        AsyncGroup& g = m_groups[static_cast<std::size_t>(group)];
        int row = g.rows;
        if (!free.empty()) {
            row = *free.begin();
            free.erase(free.begin());
        } else {
            ++g.rows;
        }
        s.row = row;
        // A zero-length slice frees its row for the next one at the same time.
        busy.push({s.end, row});
    }
}

bool TraceAssembler::idLess(const IdKey& a, const IdKey& b) const
{
    // Numbers first, by value; then names, alphabetically.
    if ((a.text < 0) != (b.text < 0))
        return a.text < 0;
    if (a.text < 0)
        return a.number < b.number;
    return m_idTexts[static_cast<std::size_t>(a.text)] < m_idTexts[static_cast<std::size_t>(b.text)];
}

void TraceAssembler::layOutLanes()
{
    struct Lane {
        int process;
        ImportedLaneKind kind;
        int owner; // thread or async group
        int depth;
    };
    std::vector<Lane> lanes;
    for (std::size_t t = 0; t < m_threads.size(); ++t) {
        for (int d = 0; d < m_threads[t].depths; ++d)
            lanes.push_back({m_threads[t].process, ImportedLaneKind::Thread, static_cast<int>(t), d});
    }
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        for (int r = 0; r < m_groups[g].rows; ++r)
            lanes.push_back({m_groups[g].process, ImportedLaneKind::Async, static_cast<int>(g), r});
    }
    // As Perfetto lists them: processes by sort index then pid; in each, the
    // async tracks (in order of appearance), then threads by sort index then
    // tid; a thread's depths top down.
    std::stable_sort(lanes.begin(), lanes.end(), [&](const Lane& a, const Lane& b) {
        const Process& pa = m_processes[static_cast<std::size_t>(a.process)];
        const Process& pb = m_processes[static_cast<std::size_t>(b.process)];
        if (a.process != b.process) {
            if (pa.sortIndex != pb.sortIndex)
                return pa.sortIndex < pb.sortIndex;
            return idLess(pa.pid, pb.pid);
        }
        if (a.kind != b.kind)
            return a.kind == ImportedLaneKind::Async;
        if (a.owner != b.owner) {
            if (a.kind == ImportedLaneKind::Async)
                return a.owner < b.owner;
            const Thread& ta = m_threads[static_cast<std::size_t>(a.owner)];
            const Thread& tb = m_threads[static_cast<std::size_t>(b.owner)];
            if (ta.sortIndex != tb.sortIndex)
                return ta.sortIndex < tb.sortIndex;
            return idLess(ta.tid, tb.tid);
        }
        return a.depth < b.depth;
    });

    m_out.lanes.reserve(lanes.size());
    m_out.segments.reserve(lanes.size());
    for (const Lane& l : lanes) {
        const int index = static_cast<int>(m_out.lanes.size());
        ImportedLane out;
        out.kind = l.kind;
        out.process = l.process;
        out.depth = l.depth;
        if (l.kind == ImportedLaneKind::Thread) {
            Thread& t = m_threads[static_cast<std::size_t>(l.owner)];
            if (t.laneOfDepth.empty())
                t.laneOfDepth.resize(static_cast<std::size_t>(t.depths), -1);
            t.laneOfDepth[static_cast<std::size_t>(l.depth)] = index;
            out.thread = l.owner;
            out.tid = t.tidValue;
            out.label = t.name.empty()
                ? "pid " + m_processes[static_cast<std::size_t>(l.process)].pidValue.toString() + " / tid "
                    + t.tidValue.toString()
                : t.name;
        } else {
            AsyncGroup& g = m_groups[static_cast<std::size_t>(l.owner)];
            if (g.laneOfRow.empty())
                g.laneOfRow.resize(static_cast<std::size_t>(g.rows), -1);
            g.laneOfRow[static_cast<std::size_t>(l.depth)] = index;
            out.label = g.label;
        }
        if (l.depth > 0)
            out.label += " [" + std::to_string(l.depth) + "]";
        m_out.lanes.push_back(std::move(out));
        m_out.segments.emplace_back(index);
    }
}

Segment TraceAssembler::segment(std::int64_t start, std::int64_t end, int name, int depth) const
{
    Segment s;
    s.startNs = start - m_out.originNs;
    s.endNs = end - m_out.originNs;
    s.detail = name;
    s.step = static_cast<std::int16_t>(depth);
    s.state = SegmentState::Running;
    return s;
}

void TraceAssembler::fillThreadLanes()
{
    for (std::size_t ti = 0; ti < m_threads.size(); ++ti) {
        Thread& t = m_threads[ti];
        const Process& p = m_processes[static_cast<std::size_t>(t.process)];
        nest(t, true, [&](const RawSlice& r, int depth) {
            const int lane = t.laneOfDepth[static_cast<std::size_t>(depth)];
            Segment s = segment(r.start, r.end, r.name, depth);
            s.task = static_cast<std::int32_t>(ti);
            s.lane = lane;
            s.pid = narrow(p.pidValue);
            s.tid = narrow(t.tidValue);
            m_out.segments[static_cast<std::size_t>(lane)].add(s);
            ImportedLane& info = m_out.lanes[static_cast<std::size_t>(lane)];
            ++info.slices;
            info.busyNs += r.end - r.start;
            if (depth == 0 && !t.cpu.empty()) {
                const auto it = std::lower_bound(t.cpu.begin(), t.cpu.end(),
                    std::make_pair(r.order, std::numeric_limits<std::int64_t>::min()));
                if (it != t.cpu.end() && it->first == r.order) {
                    m_out.threadCpuNs += it->second;
                    ++m_out.threadCpuSlices;
                }
            }
        });
        t.cpu = {};
    }
}

void TraceAssembler::fillAsyncLanes()
{
    // Sorted by group, then start: each row gets its slices in start order.
    for (const AsyncSlice& a : m_async) {
        const AsyncGroup& g = m_groups[static_cast<std::size_t>(a.group)];
        const int lane = g.laneOfRow[static_cast<std::size_t>(a.row)];
        Segment s = segment(a.start, a.end, a.name, a.row);
        s.lane = lane;
        s.pid = narrow(m_processes[static_cast<std::size_t>(g.process)].pidValue);
        m_out.segments[static_cast<std::size_t>(lane)].add(s);
        ImportedLane& info = m_out.lanes[static_cast<std::size_t>(lane)];
        ++info.slices;
        info.busyNs += a.end - a.start;
    }
    m_async.clear();
}

void TraceAssembler::resolveFlows()
{
    struct Bound {
        int lane = -1;
        std::int64_t ns = 0;
    };
    // Absolute ns → the slice it binds to on its thread: the deepest one
    // around it, or the first to start at or after it.
    auto bind = [&](const FlowPoint& p) -> Bound {
        const Thread& t = m_threads[static_cast<std::size_t>(p.thread)];
        const std::int64_t ns = p.ns - m_out.originNs;
        if (p.enclosing) {
            for (int d = t.depths; d-- > 0;) {
                const int lane = t.laneOfDepth[static_cast<std::size_t>(d)];
                const TimelineLane& segs = m_out.segments[static_cast<std::size_t>(lane)];
                const std::size_t after = segs.lastVisible(ns); // segments starting at or before ns
                if (after > 0 && segs[after - 1].endNs >= ns)
                    return {lane, ns};
            }
            return {};
        }
        Bound best;
        std::int64_t bestStart = 0;
        for (int d = 0; d < t.depths; ++d) {
            const int lane = t.laneOfDepth[static_cast<std::size_t>(d)];
            const TimelineLane& segs = m_out.segments[static_cast<std::size_t>(lane)];
            auto it = std::lower_bound(segs.segments().begin(), segs.segments().end(), ns,
                [](const Segment& s, std::int64_t v) { return s.startNs < v; });
            if (it != segs.segments().end() && (best.lane < 0 || it->startNs < bestStart)) {
                best = {lane, it->startNs};
                bestStart = it->startNs;
            }
        }
        return best;
    };

    std::sort(m_flows.begin(), m_flows.end(), [](const FlowPoint& a, const FlowPoint& b) {
        return std::tie(a.key, a.ns, a.order) < std::tie(b.key, b.ns, b.order);
    });
    std::size_t used = 0;
    std::vector<bool> usedPoint(m_flows.size(), false);
    for (std::size_t i = 0; i + 1 < m_flows.size(); ++i) {
        const FlowPoint& a = m_flows[i];
        const FlowPoint& b = m_flows[i + 1];
        // A chain is s, then t…, then f; an f ends it.
        if (a.key != b.key || a.phase == 'f' || b.phase == 's')
            continue;
        const Bound from = bind(a);
        const Bound to = bind(b);
        if (from.lane < 0 || to.lane < 0)
            continue;
        m_out.flows.push_back({from.ns, from.lane, to.ns, to.lane, a.name});
        used += !usedPoint[i] + !usedPoint[i + 1];
        usedPoint[i] = usedPoint[i + 1] = true;
    }
    m_out.droppedFlows = m_flows.size() - used;
    m_flows = {};
}

void TraceAssembler::finishInstantsAndCounters()
{
    m_out.instants.reserve(m_instants.size());
    for (const RawInstant& r : m_instants) {
        ImportedInstant in;
        in.ns = r.ns - m_out.originNs;
        in.name = r.name;
        in.process = r.process;
        in.scope = r.scope;
        if (r.thread >= 0) {
            const Thread& t = m_threads[static_cast<std::size_t>(r.thread)];
            in.lane = t.laneOfDepth.empty() ? -1 : t.laneOfDepth.front();
        }
        m_out.instants.push_back(in);
    }
    std::stable_sort(m_out.instants.begin(), m_out.instants.end(),
        [](const ImportedInstant& a, const ImportedInstant& b) { return a.ns < b.ns; });
    m_instants = {};

    for (ImportedCounter& c : m_out.counters) {
        for (ImportedCounter::Series& s : c.series) {
            for (CounterPoint& p : s.points)
                p.ns -= m_out.originNs;
            std::stable_sort(s.points.begin(), s.points.end(),
                [](const CounterPoint& a, const CounterPoint& b) { return a.ns < b.ns; });
        }
    }
}

void TraceAssembler::computeMetrics()
{
    // Outermost slices of every thread: busy time, and the most in progress
    // at once by a merge of the threads' depth-0 lanes (each sorted and
    // without overlaps), ends before starts at equal times.
    std::vector<const TimelineLane*> tops;
    for (std::size_t l = 0; l < m_out.lanes.size(); ++l) {
        if (m_out.lanes[l].kind == ImportedLaneKind::Thread && m_out.lanes[l].depth == 0) {
            tops.push_back(&m_out.segments[l]);
            m_out.busyNs += m_out.lanes[l].busyNs;
        }
    }
    m_out.concurrency
        = m_out.spanNs > 0 ? static_cast<double>(m_out.busyNs) / static_cast<double>(m_out.spanNs) : 0.0;
    m_out.hasThreadCpu = m_out.threadCpuSlices > 0;
    m_out.parallelism = m_out.hasThreadCpu && m_out.spanNs > 0
        ? static_cast<double>(m_out.threadCpuNs) / static_cast<double>(m_out.spanNs)
        : 0.0;

    struct Next {
        std::int64_t ns;
        int isStart; // 0: an end, 1: a start
        std::size_t lane, index;
        bool operator>(const Next& o) const { return std::tie(ns, isStart) > std::tie(o.ns, o.isStart); }
    };
    std::priority_queue<Next, std::vector<Next>, std::greater<>> queue;
    auto pushStart = [&](std::size_t lane, std::size_t i) {
        const TimelineLane& l = *tops[lane];
        while (i < l.size() && l[i].endNs <= l[i].startNs) // zero-length: never in progress
            ++i;
        if (i < l.size())
            queue.push({l[i].startNs, 1, lane, i});
    };
    for (std::size_t lane = 0; lane < tops.size(); ++lane)
        pushStart(lane, 0);
    int current = 0;
    while (!queue.empty()) {
        const Next n = queue.top();
        queue.pop();
        if (n.isStart) {
            m_out.peakConcurrency = std::max(m_out.peakConcurrency, ++current);
            queue.push({(*tops[n.lane])[n.index].endNs, 0, n.lane, n.index});
        } else {
            --current;
            pushStart(n.lane, n.index + 1);
        }
    }
}

} // namespace overlap::engine::traceio
