#include "engine/tracesax.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace overlap::engine::traceio {

namespace {

// Beyond this many µs, ns no longer fit in 64 bits.
constexpr double kMaxMicros = 9.2e15;

bool microsToNs(const TraceSaxHandler::Json::number_float_t us, std::int64_t& ns)
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

void setNumber(std::string& out, std::int64_t v)
{
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    out.assign(buf, ec == std::errc() ? end : buf);
}

// Ids as text, "0x1f" and 31 alike, so that a begin written one way matches
// an end written the other.
void setId(std::string& out, const std::string& text)
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

// ---- JsonCapture ----------------------------------------------------------

void JsonCapture::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty()) {
        if (!m_first.back())
            m_text += ',';
        m_first.back() = false;
    }
}

void JsonCapture::begin(bool object)
{
    m_text.clear();
    m_first.clear();
    m_depth = 0;
    m_afterKey = false;
    open(object);
}

void JsonCapture::open(bool object)
{
    separate();
    m_text += object ? '{' : '[';
    m_first.push_back(true);
    ++m_depth;
}

bool JsonCapture::close(bool object)
{
    m_text += object ? '}' : ']';
    m_first.pop_back();
    return --m_depth == 0;
}

void JsonCapture::key(const std::string& k)
{
    separate();
    m_text += nlohmann::json(k).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    m_text += ':';
    m_afterKey = true;
}

void JsonCapture::scalar(const std::string& text)
{
    separate();
    m_text += text;
}

std::string JsonCapture::take()
{
    std::string text = m_text.size() <= kLimit ? std::move(m_text) : std::string();
    m_text.clear();
    return text;
}

// ---- TraceSaxHandler ------------------------------------------------------

