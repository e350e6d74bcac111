#include "engine/jsonsyntax.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

namespace overlap::engine {

namespace {
using Json = nlohmann::json;
} // namespace

// Cuts at a UTF-8 boundary so that a message never ends in half a character.
std::string clipForMessage(std::string text, std::size_t max)
{
    if (text.size() <= max)
        return text;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    text.resize(cut);
    return text + "…";
}

std::string quoteForMessage(const std::string& text)
{
    // replace: strings built in code (not parsed) may hold invalid UTF-8.
    return clipForMessage(Json(text).dump(-1, ' ', false, Json::error_handler_t::replace), 60);
}

namespace {

// Syntax pass: a SAX walk over the text before any DOM exists. It turns
// nlohmann's parse errors into "line L, column C: problem", refuses nesting
// deeper than the limit (so a file of 100000 '[' costs a few steps),
// and refuses duplicate keys, which a DOM parse would silently collapse.

struct Position {
    std::size_t line = 1;
    std::size_t column = 1;
};

// Columns count characters (UTF-8 sequences), as editors do, not bytes.
Position positionAt(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    Position p;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++p.column;
        }
    }
    return p;
}

std::string at(std::string_view text, std::size_t offset)
{
    const Position p = positionAt(text, offset);
    return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == '_';
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string describeByte(unsigned char c)
{
    if (c >= 0x20 && c < 0x7F)
        return std::string("'") + static_cast<char>(c) + "'";
    static constexpr char hex[] = "0123456789ABCDEF";
    return std::string("byte 0x") + hex[c >> 4] + hex[c & 0xF];
}

void replaceAll(std::string& text, std::string_view from, std::string_view to)
{
    for (std::size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
}

// nlohmann reports "[json.exception.parse_error.101] parse error at line 1,
// column 7: syntax error while parsing value - invalid literal; last read:
// '"a": N'". Keep the problem, drop the jargon and the raw "last read" bytes
// (they may be binary), and add the position computed from the byte offset.
std::string syntaxMessage(
    std::string_view text, std::size_t byte, const std::string& lastToken, const Json::exception& error)
{
    // byte counts characters read, the offending one included.
    const std::size_t offset = byte == 0 ? 0 : std::min(byte - 1, text.size());

    std::string detail = error.what();
    const bool inKey = detail.find("while parsing object key") != std::string::npos;
    const bool inObject = !inKey && detail.find("while parsing object -") != std::string::npos;
    const bool inArray = detail.find("while parsing array -") != std::string::npos;
    if (const std::size_t dash = detail.find(" - "); dash != std::string::npos)
        detail.erase(0, dash + 3);
    else if (const std::size_t colon = detail.find("] "); colon != std::string::npos)
        detail.erase(0, colon + 2);
    if (const std::size_t last = detail.find("; last read: '" + lastToken + "'"); last != std::string::npos)
        detail.erase(last, lastToken.size() + 15);

    // The word around the offset: "NaN", "tru", "1e999", "Infinity".
    std::size_t wordStart = offset;
    while (wordStart > 0 && isWordChar(text[wordStart - 1]))
        --wordStart;
    std::size_t wordEnd = wordStart;
    while (wordEnd < text.size() && wordEnd - wordStart < 40 && isWordChar(text[wordEnd]))
        ++wordEnd;
    const std::string word(text.substr(wordStart, wordEnd - wordStart));
    const std::string bare
        = lower(word.empty() || (word[0] != '-' && word[0] != '+') ? word : word.substr(1));

    if (bare == "nan" || bare == "inf" || bare == "infinity")
        return at(text, wordStart) + ": " + word
            + " is not a valid JSON number (NaN and Infinity are not allowed)";
    if (error.id == 406) // number overflow
        return at(text, wordStart) + ": the number " + clipForMessage(word) + " is too large to represent";
    if (detail.starts_with("invalid literal")) {
        if (detail.ends_with("expected end of input")) {
            // The value before `offset` was complete: what follows is the problem.
            std::size_t end = offset;
            while (end < text.size() && end - offset < 40 && isWordChar(text[end]))
                ++end;
            const std::string after(text.substr(offset, end - offset));
            return at(text, offset) + ": unexpected "
                + (after.empty() ? describeByte(static_cast<unsigned char>(text[offset]))
                                 : "'" + clipForMessage(after) + "'")
                + " after the end of the JSON value";
        }
        if (!word.empty()) {
            std::string message = at(text, wordStart) + ": unexpected '" + clipForMessage(word) + "'";
            if (std::isalpha(static_cast<unsigned char>(word[0])))
                message += " (text values need double quotes; the literals are true, false and null)";
            return message;
        }
        const auto c = offset < text.size() ? static_cast<unsigned char>(text[offset]) : 0;
        if (c == '\'')
            return at(text, offset) + ": unexpected ' (JSON strings and keys need double quotes)";
        if (c == '/' || c == '#')
            return at(text, offset) + ": unexpected " + describeByte(c) + " (JSON does not allow comments)";
        if (c < 0x20 || c >= 0x7F)
            return at(text, offset) + ": unexpected " + describeByte(c) + " (this is not JSON text)";
        return at(text, offset) + ": unexpected " + describeByte(c);
    }
    if (detail.starts_with("invalid string: ill-formed UTF-8"))
        return at(text, offset) + ": invalid UTF-8 in a string";

    // A trailing comma is the most common hand-editing slip: say so.
    if (detail.starts_with("unexpected '}'") || detail.starts_with("unexpected ']'")) {
        std::size_t before = std::min(offset, text.size());
        while (before > 0 && std::isspace(static_cast<unsigned char>(text[before - 1])))
            --before;
        if (before > 0 && text[before - 1] == ',')
            return at(text, offset) + ": unexpected " + detail.substr(11, 3)
                + " after ',' (JSON does not allow a trailing comma)";
    }
    if (inKey)
        replaceAll(detail, "expected string literal", "expected a key in double quotes");
    if (inObject && detail.ends_with("expected '}'"))
        detail.replace(detail.size() - 3, 3, "',' or '}'");
    if (inArray && detail.ends_with("expected ']'"))
        detail.replace(detail.size() - 3, 3, "',' or ']'");
    replaceAll(detail, "unexpected end of input; expected '[', '{', or a literal", "unexpected end of file");
    replaceAll(detail, "'[', '{', or a literal", "a value");
    replaceAll(detail, "unexpected end of input", "unexpected end of file");
    replaceAll(detail, "expected end of input", "expected the end of the file");
    replaceAll(detail, "string literal", "string");
    replaceAll(detail, "number literal", "number");
    return at(text, offset) + ": " + detail;
}

class SyntaxCheck {
public:
    SyntaxCheck(std::string_view text, int maxDepth)
        : m_text(text)
        , m_maxDepth(maxDepth)
    {
    }

    const std::string& error() const { return m_error; }
    // Byte offset of the error where known; 0 otherwise (our own checks fire
    // on text the parser has read, and it stops reading at a NUL byte).
    std::size_t errorOffset() const { return m_errorOffset; }

    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(Json::number_integer_t) { return value(); }
    bool number_unsigned(Json::number_unsigned_t) { return value(); }
    bool number_float(Json::number_float_t, const Json::string_t&) { return value(); }
    bool string(Json::string_t&) { return value(); }
    bool binary(Json::binary_t&) { return value(); }
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& key)
    {
        Frame& frame = m_frames.back();
        if (!frame.keys.insert(key).second) {
            m_error = (m_frames.size() > 1 ? place(m_frames.size() - 1) + ": " : std::string())
                + "duplicate key " + quoteForMessage(key);
            return false;
        }
        frame.key = key;
        return true;
    }

    bool parse_error(std::size_t byte, const std::string& lastToken, const Json::exception& error)
    {
        m_error = syntaxMessage(m_text, byte, lastToken, error);
        m_errorOffset = byte == 0 ? 0 : byte - 1;
        return false;
    }

private:
    struct Frame {
        bool array = false;
        std::size_t index = 0; // arrays: elements seen, the current one included
        std::string key; // objects: the current key
        std::set<std::string> keys;
    };

    bool value()
    {
        if (!m_frames.empty() && m_frames.back().array)
            ++m_frames.back().index;
        return true;
    }

    bool open(bool array)
    {
        value();
        if (m_frames.size() >= static_cast<std::size_t>(m_maxDepth)) {
            m_errorOffset = deepOffset();
            m_error = at(m_text, m_errorOffset) + ": nesting deeper than " + std::to_string(m_maxDepth)
                + " levels";
            return false;
        }
        m_frames.push_back({array, 0, {}, {}});
        return true;
    }

    bool close()
    {
        m_frames.pop_back();
        return true;
    }

    // "tasks[0].steps[1]": the path to the value held by frame `depth - 1`.
    std::string place(std::size_t depth) const
    {
        std::string out;
        for (std::size_t i = 0; i < depth; ++i) {
            const Frame& f = m_frames[i];
            if (f.array)
                out += "[" + std::to_string(f.index - 1) + "]";
            else
                out += (out.empty() ? "" : ".") + f.key;
        }
        return out;
    }

    // The '[' or '{' that went one level too deep. The text up to it is valid
    // JSON (the SAX parser accepted it), so a bracket count outside strings
    // finds it.
    std::size_t deepOffset() const
    {
        int depth = 0;
        bool inString = false;
        for (std::size_t i = 0; i < m_text.size(); ++i) {
            const char c = m_text[i];
            if (inString) {
                if (c == '\\')
                    ++i;
                else if (c == '"')
                    inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > m_maxDepth)
                    return i;
            } else if (c == ']' || c == '}') {
                --depth;
            }
        }
        return m_text.size();
    }

    std::string_view m_text;
    int m_maxDepth;
    std::vector<Frame> m_frames;
    std::string m_error;
    std::size_t m_errorOffset = 0;
};

} // namespace

std::string checkJsonSyntax(std::string_view text, int maxDepth)
{
    SyntaxCheck check(text, maxDepth);
    const bool valid = Json::sax_parse(text, &check);
    // nlohmann's lexer takes a NUL byte for the end of the input, which
    // would hide whatever follows it (or turn it into "unexpected end of
    // file"). NUL is never valid in JSON text, so name it instead.
    const std::size_t nul = text.find('\0');
    if (nul != std::string_view::npos && (valid || check.errorOffset() >= nul))
        return at(text, nul) + ": unexpected byte 0x00 (this is not JSON text)";
    if (!valid)
        return check.error().empty() ? "the text is not valid JSON" : check.error();
    return {};
}

} // namespace overlap::engine
