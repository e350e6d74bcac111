#pragma once

// The SAX handler of the trace import: follows where the parser is (the
// top-level array or object, the events array, an event, its args), fills
// one RawEvent per event object and hands it to the assembler when the
// object closes, so that an event cut short by the end of the file is never
// half-used. Everything it does not need (deep args, "metadata", stack
// frames) is skipped without being stored. Internal to the trace import.

#include "engine/traceassembler.h"
#include "engine/tracefields.h"
#include "engine/traceimport.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace overlap::engine::traceio {

// Writes a JSON value back as compact text from SAX callbacks (for otherData).
class JsonCapture {
public:
    static constexpr std::size_t kLimit = std::size_t{1} << 20; // larger: dropped

    bool active() const { return m_depth > 0; }
    void begin(bool object);
    void open(bool object);
    // Returns true when the captured value is complete.
    bool close(bool object);
    void key(const std::string& k);
    void scalar(const std::string& text); // already JSON text
    std::string take();

private:
    void separate();
    std::string m_text;
    std::vector<bool> m_first; // per open container: nothing written in it yet
    int m_depth = 0;
    bool m_afterKey = false;
};

class TraceSaxHandler {
public:
    using Json = nlohmann::json;

    explicit TraceSaxHandler(TraceAssembler& out)
        : m_out(out)
    {
    }

    // nlohmann::json_sax interface.
    bool null();
    bool boolean(bool value);
    bool number_integer(Json::number_integer_t value);
    bool number_unsigned(Json::number_unsigned_t value);
    bool number_float(Json::number_float_t value, const Json::string_t& text);
    bool string(Json::string_t& value);
    bool binary(Json::binary_t& value);
    bool start_object(std::size_t elements);
    bool key(Json::string_t& key);
    bool end_object();
    bool start_array(std::size_t elements);
    bool end_array();
    bool parse_error(
        std::size_t position, const std::string& lastToken, const nlohmann::detail::exception& ex);

    // Called right after each event of the events array that the parser
    // finished: where the fast path takes over (see tracescanner.h).
    void setAfterEvent(std::function<void()> afterEvent) { m_afterEvent = std::move(afterEvent); }

    TraceForm form() const { return m_form; }
    bool sawEvents() const { return m_eventsDepth > 0; }
    // The parser stopped between two events of the events array (or right
    // after its '['): nothing half-read is lost.
    bool betweenEvents() const;
    bool failed() const { return m_failed; }
    std::size_t errorPosition() const { return m_errorPosition; }
    const std::string& errorText() const { return m_errorText; }
    std::string takeOtherData() { return std::move(m_otherData); }
    const std::string& displayTimeUnit() const { return m_displayTimeUnit; }

private:
    enum class RootKey : std::uint8_t { Other, TraceEvents, OtherData, DisplayTimeUnit };
    bool scalar(const Scalar& v);
    bool open(bool object);
    bool close(bool object);
    void rootValue(const Scalar& v);
    static std::string jsonText(const Scalar& v);

    TraceAssembler& m_out;
    std::function<void()> m_afterEvent;
    RawEvent m_event;
    JsonCapture m_capture;
    TraceForm m_form = TraceForm::Unknown;
    int m_depth = 0; // open containers, skipped and captured ones aside
    int m_eventsDepth = -1; // m_depth inside the events array; -1 until it opens
    bool m_eventsClosed = false;
    bool m_inEvent = false;
    int m_skip = 0; // open containers of a value being skipped
    RootKey m_rootKey = RootKey::Other;
    EventField m_field = EventField::Other;
    EventObject m_sub = EventObject::None;
    std::string m_argKey;

    bool m_failed = false;
    std::size_t m_errorPosition = 0;
    std::string m_errorText;
    std::string m_otherData;
    std::string m_displayTimeUnit;
};

} // namespace overlap::engine::traceio
