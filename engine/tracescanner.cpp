#include "engine/tracescanner.h"

#include "engine/tracefields.h"

#include <bit>
#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    // Only quotes, backslashes and brackets change the state; they are about
    // one byte in ten of an event, so with SSE2 a block of 16 bytes is
    // searched for them at once and the state machine runs on those alone.
    const auto size = static_cast<std::size_t>(end - begin);
    std::size_t escaped = 0; // the byte at escaped - 1 follows a backslash in a string (0: none)
    bool inString = false;
    int depth = 0;
    // The end of the object when the byte at i closes it, else 0.
    auto step = [&](std::size_t i) -> std::size_t {
        if (i + 1 == escaped)
            return 0;
        const char c = begin[i];
        if (inString) {
            if (c == '"')
                inString = false;
            else if (c == '\\')
                escaped = i + 2;
            return 0;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            if (--depth == 0)
                return i + 1;
            break;
        default:
            break;
        }
        return 0;
    };
    std::size_t at = 0;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i caseBit = _mm_set1_epi8(0x20);
    const __m128i open = _mm_set1_epi8('{'); // '[' | 0x20 == '{'
    const __m128i close = _mm_set1_epi8('}'); // ']' | 0x20 == '}'
    for (; size - at >= 16; at += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + at));
        const __m128i folded = _mm_or_si128(v, caseBit);
        const __m128i hits
            = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                _mm_or_si128(_mm_cmpeq_epi8(folded, open), _mm_cmpeq_epi8(folded, close)));
        for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(hits)); mask != 0; mask &= mask - 1) {
            if (const std::size_t stop = step(at + static_cast<std::size_t>(std::countr_zero(mask))))
                return begin + stop;
        }
    }
#endif
    for (; at < size; ++at) {
        if (const std::size_t stop = step(at))
            return begin + stop;
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
