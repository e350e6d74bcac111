#include "engine/concurrencyprofile.h"

#include <algorithm>

namespace overlap::engine {

ConcurrencyProfile::ConcurrencyProfile(int binCount, std::int64_t initialBinNs)
    : m_binNs(std::max<std::int64_t>(1, initialBinNs))
    , m_initialBinNs(m_binNs)
{
    const auto n = static_cast<std::size_t>(std::max(2, binCount));
    m_partialInProgress.assign(n, 0.0);
    m_partialRunning.assign(n, 0.0);
    m_fullInProgress.assign(n + 1, 0);
    m_fullRunning.assign(n + 1, 0);
}

bool ConcurrencyProfile::counts(const Segment& s)
{
    if (s.step < 0 || s.endNs <= s.startNs || s.startNs < 0)
        return false;
    switch (s.state) {
    case SegmentState::Running:
    case SegmentState::WaitingIo:
    case SegmentState::Ready:
    case SegmentState::WaitingGil:
    case SegmentState::WaitingLock:
        return true;
    default:
        return false;
    }
}

void ConcurrencyProfile::clear()
{
    m_binNs = m_initialBinNs;
    std::fill(m_partialInProgress.begin(), m_partialInProgress.end(), 0.0);
    std::fill(m_partialRunning.begin(), m_partialRunning.end(), 0.0);
    std::fill(m_fullInProgress.begin(), m_fullInProgress.end(), 0);
    std::fill(m_fullRunning.begin(), m_fullRunning.end(), 0);
}

void ConcurrencyProfile::addTo(std::vector<double>& partial, std::vector<std::int64_t>& fullCount,
    std::int64_t binNs, std::int64_t startNs, std::int64_t endNs)
{
    const std::int64_t b0 = startNs / binNs;
    const std::int64_t b1 = (endNs - 1) / binNs; // last bin touched
    if (b0 == b1) {
        partial[static_cast<std::size_t>(b0)] += static_cast<double>(endNs - startNs);
        return;
    }
    partial[static_cast<std::size_t>(b0)] += static_cast<double>((b0 + 1) * binNs - startNs);
    partial[static_cast<std::size_t>(b1)] += static_cast<double>(endNs - b1 * binNs);
    if (b1 > b0 + 1) {
        ++fullCount[static_cast<std::size_t>(b0 + 1)];
        --fullCount[static_cast<std::size_t>(b1)];
    }
}

void ConcurrencyProfile::add(const Segment& s)
{
    if (!counts(s))
        return;
    grow(s.endNs);
    addTo(m_partialInProgress, m_fullInProgress, m_binNs, s.startNs, s.endNs);
    if (s.state == SegmentState::Running)
        addTo(m_partialRunning, m_fullRunning, m_binNs, s.startNs, s.endNs);
}

void ConcurrencyProfile::grow(std::int64_t endNs)
{
    // endNs fits in n bins while endNs <= n * binNs; asked by division, since a
    // saturated end (a broken worker's times) would overflow the product.
    const auto n = static_cast<std::int64_t>(m_partialInProgress.size());
    const auto fits = [&] { return (endNs - 1) / n < m_binNs; };
    if (fits())
        return;
    std::vector<double> inProgress, running;
    materialise(inProgress, running);
    while (!fits()) {
        const std::size_t half = inProgress.size() / 2;
        for (std::size_t i = 0; i < half; ++i) {
            inProgress[i] = inProgress[2 * i] + inProgress[2 * i + 1];
            running[i] = running[2 * i] + running[2 * i + 1];
        }
        std::fill(inProgress.begin() + static_cast<std::ptrdiff_t>(half), inProgress.end(), 0.0);
        std::fill(running.begin() + static_cast<std::ptrdiff_t>(half), running.end(), 0.0);
        m_binNs *= 2;
    }
    m_partialInProgress = std::move(inProgress);
    m_partialRunning = std::move(running);
    std::fill(m_fullInProgress.begin(), m_fullInProgress.end(), 0);
    std::fill(m_fullRunning.begin(), m_fullRunning.end(), 0);
}

void ConcurrencyProfile::materialise(std::vector<double>& inProgress, std::vector<double>& running) const
{
    inProgress = m_partialInProgress;
    running = m_partialRunning;
    std::int64_t fullIn = 0, fullRun = 0;
    const auto width = static_cast<double>(m_binNs);
    for (std::size_t b = 0; b < inProgress.size(); ++b) {
        fullIn += m_fullInProgress[b];
        fullRun += m_fullRunning[b];
        inProgress[b] += static_cast<double>(fullIn) * width;
        running[b] += static_cast<double>(fullRun) * width;
    }
}

std::vector<float> ConcurrencyProfile::resample(
    int columns, std::int64_t totalNs, std::span<const Segment> extra) const
{
    const auto cols = static_cast<std::size_t>(std::max(0, columns));
    std::vector<float> out(2 * cols, 0.f);
    if (cols == 0 || totalNs <= 0)
        return out;
    const ConcurrencyProfile* self = this;
    ConcurrencyProfile withExtra(0, 1);
    if (!extra.empty()) {
        withExtra = *this;
        for (const Segment& s : extra)
            withExtra.add(s);
        self = &withExtra;
    }
    std::vector<double> inProgress, running;
    self->materialise(inProgress, running);
    const std::size_t n = inProgress.size();
    // Cumulative time at bin boundaries: cum[b] = Σ of bins before b.
    std::vector<double> cumIn(n + 1, 0.0), cumRun(n + 1, 0.0);
    for (std::size_t b = 0; b < n; ++b) {
        cumIn[b + 1] = cumIn[b] + inProgress[b];
        cumRun[b + 1] = cumRun[b] + running[b];
    }
    const auto binWidth = static_cast<double>(self->m_binNs);
    const double end = binWidth * static_cast<double>(n);
    // The integral from 0 to t, linear inside a bin.
    auto integral = [&](const std::vector<double>& cum, double t) {
        if (t >= end)
            return cum[n];
        const double pos = std::max(0.0, t) / binWidth;
        const auto b = static_cast<std::size_t>(pos);
        return cum[b] + (cum[b + 1] - cum[b]) * (pos - static_cast<double>(b));
    };
    const double step = static_cast<double>(totalNs) / static_cast<double>(cols);
    double t0 = 0, in0 = 0, run0 = 0;
    for (std::size_t c = 0; c < cols; ++c) {
        const double t1 = step * static_cast<double>(c + 1);
        const double in1 = integral(cumIn, t1);
        const double run1 = integral(cumRun, t1);
        out[c] = static_cast<float>(std::max(0.0, (in1 - in0) / (t1 - t0)));
        out[cols + c] = static_cast<float>(std::max(0.0, (run1 - run0) / (t1 - t0)));
        t0 = t1;
        in0 = in1;
        run0 = run1;
    }
    return out;
}

} // namespace overlap::engine
