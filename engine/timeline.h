#pragma once

// The Gantt chart's data: a run's events turned into flat lanes of segments,
// built incrementally while the run streams. Segments still open (a step in
// progress) are kept aside with a provisional end at "now", so that bars can
// grow live without touching the sorted lanes.
//
// Three groupings are maintained at once so that switching between them is
// free: by task instance, by worker slot, and by CPU core (running segments
// only, on the core recorded when they began). A GIL lane holds who held the
// GIL, one holder at a time.

#include "engine/concurrencyprofile.h"
#include "engine/event.h"
#include "engine/plan.h"
#include "engine/timelinelane.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace overlap::engine {

enum class Grouping : std::uint8_t { Task, Worker, Core };
inline constexpr int groupingCount = 3;

enum class HandOffKind : std::uint8_t {
    Gil,
    Lock,
    Flow, // an imported trace's flow event (s → t → f)
};

// The GIL or a lock going from the thread that released it to the next holder.
struct HandOff {
    std::int64_t fromNs = 0;
    std::int64_t toNs = 0;
    HandOffKind kind = HandOffKind::Gil;
    int detail = 0; // lock id
    int fromTask = -1, toTask = -1;
    int fromWorker = -1, toWorker = -1;
    int fromCore = -1, toCore = -1;
};

// A hand-off between two lanes of one grouping (lane indices into lanes()).
struct Arrow {
    std::int64_t fromNs = 0;
    int fromLane = -1;
    std::int64_t toNs = 0;
    int toLane = -1;
    HandOffKind kind = HandOffKind::Gil;
};

// Lanes built elsewhere, for Timeline::fromLanes.
struct PrebuiltLanes {
    std::vector<TimelineLane> lanes; // Grouping::Task, in display order
    std::vector<std::string> labels; // one per lane
    // Lanes whose segments count as work in progress for stats() and
    // profile() (an imported thread's outermost slices); empty: every lane.
    std::vector<bool> busy;
    std::vector<std::string> names; // indexed by Segment::detail
    std::vector<Arrow> arrows; // between lanes of Grouping::Task
    std::int64_t endNs = 0;
    std::size_t eventCount = 0;
};

struct OpenSegment {
    Segment segment; // endNs = now
    int lane = -1; // lane index in the grouping asked for; -1 for the GIL lane
};

// The figures of a time range, by the engine's definitions (engine/metrics.h).
struct RangeStats {
    std::int64_t durationNs = 0;
    std::int64_t busyNs = 0; // Σ over tasks of time inside steps
    double concurrency = 0; // busyNs / durationNs: mean tasks in flight
    std::int64_t runningNs = 0; // Σ over tasks of time drawn running on a core
    double parallelism = 0; // runningNs / durationNs: mean cores computing
    bool hasRunning = true; // false for an imported trace: its slices say nothing of cores
    std::vector<double> laneBusy; // per lane of the grouping asked for, fraction 0..1
};

class Timeline {
public:
    explicit Timeline(std::shared_ptr<const Plan> plan = nullptr);
    // A finished timeline of prebuilt lanes (rows(Grouping::Task) = 0, 1, …).
    static Timeline fromLanes(PrebuiltLanes data);

    // Events in arrival order; each source is monotonic, batches may interleave.
    void append(std::span<const Event> events);
    // Provisional end of open segments. Never moves backwards.
    void setNow(std::int64_t ns);
    std::int64_t now() const { return m_now; }
    // The run is over: open segments end at the last event.
    void finish();
    bool finished() const { return m_finished; }

    // Changes whenever what a painter would draw changes.
    std::uint64_t revision() const { return m_revision; }
    std::size_t eventCount() const { return m_eventCount; }
    std::int64_t endNs() const { return std::max(m_now, m_lastEventNs); }

    const std::vector<TimelineLane>& lanes(Grouping g) const { return m_groups[index(g)].lanes; }
    // Lane indices in display order (by key: task index, worker slot, core).
    const std::vector<int>& rows(Grouping g) const { return m_groups[index(g)].rows; }
    int laneIndex(Grouping g, int key) const;
    // Prebuilt lanes only: the lane's label and a segment's name; empty otherwise.
    const std::string& laneLabel(Grouping g, int lane) const;
    std::string_view segmentName(const Segment& s) const;
    bool isPrebuilt() const { return m_prebuilt; }

    bool hasGil() const { return m_hasGil; }
    const TimelineLane& gilLane() const { return m_gil; }

    std::vector<OpenSegment> openSegments(Grouping g) const;
    const std::vector<HandOff>& handOffs() const { return m_handOffs; }
    std::vector<Arrow> arrows(Grouping g) const;

    RangeStats stats(Grouping g, std::int64_t fromNs, std::int64_t toNs) const;

    // Tasks in progress over the run, from closed segments only; add
    // openSegments(Grouping::Task) for what is still going on.
    const ConcurrencyProfile& profile() const { return m_profile; }

    const Plan* plan() const { return m_plan.get(); }

private:
    struct Group {
        std::vector<TimelineLane> lanes;
        std::vector<int> rows;
        std::vector<int> keyToLane; // -1: no lane yet
    };
    // What one task (or, for start-up, one worker) is doing right now.
    struct Actor {
        bool open = false;
        Segment segment;
        std::int64_t stepStartNs = 0;
        std::int64_t lastNs = 0; // the task's latest event
        int stepKind = -1; // -1 outside a step, else StepKind
        bool waitedLock = false;
    };
    struct Release {
        bool valid = false;
        Event event;
    };

    static int index(Grouping g) { return static_cast<int>(g); }
    void handle(const Event& e);
    void handleGil(const Event& e);
    void handleLock(const Event& e);
    Actor& actor(int task);
    void open(Actor& a, const Event& e, SegmentState state);
    void close(Actor& a, std::int64_t atNs, std::int64_t cpuNs = 0);
    void offCpu(Actor& a, const Event& e);
    void store(const Segment& s);
    int ensureLane(Grouping g, int key);
    int laneFor(Grouping g, const Segment& s) const;
    std::int64_t nominalNs(const Segment& s) const;

    std::shared_ptr<const Plan> m_plan;
    Group m_groups[groupingCount];
    TimelineLane m_gil;
    bool m_hasGil = false;
    bool m_gilOpen = false;
    Segment m_gilHolder;
    Release m_gilRelease;
    std::vector<Release> m_lockRelease; // by lock id
    std::vector<Actor> m_tasks;
    std::vector<Actor> m_workers; // start-up segments
    std::vector<HandOff> m_handOffs;
    ConcurrencyProfile m_profile;
    std::int64_t m_now = 0;
    std::int64_t m_lastEventNs = 0;
    std::size_t m_eventCount = 0;
    std::uint64_t m_revision = 0;
    bool m_finished = false;
    // Prebuilt lanes (empty for a run).
    bool m_prebuilt = false;
    std::vector<std::string> m_laneLabels;
    std::vector<bool> m_laneBusy;
    std::vector<std::string> m_segmentNames;
    std::vector<Arrow> m_prebuiltArrows;
};

} // namespace overlap::engine
