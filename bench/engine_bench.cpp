// Costs on the engine's hot paths: recording an event, draining events,
// a slice of CPU work, and a fiber run of many waits.

#include "engine/cpuwork.h"
#include "engine/eventlog.h"
#include "engine/run.h"

#include <benchmark/benchmark.h>

using namespace overlap::engine;

namespace {

// What every executor pays per event: clock, core, copy into the buffer.
void BM_RecordEvent(benchmark::State& state)
{
    EventSink sink;
    EventSource& source = sink.newSource();
    Recorder rec(source, monotonicNs());
    std::vector<Event> drained;
    std::int64_t n = 0;
    for (auto _ : state) {
        rec.record(EventKind::StepStart, 1, 2, 1, 0);
        if (++n % 65536 == 0) { // keep memory flat, as a live consumer would
            state.PauseTiming();
            drained.clear();
            sink.drain(drained);
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordEvent);

// The buffer alone, without clocks.
void BM_PushEvent(benchmark::State& state)
{
    EventSink sink;
    EventSource& source = sink.newSource();
    std::vector<Event> drained;
    Event e;
    std::int64_t n = 0;
    for (auto _ : state) {
        e.tNs = n;
        source.push(e);
        if (++n % 65536 == 0) {
            state.PauseTiming();
            drained.clear();
            sink.drain(drained);
            state.ResumeTiming();
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PushEvent);

// Producer thread and consumer draining concurrently: events per second
// that reach the consumer.
void BM_ProduceAndDrain(benchmark::State& state)
{
    for (auto _ : state) {
        EventSink sink;
        constexpr int kEvents = 1'000'000;
        std::thread producer([&] {
            Recorder rec(sink.newSource(), monotonicNs());
            for (int i = 0; i < kEvents; ++i)
                rec.record(EventKind::StepEnd, i, 0);
        });
        std::vector<Event> out;
        out.reserve(kEvents);
        while (out.size() < std::size_t(kEvents))
            sink.drain(out);
        producer.join();
        benchmark::DoNotOptimize(out.data());
    }
    state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_ProduceAndDrain)->Unit(benchmark::kMillisecond);

void BM_CpuMillisecond(benchmark::State& state)
{
    const double perMs = calibratedItersPerMs();
    for (auto _ : state)
        computeMs(1.0, perMs, [] { return true; });
    state.counters["iters_per_ms"] = perMs;
}
BENCHMARK(BM_CpuMillisecond)->Unit(benchmark::kMillisecond);

// N fibers each waiting 100 ms: the time above 100 ms is the engine's cost.
void BM_FiberWaits(benchmark::State& state)
{
    Scenario s;
    s.run.model = Model::Fibers;
    s.tasks.push_back({"wait", static_cast<int>(state.range(0)), {{StepKind::Io, 100, {}}}, {}, 0});
    const Plan plan(s);
    for (auto _ : state) {
        const RunOutput out = runPlan(plan);
        std::int64_t end = 0;
        for (const Event& e : out.events)
            end = std::max(end, e.tNs);
        state.counters["overhead_ms"] = double(end) / 1e6 - 100;
    }
}
BENCHMARK(BM_FiberWaits)->Arg(20'000)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace

BENCHMARK_MAIN();
