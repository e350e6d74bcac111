#include "ui/comparerunner.h"
#include "ui/compareview.h"
#include "ui/ganttcolors.h"
#include "ui/mainwindow.h"
#include "ui/runsettingsbar.h"
#include "ui/scenarioeditor.h"
#include "uitestutil.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTest>
#include <gtest/gtest.h>

using namespace overlap;

TEST(Compare, OneRowPerModel)
{
    ui::MainWindow window;
    QAbstractItemModelTester tester(
        window.compareView()->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const engine::Scenario tiny = uitest::ioScenario(2, 20);
    window.editor()->setScenario(tiny);
    window.runSettings()->setFrom(tiny.run); // not whatever an earlier window left in the settings
    bool completed = false;
    QObject::connect(window.compareRunner(), &ui::CompareRunner::finished, [&](bool ok) { completed = ok; });
    ASSERT_TRUE(window.startCompare());
    EXPECT_FALSE(window.startRun()); // one thing at a time
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.isRunning(); }, 60'000));
    EXPECT_TRUE(completed);

    const ui::CompareTableModel* model = window.compareView()->model();
    ASSERT_EQ(model->rowCount(), 5);
    const std::vector<std::pair<engine::Model, bool>> expected{{engine::Model::Sequential, false},
        {engine::Model::Fibers, false}, {engine::Model::Threads, false}, {engine::Model::Threads, true},
        {engine::Model::Processes, false}};
    for (int row = 0; row < 5; ++row) {
        const ui::CompareResult& r = model->results()[static_cast<std::size_t>(row)];
        EXPECT_EQ(r.model, expected[static_cast<std::size_t>(row)].first) << row;
        EXPECT_EQ(r.gil, expected[static_cast<std::size_t>(row)].second) << row;
        EXPECT_TRUE(r.error.isEmpty()) << r.error.toStdString();
        EXPECT_EQ(r.metrics.tasks, 2);
        ASSERT_TRUE(r.vsSequential.has_value());
        EXPECT_GT(r.metrics.makespanMs, 0);
        EXPECT_FALSE(model->data(model->index(row, ui::CompareTableModel::Makespan), Qt::DisplayRole)
                         .toString()
                         .isEmpty());
    }
    EXPECT_DOUBLE_EQ(*model->results()[0].vsSequential, 1.0);
    EXPECT_EQ(window.finishedRuns().size(), 5u); // Export trace writes every model
    EXPECT_TRUE(uitest::noChildProcess());
}

namespace {

// A hand-made result: what a run of `tasks` tasks reports, `failed` of them failed.
ui::CompareResult result(engine::Model model, double makespanMs, int failed = 0, bool gil = false)
{
    ui::CompareResult r;
    r.model = model;
    r.gil = gil;
    r.workers = model == engine::Model::Sequential ? 1 : 8;
    r.metrics.makespanMs = makespanMs;
    r.metrics.workMs = failed == 8 ? 0 : 800;
    r.metrics.tasks = 8;
    r.metrics.failed = failed;
    return r;
}

QString text(const ui::CompareTableModel* model, int row, int column, int role = Qt::DisplayRole)
{
    return model->data(model->index(row, column), role).toString();
}

const QString dash = QStringLiteral("\u2014");

} // namespace

// The case of the issue: under load every process worker was killed, the
// processes run failed 8 of 8 tasks at once, and its short makespan won.
TEST(Compare, AFailedRunGetsNoSpeedupAndIsNeverTheFastest)
{
    ui::CompareView view;
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    view.clear(QStringLiteral("Every model on “CPU-bound: 8 jobs”, workers: 8"));
    view.addResult(result(engine::Model::Sequential, 8000));
    view.addResult(result(engine::Model::Threads, 8100, 0, true));
    view.addResult(result(engine::Model::Threads, 4200));
    view.addResult(result(engine::Model::Processes, 5600, 8)); // 1.43× if it counted

    const ui::CompareTableModel* model = view.model();
    ASSERT_EQ(model->rowCount(), 4);
    EXPECT_EQ(model->fastestRow(), 2);
    EXPECT_FALSE(model->results()[3].vsSequential.has_value());
    EXPECT_DOUBLE_EQ(*model->results()[2].vsSequential, 8000.0 / 4200.0);

    // Table: red, "8 of 8 failed", no speedup of either kind.
    using Col = ui::CompareTableModel;
    EXPECT_EQ(text(model, 3, Col::Failed), QStringLiteral("8 of 8 failed"));
    EXPECT_EQ(text(model, 3, Col::Speedup), dash);
    const QColor red = ui::GanttColors::color(engine::SegmentState::Failed);
    for (int column : {Col::Model, Col::Failed, Col::Speedup})
        EXPECT_EQ(model->data(model->index(3, column), Qt::ForegroundRole).value<QColor>(), red) << column;
    EXPECT_TRUE(text(model, 3, Col::Model, Qt::ToolTipRole).contains(QStringLiteral("not ranked")));
    EXPECT_FALSE(model->data(model->index(2, Col::Model), Qt::ForegroundRole).isValid());
    // The fastest is the fastest run that did all its work.
    EXPECT_TRUE(text(model, 2, Col::Model).contains(QStringLiteral("fastest")));
    EXPECT_FALSE(text(model, 3, Col::Model).contains(QStringLiteral("fastest")));
    EXPECT_TRUE(model->data(model->index(2, Col::Makespan), Qt::FontRole).value<QFont>().bold());

    // Charts: the failed makespan bar is red and says so; its speedup bar has no height.
    EXPECT_EQ(view.speedupBars().at(3), 0.0);
    EXPECT_NEAR(view.speedupBars().at(2), 8000.0 / 4200.0, 1e-9);
    EXPECT_EQ(view.failedBarsDrawnRed(), QList<int>{3});
    EXPECT_TRUE(view.makespanNotes().contains(QStringLiteral("8 of 8 failed")));
    EXPECT_TRUE(view.makespanNotes().contains(QStringLiteral("fastest")));
    EXPECT_EQ(view.speedupNotes(), QStringList{QStringLiteral("no speedup")});
    EXPECT_TRUE(view.failureNote().contains(QStringLiteral("8 of 8 failed")));
    EXPECT_TRUE(view.caption().contains(QStringLiteral("CPU-bound: 8 jobs")));

    view.clear();
    EXPECT_EQ(model->rowCount(), 0);
    EXPECT_TRUE(view.speedupBars().isEmpty());
    EXPECT_TRUE(view.failureNote().isEmpty());
    EXPECT_TRUE(view.caption().isEmpty());
}

