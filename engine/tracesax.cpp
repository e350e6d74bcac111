#include "engine/tracesax.h"

#include <limits>

namespace overlap::engine::traceio {

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
        return std::string(v.text);
    case Scalar::String:
        return Json(std::string(v.text)).dump(-1, ' ', false, Json::error_handler_t::replace);
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
        v.text = text;
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
    v.text = text;
    return scalar(v);
}

bool TraceSaxHandler::string(Json::string_t& value)
{
    Scalar v;
    v.kind = Scalar::String;
    v.text = value;
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
            setEventField(m_event, m_field, v);
        else if (m_depth == m_eventsDepth + 2)
            setObjectField(m_event, m_sub, m_argKey, v);
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
        m_displayTimeUnit = v.text;
    else if (m_rootKey == RootKey::OtherData)
        m_otherData = jsonText(v);
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
        if (m_depth == m_eventsDepth + 1 && object && objectOf(m_field) != EventObject::None) {
            m_sub = objectOf(m_field);
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
        m_field = EventField::Other;
        m_sub = EventObject::None;
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
            m_sub = EventObject::None;
        } else if (m_depth == m_eventsDepth) {
            m_inEvent = false;
            m_out.add(m_event);
            m_event.clear();
            if (m_afterEvent)
                m_afterEvent();
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
            m_field = classifyField(key);
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
    // nlohmann's "last read" quotes the tokens since it last reset, not just
    // the bad one: the byte offset says where better.
    if (const std::size_t lastRead = text.find("; last read: "); lastRead != std::string::npos)
        text.erase(lastRead, text.find("; expected", lastRead) - lastRead);
    m_errorText = std::move(text);
    return false;
}

bool TraceSaxHandler::betweenEvents() const
{
    return m_eventsDepth > 0 && !m_eventsClosed && !m_inEvent && m_skip == 0 && !m_capture.active()
        && m_depth == m_eventsDepth;
}

} // namespace overlap::engine::traceio
