#include "ui/chartdata.h"

#include <algorithm>

namespace overlap::ui {

using engine::EventKind;

ChartData::ChartData(int cores, bool oneAtATime)
{
    clear(cores, oneAtATime);
}

void ChartData::clear(int cores, bool oneAtATime)
{
    m_cores = std::max(1, cores);
    m_oneAtATime = oneAtATime;
    m_nowNs = 0;
    m_inProgress = 0;
    m_peak = 0;
    m_changes.clear();
    m_cpuNsPerBin.clear();
    m_openCpu.clear();
}

namespace {

bool isCpuStep(const engine::Plan& plan, const engine::Event& e)
{
    if (e.task < 0 || static_cast<std::size_t>(e.task) >= plan.instances().size() || e.step < 0)
        return false;
    const auto& steps = plan.spec(e.task).steps;
    return static_cast<std::size_t>(e.step) < steps.size() && steps[e.step].kind == engine::StepKind::Cpu;
}

} // namespace

void ChartData::append(const std::vector<engine::Event>& batch, const engine::Plan& plan)
{
    for (const engine::Event& e : batch) {
        m_nowNs = std::max(m_nowNs, e.tNs);
        switch (e.kind) {
        case EventKind::TaskStart:
            ++m_inProgress;
            break;
        case EventKind::TaskEnd:
        case EventKind::TaskFail:
            m_inProgress = std::max(0, m_inProgress - 1);
            break;
        case EventKind::StepStart:
            if (isCpuStep(plan, e))
                m_openCpu[{e.task, e.attempt, e.step}] = e.tNs;
            continue;
        case EventKind::StepEnd:
            if (const auto it = m_openCpu.find({e.task, e.attempt, e.step}); it != m_openCpu.end()) {
                if (it->second >= 0)
                    addRunning(it->second, e.tNs);
                m_openCpu.erase(it);
            }
            continue;
        case EventKind::OffCpu:
            // Off every core from tNs for cpuNs: running before, and again after.
            if (const auto it = m_openCpu.find({e.task, e.attempt, e.step});
                it != m_openCpu.end() && it->second >= 0) {
                addRunning(it->second, e.tNs);
                it->second = std::max(it->second, e.tNs + std::max<std::int64_t>(0, e.cpuNs));
            }
            continue;
        case EventKind::GilRelease:
            if (const auto it = m_openCpu.find({e.task, e.attempt, e.step});
                it != m_openCpu.end() && it->second >= 0) {
                addRunning(it->second, e.tNs);
                it->second = -1;
            }
            continue;
        case EventKind::GilAcquire:
            if (const auto it = m_openCpu.find({e.task, e.attempt, e.step}); it != m_openCpu.end())
                it->second = e.tNs;
            continue;
        default:
            continue;
        }
        m_peak = std::max(m_peak, m_inProgress);
        // Events within a batch are sorted; across batches a late event may
        // come slightly earlier: keep the step function monotonic in time.
        const std::int64_t t = m_changes.empty() ? e.tNs : std::max(e.tNs, m_changes.back().first);
        if (!m_changes.empty() && m_changes.back().first == t)
            m_changes.back().second = m_inProgress;
        else
            m_changes.emplace_back(t, m_inProgress);
    }
}

void ChartData::addRunning(std::int64_t startNs, std::int64_t endNs)
{
    if (endNs <= startNs)
        return;
    const double rate = 1.0; // one core
    const std::size_t lastBin = static_cast<std::size_t>(endNs / kBinNs);
    if (m_cpuNsPerBin.size() <= lastBin)
        m_cpuNsPerBin.resize(lastBin + 1, 0.0);
    for (std::size_t bin = static_cast<std::size_t>(startNs / kBinNs); bin <= lastBin; ++bin) {
        const std::int64_t lo = std::max(startNs, static_cast<std::int64_t>(bin) * kBinNs);
        const std::int64_t hi = std::min(endNs, static_cast<std::int64_t>(bin + 1) * kBinNs);
        if (hi > lo)
            m_cpuNsPerBin[bin] += rate * static_cast<double>(hi - lo);
    }
}

std::vector<QPointF> ChartData::tasksInProgress(int maxPoints) const
{
    std::vector<QPointF> points;
    if (m_changes.size() * 2 + 2 <= static_cast<std::size_t>(std::max(0, maxPoints)) || m_nowNs <= 0) {
        points.reserve(m_changes.size() * 2 + 2);
        points.emplace_back(0.0, 0.0);
        int previous = 0;
        for (const auto& [t, value] : m_changes) {
            const double x = static_cast<double>(t) / 1e9;
            points.emplace_back(x, previous);
            points.emplace_back(x, value);
            previous = value;
        }
        points.emplace_back(endSeconds(), previous);
        return points;
    }
    // Integrate the step function over equal bins of [0, now].
    const auto bins = static_cast<std::size_t>(std::max(1, maxPoints / 2));
    const double width = static_cast<double>(m_nowNs) / static_cast<double>(bins);
    std::vector<double> area(bins, 0.0);
    auto accumulate = [&](double from, double to, int value) {
        if (value == 0 || to <= from)
            return;
        auto b = static_cast<std::size_t>(from / width);
        while (b < bins && from < to) {
            const double binEnd = width * static_cast<double>(b + 1);
            const double until = std::min(to, binEnd);
            area[b] += (until - from) * value;
            from = until;
            ++b;
        }
    };
    double since = 0;
    int value = 0;
    for (const auto& [t, next] : m_changes) {
        accumulate(since, static_cast<double>(t), value);
        since = static_cast<double>(t);
        value = next;
    }
    accumulate(since, static_cast<double>(m_nowNs), value);
    points.reserve(2 * bins);
    for (std::size_t b = 0; b < bins; ++b) {
        const double average = area[b] / width;
        points.emplace_back(width * static_cast<double>(b) / 1e9, average);
        points.emplace_back(width * static_cast<double>(b + 1) / 1e9, average);
    }
    return points;
}

std::vector<QPointF> ChartData::cpuUtilisation(int maxPoints) const
{
    std::vector<double> bins = m_cpuNsPerBin;
    const std::size_t needed = static_cast<std::size_t>(m_nowNs / kBinNs) + 1;
    if (bins.size() < needed)
        bins.resize(needed, 0.0);
    // Running cpu steps: one busy core each, up to now, at most as many as can compute at once.
    std::vector<double> open(bins.size(), 0.0);
    for (const auto& [key, startNs] : m_openCpu) {
        if (startNs < 0)
            continue; // waiting for the GIL
        for (std::size_t bin = static_cast<std::size_t>(startNs / kBinNs); bin < open.size(); ++bin) {
            const std::int64_t lo = std::max(startNs, static_cast<std::int64_t>(bin) * kBinNs);
            const std::int64_t hi = std::min(m_nowNs, static_cast<std::int64_t>(bin + 1) * kBinNs);
            if (hi > lo)
                open[bin] += static_cast<double>(hi - lo);
        }
    }
    const double cap = static_cast<double>(kBinNs) * (m_oneAtATime ? 1 : m_cores);
    for (std::size_t bin = 0; bin < bins.size(); ++bin)
        bins[bin] += std::min(open[bin], cap);
    const std::size_t group
        = std::max<std::size_t>(1, (bins.size() + maxPoints - 1) / std::max(1, maxPoints));
    std::vector<QPointF> points;
    for (std::size_t first = 0; first < bins.size(); first += group) {
        const std::size_t last = std::min(bins.size(), first + group);
        double sum = 0;
        for (std::size_t b = first; b < last; ++b)
            sum += bins[b];
        // The last bin is only partly elapsed while a run is live: divide by what has elapsed.
        const std::int64_t spanEnd = std::min(static_cast<std::int64_t>(last) * kBinNs,
            std::max(m_nowNs, static_cast<std::int64_t>(first) * kBinNs + 1));
        const double spanNs = static_cast<double>(spanEnd - static_cast<std::int64_t>(first) * kBinNs);
        const double percent = std::min(100.0, 100.0 * sum / (spanNs * m_cores));
        points.emplace_back(static_cast<double>(first * kBinNs) / 1e9, percent);
        points.emplace_back(static_cast<double>(spanEnd) / 1e9, percent);
    }
    return points;
}

} // namespace overlap::ui