struct RankingCase {
    const char* name;
    std::vector<int> failed; // per run: sequential, threads, processes
    std::optional<int> fastest;
    std::vector<std::optional<double>> vsSequential;
};

class CompareRanking : public ::testing::TestWithParam<RankingCase> { };

TEST_P(CompareRanking, OnlyRunsThatDidAllTheirWorkAreMeasuredAndRanked)
{
    const RankingCase& c = GetParam();
    const double makespans[] = {1000, 500, 100};
    const engine::Model models[]
        = {engine::Model::Sequential, engine::Model::Threads, engine::Model::Processes};
    // Sequential last: the rule does not depend on the order the results come in.
    for (const bool sequentialLast : {false, true}) {
        ui::CompareTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const std::vector<std::size_t> order
            = sequentialLast ? std::vector<std::size_t>{1, 2, 0} : std::vector<std::size_t>{0, 1, 2};
        for (std::size_t i : order)
            model.append(result(models[i], makespans[i], c.failed[i]));
        for (std::size_t k = 0; k < order.size(); ++k) {
            const ui::CompareResult& r = model.results()[k];
            const std::size_t i = order[k];
            EXPECT_EQ(r.vsSequential.has_value(), c.vsSequential[i].has_value()) << c.name << " run " << i;
            if (r.vsSequential && c.vsSequential[i]) {
                EXPECT_DOUBLE_EQ(*r.vsSequential, *c.vsSequential[i]) << c.name << " run " << i;
            }
        }
        const std::optional<int> fastest = model.fastestRow();
        ASSERT_EQ(fastest.has_value(), c.fastest.has_value()) << c.name;
        if (fastest) {
            EXPECT_EQ(order[static_cast<std::size_t>(*fastest)], static_cast<std::size_t>(*c.fastest))
                << c.name;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Compare, CompareRanking,
    ::testing::Values(RankingCase{"none_failed", {0, 0, 0}, 2, {1.0, 2.0, 10.0}},
        RankingCase{"processes_failed", {0, 0, 3}, 1, {1.0, 2.0, std::nullopt}},
        RankingCase{"sequential_failed", {1, 0, 0}, 2, {std::nullopt, std::nullopt, std::nullopt}},
        RankingCase{"all_failed", {8, 8, 8}, std::nullopt, {std::nullopt, std::nullopt, std::nullopt}}),
    [](const auto& info) { return std::string(info.param.name); });

// Through the window and the real engine: every task fails every time, so no
// model is measured or ranked, and the window says so.
TEST(Compare, RealRunsWithEveryTaskFailingAreNeitherMeasuredNorRanked)
{
    ui::MainWindow window;
    engine::Scenario s = uitest::ioScenario(2, 5);
    s.name = "always failing";
    s.tasks[0].failRate = 1.0;
    window.editor()->setScenario(s);
    window.runSettings()->setFrom(s.run);
    ASSERT_TRUE(window.startCompare());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.isRunning(); }, 60'000));
    const ui::CompareTableModel* model = window.compareView()->model();
    ASSERT_EQ(model->rowCount(), 5);
    for (const ui::CompareResult& r : model->results()) {
        EXPECT_EQ(r.metrics.failed, 2);
        EXPECT_FALSE(r.vsSequential.has_value());
    }
    EXPECT_FALSE(model->fastestRow().has_value());
    EXPECT_EQ(window.compareView()->failedBarsDrawnRed(), (QList<int>{0, 1, 2, 3, 4}));
    for (qreal bar : window.compareView()->speedupBars())
        EXPECT_EQ(bar, 0.0);
    EXPECT_TRUE(window.compareView()->status().contains(QStringLiteral("none is ranked")))
        << window.compareView()->status().toStdString();
    EXPECT_TRUE(window.compareView()->caption().contains(QStringLiteral("always failing")));
    EXPECT_TRUE(uitest::noChildProcess());
}

// Every column says what its figure means, in its header and in each cell.
TEST(Compare, EveryColumnHasADefinition)
{
    ui::CompareView view;
    view.addResult(result(engine::Model::Sequential, 8000));
    const ui::CompareTableModel* model = view.model();
    for (int column = 0; column < ui::CompareTableModel::ColumnCount; ++column) {
        const QString header = model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
        const QString tip = model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString();
        EXPECT_FALSE(header.isEmpty()) << column;
        EXPECT_GT(tip.size(), 20) << header.toStdString();
        EXPECT_TRUE(text(model, 0, column, Qt::ToolTipRole).contains(tip)) << header.toStdString();
    }
    // Two numbers, two meanings.
    using Col = ui::CompareTableModel;
    EXPECT_NE(model->headerData(Col::Concurrency, Qt::Horizontal, Qt::ToolTipRole),
        model->headerData(Col::Parallelism, Qt::Horizontal, Qt::ToolTipRole));
}
