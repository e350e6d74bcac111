#include "ui/runcontroller.h"

#include <algorithm>
#include <thread>

namespace overlap::ui {

using engine::EventKind;

RunController::RunController(QObject* parent)
    : QObject(parent)
{
    m_timer.setInterval(16);
    connect(&m_timer, &QTimer::timeout, this, &RunController::poll);
}

RunController::~RunController()
{
    if (m_run) {
        // Only on teardown: the run was asked to stop and ends within its
        // cancellation bound, so this wait is short.
        m_run->cancel();
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
    m_run->wait(); // the run has finished: this only joins
    std::unique_ptr<engine::Run> run = std::move(m_run);
    m_lastPlan.emplace(run->plan());
    m_lastOutput.emplace(run->output());
    m_lastMetrics.emplace(engine::computeMetrics(*m_lastPlan, *m_lastOutput, cpuCores()));
    // A stopped run ends with the tasks it finished, not with a full bar.
    emit progress(m_lastOutput->cancelled ? std::clamp(m_done, 0, m_total) : m_total, m_total);
    emit finished(*m_lastPlan, *m_lastOutput, *m_lastMetrics);
}

} // namespace overlap::ui
