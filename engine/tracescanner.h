#pragma once

// The fast path of the trace import. nlohmann's SAX lexer reads about
// 85 MB/s, and a trace is mostly one long run of small event objects: this
// takes over that run. A byte scan that follows only strings and brackets
// cuts it into complete objects; simdjson's DOM parser then parses each one,
// validating it as strictly as nlohmann would (so a file is accepted or
// rejected alike), and the object is read with the same field rules
// (tracefields.h) into the same assembler.
//
// The SAX parser stays in charge of everything else: the top-level array or
// object, otherData, anything odd, and every error and its offset. It calls
// skipEvents() right after it finished an event of the events array, on the
// rest of the current chunk; the scanner consumes whole `, {event}` units
// and stops before the first one that is incomplete in the chunk (it
// straddles a chunk boundary), not an object, or not valid JSON. The text
// left to nlohmann then starts in the state it was in (just after an element
// of the array), so it goes on as if it had read the skipped units itself.
// Memory: one event's DOM, never more than the chunk. Internal to the trace import.

#include "engine/traceassembler.h"

#include <cstddef>
#include <memory>

namespace overlap::engine::traceio {

class TraceEventScanner {
public:
    explicit TraceEventScanner(TraceAssembler& out);
    ~TraceEventScanner();
    TraceEventScanner(const TraceEventScanner&) = delete;
    TraceEventScanner& operator=(const TraceEventScanner&) = delete;

    // [pos, end) follows an element of the events array. Adds the events of
    // the whole valid `, {...}` units at its start (JSON whitespace allowed
    // around the comma) and returns where the first other one starts.
    const char* skipEvents(const char* pos, const char* end);

    std::size_t eventsRead() const { return m_events; }

private:
    bool add(const char* text, std::size_t size);

    struct Dom;
    TraceAssembler& m_out;
    RawEvent m_event;
    std::unique_ptr<Dom> m_dom;
    std::size_t m_events = 0;
};

// Where the object starting at `begin` ('{') ends: one past its closing
// brace, or nullptr when [begin, end) does not hold all of it. Follows only
// strings (and their escapes) and bracket depth: whether the text is valid
// JSON is left to the parser. Exposed for the tests.
const char* findObjectEnd(const char* begin, const char* end);

} // namespace overlap::engine::traceio
