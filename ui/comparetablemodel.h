#pragma once

// The metrics of a comparison, one row per model, as the command line's
// `run --model all` table: the seeds' benchmark tables measured here.

#include "engine/metrics.h"
#include "engine/scenario.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace overlap::ui {

struct CompareResult {
    engine::Model model = engine::Model::Sequential;
    int workers = 0; // workers actually started
    bool gil = false;
    engine::Metrics metrics;
    std::optional<double> vsSequential; // sequential makespan / this makespan
    QString error; // the run ended with an internal error
};

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
        VsSequential,
        Parallelism,
        Peak,
        Cpu,
        Utilisation,
        Ready,
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
    void retranslate();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<CompareResult> m_results;
};

} // namespace overlap::ui
