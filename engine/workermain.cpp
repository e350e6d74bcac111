#include "engine/workermain.h"

#include "engine/clock.h"
#include "engine/cpuwork.h"
#include "engine/plan.h"
#include "engine/protocol.h"
#include "engine/runtime.h"
#include "engine/sharedstate.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <sys/prctl.h>
#include <unistd.h>

namespace overlap::engine {

namespace {

// Writes everything or ends the process: a worker whose engine is gone has
// no one to report to. (A closed pipe raises SIGPIPE first, which also ends it.)
void writeAllOrExit(int fd, const std::vector<char>& bytes)
{
    const char* p = bytes.data();
    std::size_t n = bytes.size();
    while (n > 0) {
        const ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            _exit(3);
        }
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

// The runtime of a task inside a worker process. The worker has one thread
// and runs one task at a time, so blocking is plain blocking. Cancellation is
// the engine's SIGKILL, so nothing here polls for it.
class WorkerRuntime final : public Runtime {
public:
    WorkerRuntime(const Plan& plan, SharedState& shared, const protocol::HelloMsg& hello, int outFd,
        const WorkerHooks& hooks)
        : m_plan(plan)
        , m_shared(shared)
        , m_rec(m_source, hello.originNs)
        , m_outFd(outFd)
        , m_hooks(hooks)
        // The engine's calibration, so that a cpu step is the same work in
        // every model; measuring here only if the engine sent none.
        , m_itersPerMs(!plan.hasCpuWork() ? 0
                  : hello.itersPerMs > 0  ? hello.itersPerMs
                                          : calibratedItersPerMs())
        , m_rateIntervalNs(
              plan.run().rateLimitPerS > 0 ? static_cast<std::int64_t>(1e9 / plan.run().rateLimitPerS) : 0)
    {
    }

    double itersPerMs() const { return m_itersPerMs; }

    // Reading /proc costs tens of µs: at most ten times a second, so that
    // thousands of tiny tasks do not pay it each.
    std::int32_t peakRss()
    {
        const std::int64_t now = monotonicNs();
        if (m_rssReadNs == 0 || now - m_rssReadNs > 100'000'000) {
            m_peakRssKib = static_cast<std::int32_t>(ownPeakRssKib());
            m_rssReadNs = now;
        }
        return m_peakRssKib;
    }

    void run(int instance, int lane)
    {
        m_instance = instance;
        m_heardNs = monotonicNs(); // the engine armed its deadline when it sent the task
        const TaskOutcome outcome = runTask(m_plan, instance, lane, *this);
        const protocol::TaskDoneMsg done{instance, outcome.ok, outcome.attempts, peakRss()};
        flush(&done);
    }

    Recorder& recorder() override { return m_rec; }

    bool sleepUntil(std::int64_t tNs) override
    {
        const std::int64_t deadline = m_rec.originNs() + tNs;
        if (deadline <= monotonicNs())
            return true; // nothing to wait for, so nothing to flush either
        beforeBlocking();
        sleepUntilMonotonicNs(deadline);
        return true;
    }

    bool compute(double ms, OffCpuTracker& tracker) override
    {
        // Not a wait, but it may be long: the engine must see the step start
        // to know how long this worker may stay silent, and the timeline
        // shows it live. A short computation soon after the engine last heard
        // from us is not worth a write (and a wake-up of the engine) of its
        // own: its events go with the next flush, which the engine's deadline
        // covers. That halves the round trip of tiny tasks.
        if (ms >= kQuietComputeMs || monotonicNs() - m_heardNs >= kQuietNs)
            beforeBlocking();
        std::int64_t nextFlush = tracker.lastWallNs() + kLiveFlushNs;
        return computeMs(ms, m_itersPerMs, tracker, [&] {
            // A long computation sends what it recorded (its off-core
            // intervals) as it goes, so that the timeline shows them live.
            if (tracker.lastWallNs() >= nextFlush) [[unlikely]] {
                flush(nullptr);
                // A quick write was running, not time off the core. A slow one
                // lost the core (the engine woke up on it, say): that stays
                // in the slice, for the tracker to see.
                if (monotonicNs() - tracker.lastWallNs() < kQuickWriteNs)
                    tracker.restart();
                nextFlush = tracker.lastWallNs() + kLiveFlushNs;
            }
            return true;
        });
    }

    bool tryLock(int id) override { return m_shared.tryLock(id); }
    bool lock(int id) override
    {
        beforeBlocking();
        return m_shared.lock(id);
    }
    void unlock(int id) override { m_shared.unlock(id); }
    bool cancelled() const override { return false; }
    std::int64_t reserveStart(std::int64_t nowNs) override
    {
        return reserveSlot(m_shared.rateNext(), nowNs, m_rateIntervalNs);
    }

private:
    // Bounds on what may go unflushed: a computation shorter than this, and
    // events held for at most about kQuietNs + kQuietComputeMs. Both are far
    // below the engine's hang grace (seconds) and its 30 Hz display.
    static constexpr double kQuietComputeMs = 1.0;
    static constexpr std::int64_t kQuietNs = 5'000'000;
    // How often a long computation sends its events: above the GUI's 30 Hz
    // drain, so that nothing waits on it, and a few µs of write() each time.
    static constexpr std::int64_t kLiveFlushNs = 30'000'000;
    static constexpr std::int64_t kQuickWriteNs = 50'000;

    std::int64_t m_rssReadNs = 0;
    std::int32_t m_peakRssKib = 0;
    void beforeBlocking()
    {
        flush(nullptr);
        if (m_hooks.beforeBlocking)
            m_hooks.beforeBlocking(m_plan, m_instance, m_outFd);
    }

    // Everything recorded since the last flush (and the task's result) in one write().
    void flush(const protocol::TaskDoneMsg* done)
    {
        m_events.clear();
        m_source.drainInto(m_events);
        m_out.clear();
        protocol::appendEvents(m_out, m_events.data(), m_events.size());
        if (done)
            protocol::appendTaskDone(m_out, *done);
        if (!m_out.empty()) {
            writeAllOrExit(m_outFd, m_out);
            m_heardNs = monotonicNs();
        }
    }

    const Plan& m_plan;
    SharedState& m_shared;
    EventSource m_source; // this thread both produces and drains it
    Recorder m_rec;
    int m_outFd;
    const WorkerHooks& m_hooks;
    double m_itersPerMs;
    std::int64_t m_rateIntervalNs;
    int m_instance = -1;
    std::int64_t m_heardNs = 0; // when the engine last heard from us (or sent us a task)
    std::vector<Event> m_events;
    std::vector<char> m_out;
};

int fail(int code, const std::string& message)
{
    std::fprintf(stderr, "overlap-worker: %s\n", message.c_str());
    return code;
}

} // namespace

int runWorker(int inFd, int outFd, int shmFd, const WorkerHooks& hooks)
{
    // Safety net: if the engine's thread that started us dies without
    // reaping us (the engine crashed), do not live on as an orphan.
    prctl(PR_SET_PDEATHSIG, SIGKILL);

    protocol::RecordReader reader(protocol::Reader::Worker);
    std::optional<Plan> plan;
    SharedState shared;
    std::unique_ptr<WorkerRuntime> runtime;
    int lane = -1;
    for (;;) {
        protocol::Record record;
        const auto status = reader.next(record);
        if (status == protocol::RecordReader::Status::Error)
            return fail(2, reader.error());
        if (status == protocol::RecordReader::Status::NeedMore) {
            const std::span<char> room = reader.prepare(64 << 10);
            const ssize_t n = read(inFd, room.data(), room.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return n == 0 ? 0 : fail(2, "cannot read from the engine");
            reader.commit(static_cast<std::size_t>(n));
            continue;
        }
        switch (record.type) {
        case protocol::RecordType::Hello: {
            std::string error;
            auto hello = protocol::decodeHello(record.payload, &error);
            if (!hello || plan)
                return fail(2, plan ? "second hello" : error);
            plan.emplace(std::move(hello->scenario));
            lane = hello->lane;
            if (std::string e = SharedState::attach(shmFd, shared); !e.empty())
                return fail(3, e);
            if (shared.lockCount() < static_cast<int>(plan->lockNames().size()))
                return fail(3, "shared memory holds fewer locks than the plan");
            runtime = std::make_unique<WorkerRuntime>(*plan, shared, *hello, outFd, hooks);
            std::vector<char> out;
            protocol::appendStreamHeader(out);
            protocol::appendReady(out, {currentPid(), runtime->itersPerMs(), runtime->peakRss()});
            writeAllOrExit(outFd, out);
            break;
        }
        case protocol::RecordType::Task: {
            const auto instance = protocol::decodeTask(record.payload);
            if (!runtime || !instance || *instance < 0
                || *instance >= static_cast<int>(plan->instances().size()))
                return fail(2, "bad task record");
            runtime->run(*instance, lane);
            break;
        }
        case protocol::RecordType::Quit:
            return 0;
        default:
            return fail(2, "unexpected record");
        }
    }
}

} // namespace overlap::engine
