// The processes model: a pool of overlap-worker children, driven by one poll
// loop on the run's thread.
//
// Invariants:
// - The poll thread is the only producer of every child's EventSource: the
//   child's own events (copied from its pipe) and the events the engine
//   records about it (start, ready, exit, failures it detected).
// - A slot holds at most one child at a time; a replacement takes the same
//   slot (lane) once the previous child has been reaped.
// - Every child is reaped (wait4) before runProcesses returns, whatever
//   happened: normal end, Stop, a broken worker, or an exception.
// - A child is declared hung by its progress, never by the clock alone
//   (ProgressWatch, progresswatch.h): while it starts, runs a task or quits,
//   the engine looks at its CPU clock and scheduler state a few times per
//   hang grace; a worker that is computing, runnable or asleep in a wait it
//   announced is never killed, however slowly a loaded machine lets it go.

#include "engine/clock.h"
#include "engine/cpuwork.h"
#include "engine/executor.h"
#include "engine/pidfd.h"
#include "engine/processstatus.h"
#include "engine/progresswatch.h"
#include "engine/protocol.h"
#include "engine/scenarioio.h"
#include "engine/sharedstate.h"
#include "engine/workerspawn.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <limits>
#include <memory>
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace overlap::engine {

namespace {

constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr int kPollMs = 20; // Stop is noticed within this
// CPU time a worker may use to start (exec, loading, reading the scenario) or
// to end (a sanitizer build's checks at exit) before it is a runaway; waiting
// for a core does not count.
constexpr std::int64_t kStartOrEndCpuNs = 10'000'000'000;
constexpr int kMaxHungWarnings = 5; // then one line counts the rest
constexpr int kMaxStartFailures = 3; // per slot, in a row, before the slot is given up
constexpr std::size_t kReadChunk = 128 << 10; // above a pipe's 64 KiB: one read takes all there is

// Writing to a dead child's pipe must give EPIPE, not kill the host. The run
// thread blocks SIGPIPE for its lifetime and discards what its writes raised.
class SigpipeBlocker {
public:
    SigpipeBlocker()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    }
    ~SigpipeBlocker()
    {
        const timespec zero{};
        while (sigtimedwait(&m_set, nullptr, &zero) > 0) { }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigpipeBlocker(const SigpipeBlocker&) = delete;
    SigpipeBlocker& operator=(const SigpipeBlocker&) = delete;

private:
    sigset_t m_set;
    sigset_t m_old;
};

enum class ChildState : std::uint8_t { Starting, Idle, Busy, Quitting };

struct Child {
    int slot = -1;
    SpawnedWorker proc;
    EventSource* source = nullptr;
    protocol::RecordReader reader{protocol::Reader::Engine};
    std::vector<char> outbox;
    std::size_t outSent = 0;
    ChildState state = ChildState::Starting;
    bool eof = false; // its stdout is closed (or no longer read)
    bool killed = false; // the engine sent SIGKILL
    WorkerExitReason killReason = WorkerExitReason::Crashed;
    FailReason failReason = FailReason::WorkerCrashed;
    // What the engine knows of the task in flight, from the events it received.
    int task = -1;
    int attempt = 1;
    int step = -1;
    bool sawStart = false; // a TaskStart for `attempt` was received
    double itersPerMs = 0; // from its Ready
    long peakRssKib = 0; // its own VmHWM, from Ready and TaskDone
    ProcessProbe probe; // its CPU clock and state, read from outside
    ProgressWatch watch; // judges them while it starts, runs a task or quits
    // CLOCK_MONOTONIC: a child that closed its output but lives on past this is hung.
    std::int64_t eofDeadline = kNever;

    ~Child()
    {
        for (int fd : {proc.pidfd, proc.toChild, proc.fromChild})
            if (fd >= 0)
                close(fd);
    }
};

class Pool {
public:
    explicit Pool(ExecContext& ctx)
        : m_ctx(ctx)
        , m_plan(ctx.plan)
        , m_tasks(static_cast<int>(ctx.plan.instances().size()))
        , m_oneShot(ctx.plan.run().workers == 0)
        , m_graceNs(ctx.options.hangGraceNs)
    {
        const int slots = m_plan.workerCount();
        m_slots.resize(static_cast<std::size_t>(slots));
        m_startFailures.assign(static_cast<std::size_t>(slots), 0);
        m_ctx.output.workers = slots;
    }

    ~Pool()
    {
        // Only reached with children alive when an exception cut the loop short.
        for (auto& child : m_slots) {
            if (child) {
                pidfdKill(child->proc.pidfd, SIGKILL);
                waitpid(child->proc.pid, nullptr, 0);
            }
        }
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    void run()
    {
        m_path = resolveWorkerPath(m_ctx.options);
        m_shared = SharedState::create(static_cast<int>(m_plan.lockNames().size()));
        protocol::encodeScenario(m_scenarioBytes, m_plan.scenario());
        // One calibration for the whole run (Run::start did it before the
        // clock started): a worker that measured its own would measure a core
        // its siblings are busy on, or at another clock speed, and a cpu step
        // would be a different amount of work here than under other models.
        m_itersPerMs = m_plan.hasCpuWork() ? calibratedItersPerMs() : 0;
        // Workers read the scenario with the file format's checks; one that
        // fails them here would fail in every child, so say so once.
        const ScenarioResult check
            = parseScenario(std::string_view(m_scenarioBytes.data(), m_scenarioBytes.size()));
        if (!check) {
            m_ctx.output.error = "the scenario cannot be sent to worker processes: " + check.error;
            return;
        }
        m_own = &m_ctx.sink.newSource();
        for (;;) {
            if (m_ctx.stop.requested()) {
                cancelAll();
                return;
            }
            schedule();
            if (m_next >= m_tasks && liveChildren() == 0) {
                if (m_hungCount > kMaxHungWarnings)
                    m_ctx.output.warnings.push_back(std::to_string(m_hungCount - kMaxHungWarnings)
                        + " more worker processes were declared hung and killed");
                return;
            }
            pollOnce();
            checkProgress();
        }
    }

private:
    // --- events ---------------------------------------------------------

    void emit(Child& c, EventKind kind, int task = -1, int attempt = 0, int step = -1, int detail = 0,
        std::int64_t cpuNs = 0)
    {
        Event e;
        e.tNs = monotonicNs() - m_ctx.originNs;
        e.cpuNs = cpuNs;
        e.task = task;
        e.lane = c.slot;
        // About the child: its pid (and main thread, the only one it has);
        // before it exists, the engine that is starting it.
        e.pid = c.proc.pid > 0 ? c.proc.pid : currentPid();
        e.tid = c.proc.pid > 0 ? c.proc.pid : currentTid();
        e.core = static_cast<std::int16_t>(currentCore()); // where the engine saw it
        e.detail = detail;
        e.step = static_cast<std::int16_t>(step);
        e.attempt = static_cast<std::int16_t>(attempt);
        e.kind = kind;
        c.source->push(e);
    }

    // The engine fails the attempt it knew of. If the child never reported
    // that attempt's start, the start is recorded first so that every
    // TaskFail follows a TaskStart (as runTask does when cancelled early).
    void failTask(Child& c, FailReason reason)
    {
        if (c.task < 0)
            return;
        if (!c.sawStart)
            emit(c, EventKind::TaskStart, c.task, c.attempt);
        emit(c, EventKind::TaskFail, c.task, c.attempt, c.step, static_cast<int>(reason));
        c.task = -1;
    }

    // --- scheduling -----------------------------------------------------

    int liveChildren() const
    {
        return static_cast<int>(std::count_if(m_slots.begin(), m_slots.end(), [](auto& c) { return !!c; }));
    }

    void schedule()
    {
        int starting = 0;
        for (auto& c : m_slots) {
            if (!c || c->killed)
                continue;
            if (c->state == ChildState::Idle) {
                if (m_next < m_tasks)
                    assign(*c, m_next++);
                else
                    quit(*c);
            }
            starting += c->state == ChildState::Starting ? 1 : 0;
        }
        int wanted = m_tasks - m_next - starting;
        bool anyUsable = false;
        for (std::size_t s = 0; s < m_slots.size(); ++s) {
            const bool broken = m_startFailures[s] >= kMaxStartFailures;
            anyUsable = anyUsable || !broken || m_slots[s];
            if (wanted > 0 && !m_slots[s] && !broken) {
                spawn(static_cast<int>(s));
                --wanted;
            }
        }
        if (!anyUsable && m_next < m_tasks) {
            // No worker can be started: the remaining tasks fail, the run ends.
            for (; m_next < m_tasks; ++m_next) {
                Event e;
                e.tNs = monotonicNs() - m_ctx.originNs;
                e.task = m_next;
                e.attempt = 1;
                e.pid = currentPid();
                e.tid = currentTid();
                e.core = static_cast<std::int16_t>(currentCore());
                e.detail = static_cast<int>(FailReason::WorkerSpawn);
                e.kind = EventKind::TaskFail;
                m_own->push(e);
            }
        }
    }

    void spawn(int slot)
    {
        auto c = std::make_unique<Child>();
        c->slot = slot;
        c->source = &m_ctx.sink.newSource();
        emit(*c, EventKind::WorkerStart);
        const std::string error = spawnWorker(m_path, m_shared.fd(), c->proc);
        if (!error.empty()) {
            emit(*c, EventKind::WorkerExit, -1, 0, -1, static_cast<int>(WorkerExitReason::Crashed));
            startFailed(slot, error);
            return;
        }
        c->probe = ProcessProbe(c->proc.pid);
        c->watch = ProgressWatch(m_graceNs);
        c->watch.restart(monotonicNs());
        c->watch.beginPhase(0, kStartOrEndCpuNs);
        protocol::appendStreamHeader(c->outbox);
        protocol::appendHello(c->outbox, m_ctx.originNs, slot, m_itersPerMs, m_scenarioBytes);
        sendOutbox(*c);
        m_slots[std::size_t(slot)] = std::move(c);
    }

    void startFailed(int slot, const std::string& why)
    {
        if (++m_startFailures[std::size_t(slot)] >= kMaxStartFailures && m_ctx.output.error.empty())
            m_ctx.output.error = "worker " + std::to_string(slot) + " could not be started: " + why;
    }

    void assign(Child& c, int task)
    {
        c.state = ChildState::Busy;
        c.task = task;
        c.attempt = 1;
        c.step = -1;
        c.sawStart = false;
        c.watch.restart(monotonicNs());
        protocol::appendTask(c.outbox, task);
        sendOutbox(c);
    }

    void quit(Child& c)
    {
        c.state = ChildState::Quitting;
        c.watch.restart(monotonicNs());
        c.watch.beginPhase(0, kStartOrEndCpuNs);
        protocol::appendQuit(c.outbox);
        sendOutbox(c);
    }

    void sendOutbox(Child& c)
    {
        while (c.outSent < c.outbox.size()) {
            const ssize_t n = write(c.proc.toChild, c.outbox.data() + c.outSent, c.outbox.size() - c.outSent);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && errno == EAGAIN)
                return; // the rest goes when poll says the pipe has room
            if (n < 0) {
                // EPIPE: the child is gone; its pidfd will say so.
                c.outbox.clear();
                c.outSent = 0;
                return;
            }
            c.outSent += static_cast<std::size_t>(n);
        }
        c.outbox.clear();
        c.outSent = 0;
    }

    // --- reading --------------------------------------------------------

    void kill(Child& c, WorkerExitReason reason, FailReason fail)
    {
        if (c.killed)
            return;
        pidfdKill(c.proc.pidfd, SIGKILL);
        c.killed = true;
        c.killReason = reason;
        c.failReason = fail;
        c.eof = true; // whatever it still writes is not trusted
        c.eofDeadline = kNever; // its pidfd reports the end
    }

    enum class ReadResult : std::uint8_t { Data, Again, End };

    ReadResult readChild(Child& c)
    {
        const std::span<char> room = c.reader.prepare(kReadChunk);
        const ssize_t n = read(c.proc.fromChild, room.data(), room.size());
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return ReadResult::Again;
        if (n <= 0) {
            c.eof = true;
            // A child that closes its output and lives on gets the grace, then
            // is hung: whatever it does, it can no longer report it.
            c.eofDeadline = std::min(c.eofDeadline, monotonicNs() + m_graceNs);
            return ReadResult::End;
        }
        c.watch.heard();
        c.reader.commit(static_cast<std::size_t>(n));
        parse(c);
        return ReadResult::Data;
    }

    void parse(Child& c)
    {
        protocol::Record r;
        for (;;) {
            const auto status = c.reader.next(r);
            if (status == protocol::RecordReader::Status::NeedMore)
                return;
            if (status == protocol::RecordReader::Status::Error || !handle(c, r)) {
                kill(c, WorkerExitReason::Protocol, FailReason::WorkerProtocol);
                return;
            }
        }
    }

    // False when the record is well-formed but makes no sense now.
    bool handle(Child& c, const protocol::Record& r)
    {
        const std::int64_t now = monotonicNs();
        switch (r.type) {
        case protocol::RecordType::Ready: {
            const auto ready = protocol::decodeReady(r.payload);
            if (c.state != ChildState::Starting || !ready)
                return false;
            c.itersPerMs = ready->itersPerMs;
            c.peakRssKib = ready->peakRssKib;
        }
            emit(c, EventKind::WorkerReady);
            c.state = ChildState::Idle; // blocked on its input: not watched until it has a task
            m_startFailures[std::size_t(c.slot)] = 0;
            return true;
        case protocol::RecordType::Events: {
            if (c.state != ChildState::Busy)
                return false;
            const std::size_t n = protocol::eventCount(r.payload);
            for (std::size_t i = 0; i < n; ++i) {
                const Event e = protocol::eventAt(r.payload, i);
                if (!track(c, e, now))
                    return false;
                c.source->push(e);
            }
            return true;
        }
        case protocol::RecordType::TaskDone: {
            const auto done = protocol::decodeTaskDone(r.payload);
            if (c.state != ChildState::Busy || !done || done->instance != c.task)
                return false;
            c.task = -1;
            c.peakRssKib = std::max<long>(c.peakRssKib, done->peakRssKib);
            if (m_oneShot)
                quit(c);
            else
                c.state = ChildState::Idle;
            return true;
        }
        default:
            return false;
        }
    }

    // Checks one event of the child and follows the task's progress: which
    // attempt and step it is in, and what the progress watch may expect of it.
    bool track(Child& c, const Event& e, std::int64_t now)
    {
        const bool taskKind = e.kind >= EventKind::RateWait && e.kind <= EventKind::LockRelease;
        if ((!taskKind && e.kind != EventKind::OffCpu) || e.task != c.task || e.lane != c.slot
            || e.attempt < 1)
            return false;
        const auto& steps = m_plan.spec(c.task).steps;
        if (e.step < -1 || e.step >= static_cast<int>(steps.size()))
            return false;
        if (e.kind == EventKind::OffCpu)
            // About a step, and no new phase: a computation that keeps
            // reporting is still bound by its step's CPU limit.
            return e.step >= 0;
        switch (e.kind) {
        case EventKind::TaskStart:
            c.attempt = e.attempt;
            c.sawStart = true;
            c.step = -1;
            break;
        case EventKind::StepStart:
            c.step = e.step;
            if (e.step < 0)
                return false;
            break;
        case EventKind::StepEnd:
            c.step = -1;
            break;
        case EventKind::LockWait:
            c.step = e.step;
            break;
        case EventKind::RetryBackoff:
            // The next attempt has begun as far as a failure is concerned.
            c.attempt = e.attempt + 1;
            c.sawStart = false;
            break;
        default:
            break;
        }
        switch (e.kind) {
        case EventKind::StepStart: {
            const Step& step = steps[std::size_t(e.step)];
            if (step.kind == StepKind::Cpu)
                c.watch.beginCpuStep(step.ms); // however long a loaded machine makes it take
            else
                c.watch.beginWait(now + msToNs(step.ms));
            break;
        }
        case EventKind::LockWait:
        case EventKind::RateWait:
            // As long as it takes: a lock holder that stops progressing is
            // killed itself, and its robust mutex passes to the next.
            c.watch.beginWait(ProgressWatch::kForever);
            break;
        case EventKind::RetryBackoff:
            c.watch.beginWait(now + e.cpuNs);
            break;
        default:
            c.watch.beginRunning();
            break;
        }
        return true;
    }

    // --- the loop -------------------------------------------------------

    void pollOnce()
    {
        m_fds.clear();
        m_fdOwner.clear();
        std::int64_t nearest = kNever;
        for (auto& c : m_slots) {
            if (!c)
                continue;
            const int slot = c->slot;
            m_fds.push_back({c->proc.pidfd, POLLIN, 0});
            m_fdOwner.push_back(slot);
            if (!c->eof) {
                m_fds.push_back({c->proc.fromChild, POLLIN, 0});
                m_fdOwner.push_back(slot);
            }
            if (!c->outbox.empty()) {
                m_fds.push_back({c->proc.toChild, POLLOUT, 0});
                m_fdOwner.push_back(slot);
            }
            nearest = std::min(nearest, c->eofDeadline);
        }
        int timeoutMs = kPollMs;
        if (nearest != kNever) {
            const std::int64_t left = nearest - monotonicNs();
            timeoutMs = static_cast<int>(std::clamp<std::int64_t>((left + 999'999) / 1'000'000, 0, kPollMs));
        }
        if (m_fds.empty()) {
            // Nothing alive yet (spawns all failed this round): wait like poll would.
            m_ctx.stop.sleepUntilMonotonic(monotonicNs() + msToNs(timeoutMs));
            return;
        }
        if (poll(m_fds.data(), m_fds.size(), timeoutMs) <= 0)
            return;
        // Output first, exits last: a child's final records are read before it is reaped.
        for (std::size_t i = 0; i < m_fds.size(); ++i) {
            Child* c = m_slots[std::size_t(m_fdOwner[i])].get();
            if (!c || m_fds[i].revents == 0)
                continue;
            if (m_fds[i].fd == c->proc.fromChild && !c->eof)
                readChild(*c);
            else if (m_fds[i].fd == c->proc.toChild)
                sendOutbox(*c);
        }
        for (std::size_t i = 0; i < m_fds.size(); ++i) {
            Child* c = m_slots[std::size_t(m_fdOwner[i])].get();
            if (c && m_fds[i].fd == c->proc.pidfd && m_fds[i].revents != 0)
                reap(*c, false);
        }
    }

    void checkProgress()
    {
        const std::int64_t now = monotonicNs();
        for (auto& c : m_slots) {
            if (!c || c->killed)
                continue;
            if (now >= c->eofDeadline) {
                hung(*c, "closed its output and did not exit");
                continue;
            }
            // An idle worker is blocked on its input, as it should be.
            if (c->state == ChildState::Idle || !c->watch.due(now))
                continue;
            const Child& child = *c;
            const auto verdict
                = c->watch.look(now, child.probe.cpuNs(), [&child] { return child.probe.state(); });
            if (verdict != ProgressWatch::Verdict::Fine)
                hung(*c, c->watch.explain(verdict));
        }
    }

    void hung(Child& c, const std::string& why)
    {
        if (++m_hungCount <= kMaxHungWarnings) {
            std::string text = "worker " + std::to_string(c.slot) + " (pid " + std::to_string(c.proc.pid)
                + ") was declared hung and killed: " + why;
            if (c.task >= 0)
                text += "; its task \"" + m_plan.instances()[std::size_t(c.task)].name + "\" failed";
            m_ctx.output.warnings.push_back(std::move(text));
        }
        kill(c, WorkerExitReason::Hung, FailReason::WorkerHung);
    }

    // The child has exited (or was SIGKILLed and is about to): read what it
    // left in the pipe, collect it, fail its task if it had one, free the slot.
    void reap(Child& c, bool cancelling)
    {
        int status = 0;
        rusage usage{};
        while (wait4(c.proc.pid, &status, 0, &usage) < 0 && errno == EINTR) { }
        // It is gone: what it wrote is all in the pipe, up to end of file.
        while (!c.eof && readChild(c) == ReadResult::Data) { }

        WorkerExitReason reason = WorkerExitReason::Crashed;
        FailReason fail = FailReason::WorkerCrashed;
        if (c.killed) {
            reason = c.killReason;
            fail = c.failReason;
        } else if (cancelling) {
            reason = WorkerExitReason::Cancelled;
            fail = FailReason::Cancelled;
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && c.state == ChildState::Quitting) {
            reason = WorkerExitReason::Normal;
        } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
            reason = WorkerExitReason::Killed; // by someone else: the engine's kills are c.killed
        }
        if (c.state == ChildState::Starting)
            startFailed(c.slot, describeWaitStatus(status));
        failTask(c, fail);
        emit(c, EventKind::WorkerExit, -1, 0, -1, static_cast<int>(reason), status);
        // wait4's ru_maxrss also holds the engine's own peak, folded in when the
        // vforked child called exec: only a child that never reported gets it.
        const long peak = c.peakRssKib > 0 ? c.peakRssKib : usage.ru_maxrss;
        m_ctx.output.workerProcesses.push_back({c.slot, c.proc.pid, peak, status, c.itersPerMs});
        m_slots[std::size_t(c.slot)].reset();
    }

    void cancelAll()
    {
        for (auto& c : m_slots) {
            if (c && !c->killed)
                pidfdKill(c->proc.pidfd, SIGKILL);
        }
        for (auto& c : m_slots) {
            if (c)
                reap(*c, true);
        }
    }

    ExecContext& m_ctx;
    const Plan& m_plan;
    const int m_tasks;
    const bool m_oneShot; // workers == 0: one process per task
    const std::int64_t m_graceNs; // RunOptions::hangGraceNs: how long no progress is tolerated
    int m_hungCount = 0;
    std::string m_path;
    SharedState m_shared;
    std::vector<char> m_scenarioBytes;
    double m_itersPerMs = 0; // sent to every worker in its Hello
    EventSource* m_own = nullptr; // engine events about no worker (spawn failures)
    std::vector<std::unique_ptr<Child>> m_slots;
    std::vector<int> m_startFailures;
    int m_next = 0; // next task to hand out: tasks go in index order
    std::vector<pollfd> m_fds;
    std::vector<int> m_fdOwner;
};

} // namespace

void runProcesses(ExecContext& ctx)
{
    SigpipeBlocker sigpipe;
    Pool pool(ctx);
    pool.run();
}

} // namespace overlap::engine
