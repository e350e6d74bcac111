// The event buffers: every event pushed comes out once, in order, whatever
// the chunk sizes and however the consumer's drains fall between pushes.

#include "engine/eventlog.h"

#include <gtest/gtest.h>
#include <thread>

using namespace overlap::engine;

namespace {

Event numbered(std::int64_t i)
{
    Event e;
    e.tNs = i;
    e.task = static_cast<std::int32_t>(i);
    e.kind = EventKind::StepEnd;
    return e;
}

void expectNumbered(const std::vector<Event>& events, std::size_t count)
{
    ASSERT_EQ(events.size(), count);
    for (std::size_t i = 0; i < count; ++i) {
        ASSERT_EQ(events[i].tNs, std::int64_t(i));
        ASSERT_EQ(events[i].task, std::int32_t(i));
    }
}

// Pushes `count` events, draining every `drainEvery` pushes (0: only at the end).
class SourceDrains : public ::testing::TestWithParam<std::tuple<int, int>> { };

} // namespace

TEST_P(SourceDrains, EveryEventOnceInOrder)
{
    const auto [count, drainEvery] = GetParam();
    EventSink sink;
    EventSource& source = sink.newSource();
    std::vector<Event> out;
    for (int i = 0; i < count; ++i) {
        source.push(numbered(i));
        if (drainEvery > 0 && (i + 1) % drainEvery == 0)
            sink.drain(out);
    }
    sink.drain(out);
    expectNumbered(out, std::size_t(count));
    EXPECT_EQ(sink.drain(out), 0u); // nothing is handed out twice
}

INSTANTIATE_TEST_SUITE_P(ChunkBoundaries, SourceDrains,
    ::testing::Combine(
        ::testing::Values(0, 1, int(EventSource::kFirstChunkEvents) - 1, int(EventSource::kFirstChunkEvents),
            int(EventSource::kFirstChunkEvents) + 1, int(EventSource::kMaxChunkEvents) * 3 + 7),
        ::testing::Values(0, 1, int(EventSource::kFirstChunkEvents), 1000)));

TEST(EventSink, MergesSourcesByTime)
{
    EventSink sink;
    EventSource& a = sink.newSource();
    EventSource& b = sink.newSource();
    for (int i = 0; i < 5000; ++i)
        (i % 3 == 0 ? a : b).push(numbered(i));
    std::vector<Event> out;
    sink.drain(out);
    expectNumbered(out, 5000);
}

// A producer thread and a consumer draining while it pushes, as a run and
// the GUI do (the tsan preset checks the publication order).
TEST(EventSink, ConcurrentDrainSeesEveryEvent)
{
    constexpr int kEvents = 200'000;
    EventSink sink;
    EventSource& source = sink.newSource();
    std::thread producer([&] {
        for (int i = 0; i < kEvents; ++i)
            source.push(numbered(i));
    });
    std::vector<Event> out;
    while (out.size() < std::size_t(kEvents))
        sink.drain(out);
    producer.join();
    sink.drain(out);
    expectNumbered(out, kEvents);
}
