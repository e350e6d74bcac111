#include "ui/runcontroller.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <thread>

namespace overlap::ui {

using engine::EventKind;

RunController::RunController(QObject* parent)
    : QObject(parent)
{
    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, &RunController::poll);
    connect(&m_collecting, &QFutureWatcher<FinishedRunPtr>::finished, this, &RunController::finishing);
}

RunController::~RunController()
{
    if (m_run) {
        // Only on teardown: the run was asked to stop and ends within its
        // cancellation bound, so this wait is short.
        m_run->cancel();
        m_collecting.waitForFinished();
        m_run->wait();
    }
}

int RunController::cpuCores()
{
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

bool RunController::start(engine::Plan plan)
{
    if (m_run)
        return false;
    m_total = static_cast<int>(plan.instances().size());
    m_done = 0;
    m_run = std::make_unique<engine::Run>(std::move(plan), m_options);
    emit started(m_run->plan());
    emit progress(0, m_total);
    m_run->start();
    m_timer.start();
    return true;
}

void RunController::stop()
{
    if (m_run)
        m_run->cancel();
}

void RunController::poll()
{
    if (!m_run)
        return;
    // Read `finished` before draining: everything published before the end is then in this batch.
    const bool ended = m_run->finished();
    m_batch.clear();
    m_run->drain(m_batch);
    if (!m_batch.empty()) {
        // A task is done at its TaskEnd, or at a TaskFail that no retry follows:
        // every RetryBackoff undoes the count of the TaskFail before it.
        for (const engine::Event& e : m_batch) {
            if (e.kind == EventKind::TaskEnd || e.kind == EventKind::TaskFail)
                ++m_done;
            else if (e.kind == EventKind::RetryBackoff)
                --m_done;
        }
        emit eventsArrived(m_batch);
        emit progress(std::clamp(m_done, 0, m_total), m_total);
    }
    if (!ended)
        return;
    m_timer.stop();
    // Nothing drains the run any more: a pool thread may join and read it.
    engine::Run* run = m_run.get();
    m_collecting.setFuture(QtConcurrent::run([run] {
        run->wait(); // the run has finished: this only joins and sorts
        auto result = std::make_shared<FinishedRun>(FinishedRun{run->plan(), run->output(), {}});
        result->metrics = engine::computeMetrics(result->plan, result->output, cpuCores());
        return FinishedRunPtr(std::move(result));
    }));
}

void RunController::finishing()
{
    m_last = m_collecting.result();
    m_run.reset();
    // A stopped run ends with the tasks it finished, not with a full bar.
    emit progress(m_last->output.cancelled ? std::clamp(m_done, 0, m_total) : m_total, m_total);
    emit finished(m_last->plan, m_last->output, m_last->metrics);
}

} // namespace overlap::ui
