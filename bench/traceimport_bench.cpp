// Speed and memory of the trace import on a large generated file.
//
//   traceimport_bench generate OUT.json MIB   writes a Chromium-like trace of about MIB MiB
//   traceimport_bench tiny OUT.json MIB       the worst case for memory: minimal X events
//                                             (~60 bytes each) on one thread
//   traceimport_bench import TRACE.json       imports it: MB/s, events/s, peak RSS
//   traceimport_bench import TRACE.json sax-only   the same with the fast path off (every event
//                                             through nlohmann's SAX parser)
//   traceimport_bench sax TRACE.json          nlohmann's SAX parser alone (no-op handler),
//                                             through the same chunked reader: the ceiling
//
// Run each mode in its own process so that peak RSS belongs to it alone.
// The generated file is not committed: make it where there is room.

#include "engine/traceimport.h"
#include "engine/tracereader.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>

using namespace overlap::engine;

namespace {

// On a shared machine the wall time includes waiting for a core: the CPU
// time says what the import itself cost.
double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

long peakRssKib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// X slices nested up to four deep on 16 threads of 2 processes, written in
// end order (children first, as Chromium writes them), with a few B/E pairs,
// instants, counters and flows, args like Chromium's and M names.
int generate(const char* path, double mib)
{
    std::FILE* out = std::fopen(path, "wb");
    if (!out)
        return 1;
    std::mt19937_64 rng(42);
    std::vector<std::string> names;
    for (int i = 0; i < 300; ++i)
        names.push_back("ThreadControllerImpl::RunTask/" + std::to_string(i));
    const int threads = 16;
    const auto limit = static_cast<long long>(mib * 1024 * 1024);
    long long written = std::fprintf(out, "{\"traceEvents\":[\n");
    for (int t = 0; t < threads; ++t) {
        written += std::fprintf(out,
            "{\"args\":{\"name\":\"Worker %d\"},\"cat\":\"__metadata\",\"name\":\"thread_name\",\"ph\":\"M\","
            "\"pid\":%d,\"tid\":%d,\"ts\":0},\n",
            t, 100 + t % 2, 1000 + t);
    }
    std::vector<double> cursor(threads, 1.0e9);
    long long events = 0;
    char buf[512];
    auto emitX = [&](int t, double ts, double dur, const std::string& name) {
        const int n = std::snprintf(buf, sizeof buf,
            "{\"args\":{\"src_file\":\"../../base/task/sequence_manager/thread_controller_impl.cc\","
            "\"src_func\":\"RunTask\"},\"cat\":\"toplevel\",\"dur\":%.3f,\"name\":\"%s\",\"ph\":\"X\","
            "\"pid\":%d,\"tid\":%d,\"tdur\":%.3f,\"ts\":%.3f,\"tts\":%.3f},\n",
            dur, name.c_str(), 100 + t % 2, 1000 + t, dur * 0.8, ts, ts * 0.01);
        std::fwrite(buf, 1, static_cast<std::size_t>(n), out);
        written += n;
        ++events;
    };
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    while (written < limit) {
        for (int t = 0; t < threads && written < limit; ++t) {
            // One top-level task with children and grandchildren, written children first.
            const double start = cursor[static_cast<std::size_t>(t)];
            double at = start + 1;
            const int children = 1 + static_cast<int>(rng() % 4);
            for (int c = 0; c < children; ++c) {
                const double childStart = at;
                double inner = childStart + 0.5;
                const int grand = static_cast<int>(rng() % 3);
                for (int g = 0; g < grand; ++g) {
                    const double d = 1 + 20 * unit(rng);
                    emitX(t, inner, d, names[rng() % names.size()]);
                    inner += d + 0.5;
                }
                const double childDur = inner - childStart + 1;
                emitX(t, childStart, childDur, names[rng() % names.size()]);
                at = childStart + childDur + 1;
            }
            emitX(t, start, at - start + 1, names[rng() % names.size()]);
            cursor[static_cast<std::size_t>(t)] = at + 5 + 50 * unit(rng);
            if (rng() % 16 == 0) {
                const double b = cursor[static_cast<std::size_t>(t)];
                written += std::fprintf(out,
                    "{\"cat\":\"blink\",\"name\":\"Document::UpdateStyle\",\"ph\":\"B\",\"pid\":%d,\"tid\":%"
                    "d,"
                    "\"ts\":%.3f},\n{\"cat\":\"blink\",\"name\":\"Document::UpdateStyle\",\"ph\":\"E\","
                    "\"pid\":%d,\"tid\":%d,\"ts\":%.3f},\n",
                    100 + t % 2, 1000 + t, b, 100 + t % 2, 1000 + t, b + 3);
                cursor[static_cast<std::size_t>(t)] = b + 4;
                events += 2;
            }
            if (rng() % 32 == 0) {
                written += std::fprintf(out,
                    "{\"args\":{\"value\":%d},\"cat\":\"memory\",\"name\":\"HeapSize\",\"ph\":\"C\",\"pid\":%"
                    "d,"
                    "\"ts\":%.3f},\n{\"cat\":\"input\",\"name\":\"Mark\",\"ph\":\"i\",\"s\":\"t\",\"pid\":%d,"
                    "\"tid\":%d,\"ts\":%.3f},\n",
                    static_cast<int>(rng() % 100000), 100 + t % 2, start, 100 + t % 2, 1000 + t, start + 0.5);
                events += 2;
            }
        }
    }
    written += std::fprintf(out,
        "{\"cat\":\"toplevel\",\"name\":\"end\",\"ph\":\"i\",\"s\":\"g\",\"pid\":100,"
        "\"tid\":1000,\"ts\":%.3f}\n],\"displayTimeUnit\":\"ms\"}\n",
        cursor[0]);
    std::fclose(out);
    std::cout << path << ": " << written << " bytes, " << events + threads + 1 << " events\n";
    return 0;
}

int generateTiny(const char* path, double mib)
{
    std::FILE* out = std::fopen(path, "wb");
    if (!out)
        return 1;
    const auto limit = static_cast<long long>(mib * 1024 * 1024);
    long long written = std::fprintf(out, "[\n");
    long long events = 0;
    for (long long ts = 0; written < limit; ts += 3, ++events)
        written += std::fprintf(
            out, "{\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":%lld,\"dur\":2,\"name\":\"a\"},\n", ts);
    std::fprintf(out, "{\"ph\":\"i\",\"pid\":1,\"tid\":1,\"ts\":0,\"name\":\"end\"}]\n");
    std::fclose(out);
    std::cout << path << ": " << written << " bytes, " << events + 1 << " events\n";
    return 0;
}

int import(const char* path, bool fastPath)
{
    const double cpuStart = cpuSeconds();
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t lastReport = 0;
    TraceImportOptions options;
    options.fastPath = fastPath;
    options.progress = [&](std::uint64_t done, std::uint64_t) {
        lastReport = done;
        return true;
    };
    ImportedTrace trace = importTraceFile(path, options);
    const double parse = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = cpuSeconds() - cpuStart;
    const Timeline timeline = takeTimeline(trace);
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double mb = static_cast<double>(trace.fileBytes) / 1e6;
    std::cout << path << ": " << trace.fileBytes << " bytes, " << trace.events << " events, "
              << trace.sliceCount() << " slices on " << trace.lanes.size() << " lanes, progress reached "
              << lastReport << ", " << trace.fastEvents << " events by the fast path"
              << (trace.hasError() ? ", error: " + trace.error.message : std::string()) << '\n'
              << "import " << parse << " s (" << mb / parse << " MB/s, "
              << static_cast<double>(trace.events) / parse / 1e6 << " M events/s; CPU " << cpu << " s, "
              << mb / cpu << " MB/s of CPU time); with the Timeline " << total << " s\n"
              << "peak RSS " << static_cast<double>(peakRssKib()) / 1024
              << " MiB = " << static_cast<double>(peakRssKib()) * 1024 / static_cast<double>(trace.fileBytes)
              << " x the file\n";
    return trace.hasError() ? 1 : 0;
}

struct NullSax {
    using Json = nlohmann::json;
    std::size_t values = 0;
    bool null() { return ++values; }
    bool boolean(bool) { return ++values; }
    bool number_integer(Json::number_integer_t) { return ++values; }
    bool number_unsigned(Json::number_unsigned_t) { return ++values; }
    bool number_float(Json::number_float_t, const Json::string_t&) { return ++values; }
    bool string(Json::string_t&) { return ++values; }
    bool binary(Json::binary_t&) { return ++values; }
    bool start_object(std::size_t) { return true; }
    bool key(Json::string_t&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

int sax(const char* path)
{
    std::FILE* file = std::fopen(path, "rb");
    if (!file)
        return 1;
    const auto start = std::chrono::steady_clock::now();
    TraceImportOptions options;
    traceio::FileChunks source(file, options.chunkBytes);
    traceio::ChunkReader reader(source, 0, options);
    NullSax handler;
    const bool ok
        = nlohmann::json::sax_parse(traceio::ChunkIterator(&reader), traceio::ChunkIterator(), &handler);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fclose(file);
    std::cout << "nlohmann SAX, no-op handler: " << reader.consumed() << " bytes, " << handler.values
              << " values in " << s << " s (" << static_cast<double>(reader.consumed()) / 1e6 / s
              << " MB/s), ok " << ok << ", peak RSS " << static_cast<double>(peakRssKib()) / 1024 << " MiB\n";
    return ok ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc == 4 && std::strcmp(argv[1], "generate") == 0)
        return generate(argv[2], std::atof(argv[3]));
    if (argc == 4 && std::strcmp(argv[1], "tiny") == 0)
        return generateTiny(argv[2], std::atof(argv[3]));
    if (argc == 3 && std::strcmp(argv[1], "import") == 0)
        return import(argv[2], true);
    if (argc == 4 && std::strcmp(argv[1], "import") == 0 && std::strcmp(argv[3], "sax-only") == 0)
        return import(argv[2], false);
    if (argc == 3 && std::strcmp(argv[1], "sax") == 0)
        return sax(argv[2]);
    std::cerr << "usage: traceimport_bench generate|tiny OUT.json MIB | import TRACE.json [sax-only] | sax "
                 "TRACE.json\n";
    return 2;
}
