// Throughput of the worker -> engine event stream through the real protocol
// code: a forked child encodes batches of events with appendEvents() and
// writes them to a pipe, as a worker flushes at each wait; the parent reads
// with RecordReader (prepare/commit, whole records only) and decodes every
// event with eventAt(), as the processes model's poll loop does.
//
// The argument is the number of events per flush: a worker flushes a few
// events per wait (small batches, a write per batch), while a long burst of
// events between waits makes big ones.
//
// Quick mode (CI): protocol_bench --benchmark_min_time=0.01 runs in about 1 s.

#include "engine/event.h"
#include "engine/protocol.h"

#include <benchmark/benchmark.h>
#include <cerrno>
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace overlap::engine;

namespace {

// The engine reads up to this much per read(), as processes.cpp does.
constexpr std::size_t kReadChunk = 128 << 10;

bool writeAll(int fd, const std::vector<char>& bytes)
{
    const char* p = bytes.data();
    std::size_t n = bytes.size();
    while (n > 0) {
        const ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

// The child: streams batches until the engine side closes the pipe.
[[noreturn]] void produce(int fd, std::size_t batch)
{
    std::vector<Event> events(batch);
    for (std::size_t i = 0; i < batch; ++i) {
        events[i].kind = i % 2 ? EventKind::StepEnd : EventKind::StepStart;
        events[i].task = static_cast<std::int32_t>(i);
        events[i].lane = 0;
        events[i].attempt = 1;
        events[i].step = 0;
    }
    std::vector<char> out;
    out.reserve(batch * sizeof(Event) + 64);
    protocol::appendStreamHeader(out);
    if (!writeAll(fd, out))
        _exit(0);
    for (std::int64_t t = 0;; ++t) {
        for (Event& e : events)
            e.tNs = t;
        out.clear();
        protocol::appendEvents(out, events.data(), events.size());
        if (!writeAll(fd, out))
            _exit(0); // EPIPE: the benchmark is over
    }
}

void BM_WorkerEventStream(benchmark::State& state)
{
    const auto batch = static_cast<std::size_t>(state.range(0));
    int fds[2];
    if (pipe(fds) != 0) {
        state.SkipWithError("pipe failed");
        return;
    }
    const pid_t pid = fork();
    if (pid < 0) {
        state.SkipWithError("fork failed");
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        signal(SIGPIPE, SIG_IGN);
        produce(fds[1], batch);
    }
    close(fds[1]);

    protocol::RecordReader reader(protocol::Reader::Engine);
    protocol::Record record;
    std::int64_t events = 0;
    std::int64_t checksum = 0;
    bool broken = false;
    // One iteration: one batch of events received and decoded.
    for (auto _ : state) {
        std::size_t got = 0;
        while (got < batch && !broken) {
            const auto status = reader.next(record);
            if (status == protocol::RecordReader::Status::Error) {
                broken = true;
                break;
            }
            if (status == protocol::RecordReader::Status::NeedMore) {
                const std::span<char> room = reader.prepare(kReadChunk);
                const ssize_t n = read(fds[0], room.data(), room.size());
                if (n <= 0 && errno != EINTR) {
                    broken = true;
                    break;
                }
                if (n > 0)
                    reader.commit(static_cast<std::size_t>(n));
                continue;
            }
            const std::size_t n = protocol::eventCount(record.payload);
            for (std::size_t i = 0; i < n; ++i)
                checksum += protocol::eventAt(record.payload, i).task;
            got += n;
        }
        if (broken)
            break;
        events += static_cast<std::int64_t>(got);
    }
    benchmark::DoNotOptimize(checksum);
    close(fds[0]); // the child's next write fails: it leaves
    waitpid(pid, nullptr, 0);
    if (broken) {
        state.SkipWithError("the event stream broke");
        return;
    }
    state.SetItemsProcessed(events);
    state.SetBytesProcessed(events * static_cast<std::int64_t>(sizeof(Event)));
}
BENCHMARK(BM_WorkerEventStream)->Arg(4)->Arg(64)->Arg(1024)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
