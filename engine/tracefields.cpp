#include "engine/tracefields.h"

#include <charconv>
#include <cmath>

namespace overlap::engine::traceio {

namespace {

void setNumber(std::string& out, std::int64_t v)
{
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.assign(buf, ec == std::errc() ? end : buf);
}

// Ids as text, "0x1f" and 31 alike, so that a begin written one way matches
// an end written the other.
void setId(std::string& out, std::string_view text)
{
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        std::uint64_t v = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data() + 2, end, v, 16);
        if (ec == std::errc() && ptr == end) {
            char buf[24];
            const auto [e, ec2] = std::to_chars(buf, buf + sizeof buf, v);
            out.assign(buf, ec2 == std::errc() ? e : buf);
            return;
        }
    }
    out.assign(text);
}

} // namespace

bool microsToNs(double us, std::int64_t& ns)
{
    if (!std::isfinite(us) || std::fabs(us) >= kMaxMicros)
        return false;
    ns = std::llround(us * 1000.0);
    return true;
}

bool microsToNs(std::int64_t us, std::int64_t& ns)
{
    if (us >= static_cast<std::int64_t>(kMaxMicros) || us <= -static_cast<std::int64_t>(kMaxMicros))
        return false;
    ns = us * 1000;
    return true;
}

EventField classifyField(std::string_view key)
{
    switch (key.size()) {
    case 1:
        return key[0] == 's' ? EventField::InstantScope : EventField::Other;
    case 2:
        if (key == "ph")
            return EventField::Ph;
        if (key == "ts")
            return EventField::Ts;
        if (key == "id")
            return EventField::Id;
        if (key == "bp")
            return EventField::Bp;
        return EventField::Other;
    case 3:
        if (key == "pid")
            return EventField::Pid;
        if (key == "tid")
            return EventField::Tid;
        if (key == "dur")
            return EventField::Dur;
        if (key == "cat")
            return EventField::Cat;
        if (key == "tts")
            return EventField::ThreadTs;
        if (key == "id2")
            return EventField::Id2;
        return EventField::Other;
    case 4:
        if (key == "name")
            return EventField::Name;
        if (key == "args")
            return EventField::Args;
        if (key == "tdur")
            return EventField::ThreadDur;
        return EventField::Other;
    case 5:
        return key == "scope" ? EventField::Scope : EventField::Other;
    default:
        return EventField::Other;
    }
}

void setEventField(RawEvent& e, EventField field, const Scalar& v)
{
    const bool isText = v.kind == Scalar::String;
    const bool isNumber = v.kind == Scalar::Int || v.kind == Scalar::Float;
    switch (field) {
    case EventField::Ph:
        if (isText)
            e.ph.assign(v.text);
        break;
    case EventField::Name:
        if (isText)
            e.name.assign(v.text);
        break;
    case EventField::Cat:
        if (isText)
            e.cat.assign(v.text);
        break;
    case EventField::Scope:
        if (isText)
            e.scope.assign(v.text);
        break;
    case EventField::Bp:
        if (isText)
            e.bp.assign(v.text);
        break;
    case EventField::InstantScope:
        if (isText)
            e.instantScope.assign(v.text);
        break;
    case EventField::Pid:
    case EventField::Tid: {
        TraceId& id = field == EventField::Pid ? e.pid : e.tid;
        bool& has = field == EventField::Pid ? e.hasPid : e.hasTid;
        if (isText) {
            id.isText = true;
            id.text.assign(v.text);
            has = true;
        } else if (v.kind == Scalar::Int) {
            id.number = v.i;
            has = true;
        } else if (v.kind == Scalar::Float && std::isfinite(v.f) && std::fabs(v.f) < 9e18) {
            id.number = std::llround(v.f);
            has = true;
        }
        break;
    }
    case EventField::Ts:
    case EventField::Dur: {
        std::int64_t ns = 0;
        const bool ok
            = v.kind == Scalar::Int ? microsToNs(v.i, ns) : v.kind == Scalar::Float && microsToNs(v.f, ns);
        if (!ok)
            break;
        if (field == EventField::Ts) {
            e.tsNs = ns;
            e.hasTs = true;
        } else {
            e.durNs = ns;
            e.hasDur = true;
        }
        break;
    }
    case EventField::ThreadTs:
    case EventField::ThreadDur: {
        std::int64_t ns = 0;
        const bool ok
            = v.kind == Scalar::Int ? microsToNs(v.i, ns) : v.kind == Scalar::Float && microsToNs(v.f, ns);
        if (!ok)
            break;
        if (field == EventField::ThreadTs) {
            e.ttsNs = ns;
            e.hasTts = true;
        } else {
            e.tdurNs = ns;
            e.hasTdur = true;
        }
        break;
    }
    case EventField::Id:
        if (isText) {
            setId(e.id, v.text);
            e.hasId = true;
        } else if (isNumber) {
            setNumber(e.id, v.kind == Scalar::Int ? v.i : std::llround(std::isfinite(v.f) ? v.f : 0.0));
            e.hasId = true;
        }
        break;
    default:
        break;
    }
}

void setObjectField(RawEvent& e, EventObject object, std::string_view key, const Scalar& v)
{
    if (object == EventObject::Id2) {
        if (key != "local" && key != "global")
            return;
        if (v.kind == Scalar::String)
            setId(e.id, v.text);
        else if (v.kind == Scalar::Int)
            setNumber(e.id, v.i);
        else
            return;
        e.hasId = true;
        e.idLocal = key == "local";
        return;
    }
    if (object != EventObject::Args)
        return;
    if (v.kind == Scalar::String) {
        if (key == "name") {
            e.argName.assign(v.text);
            e.hasArgName = true;
        }
        return;
    }
    if (v.kind != Scalar::Int && v.kind != Scalar::Float)
        return;
    const double value = v.kind == Scalar::Int ? static_cast<double>(v.i) : v.f;
    if (key == "sort_index" && std::isfinite(value) && std::fabs(value) < 9e18) {
        e.sortIndex = std::llround(value);
        e.hasSortIndex = true;
    }
    e.addNumericArg(key, value);
}

} // namespace overlap::engine::traceio
