#pragma once

// Opening a Chrome Trace Event JSON file made by another tool (Perfetto,
// VizTracer, Node's --trace-events-enabled, Chromium) or by Overlap's own
// export, so that it can be shown on the Gantt like a run.
//
// The file is streamed through a SAX parser in chunks, runs of events going
// through a faster parser one event at a time (tracescanner.h): the JSON
// text is never kept, nor a DOM of more than one event, so memory grows
// with the slices, not the file. The
// import runs on any thread (it touches no global state), reports progress
// after each chunk and stops early when asked to.
//
// What comes out is a set of lanes in the order Perfetto shows them: per
// process (process_sort_index, then pid), its async tracks, then its threads
// (thread_sort_index, then tid), each thread split into one lane per nesting
// depth so that the slices of a lane never overlap. Times are nanoseconds from
// the earliest timestamp of the trace (originNs keeps the absolute value).

#include "engine/timeline.h"
#include "engine/timelinelane.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace overlap::engine {

struct TraceImportOptions {
    // Called on the importing thread after every chunk with the bytes read so
    // far, and once more at the end with done == total. Returning false
    // cancels the import, as does `cancel` turning true (checked per chunk).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
    const std::atomic<bool>* cancel = nullptr;
    std::size_t chunkBytes = std::size_t{1} << 20;
    // Runs of well-formed events are read by simdjson, the rest by
    // nlohmann's SAX parser; false reads everything with the latter (same
    // result, slower: for comparisons).
    bool fastPath = true;
};

enum class TraceForm : std::uint8_t {
    Unknown, // not a trace: nothing usable was read
    Array, // [ {...}, ... ]
    Object, // {"traceEvents": [ ... ], ...}
};

std::string_view traceFormName(TraceForm form);

// A pid or tid as the file wrote it: most tools write numbers, some strings.
struct TraceId {
    std::int64_t number = 0;
    std::string text;
    bool isText = false;

    std::string toString() const { return isText ? text : std::to_string(number); }
    friend bool operator==(const TraceId&, const TraceId&) = default;
};

struct ImportedProcess {
    TraceId pid;
    std::string name; // process_name metadata; empty when the trace has none
    std::int64_t sortIndex = 0; // process_sort_index
    // The name, or "pid N".
    std::string label() const;
};

enum class ImportedLaneKind : std::uint8_t { Thread, Async };

// One row of the Gantt. Its segments live in ImportedTrace::segments[same index].
struct ImportedLane {
    ImportedLaneKind kind = ImportedLaneKind::Thread;
    std::string label; // thread name (or "pid N / tid M", or the async track's name), " [d]" for depth d > 0
    int process = -1; // into ImportedTrace::processes
    TraceId tid; // threads only
    int thread = -1; // thread index (Segment::task); -1 for async lanes
    int depth = 0; // nesting depth (threads) or row (async tracks)
    std::size_t slices = 0;
    std::int64_t busyNs = 0; // Σ slice durations (slices of one lane never overlap)
};

// An instant event (i / I, and the async instant n): a point in time.
struct ImportedInstant {
    std::int64_t ns = 0;
    int name = -1; // into ImportedTrace::names
    int process = -1; // -1: global
    int lane = -1; // the thread's depth-0 lane for a thread-scoped instant with one, else -1
    char scope = 't'; // 'g' global, 'p' process, 't' thread
};

struct CounterPoint {
    std::int64_t ns = 0;
    double value = 0;
};

// A C event's numeric args: one series per arg key.
struct ImportedCounter {
    int process = -1;
    std::string name; // the event name, with " id" appended when the counter has one
    struct Series {
        std::string key;
        std::vector<CounterPoint> points; // sorted by time
    };
    std::vector<Series> series;
};

// A flow arrow between two slices (s → t → … → f, one arrow per step).
struct ImportedFlow {
    std::int64_t fromNs = 0;
    int fromLane = -1;
    std::int64_t toNs = 0;
    int toLane = -1;
    int name = -1; // into ImportedTrace::names
};

