#pragma once

// The pieces of the Chrome Trace export that decide how readers nest it: the
// numbers times are written with, and each lane's slices as a tree written in
// pre-order, which also finds where a hand-off arrow binds.

#include "engine/event.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace overlap::engine::traceexport {

// Readers parse µs as binary doubles and add them: speedscope ends an X slice
// at (ts - t0) + dur, chrome-trace nests by ts < ts' + dur'. Decimal ns
// ("12.345") are not exact in binary, so a child ending where its parent ends
// could land 1 ulp past it. Times are therefore written on a grid of 1/2048 µs
// (≈ 0.49 ns): such numbers print exactly in a few decimals, parse exactly,
// and add and subtract exactly (below 2^42 µs, 50 days), so equal ends stay
// equal whatever a reader computes. A slice's dur is the difference of its
// two grid points, not the grid point of its length. The grid is finer than
// half a ns, so rounding ts and dur each to whole ns (Overlap's import,
// Perfetto) gives back the exact ns of both ends.
inline constexpr std::int64_t kTicksPerMicro = 2048;

// ns → grid points, rounded to the nearest; monotonic, and distinct ns stay distinct.
std::int64_t ticks(std::int64_t ns);
// The µs of ns on the grid, exact decimal: "1234.00048828125", "-3", "0.5".
std::string micros(std::int64_t ns);
// The dur of a slice from startNs to endNs: micros(end) - micros(start), exact.
std::string microsBetween(std::int64_t startNs, std::int64_t endNs);

// What a slice on a worker lane shows. Ready: inside a cpu step, the thread
// was runnable but off every core (EventKind::OffCpu).
enum class SliceKind : std::uint8_t { Startup, RateWait, Attempt, Backoff, LockWait, GilWait, Step, Ready };

// Writes trace events one per line, separated by commas.
class TraceWriter {
public:
    explicit TraceWriter(std::ostream& out)
        : m_out(out)
    {
    }

    // An M event; process-wide ones get tid 0. Every M event has ts 0, as
    // some readers require a ts on every event.
    void metadata(int pid, int tid, const char* name, const std::string& argsJson);

    // An X slice, or a thread-scoped instant when it has no length: a slice
    // of length 0 nests ambiguously (at its parent's end it reads as a
    // sibling to speedscope and chrome-trace).
    static std::string slice(int pid, int tid, std::int64_t startNs, std::int64_t endNs,
        const std::string& quotedName, const char* category, const std::string& argsJson);

    // One end of a flow arrow (`s` where it starts, `f` where it ends, bound
    // to the slice that encloses it there).
    void flow(char phase, int pid, int tid, std::int64_t ns, int id, const char* name);
    // Flow ids are unique in the whole file, across runs.
    int nextFlowId() { return ++m_flowIds; }

    void write(const std::string& event);

private:
    std::ostream& m_out;
    bool m_first = true;
    int m_flowIds = 0;
};

// The slices of one worker lane. Slices are opened and closed as a stack;
// each is written when its lane has nothing open any more, its whole tree at
// once in pre-order (parents before children), so that a reader that sorts
// by ts alone and keeps the file's order for equal ts (chrome-trace) or for
// equal ts and dur (speedscope) puts a child that starts with its parent
// inside it. Memory: the lane's open tree, plus a few words per slice kept
// for binding flows.
class ExportLane {
public:
    struct Open {
        SliceKind kind = SliceKind::Step;
        std::uint64_t key = 0;
        Event start;
        std::size_t node = 0;
        // A slice reported with its end (an interval): it stays open until
        // the lane's events reach that end. -1: closed by an event.
        std::int64_t plannedEndNs = -1;
    };

    struct Node {
        std::int64_t startNs = 0;
        std::int64_t endNs = 0;
        SliceKind kind = SliceKind::Step;
        int task = -1;
        int parent = -1; // index into nodes(), -1 at the top
        std::size_t last = 0; // the last node of its subtree
    };

    const std::vector<Open>& stack() const { return m_stack; }
    std::vector<Open>& stack() { return m_stack; }
    const std::vector<Node>& nodes() const { return m_nodes; }

    // Opens a slice inside the innermost open one.
    Open& open(SliceKind kind, std::uint64_t key, const Event& start, std::int64_t plannedEndNs = -1);
    // Closes the innermost open slice at endNs; `event` is its text
    // (TraceWriter::slice). The tree is written once nothing is open.
    void closeTop(std::int64_t endNs, std::string event, TraceWriter& writer);

    // Where a flow leaving this lane at ns (a release by `task`) binds: a time
    // inside the slice that released, strictly between its children. That is
    // the innermost slice holding ns (never a ready one, whose parent released)
    // unless that is a task attempt or nothing: then the step of `task` that
    // had just ended (a lock is released after its step; the GIL after the task).
    std::optional<std::int64_t> flowSource(std::int64_t ns, int task) const;
    // Where a flow arriving at ns (an acquire by `task`) binds: the innermost
    // slice holding ns, or when that is an attempt or nothing, the step of
    // `task` that starts next (a lock is taken before its step starts).
    std::optional<std::int64_t> flowTarget(std::int64_t ns, int task) const;

private:
    std::optional<std::size_t> innermost(std::int64_t ns) const;
    // The step of `task` that ended last by ns, within the lane's last tree.
    std::optional<std::size_t> stepEndedBy(std::int64_t ns, int task) const;
    // The first step starting at or after ns, when it is `task`'s.
    std::optional<std::size_t> stepStartingFrom(std::int64_t ns, int task) const;
    // The latest (or earliest) time inside a node, strictly between its
    // children and its own ends, at or before (or after) ns when there is one.
    std::optional<std::int64_t> bindPoint(std::size_t node, std::int64_t ns, bool latest) const;
    std::optional<std::int64_t> bindPointOrParent(std::size_t node, std::int64_t ns, bool latest) const;

    std::vector<Open> m_stack;
    std::vector<Node> m_nodes; // pre-order: sorted by start, parents first
    std::vector<std::string> m_pending; // texts of m_nodes[m_written...], empty while open
    std::size_t m_written = 0;
};

} // namespace overlap::engine::traceexport
