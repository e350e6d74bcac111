#pragma once

// How many tasks were inside a step, and how many of them were running, over
// the whole run, kept at a bounded resolution so that the Gantt's overview
// strip never has to walk every segment again.
//
// The run is cut into `binCount` equal bins starting at 0. Each segment adds
// the nanoseconds it overlaps to the bins it covers: the two partial ends
// directly, the fully covered middle through a difference array, so adding
// is O(1) however long the segment. When a segment ends beyond the last bin
// the bin width doubles and neighbouring bins merge, so the run always spans
// between half and all of the bins.

#include "engine/timelinelane.h"

#include <cstdint>
#include <span>
#include <vector>

namespace overlap::engine {

class ConcurrencyProfile {
public:
    static constexpr int kDefaultBins = 8192;

    explicit ConcurrencyProfile(int binCount = kDefaultBins, std::int64_t initialBinNs = 1000);

    // Does this segment count as a task in progress (inside a step, holding
    // or waiting for a core, I/O or the GIL)?
    static bool counts(const Segment& s);

    void add(const Segment& s);
    void clear();

    int binCount() const { return static_cast<int>(m_partialInProgress.size()); }
    std::int64_t binNs() const { return m_binNs; }

    // Average tasks in progress and running over each of `columns` equal
    // slices of [0, totalNs), with the `extra` segments (open ones, say) added
    // as if they had been added; the result holds 2 × columns values:
    // in progress for every column, then running for every column.
    std::vector<float> resample(int columns, std::int64_t totalNs, std::span<const Segment> extra = {}) const;

private:
    // Time covered in each bin, materialised: bin b holds ns of overlap.
    void materialise(std::vector<double>& inProgress, std::vector<double>& running) const;
    void grow(std::int64_t endNs);
    static void addTo(std::vector<double>& partial, std::vector<std::int64_t>& fullCount, std::int64_t binNs,
        std::int64_t startNs, std::int64_t endNs);

    std::int64_t m_binNs;
    std::int64_t m_initialBinNs;
    std::vector<double> m_partialInProgress, m_partialRunning;
    // Difference arrays of "bin fully covered" counts (size binCount + 1).
    std::vector<std::int64_t> m_fullInProgress, m_fullRunning;
};

} // namespace overlap::engine
