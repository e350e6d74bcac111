#include "engine/protocol.h"

#include <gtest/gtest.h>
#include <random>

using namespace overlap::engine;
using namespace overlap::engine::protocol;

namespace {

Event sampleEvent(int i)
{
    Event e;
    e.tNs = 1000 * i;
    e.cpuNs = 7 * i;
    e.task = i;
    e.lane = 1;
    e.pid = 4242;
    e.tid = 4243;
    e.step = static_cast<std::int16_t>(i % 3);
    e.attempt = 1;
    e.kind = EventKind::StepEnd;
    return e;
}

// What a worker writes for one task: the stream header, Ready, events, TaskDone.
std::vector<char> workerStream()
{
    std::vector<char> out;
    appendStreamHeader(out);
    appendReady(out, {4242, 123456.5, 4096});
    std::vector<Event> events;
    for (int i = 0; i < 3; ++i)
        events.push_back(sampleEvent(i));
    appendEvents(out, events.data(), events.size());
    appendTaskDone(out, {2, true, 3, 5000});
    return out;
}

struct Parsed {
    std::vector<RecordType> types;
    std::vector<std::vector<char>> payloads;
};

// Feeds `bytes` in pieces cut at `cuts`, taking every whole record as it appears.
Parsed feed(const std::vector<char>& bytes, const std::vector<std::size_t>& cuts, RecordReader& reader)
{
    Parsed parsed;
    std::size_t from = 0;
    std::vector<std::size_t> ends = cuts;
    ends.push_back(bytes.size());
    for (std::size_t end : ends) {
        reader.append(bytes.data() + from, end - from);
        from = end;
        Record r;
        RecordReader::Status status;
        while ((status = reader.next(r)) == RecordReader::Status::Record) {
            parsed.types.push_back(r.type);
            parsed.payloads.emplace_back(r.payload.begin(), r.payload.end());
        }
        EXPECT_NE(status, RecordReader::Status::Error) << reader.error();
    }
    return parsed;
}

Scenario sampleScenario()
{
    Scenario s;
    s.name = "mixed";
    s.description = "with a lock, retries and a rate limit";
    s.run.model = Model::Processes;
    s.run.workers = 3;
    s.run.rateLimitPerS = 12.5;
    s.run.seed = 99;
    s.tasks.push_back({"download", 10, {{StepKind::Io, 1000, {}}}, {}, 0});
    s.tasks.push_back(
        {"crunch", 1, {{StepKind::Cpu, 250.5, "cache"}, {StepKind::Io, 20, {}}}, {3, 100, 2.0}, 0.2});
    return s;
}

} // namespace

TEST(Protocol, RecordsSplitAtEveryByteBoundaryParseTheSame)
{
    const std::vector<char> bytes = workerStream();
    RecordReader whole(Reader::Engine);
    const Parsed expected = feed(bytes, {}, whole);
    ASSERT_EQ(expected.types.size(), 3u);
    EXPECT_EQ(expected.types[0], RecordType::Ready);
    EXPECT_EQ(expected.types[1], RecordType::Events);
    EXPECT_EQ(expected.types[2], RecordType::TaskDone);

    for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
        RecordReader reader(Reader::Engine);
        const Parsed got = feed(bytes, {cut}, reader);
        EXPECT_EQ(got.types, expected.types) << "cut at " << cut;
        EXPECT_EQ(got.payloads, expected.payloads) << "cut at " << cut;
        EXPECT_EQ(reader.buffered(), 0u);
    }
    // One byte at a time: every boundary at once.
    std::vector<std::size_t> everyByte;
    for (std::size_t i = 1; i < bytes.size(); ++i)
        everyByte.push_back(i);
    RecordReader reader(Reader::Engine);
    const Parsed got = feed(bytes, everyByte, reader);
    EXPECT_EQ(got.payloads, expected.payloads);
}

TEST(Protocol, PayloadsDecode)
{
    const std::vector<char> bytes = workerStream();
    RecordReader reader(Reader::Engine);
    const Parsed parsed = feed(bytes, {}, reader);
    ASSERT_EQ(parsed.payloads.size(), 3u);
    const auto ready = decodeReady(parsed.payloads[0]);
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->pid, 4242);
    EXPECT_EQ(ready->itersPerMs, 123456.5);
    EXPECT_EQ(ready->peakRssKib, 4096);
    ASSERT_EQ(eventCount(parsed.payloads[1]), 3u);
    for (int i = 0; i < 3; ++i) {
        const Event e = eventAt(parsed.payloads[1], std::size_t(i));
        EXPECT_EQ(e.tNs, 1000 * i);
        EXPECT_EQ(e.task, i);
        EXPECT_EQ(e.kind, EventKind::StepEnd);
    }
    const auto done = decodeTaskDone(parsed.payloads[2]);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->instance, 2);
    EXPECT_TRUE(done->ok);
    EXPECT_EQ(done->attempts, 3);
    EXPECT_EQ(done->peakRssKib, 5000);
}

