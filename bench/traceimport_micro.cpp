// The trace import's speed in MB/s on a generated Chromium-like trace held in
// memory (no disk, no page cache): nested X slices on 16 threads with
// Chromium's args, a few B/E pairs, counters and instants. The argument is
// the trace's size in KiB; BM_TraceImport/256 takes about a second.
// BM_TraceImportSaxOnly reads every event with nlohmann's SAX parser (the
// fast path off), for the ratio. traceimport_bench measures a file on disk
// and the peak memory.

#include "engine/traceimport.h"

#include <benchmark/benchmark.h>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace overlap::engine;

namespace {

std::string chromiumLikeTrace(std::size_t bytes)
{
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::string text = "{\"traceEvents\":[\n";
    char buf[512];
    const int threads = 16;
    for (int t = 0; t < threads; ++t) {
        std::snprintf(buf, sizeof buf,
            "{\"args\":{\"name\":\"Worker %d\"},\"cat\":\"__metadata\",\"name\":\"thread_name\",\"ph\":\"M\","
            "\"pid\":%d,\"tid\":%d,\"ts\":0},\n",
            t, 100 + t % 2, 1000 + t);
        text += buf;
    }
    std::vector<double> cursor(threads, 1.0e9);
    while (text.size() < bytes) {
        for (int t = 0; t < threads; ++t) {
            double& at = cursor[static_cast<std::size_t>(t)];
            const double dur = 1 + 40 * unit(rng);
            // A child first, then its parent, as Chromium writes them.
            for (const auto& [start, length] : {std::pair{at + 0.5, dur / 2}, std::pair{at, dur}}) {
                std::snprintf(buf, sizeof buf,
                    "{\"args\":{\"src_file\":\"../../base/task/sequence_manager/thread_controller_impl.cc\","
                    "\"src_func\":\"RunTask\"},\"cat\":\"toplevel\",\"dur\":%.3f,\"name\":"
                    "\"ThreadControllerImpl::RunTask/%d\",\"ph\":\"X\",\"pid\":%d,\"tid\":%d,\"tdur\":%.3f,"
                    "\"ts\":%.3f,\"tts\":%.3f},\n",
                    length, static_cast<int>(rng() % 300), 100 + t % 2, 1000 + t, length * 0.8, start,
                    start * 0.01);
                text += buf;
            }
            if (rng() % 16 == 0) {
                std::snprintf(buf, sizeof buf,
                    "{\"cat\":\"blink\",\"name\":\"Document::UpdateStyle\",\"ph\":\"B\",\"pid\":%d,\"tid\":%"
                    "d,"
                    "\"ts\":%.3f},\n{\"cat\":\"blink\",\"name\":\"Document::UpdateStyle\",\"ph\":\"E\","
                    "\"pid\":%d,\"tid\":%d,\"ts\":%.3f},\n",
                    100 + t % 2, 1000 + t, at + dur + 1, 100 + t % 2, 1000 + t, at + dur + 3);
                text += buf;
            }
            if (rng() % 32 == 0) {
                std::snprintf(buf, sizeof buf,
                    "{\"args\":{\"value\":%d},\"cat\":\"memory\",\"name\":\"HeapSize\",\"ph\":\"C\",\"pid\":%"
                    "d,"
                    "\"ts\":%.3f},\n{\"cat\":\"input\",\"name\":\"Mark\",\"ph\":\"i\",\"s\":\"t\",\"pid\":%d,"
                    "\"tid\":%d,\"ts\":%.3f},\n",
                    static_cast<int>(rng() % 100000), 100 + t % 2, at, 100 + t % 2, 1000 + t, at + 0.5);
                text += buf;
            }
            at += dur + 5 + 50 * unit(rng);
        }
    }
    text += "{\"name\":\"end\",\"ph\":\"i\",\"s\":\"g\",\"pid\":100,\"tid\":1000,\"ts\":0}\n],"
            "\"displayTimeUnit\":\"ms\"}\n";
    return text;
}

void importBench(benchmark::State& state, bool fastPath)
{
    // Made once per size: the library calls this function several times while it picks the iterations.
    static std::map<std::int64_t, std::string> texts;
    std::string& text = texts[state.range(0)];
    if (text.empty())
        text = chromiumLikeTrace(static_cast<std::size_t>(state.range(0)) * 1024);
    TraceImportOptions options;
    options.fastPath = fastPath;
    std::size_t events = 0;
    for (auto _ : state) {
        const ImportedTrace trace = importTraceText(text, "bench.json", options);
        if (trace.hasError()) {
            state.SkipWithError(trace.error.message.c_str());
            return;
        }
        events = trace.events;
        benchmark::DoNotOptimize(trace.lanes.data());
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(events));
}

void BM_TraceImport(benchmark::State& state)
{
    importBench(state, true);
}
BENCHMARK(BM_TraceImport)->Arg(256)->Arg(16 * 1024)->Unit(benchmark::kMillisecond);

void BM_TraceImportSaxOnly(benchmark::State& state)
{
    importBench(state, false);
}
BENCHMARK(BM_TraceImportSaxOnly)->Arg(256)->Arg(16 * 1024)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