struct TraceImportError {
    std::string message; // "trace.json: byte 1234: unexpected end of input; ..."
    std::uint64_t offset = 0; // 0-based byte offset where the JSON stopped making sense
};

struct ImportedTrace {
    std::string file; // as given, for messages
    TraceForm form = TraceForm::Unknown;
    std::uint64_t fileBytes = 0;

    std::vector<ImportedProcess> processes;
    std::vector<ImportedLane> lanes; // display order
    std::vector<TimelineLane> segments; // one per lane (moved out by takeTimeline)
    std::vector<std::string> names; // slice, instant and flow names (Segment::detail)
    std::vector<ImportedInstant> instants; // sorted by time
    std::vector<ImportedCounter> counters;
    std::vector<ImportedFlow> flows;

    std::size_t events = 0; // objects in the events array, whatever their phase
    std::size_t fastEvents = 0; // of which read by the fast path
    std::map<std::string, std::size_t> phases; // events by "ph"
    std::map<std::string, std::size_t> skipped; // phases not supported, with counts ("?": no ph)
    std::size_t malformed = 0; // supported phase but unusable (no ts, not an object, ...)
    std::size_t unmatchedEnds = 0; // E (or e) with nothing open to close: skipped
    // B (or b) never closed: ended at their thread's last event (b: the last
    // event of their async id), never stretched to the trace's end.
    std::size_t unclosedBegins = 0;
    std::size_t clippedSlices = 0; // X slices that overlapped their parent's end: cut there
    std::size_t droppedFlows = 0; // flow events that did not bind to a slice or had no partner

    std::int64_t originNs = 0; // absolute timestamp (ns) of time 0
    std::int64_t spanNs = 0; // first timestamp .. last end

    // The figures that apply to a trace (SPEC §6; docs/metrics.md), over
    // thread slices only: busy = Σ depth-0 slice time; concurrency = busy /
    // span, the slices in progress on average (what a trace shows is work in
    // flight, not whether a core ran it); peak = most depth-0 slices in
    // progress at one instant, across threads.
    std::int64_t busyNs = 0;
    double concurrency = 0;
    int peakConcurrency = 0;
    // Parallelism needs CPU time. Some producers give it: an X event's
    // thread duration `tdur` (Chromium's do). When depth-0 slices carry it,
    // parallelism = Σ their tdur / span, cores computing on average;
    // hasThreadCpu is false when none does.
    bool hasThreadCpu = false;
    std::size_t threadCpuSlices = 0; // depth-0 slices with a tdur
    std::int64_t threadCpuNs = 0;
    double parallelism = 0;

    std::string displayTimeUnit; // object form, when given
    std::string otherData; // object form: the "otherData" value as JSON text, when given

    // The file ends cleanly after an event but without closing the events
    // array (and the object around it): allowed, not an error.
    bool missingBracket = false;
    bool cancelled = false;
    TraceImportError error; // message empty: none

    bool hasError() const { return !error.message.empty(); }
    // Worth showing: a trace was recognised and not cancelled, even if it ended early.
    bool usable() const { return form != TraceForm::Unknown && !cancelled; }
    std::size_t sliceCount() const;
};

// Reads a trace file. Never throws for bad input: the error is in the result,
// with every complete event before it kept.
ImportedTrace importTraceFile(const std::string& path, const TraceImportOptions& options = {});

// The same on text in memory; `name` is used in messages.
ImportedTrace importTraceText(
    std::string_view text, const std::string& name = "trace", const TraceImportOptions& options = {});

// The lanes as a finished Timeline for the Gantt: Grouping::Task has one lane
// per imported lane in display order, with laneLabel() and segmentName(), the
// flows as arrows(), depth-0 thread lanes counted by stats() and profile().
// Moves the segments out of `trace` (trace.segments is left empty); the
// rest of `trace` stays as it was.
Timeline takeTimeline(ImportedTrace& trace);

} // namespace overlap::engine
