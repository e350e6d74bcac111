// Costs on the engine's hot paths: recording an event, draining events,
// engine -> GUI throughput, a fiber switch, a slice of CPU work, and a fiber
// run of many waits. Quick mode (CI): --benchmark_min_time=0.01.

#include "engine/cpuwork.h"
#include "engine/eventlog.h"
#include "engine/fiberstacks.h"
#include "engine/run.h"

#include <benchmark/benchmark.h>
#include <boost/fiber/all.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

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

// Engine -> GUI: N engine threads record events as fast as they can while a
// consumer drains every source on the GUI's 16 ms tick (RunController) and
// keeps a copy of everything, as Run::drain does for the final collection.
// items/s = events that reached the consumer per second of wall time.
void BM_EngineToGui(benchmark::State& state)
{
    const int producers = static_cast<int>(state.range(0));
    constexpr int kEventsTotal = 400'000;
    const int perProducer = kEventsTotal / producers;
    const std::size_t total = std::size_t(perProducer) * std::size_t(producers);
    std::size_t drains = 0;
    // Reused, as the controller's batch is; both keep their capacity, so that
    // the page faults of a first growth do not dominate a quick run.
    std::vector<Event> batch;
    std::vector<Event> seen;
    batch.reserve(total);
    seen.reserve(total);
    for (auto _ : state) {
        seen.clear();
        EventSink sink;
        std::mutex mutex;
        std::condition_variable allDone;
        int running = producers;
        const std::int64_t origin = monotonicNs();
        std::vector<std::thread> threads;
        for (int p = 0; p < producers; ++p) {
            threads.emplace_back([&, p] {
                Recorder rec(sink.newSource(), origin);
                for (int i = 0; i < perProducer; ++i)
                    rec.record(EventKind::StepEnd, i, p);
                std::lock_guard lock(mutex);
                if (--running == 0)
                    allDone.notify_one();
            });
        }
        for (bool last = false; !last;) {
            {
                std::unique_lock lock(mutex);
                last = allDone.wait_for(lock, std::chrono::milliseconds(16), [&] { return running == 0; });
            }
            batch.clear();
            sink.drain(batch);
            seen.insert(seen.end(), batch.begin(), batch.end());
            ++drains;
        }
        for (auto& t : threads)
            t.join();
        if (seen.size() != total)
            state.SkipWithError("events lost");
        benchmark::DoNotOptimize(seen.data());
    }
    state.SetItemsProcessed(state.iterations() * std::int64_t(total));
    state.counters["drains"] = benchmark::Counter(double(drains), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_EngineToGui)->Arg(1)->Arg(2)->Arg(8)->Unit(benchmark::kMillisecond)->UseRealTime();

// Two fibers on one thread yielding to each other, on the engine's fiber
// stacks and Boost.Fiber's default round-robin scheduler (as runFibers): each
// iteration is two switches, A -> B -> A.
void BM_FiberSwitch(benchmark::State& state)
{
    FiberStacks stacks(2, 64u << 10);
    bool done = false;
    boost::fibers::fiber partner(std::allocator_arg, stacks.allocator(), [&] {
        while (!done)
            boost::this_fiber::yield();
    });
    std::int64_t wallNs = 0;
    boost::fibers::fiber timed(std::allocator_arg, stacks.allocator(), [&] {
        const std::int64_t t0 = monotonicNs();
        for (auto _ : state)
            boost::this_fiber::yield();
        wallNs = monotonicNs() - t0;
        done = true;
    });
    timed.join();
    partner.join();
    stacks.awaitAllGivenBack();
    state.SetItemsProcessed(state.iterations() * 2);
    state.counters["ns_per_switch"]
        = double(wallNs) / (2.0 * double(std::max<std::int64_t>(1, state.iterations())));
}
BENCHMARK(BM_FiberSwitch);

void BM_CpuMillisecond(benchmark::State& state)
{
    const double perMs = calibratedItersPerMs();
    for (auto _ : state)
        computeSlices(1.0, perMs, [] { return true; });
    state.counters["iters_per_ms"] = perMs;
}
BENCHMARK(BM_CpuMillisecond)->Unit(benchmark::kMillisecond);

// What finding the off-core intervals costs a cpu step: the same work with
// and without the tracker, interleaved (the host's clock speed drifts on a
// scale of milliseconds to seconds, so both see the same drift).
void BM_OffCpuTracking(benchmark::State& state)
{
    const double perMs = calibratedItersPerMs();
    EventSink sink;
    Recorder rec(sink.newSource(), monotonicNs());
    std::vector<Event> drained;
    std::int64_t bareNs = 0, trackedNs = 0;
    for (auto _ : state) {
        for (int round = 0; round < 2; ++round) {
            const bool tracked = (round == 0) == (state.iterations() % 2 == 0);
            const std::int64_t t0 = threadCpuNs();
            if (tracked) {
                OffCpuTracker tracker(rec, Where{0, 0, 1, 0}, StepMark{monotonicNs(), currentCore()});
                computeMs(5.0, perMs, tracker, [] { return true; });
            } else {
                computeSlices(5.0, perMs, [] { return true; });
            }
            (tracked ? trackedNs : bareNs) += threadCpuNs() - t0;
        }
        drained.clear();
        sink.drain(drained);
    }
    // CPU time, not wall time: another program taking the core does not count.
    state.counters["overhead_pct"]
        = 100.0 * double(trackedNs - bareNs) / double(std::max<std::int64_t>(1, bareNs));
}
BENCHMARK(BM_OffCpuTracking)->Unit(benchmark::kMillisecond)->MinTime(2.0);

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