TEST(Protocol, HelloCarriesTheScenarioAndTheEnginesCalibration)
{
    const Scenario scenario = sampleScenario();
    std::vector<char> encoded;
    encodeScenario(encoded, scenario);
    std::vector<char> out;
    appendStreamHeader(out);
    appendHello(out, 123456789, 5, 654321.25, encoded);
    appendTask(out, 7);
    appendQuit(out);

    RecordReader reader(Reader::Worker);
    const Parsed parsed = feed(out, {3, 11, 40}, reader);
    ASSERT_EQ(parsed.types.size(), 3u);
    const auto hello = decodeHello(parsed.payloads[0]);
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->originNs, 123456789);
    EXPECT_EQ(hello->lane, 5);
    EXPECT_EQ(hello->itersPerMs, 654321.25);
    EXPECT_EQ(hello->scenario, scenario);
    EXPECT_EQ(decodeTask(parsed.payloads[1]), 7);
    EXPECT_EQ(parsed.types[2], RecordType::Quit);
}

TEST(Protocol, TruncatedScenarioIsRejected)
{
    std::vector<char> encoded;
    encodeScenario(encoded, sampleScenario());
    ASSERT_TRUE(decodeScenario(encoded));
    for (std::size_t n = 0; n < encoded.size(); ++n)
        EXPECT_FALSE(decodeScenario(std::span<const char>(encoded.data(), n))) << n;
}

TEST(Protocol, GarbageIsDetected)
{
    // Random bytes: the magic cannot match.
    std::mt19937 random(7);
    std::vector<char> noise(256);
    for (char& c : noise)
        c = static_cast<char>(random());
    noise[0] = 'x';
    RecordReader reader(Reader::Engine);
    reader.append(noise.data(), noise.size());
    Record r;
    EXPECT_EQ(reader.next(r), RecordReader::Status::Error);
    EXPECT_NE(reader.error().find("magic"), std::string::npos);
    // A reader that failed stays failed, even if good bytes follow.
    const std::vector<char> good = workerStream();
    reader.append(good.data(), good.size());
    EXPECT_EQ(reader.next(r), RecordReader::Status::Error);
}

// A valid header, then one bad record.
struct BadRecord {
    const char* what;
    std::uint32_t type;
    std::uint32_t length;
    Reader reader;
};

class ProtocolBadRecord : public testing::TestWithParam<BadRecord> { };

TEST_P(ProtocolBadRecord, IsAnError)
{
    const BadRecord& bad = GetParam();
    std::vector<char> out;
    appendStreamHeader(out);
    const std::uint32_t words[2] = {bad.type, bad.length};
    out.insert(out.end(), reinterpret_cast<const char*>(words), reinterpret_cast<const char*>(words) + 8);
    RecordReader reader(bad.reader);
    reader.append(out.data(), out.size());
    Record r;
    // The header alone decides: no need to wait for a payload that may never come.
    EXPECT_EQ(reader.next(r), RecordReader::Status::Error) << bad.what;
}

INSTANTIATE_TEST_SUITE_P(Protocol, ProtocolBadRecord,
    testing::Values(BadRecord{"unknown type", 999, 0, Reader::Engine},
        BadRecord{"engine record sent to the engine", std::uint32_t(RecordType::Task), 4, Reader::Engine},
        BadRecord{"worker record sent to a worker", std::uint32_t(RecordType::Events), 48, Reader::Worker},
        BadRecord{"absurd length", std::uint32_t(RecordType::Events), 480u << 20, Reader::Engine},
        BadRecord{
            "events not a whole number of events", std::uint32_t(RecordType::Events), 50, Reader::Engine},
        BadRecord{"task done of the wrong size", std::uint32_t(RecordType::TaskDone), 4, Reader::Engine},
        BadRecord{"quit with a payload", std::uint32_t(RecordType::Quit), 1, Reader::Worker}));

TEST(Protocol, VersionMismatchIsAnError)
{
    std::vector<char> out;
    appendStreamHeader(out, kVersion + 1);
    appendReady(out, {1, 0, 0});
    RecordReader reader(Reader::Engine);
    reader.append(out.data(), out.size());
    Record r;
    EXPECT_EQ(reader.next(r), RecordReader::Status::Error);
    EXPECT_NE(reader.error().find("version"), std::string::npos) << reader.error();
}

TEST(Protocol, PartialHeaderWaitsForMore)
{
    std::vector<char> out;
    appendStreamHeader(out);
    appendTask(out, 3);
    RecordReader reader(Reader::Worker);
    reader.append(out.data(), out.size() - 1);
    Record r;
    EXPECT_EQ(reader.next(r), RecordReader::Status::NeedMore);
    reader.append(out.data() + out.size() - 1, 1);
    ASSERT_EQ(reader.next(r), RecordReader::Status::Record);
    EXPECT_EQ(decodeTask(r.payload), 3);
    EXPECT_EQ(reader.next(r), RecordReader::Status::NeedMore);
}