std::string TraceSaxHandler::jsonText(const Scalar& v)
{
    switch (v.kind) {
    case Scalar::Null:
        return "null";
    case Scalar::Bool:
        return v.b ? "true" : "false";
    case Scalar::Int:
        return std::to_string(v.i);
    case Scalar::Float:
        return *v.text;
    case Scalar::String:
        return Json(*v.text).dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    return "null";
}

bool TraceSaxHandler::null()
{
    return scalar({});
}

bool TraceSaxHandler::boolean(bool value)
{
    Scalar v;
    v.kind = Scalar::Bool;
    v.b = value;
    return scalar(v);
}

bool TraceSaxHandler::number_integer(Json::number_integer_t value)
{
    Scalar v;
    v.kind = Scalar::Int;
    v.i = value;
    return scalar(v);
}

bool TraceSaxHandler::number_unsigned(Json::number_unsigned_t value)
{
    Scalar v;
    if (value > static_cast<Json::number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
        v.kind = Scalar::Float; // too large for an int: as a float, which the ranges reject
        v.f = static_cast<double>(value);
        const std::string text = std::to_string(value);
        v.text = &text;
        return scalar(v);
    }
    v.kind = Scalar::Int;
    v.i = static_cast<std::int64_t>(value);
    return scalar(v);
}

bool TraceSaxHandler::number_float(Json::number_float_t value, const Json::string_t& text)
{
    Scalar v;
    v.kind = Scalar::Float;
    v.f = value;
    v.text = &text;
    return scalar(v);
}

bool TraceSaxHandler::string(Json::string_t& value)
{
    Scalar v;
    v.kind = Scalar::String;
    v.text = &value;
    return scalar(v);
}

bool TraceSaxHandler::binary(Json::binary_t&)
{
    return scalar({}); // never produced by the JSON parser
}

bool TraceSaxHandler::scalar(const Scalar& v)
{
    if (m_skip > 0)
        return true;
    if (m_capture.active()) {
        m_capture.scalar(jsonText(v));
        return true;
    }
    if (m_inEvent) {
        if (m_depth == m_eventsDepth + 1)
            eventField(v);
        else if (m_depth == m_eventsDepth + 2)
            subField(v);
        return true;
    }
    if (m_depth == m_eventsDepth && !m_eventsClosed) {
        m_out.addMalformed(); // a non-object in the events array
        return true;
    }
    if (m_form == TraceForm::Object && m_depth == 1)
        rootValue(v);
    return true;
}

void TraceSaxHandler::rootValue(const Scalar& v)
{
    if (m_rootKey == RootKey::DisplayTimeUnit && v.kind == Scalar::String)
        m_displayTimeUnit = *v.text;
    else if (m_rootKey == RootKey::OtherData)
        m_otherData = jsonText(v);
}

TraceSaxHandler::Field TraceSaxHandler::classify(const std::string& key)
{
    switch (key.size()) {
    case 1:
        return key[0] == 's' ? Field::InstantScope : Field::Other;
    case 2:
        if (key == "ph")
            return Field::Ph;
        if (key == "ts")
            return Field::Ts;
        if (key == "id")
            return Field::Id;
        if (key == "bp")
            return Field::Bp;
        return Field::Other;
    case 3:
        if (key == "pid")
            return Field::Pid;
        if (key == "tid")
            return Field::Tid;
        if (key == "dur")
            return Field::Dur;
        if (key == "cat")
            return Field::Cat;
        if (key == "id2")
            return Field::Id2;
        return Field::Other;
    case 4:
        if (key == "name")
            return Field::Name;
        if (key == "args")
            return Field::Args;
        return Field::Other;
    case 5:
        return key == "scope" ? Field::Scope : Field::Other;
    default:
        return Field::Other;
    }
}

void TraceSaxHandler::eventField(const Scalar& v)
{
    RawEvent& e = m_event;
    const bool isText = v.kind == Scalar::String;
    const bool isNumber = v.kind == Scalar::Int || v.kind == Scalar::Float;
    switch (m_field) {
    case Field::Ph:
        if (isText)
            e.ph.assign(*v.text);
        break;
    case Field::Name:
        if (isText)
            e.name.assign(*v.text);
        break;
    case Field::Cat:
        if (isText)
            e.cat.assign(*v.text);
        break;
    case Field::Scope:
        if (isText)
            e.scope.assign(*v.text);
        break;
    case Field::Bp:
        if (isText)
            e.bp.assign(*v.text);
        break;
    case Field::InstantScope:
        if (isText)
            e.instantScope.assign(*v.text);
        break;
    case Field::Pid:
    case Field::Tid: {
        TraceId& id = m_field == Field::Pid ? e.pid : e.tid;
        bool& has = m_field == Field::Pid ? e.hasPid : e.hasTid;
        if (isText) {
            id.isText = true;
            id.text.assign(*v.text);
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
    case Field::Ts:
    case Field::Dur: {
        std::int64_t ns = 0;
        const bool ok
            = v.kind == Scalar::Int ? microsToNs(v.i, ns) : v.kind == Scalar::Float && microsToNs(v.f, ns);
        if (!ok)
            break;
        if (m_field == Field::Ts) {
            e.tsNs = ns;
            e.hasTs = true;
        } else {
            e.durNs = ns;
            e.hasDur = true;
        }
        break;
    }
    case Field::Id:
        if (isText) {
            setId(e.id, *v.text);
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

void TraceSaxHandler::subField(const Scalar& v)
{
    RawEvent& e = m_event;
    if (m_sub == Sub::Id2) {
        if (m_argKey != "local" && m_argKey != "global")
            return;
        if (v.kind == Scalar::String)
            setId(e.id, *v.text);
        else if (v.kind == Scalar::Int)
            setNumber(e.id, v.i);
        else
            return;
        e.hasId = true;
        e.idLocal = m_argKey == "local";
        return;
    }
    if (m_sub != Sub::Args)
        return;
    if (v.kind == Scalar::String) {
        if (m_argKey == "name") {
            e.argName.assign(*v.text);
            e.hasArgName = true;
        }
        return;
    }
    if (v.kind != Scalar::Int && v.kind != Scalar::Float)
        return;
    const double value = v.kind == Scalar::Int ? static_cast<double>(v.i) : v.f;
    if (m_argKey == "sort_index" && std::isfinite(value) && std::fabs(value) < 9e18) {
        e.sortIndex = std::llround(value);
        e.hasSortIndex = true;
    }
    e.addNumericArg(m_argKey, value);
}

bool TraceSaxHandler::start_object(std::size_t)
{
    return open(true);
}

bool TraceSaxHandler::start_array(std::size_t)
{
    return open(false);
}

bool TraceSaxHandler::end_object()
{
    return close(true);
}

bool TraceSaxHandler::end_array()
{
    return close(false);
}

bool TraceSaxHandler::open(bool object)
{
    if (m_skip > 0) {
        ++m_skip;
        return true;
    }
    if (m_capture.active()) {
        m_capture.open(object);
        return true;
    }
    if (m_depth == 0) {
        m_form = object ? TraceForm::Object : TraceForm::Array;
        if (!object)
            m_eventsDepth = 1;
        ++m_depth;
        return true;
    }
    if (m_inEvent) {
        if (m_depth == m_eventsDepth + 1 && object && (m_field == Field::Args || m_field == Field::Id2)) {
            m_sub = m_field == Field::Args ? Sub::Args : Sub::Id2;
            ++m_depth;
        } else {
            m_skip = 1; // nested args, arrays of anything: not needed
        }
        return true;
    }
    if (m_depth == m_eventsDepth && !m_eventsClosed) {
        if (!object) {
            m_out.addMalformed();
            m_skip = 1;
            return true;
        }
        m_inEvent = true;
        m_field = Field::Other;
        m_sub = Sub::None;
        ++m_depth;
        return true;
    }
    if (m_form == TraceForm::Object && m_depth == 1) {
        if (m_rootKey == RootKey::TraceEvents && !object && m_eventsDepth < 0) {
            m_eventsDepth = 2;
            ++m_depth;
            return true;
        }
        if (m_rootKey == RootKey::OtherData) {
            m_capture.begin(object);
            return true;
        }
    }
    m_skip = 1;
    return true;
}

bool TraceSaxHandler::close(bool object)
{
    if (m_skip > 0) {
        --m_skip;
        return true;
    }
    if (m_capture.active()) {
        if (m_capture.close(object))
            m_otherData = m_capture.take();
        return true;
    }
    --m_depth;
    if (m_inEvent) {
        if (m_depth == m_eventsDepth + 1) {
            m_sub = Sub::None;
        } else if (m_depth == m_eventsDepth) {
            m_inEvent = false;
            m_out.add(m_event);
            m_event.clear();
        }
        return true;
    }
    if (m_depth == m_eventsDepth - 1)
        m_eventsClosed = true;
    return true;
}

bool TraceSaxHandler::key(Json::string_t& key)
{
    if (m_skip > 0)
        return true;
    if (m_capture.active()) {
        m_capture.key(key);
        return true;
    }
    if (m_inEvent) {
        if (m_depth == m_eventsDepth + 1)
            m_field = classify(key);
        else if (m_depth == m_eventsDepth + 2)
            m_argKey.assign(key);
        return true;
    }
    if (m_form == TraceForm::Object && m_depth == 1) {
        if (key == "traceEvents")
            m_rootKey = RootKey::TraceEvents;
        else if (key == "otherData")
            m_rootKey = RootKey::OtherData;
        else if (key == "displayTimeUnit")
            m_rootKey = RootKey::DisplayTimeUnit;
        else
            m_rootKey = RootKey::Other;
    }
    return true;
}

bool TraceSaxHandler::parse_error(
    std::size_t position, const std::string&, const nlohmann::detail::exception& ex)
{
    m_failed = true;
    m_errorPosition = position;
    // "[json.exception.parse_error.101] parse error at line 1, column 9: syntax
    // error while parsing object - unexpected end of input; expected string
    // literal": the part after " - " says what went wrong.
    std::string text = ex.what();
    if (const std::size_t dash = text.find(" - "); dash != std::string::npos)
        text = text.substr(dash + 3);
    else if (const std::size_t colon = text.find(": "); colon != std::string::npos)
        text = text.substr(colon + 2);
    m_errorText = std::move(text);
    return false;
}

bool TraceSaxHandler::betweenEvents() const
{
    return m_eventsDepth > 0 && !m_eventsClosed && !m_inEvent && m_skip == 0 && !m_capture.active()
        && m_depth == m_eventsDepth;
}

} // namespace overlap::engine::traceio
