#pragma once

// What each field of a trace event means, shared by the two parsers of the
// import (nlohmann's SAX handler and the simdjson fast path) so that an
// event gives the same RawEvent whichever of them read it. A value arrives
// as a Scalar: the parsers differ only in how they find the values.
// Internal to the trace import.

#include "engine/traceassembler.h"

#include <cstdint>
#include <string_view>

namespace overlap::engine::traceio {

struct Scalar {
    enum Kind : std::uint8_t { Null, Bool, Int, Float, String } kind = Null;
    std::int64_t i = 0;
    double f = 0;
    bool b = false;
    // String: the unescaped value. Float: its source text where the parser keeps
    // it (nlohmann does; only otherData's capture needs it).
    std::string_view text;
};

// Beyond this many µs, ns no longer fit in 64 bits.
inline constexpr double kMaxMicros = 9.2e15;

// A trace's µs as ns (rounded to the nearest); false when out of range.
// Overlap's recovery of its own runs (tracerecovery.h) reads times with
// these too, so that both see the same ns.
bool microsToNs(double us, std::int64_t& ns);
bool microsToNs(std::int64_t us, std::int64_t& ns);

// A key of the event object.
enum class EventField : std::uint8_t {
    Other,
    Ph,
    Name,
    Cat,
    Pid,
    Tid,
    Ts,
    Dur,
    ThreadTs, // "tts"
    ThreadDur, // "tdur"
    Id,
    Id2,
    Bp,
    InstantScope, // "s"
    Scope,
    Args,
};

// The objects inside an event whose members are read; everything else nested is skipped.
enum class EventObject : std::uint8_t { None, Args, Id2 };

EventField classifyField(std::string_view key);

// Which object a value of `field` opens, when it is an object.
inline EventObject objectOf(EventField field)
{
    return field == EventField::Args ? EventObject::Args
        : field == EventField::Id2   ? EventObject::Id2
                                     : EventObject::None;
}

// A scalar member of the event object. Values of the wrong type are ignored.
void setEventField(RawEvent& e, EventField field, const Scalar& v);

// A scalar member of the event's "args" or "id2" object.
void setObjectField(RawEvent& e, EventObject object, std::string_view key, const Scalar& v);

} // namespace overlap::engine::traceio
