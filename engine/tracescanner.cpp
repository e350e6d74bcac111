#include "engine/tracescanner.h"

#include "engine/tracefields.h"

#include <simdjson.h>

namespace overlap::engine::traceio {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

const char* skipSpace(const char* p, const char* end)
{
    while (p != end && isSpace(*p))
        ++p;
    return p;
}

// A value as the SAX handler would have received it: nlohmann gives integers
// above INT64_MAX as unsigned, which the handler turns into floats.
Scalar scalarOf(simdjson::dom::element v)
{
    using simdjson::dom::element_type;
    Scalar s;
    switch (v.type()) {
    case element_type::INT64:
        s.kind = Scalar::Int;
        s.i = v.get_int64().value_unsafe();
        break;
    case element_type::UINT64:
        s.kind = Scalar::Float;
        s.f = static_cast<double>(v.get_uint64().value_unsafe());
        break;
    case element_type::DOUBLE:
        s.kind = Scalar::Float;
        s.f = v.get_double().value_unsafe();
        break;
    case element_type::STRING:
        s.kind = Scalar::String;
        s.text = v.get_string().value_unsafe();
        break;
    case element_type::BOOL:
        s.kind = Scalar::Bool;
        s.b = v.get_bool().value_unsafe();
        break;
    case element_type::NULL_VALUE:
    case element_type::ARRAY:
    case element_type::OBJECT:
        break;
    }
    return s;
}

bool isContainer(simdjson::dom::element_type t)
{
    return t == simdjson::dom::element_type::ARRAY || t == simdjson::dom::element_type::OBJECT;
}

} // namespace

const char* findObjectEnd(const char* begin, const char* end)
{
    const char* p = begin;
    int depth = 0;
    while (p != end) {
        switch (*p++) {
        case '"':
            // To the closing quote; an escape hides the byte after the backslash.
            for (;;) {
                while (p != end && *p != '"' && *p != '\\')
                    ++p;
                if (p == end)
                    return nullptr;
                if (*p == '"') {
                    ++p;
                    break;
                }
                if (end - p < 2)
                    return nullptr;
                p += 2;
            }
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            if (--depth == 0)
                return p;
            break;
        default:
            break;
        }
    }
    return nullptr;
}

struct TraceEventScanner::Dom {
    simdjson::dom::parser parser;
};

TraceEventScanner::TraceEventScanner(TraceAssembler& out)
    : m_out(out)
    , m_dom(std::make_unique<Dom>())
{
}

TraceEventScanner::~TraceEventScanner() = default;

const char* TraceEventScanner::skipEvents(const char* pos, const char* end)
{
    for (;;) {
        const char* p = skipSpace(pos, end);
        if (p == end || *p != ',')
            return pos;
        p = skipSpace(p + 1, end);
        if (p == end || *p != '{')
            return pos;
        const char* objectEnd = findObjectEnd(p, end);
        if (!objectEnd || !add(p, static_cast<std::size_t>(objectEnd - p)))
            return pos;
        pos = objectEnd;
    }
}

bool TraceEventScanner::add(const char* text, std::size_t size)
{
    using simdjson::dom::element_type;
    // The event is copied into the parser's padded buffer (simdjson reads a
    // little past the end): a few hundred bytes, cheaper than the parse.
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (m_dom->parser.parse(text, size, true).get(root) != simdjson::SUCCESS
        || root.get_object().get(object) != simdjson::SUCCESS)
        return false;
    m_event.clear();
    for (const simdjson::dom::key_value_pair field : object) {
        const EventField which = classifyField(field.key);
        const element_type type = field.value.type();
        if (!isContainer(type)) {
            setEventField(m_event, which, scalarOf(field.value));
            continue;
        }
        // Arrays, and objects other than args and id2, are skipped as the SAX handler skips them.
        const EventObject sub = objectOf(which);
        simdjson::dom::object members;
        if (type != element_type::OBJECT || sub == EventObject::None
            || field.value.get_object().get(members) != simdjson::SUCCESS)
            continue;
        for (const simdjson::dom::key_value_pair member : members) {
            if (!isContainer(member.value.type()))
                setObjectField(m_event, sub, member.key, scalarOf(member.value));
        }
    }
    m_out.add(m_event);
    ++m_events;
    return true;
}

} // namespace overlap::engine::traceio
