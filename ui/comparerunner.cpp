#include "ui/comparerunner.h"

#include "engine/variants.h"

namespace overlap::ui {

CompareRunner::CompareRunner(QObject* parent)
    : QObject(parent)
{
    connect(&m_controller, &RunController::finished, this,
        [this](const engine::Plan& plan, const engine::RunOutput& output, const engine::Metrics& metrics) {
            if (!m_running)
                return;
            CompareResult result;
            result.model = plan.run().model;
            result.gil = plan.run().gil && plan.run().model == engine::Model::Threads;
            result.workers = output.workers;
            result.metrics = metrics;
            result.error = QString::fromStdString(output.error);
            if (!output.cancelled)
                emit resultReady(result);
            // Started from the next turn of the event loop: the controller
            // is still inside its own finished signal here.
            QMetaObject::invokeMethod(this, &CompareRunner::next, Qt::QueuedConnection);
        });
}

bool CompareRunner::start(const engine::Scenario& base, std::optional<int> workers)
{
    if (m_running || m_controller.isRunning())
        return false;
    m_variants = engine::compareVariants(base, workers);
    m_next = 0;
    m_running = true;
    m_stopped = false;
    next();
    return true;
}

void CompareRunner::stop()
{
    if (!m_running)
        return;
    m_stopped = true;
    m_controller.stop();
}

void CompareRunner::next()
{
    if (!m_running)
        return;
    if (m_stopped || m_next >= m_variants.size()) {
        m_running = false;
        emit finished(!m_stopped);
        return;
    }
    const int index = static_cast<int>(m_next);
    emit variantStarted(index, static_cast<int>(m_variants.size()));
    m_controller.start(engine::Plan(m_variants[m_next++]));
}

} // namespace overlap::ui
