#include "ui/comparerunner.h"
#include "ui/compareview.h"
#include "ui/mainwindow.h"
#include "ui/runsettingsbar.h"
#include "ui/scenarioeditor.h"
#include "uitestutil.h"

#include <QAbstractItemModelTester>
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
