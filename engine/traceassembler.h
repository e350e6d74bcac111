#pragma once

// Turns trace events, one at a time as the parser finishes them, into an
// ImportedTrace: matches B/E and async b/e, keeps slices per thread in a
// compact form, and at the end sorts them, works out nesting depths, lays
// out the lanes and resolves flows. Internal to the trace import.
//
// Memory: while parsing, 24 bytes per slice (RawSlice, see traceslices.h);
// at the end each thread's slices become 48-byte Segments in their lanes and
// the raw ones are freed block by block as they are used. Names are
// interned; no event text is kept.

#include "engine/chunkedvector.h"
#include "engine/traceimport.h"
#include "engine/traceslices.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace overlap::engine::traceio {

// One event object as the parser saw it. The strings keep their capacity
// from one event to the next, so that a steady stream allocates nothing.
struct RawEvent {
    std::string ph, name, cat, scope, bp, instantScope, id, argName;
    TraceId pid, tid;
    std::int64_t tsNs = 0, durNs = 0, sortIndex = 0;
    // The thread's own clock (CPU time): tdur on X events, tts on B/E and X
    // (Chromium writes both).
    std::int64_t tdurNs = 0, ttsNs = 0;
    bool hasTs = false, hasDur = false, hasPid = false, hasTid = false, hasId = false;
    bool hasTdur = false, hasTts = false;
    bool idLocal = false; // id2: {"local": ...}: scoped to the process
    bool hasArgName = false, hasSortIndex = false;
    struct NumericArg {
        std::string key;
        double value = 0;
    };
    std::vector<NumericArg> args; // the first argCount are this event's
    std::size_t argCount = 0;

    void clear();
    void addNumericArg(std::string_view key, double value);
};

// Strings to dense indices.
class Interner {
public:
    explicit Interner(std::vector<std::string>& table)
        : m_table(table)
    {
    }
    int intern(const std::string& s);
    int find(const std::string& s) const;

private:
    std::vector<std::string>& m_table;
    std::unordered_map<std::string, int> m_index;
};

class TraceAssembler {
public:
    explicit TraceAssembler(ImportedTrace& out);

    void add(const RawEvent& e);
    // Something in the events array that is not an event object.
    void addMalformed() { ++m_out.malformed; }
    // Call once, after the last add(): the counts, and unless `countsOnly`
    // (a cancelled import) the lanes and everything else.
    void finish(bool countsOnly = false);

private:
    struct IdKey {
        std::int64_t number = 0;
        std::int32_t text = -1; // into m_idTexts, -1 when numeric
        friend bool operator==(const IdKey&, const IdKey&) = default;
    };
    struct ThreadKey {
        IdKey pid, tid;
        friend bool operator==(const ThreadKey&, const ThreadKey&) = default;
    };
    struct ThreadKeyHash {
        std::size_t operator()(const ThreadKey& k) const;
    };
    struct IdKeyHash {
        std::size_t operator()(const IdKey& k) const;
    };

    struct OpenSlice {
        std::int64_t start = 0;
        std::int64_t tts = -1; // B only: the thread's clock at the begin, -1 when not given
        std::int32_t name = -1;
        std::int32_t group = -1; // async only
        std::uint32_t order = 0;
    };
    // An async id's slices still open, innermost last.
    struct AsyncTree {
        std::vector<OpenSlice> stack;
        std::int64_t lastNs = 0; // the id's latest begin or end
        ThreadKey owner; // the thread that began its root,
        bool hasOwner = false; // when the event named one
    };
    struct Thread {
        IdKey pid, tid;
        TraceId tidValue;
        int process = -1;
        std::string name;
        std::int64_t sortIndex = 0;
        SliceBlocks slices;
        std::vector<OpenSlice> open; // B not yet closed, innermost last
        std::int64_t lastNs = std::numeric_limits<std::int64_t>::min(); // its latest event (an X: its end)
        // Thread time (tdur, or the tts of E minus B's) by slice order, for
        // the slices that give it; sorted by order before nesting.
        std::vector<std::pair<std::uint32_t, std::int64_t>> cpu;
        int depths = 0;
        std::vector<int> laneOfDepth;
    };
    struct Process {
        IdKey pid;
        TraceId pidValue;
        std::string name;
        std::int64_t sortIndex = 0;
    };
    struct AsyncSlice {
        std::int64_t start = 0, end = 0;
        std::int32_t name = -1, group = -1;
        std::uint32_t order = 0;
        std::int32_t row = 0;
    };
    struct AsyncGroup {
        int process = -1;
        std::string label;
        int rows = 0;
        std::vector<int> laneOfRow;
    };
    struct FlowPoint {
        std::int64_t ns = 0;
        std::int32_t thread = -1, key = -1, name = -1;
        std::uint32_t order = 0;
        char phase = 's';
        bool enclosing = false; // binds to the slice around it, else to the next one to start
    };
    struct RawInstant {
        std::int64_t ns = 0;
        std::int32_t name = -1, process = -1, thread = -1;
        char scope = 't';
    };

    void countPhase(const std::string& ph, bool supported);
    IdKey idKey(const TraceId& id);
    int process(const TraceId& pid);
    int thread(const TraceId& pid, const TraceId& tid);
    void metadata(const RawEvent& e);
    void counter(const RawEvent& e, int proc);
    void asyncBegin(const RawEvent& e, int proc);
    void asyncEnd(const RawEvent& e, int proc);
    void asyncKey(const RawEvent& e, int proc); // into m_key
    void flow(const RawEvent& e, char ph);
    void addSlice(Thread& t, std::int64_t start, std::int64_t end, int name, std::uint32_t order);
    static void touch(Thread& t, std::int64_t ns) { t.lastNs = std::max(t.lastNs, ns); }

    void closeOpenSlices();
    // The thread's slices in order with their depth (pass 1 counts the
    // depths, pass 2 fills the lanes and frees the raw slices).
    template <class F> void nest(Thread& t, bool fill, F&& onSlice);
    void nestThreads();
    void packAsync();
    void layOutLanes();
    void fillThreadLanes();
    void fillAsyncLanes();
    void resolveFlows();
    void finishInstantsAndCounters();
    void computeMetrics();
    bool idLess(const IdKey& a, const IdKey& b) const;
    Segment segment(std::int64_t start, std::int64_t end, int name, int depth) const;

    ImportedTrace& m_out;
    Interner m_names;
    std::vector<std::string> m_idTexts;
    Interner m_ids;
    std::vector<std::string> m_keyTable; // composite keys (async tracks, flows, counters)
    Interner m_keys;
    std::string m_key, m_groupKey; // scratch for composite keys

    std::vector<Process> m_processes;
    std::unordered_map<IdKey, int, IdKeyHash> m_processIndex;
    std::vector<Thread> m_threads;
    std::unordered_map<ThreadKey, int, ThreadKeyHash> m_threadIndex;
    ThreadKey m_lastThreadKey;
    int m_lastThread = -1;

    std::unordered_map<std::string, AsyncTree> m_asyncOpen; // open trees by key
    ChunkedVector<AsyncSlice> m_async;
    std::vector<AsyncGroup> m_groups;
    std::unordered_map<int, int> m_groupOfKey;

    std::vector<FlowPoint> m_flows;
    std::vector<RawInstant> m_instants;
    std::unordered_map<int, int> m_counterOfKey;

    std::array<std::size_t, 128> m_phaseCounts{};
    std::array<std::size_t, 128> m_skippedCounts{};
    std::uint32_t m_order = 0;
    bool m_haveTime = false;
    std::int64_t m_minNs = 0, m_maxNs = 0;
};

} // namespace overlap::engine::traceio
