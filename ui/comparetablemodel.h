#pragma once

// The metrics of a comparison, one row per model, as the command line's
// `run --model all` table: the seeds' benchmark tables measured here.

#include "engine/metrics.h"
#include "engine/scenario.h"
#include "ui/metrictexts.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace overlap::ui {

struct CompareResult {
    engine::Model model = engine::Model::Sequential;
    int workers = 0; // workers actually started
    bool gil = false;
    engine::Metrics metrics;
    // Sequential makespan / this makespan; only when both runs are ranked.
    std::optional<double> vsSequential;
    QString error; // the run ended with an internal error

    // A run with failed tasks did less than the others: its makespan is no
    // achievement, so it gets no speedup and is never ranked (SPEC §4).
    bool hasFailures() const { return metrics.failed > 0; }
    bool ranked() const { return error.isEmpty() && metrics.ranked(); }
};

// Sets vsSequential on every result as engine::compareRuns measures it (the
// rule the command line applies too).
void measureAgainstSequential(std::vector<CompareResult>& results);

// The ranked result with the shortest makespan, if any.
std::optional<std::size_t> fastestResult(const std::vector<CompareResult>& results);

// "8 of 8 failed", in the user's language.
QString failedText(const CompareResult& result);

class CompareTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Model,
        Workers,
        Gil,
        Makespan,
        Work,
        Speedup,
        Concurrency,
        Parallelism,
        Peak,
        Cpu,
        Utilisation,
        Running,
        Ready,
        IoWait,
        LockWait,
        GilWait,
        RateWait,
        Backoff,
        Startup,
        Rss,
        Tasks,
        Failed,
        Retries,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void clear();
    void append(CompareResult result); // fills vsSequential once the sequential row is known
    const std::vector<CompareResult>& results() const { return m_results; }
    // The row drawn as the fastest: ranked, shortest makespan.
    std::optional<int> fastestRow() const { return m_fastest; }
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The metric a column shows (Metric::Count_ for none).
    static Metric metric(int column);

private:
    std::vector<CompareResult> m_results;
    // Updated after each insertion is complete (then dataChanged), so that
    // rows never change their text in the middle of an insertion.
    std::optional<int> m_fastest;
};

} // namespace overlap::ui
