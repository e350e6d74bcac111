#pragma once

// The engine <-> overlap-worker wire protocol. Each direction is one byte
// stream that starts with a stream header {u32 magic, u32 version} followed by
// records {u32 type, u32 length, payload[length]}, all little-endian host
// order (both ends are the same build on the same machine; the version word
// catches a mismatched pair).
//
// Parsing is incremental: bytes are appended as they arrive and only whole
// records are handed out; a partial record stays buffered. Anything that is
// not the protocol (bad magic, wrong version, a type that does not belong to
// the direction, an absurd length, a payload of the wrong size) is an error
// the reader reports once and sticks to: the engine then kills that worker.

#include "engine/event.h"
#include "engine/scenario.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace overlap::engine::protocol {

inline constexpr std::uint32_t kMagic = 0x504c564f; // "OVLP" as bytes on a little-endian machine
// 2: Ready and TaskDone carry the peak RSS; 3: Hello carries the engine's calibration.
inline constexpr std::uint32_t kVersion = 4;
inline constexpr std::size_t kStreamHeaderBytes = 8;
inline constexpr std::size_t kRecordHeaderBytes = 8;

// A worker's records are small (the worker flushes at every wait), so
// anything longer is garbage. Hello carries the scenario and may be larger
// (scenario files are at most 16 MiB of JSON; the binary form is smaller).
inline constexpr std::uint32_t kMaxWorkerRecordBytes = 4u << 20;
inline constexpr std::uint32_t kMaxEngineRecordBytes = 64u << 20;

enum class RecordType : std::uint32_t {
    // engine -> worker
    Hello = 1, // HelloMsg
    Task = 2, // i32 instance
    Quit = 3, // empty
    // worker -> engine
    Ready = 101, // ReadyMsg
    Events = 102, // n * sizeof(Event), copied as they are
    TaskDone = 103, // TaskDoneMsg
};

// Who reads the stream: decides which record types are legal.
enum class Reader : std::uint8_t { Worker, Engine };

struct HelloMsg {
    std::uint32_t version = kVersion;
    std::int64_t originNs = 0; // CLOCK_MONOTONIC at the run's time 0
    std::int32_t lane = -1;
    // The engine's iterations per ms of cpu work, which every worker uses so
    // that a cpu step is the same computation under every model; 0 when the
    // plan has no cpu steps.
    double itersPerMs = 0;
    Scenario scenario;
};

struct ReadyMsg {
    std::int32_t pid = 0;
    double itersPerMs = 0; // what it uses: the Hello's (0 when the plan has no cpu steps)
    std::int32_t peakRssKib = 0; // the worker's own VmHWM (see ownPeakRssKib)
};

struct TaskDoneMsg {
    std::int32_t instance = -1;
    bool ok = false;
    std::int32_t attempts = 0;
    std::int32_t peakRssKib = 0; // the worker's own VmHWM so far
};

// A whole record; the payload points into the reader's buffer and stays
// valid until the reader is next written to.
struct Record {
    RecordType type{};
    std::span<const char> payload;
};

class RecordReader {
public:
    explicit RecordReader(Reader reader);

    // Room for at least `min` more bytes: read() into it, then commit() what
    // arrived. Reading straight into the buffer saves a copy per batch.
    std::span<char> prepare(std::size_t min);
    void commit(std::size_t n);
    void append(const char* data, std::size_t n); // prepare + copy + commit

    enum class Status : std::uint8_t { NeedMore, Record, Error };
    // The next whole record, if one is buffered.
    Status next(Record& out);

    bool failed() const { return !m_error.empty(); }
    const std::string& error() const { return m_error; }
    std::size_t buffered() const { return m_end - m_begin; }

private:
    Status fail(std::string message);

    Reader m_reader;
    std::unique_ptr<char[]> m_buf; // not zero-filled: it is only a staging area
    std::size_t m_capacity = 0;
    std::size_t m_begin = 0; // first unconsumed byte
    std::size_t m_end = 0; // one past the last received byte
    bool m_headerSeen = false;
    std::string m_error;
};

// Encoding: appends to `out` (one buffer per write() call).
void appendStreamHeader(std::vector<char>& out, std::uint32_t version = kVersion);
void appendRecord(std::vector<char>& out, RecordType type, const void* payload, std::size_t length);
// `encodedScenario` comes from encodeScenario(), done once per run, not once per worker.
void appendHello(std::vector<char>& out, std::int64_t originNs, int lane, double itersPerMs,
    std::span<const char> encodedScenario);
void appendTask(std::vector<char>& out, int instance);
void appendQuit(std::vector<char>& out);
void appendReady(std::vector<char>& out, const ReadyMsg& ready);
void appendEvents(std::vector<char>& out, const Event* events, std::size_t count);
void appendTaskDone(std::vector<char>& out, const TaskDoneMsg& done);

// Decoding a record's payload; nullopt when it is malformed.
std::optional<HelloMsg> decodeHello(std::span<const char> payload, std::string* error = nullptr);
std::optional<int> decodeTask(std::span<const char> payload);
std::optional<ReadyMsg> decodeReady(std::span<const char> payload);
std::optional<TaskDoneMsg> decodeTaskDone(std::span<const char> payload);
inline std::size_t eventCount(std::span<const char> payload)
{
    return payload.size() / sizeof(Event);
}
Event eventAt(std::span<const char> payload, std::size_t index);

// The scenario in a compact private binary form (the protocol must not depend
// on the scenario file format, which has its own life).
void encodeScenario(std::vector<char>& out, const Scenario& scenario);
std::optional<Scenario> decodeScenario(std::span<const char> bytes);

} // namespace overlap::engine::protocol
