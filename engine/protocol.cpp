#include "engine/protocol.h"

#include "engine/scenarioio.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <type_traits>

namespace overlap::engine::protocol {

namespace {

template <class T> void put(std::vector<char>& out, T value)
{
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* bytes = reinterpret_cast<const char*>(&value);
    out.insert(out.end(), bytes, bytes + sizeof(T));
}

// Bounds-checked reading of a payload: every get fails (and stays failed)
// instead of reading past the end.
class Cursor {
public:
    explicit Cursor(std::span<const char> bytes)
        : m_bytes(bytes)
    {
    }
    template <class T> T get()
    {
        T value{};
        if (!m_ok || m_bytes.size() - m_pos < sizeof(T)) {
            m_ok = false;
            return value;
        }
        std::memcpy(&value, m_bytes.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return value;
    }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_bytes.size(); }
    std::span<const char> rest() const { return m_bytes.subspan(m_pos); }

private:
    std::span<const char> m_bytes;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

bool legalFor(Reader reader, std::uint32_t type)
{
    switch (static_cast<RecordType>(type)) {
    case RecordType::Hello:
    case RecordType::Task:
    case RecordType::Quit:
        return reader == Reader::Worker;
    case RecordType::Ready:
    case RecordType::Events:
    case RecordType::TaskDone:
        return reader == Reader::Engine;
    }
    return false;
}

// Fixed payload sizes, checked once in the reader so that every consumer can
// rely on them. 0 = variable.
std::size_t fixedLength(RecordType type)
{
    switch (type) {
    case RecordType::Task:
        return 4;
    case RecordType::Ready:
        return 16;
    case RecordType::TaskDone:
        return 16;
    default:
        return 0;
    }
}

std::uint32_t readU32(const char* p)
{
    std::uint32_t v = 0;
    std::memcpy(&v, p, 4);
    return v;
}

} // namespace

RecordReader::RecordReader(Reader reader)
    : m_reader(reader)
{
}

std::span<char> RecordReader::prepare(std::size_t min)
{
    if (m_begin == m_end)
        m_begin = m_end = 0;
    if (m_capacity - m_end < min) {
        const std::size_t used = m_end - m_begin;
        if (m_capacity - used >= min && m_begin > 0) {
            std::memmove(m_buf.get(), m_buf.get() + m_begin, used);
        } else {
            const std::size_t capacity = std::max({min + used, m_capacity * 2, std::size_t(64) << 10});
            std::unique_ptr<char[]> bigger(new char[capacity]);
            if (used > 0)
                std::memcpy(bigger.get(), m_buf.get() + m_begin, used);
            m_buf = std::move(bigger);
            m_capacity = capacity;
        }
        m_begin = 0;
        m_end = used;
    }
    return {m_buf.get() + m_end, m_capacity - m_end};
}

void RecordReader::commit(std::size_t n)
{
    m_end += std::min(n, m_capacity - m_end);
}

void RecordReader::append(const char* data, std::size_t n)
{
    if (n == 0)
        return;
    std::memcpy(prepare(n).data(), data, n);
    commit(n);
}

RecordReader::Status RecordReader::fail(std::string message)
{
    m_error = std::move(message);
    return Status::Error;
}

RecordReader::Status RecordReader::next(Record& out)
{
    if (failed())
        return Status::Error;
    const char* p = m_buf.get() + m_begin;
    std::size_t avail = m_end - m_begin;
    if (!m_headerSeen) {
        // Check the magic as soon as its bytes arrive, so a stream of garbage
        // is caught even when it is shorter than a header.
        const std::size_t n = std::min<std::size_t>(avail, 4);
        if (n > 0 && std::memcmp(p, &kMagic, n) != 0)
            return fail("not the overlap worker protocol (bad magic)");
        if (avail < kStreamHeaderBytes)
            return Status::NeedMore;
        const std::uint32_t version = readU32(p + 4);
        if (version != kVersion)
            return fail(
                "protocol version " + std::to_string(version) + ", expected " + std::to_string(kVersion));
        m_headerSeen = true;
        m_begin += kStreamHeaderBytes;
        p += kStreamHeaderBytes;
        avail -= kStreamHeaderBytes;
    }
    if (avail >= 4 && !legalFor(m_reader, readU32(p)))
        return fail("unknown record type " + std::to_string(readU32(p)));
    if (avail < kRecordHeaderBytes)
        return Status::NeedMore;
    const auto type = static_cast<RecordType>(readU32(p));
    const std::uint32_t length = readU32(p + 4);
    const std::uint32_t max = m_reader == Reader::Engine ? kMaxWorkerRecordBytes : kMaxEngineRecordBytes;
    if (length > max)
        return fail("record of " + std::to_string(length) + " bytes");
    const std::size_t fixed = fixedLength(type);
    if ((fixed != 0 && length != fixed) || (type == RecordType::Quit && length != 0)
        || (type == RecordType::Events && length % sizeof(Event) != 0))
        return fail(
            "record type " + std::to_string(unsigned(type)) + " with a bad length " + std::to_string(length));
    if (avail - kRecordHeaderBytes < length)
        return Status::NeedMore;
    out.type = type;
    out.payload = {p + kRecordHeaderBytes, length};
    m_begin += kRecordHeaderBytes + length;
    return Status::Record;
}

void appendStreamHeader(std::vector<char>& out, std::uint32_t version)
{
    put(out, kMagic);
    put(out, version);
}

void appendRecord(std::vector<char>& out, RecordType type, const void* payload, std::size_t length)
{
    put(out, static_cast<std::uint32_t>(type));
    put(out, static_cast<std::uint32_t>(length));
    const auto* bytes = static_cast<const char*>(payload);
    if (length > 0)
        out.insert(out.end(), bytes, bytes + length);
}

void appendHello(std::vector<char>& out, std::int64_t originNs, int lane, double itersPerMs,
    std::span<const char> encodedScenario)
{
    constexpr std::size_t fixed = 4 + 8 + 4 + 8;
    put(out, static_cast<std::uint32_t>(RecordType::Hello));
    put(out, static_cast<std::uint32_t>(fixed + encodedScenario.size()));
    put(out, kVersion);
    put(out, originNs);
    put(out, static_cast<std::int32_t>(lane));
    put(out, itersPerMs);
    out.insert(out.end(), encodedScenario.begin(), encodedScenario.end());
}

void appendTask(std::vector<char>& out, int instance)
{
    const std::int32_t v = instance;
    appendRecord(out, RecordType::Task, &v, sizeof v);
}

void appendQuit(std::vector<char>& out)
{
    appendRecord(out, RecordType::Quit, nullptr, 0);
}

void appendReady(std::vector<char>& out, const ReadyMsg& ready)
{
    char payload[16];
    std::memcpy(payload, &ready.pid, 4);
    std::memcpy(payload + 4, &ready.itersPerMs, 8);
    std::memcpy(payload + 12, &ready.peakRssKib, 4);
    appendRecord(out, RecordType::Ready, payload, sizeof payload);
}

void appendEvents(std::vector<char>& out, const Event* events, std::size_t count)
{
    // Split so that no record passes the reader's limit, however long the batch.
    constexpr std::size_t perRecord = kMaxWorkerRecordBytes / sizeof(Event);
    while (count > 0) {
        const std::size_t n = std::min(count, perRecord);
        appendRecord(out, RecordType::Events, events, n * sizeof(Event));
        events += n;
        count -= n;
    }
}

void appendTaskDone(std::vector<char>& out, const TaskDoneMsg& done)
{
    const std::int32_t fields[4] = {done.instance, done.ok ? 1 : 0, done.attempts, done.peakRssKib};
    appendRecord(out, RecordType::TaskDone, fields, sizeof fields);
}

std::optional<HelloMsg> decodeHello(std::span<const char> payload, std::string* error)
{
    Cursor c(payload);
    HelloMsg hello;
    hello.version = c.get<std::uint32_t>();
    hello.originNs = c.get<std::int64_t>();
    hello.lane = c.get<std::int32_t>();
    hello.itersPerMs = c.get<double>();
    if (!c.ok() || !(hello.itersPerMs >= 0)) {
        if (error)
            *error = "short hello";
        return std::nullopt;
    }
    if (hello.version != kVersion) {
        if (error)
            *error = "hello of protocol version " + std::to_string(hello.version);
        return std::nullopt;
    }
    auto scenario = decodeScenario(c.rest());
    if (!scenario) {
        if (error)
            *error = "malformed scenario in hello";
        return std::nullopt;
    }
    hello.scenario = std::move(*scenario);
    return hello;
}

std::optional<int> decodeTask(std::span<const char> payload)
{
    Cursor c(payload);
    const auto instance = c.get<std::int32_t>();
    if (!c.ok() || !c.atEnd())
        return std::nullopt;
    return instance;
}

std::optional<ReadyMsg> decodeReady(std::span<const char> payload)
{
    Cursor c(payload);
    ReadyMsg ready;
    ready.pid = c.get<std::int32_t>();
    ready.itersPerMs = c.get<double>();
    ready.peakRssKib = c.get<std::int32_t>();
    if (!c.ok() || !c.atEnd())
        return std::nullopt;
    return ready;
}

std::optional<TaskDoneMsg> decodeTaskDone(std::span<const char> payload)
{
    Cursor c(payload);
    TaskDoneMsg done;
    done.instance = c.get<std::int32_t>();
    const auto ok = c.get<std::int32_t>();
    done.attempts = c.get<std::int32_t>();
    done.peakRssKib = c.get<std::int32_t>();
    if (!c.ok() || !c.atEnd() || (ok != 0 && ok != 1))
        return std::nullopt;
    done.ok = ok == 1;
    return done;
}

Event eventAt(std::span<const char> payload, std::size_t index)
{
    Event e;
    std::memcpy(&e, payload.data() + index * sizeof(Event), sizeof(Event));
    return e;
}

// The scenario crosses as its file format: one schema to keep, and the child
// validates what it receives with the same code as the command line.
void encodeScenario(std::vector<char>& out, const Scenario& s)
{
    std::string json = scenarioToJson(s);
    while (!json.empty() && std::isspace(static_cast<unsigned char>(json.back())))
        json.pop_back();
    out.insert(out.end(), json.begin(), json.end());
}

std::optional<Scenario> decodeScenario(std::span<const char> bytes)
{
    return parseScenario(std::string_view(bytes.data(), bytes.size())).scenario;
}

} // namespace overlap::engine::protocol
