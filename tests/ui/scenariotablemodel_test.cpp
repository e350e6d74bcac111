#include "engine/scenarioio.h"
#include "ui/scenarioeditor.h"
#include "ui/scenariotablemodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QLineEdit>
#include <QSpinBox>
#include <QUndoStack>
#include <gtest/gtest.h>

using namespace overlap;
using overlap::ui::ScenarioEditor;
using overlap::ui::ScenarioTableModel;

namespace {

engine::Scenario sample()
{
    engine::Scenario s;
    s.name = "sample";
    s.description = "two tasks";
    s.run.model = engine::Model::Fibers;
    s.run.workers = 3;
    s.run.seed = 12345678901234567ull;
    s.tasks.push_back({"download", 10, {{engine::StepKind::Io, 1000, {}}}, {}, 0});
    s.tasks.push_back({"cache", 1, {{engine::StepKind::Cpu, 5, "cache"}, {engine::StepKind::Io, 20.5, {}}},
        {3, 100, 2.0}, 0.25});
    return s;
}

QModelIndex cell(ScenarioTableModel* model, int row, int column)
{
    return model->index(row, column);
}

} // namespace

TEST(ScenarioTableModel, ShowsTasksAsText)
{
    ScenarioEditor editor;
    QAbstractItemModelTester tester(
        editor.tableModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    editor.setScenario(sample());
    ScenarioTableModel* model = editor.tableModel();
    ASSERT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->data(cell(model, 1, ScenarioTableModel::Steps), Qt::DisplayRole).toString(),
        QStringLiteral("cpu 5 @cache, io 20.5"));
    EXPECT_EQ(model->data(cell(model, 0, ScenarioTableModel::Count), Qt::DisplayRole).toString(),
        QStringLiteral("10"));
    EXPECT_EQ(model->data(cell(model, 1, ScenarioTableModel::FailRate), Qt::DisplayRole).toString(),
        QStringLiteral("0.25"));
}

TEST(ScenarioTableModel, EditThenUndoRestoresTheScenario)
{
    ScenarioEditor editor;
    QAbstractItemModelTester tester(
        editor.tableModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const engine::Scenario original = sample();
    editor.setScenario(original);
    ScenarioTableModel* model = editor.tableModel();

    ASSERT_TRUE(model->setData(
        cell(model, 0, ScenarioTableModel::Steps), QStringLiteral("io 10, cpu 20 @db"), Qt::EditRole));
    ASSERT_TRUE(model->setData(cell(model, 1, ScenarioTableModel::Count), QStringLiteral("4"), Qt::EditRole));
    editor.addTask();
    editor.tableModel()->removeTask(0);
    engine::Scenario edited = editor.scenario();
    EXPECT_NE(edited, original);
    EXPECT_EQ(edited.tasks.size(), 2u);
    EXPECT_EQ(edited.tasks[0].count, 4);
    EXPECT_FALSE(editor.undoStack()->isClean());

    while (editor.undoStack()->canUndo())
        editor.undoStack()->undo();
    EXPECT_EQ(editor.scenario(), original);
    EXPECT_TRUE(editor.undoStack()->isClean());

    while (editor.undoStack()->canRedo())
        editor.undoStack()->redo();
    EXPECT_EQ(editor.scenario(), edited);
}

TEST(ScenarioTableModel, InvalidCellIsMarkedWithItsReason)
{
    ScenarioEditor editor;
    QAbstractItemModelTester tester(
        editor.tableModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    const engine::Scenario original = sample();
    editor.setScenario(original);
    ScenarioTableModel* model = editor.tableModel();
    const QModelIndex steps = cell(model, 0, ScenarioTableModel::Steps);
    const QModelIndex retry = cell(model, 1, ScenarioTableModel::RetryDelay);

    EXPECT_FALSE(model->data(steps, Qt::BackgroundRole).isValid());
    EXPECT_TRUE(editor.validationError().isEmpty());

    ASSERT_TRUE(model->setData(steps, QStringLiteral("io fast"), Qt::EditRole));
    ASSERT_TRUE(model->setData(retry, QStringLiteral("soon"), Qt::EditRole));
    // The typed text stays visible, marked, with the reason as tooltip.
    EXPECT_EQ(model->data(steps, Qt::DisplayRole).toString(), QStringLiteral("io fast"));
    EXPECT_TRUE(model->data(steps, Qt::BackgroundRole).value<QBrush>().color().red() > 200);
    EXPECT_EQ(model->data(steps, Qt::ToolTipRole).toString(),
        QStringLiteral("step 1: expected a duration in ms (number ≥ 0), got \"fast\""));
    EXPECT_EQ(model->data(retry, Qt::ToolTipRole).toString(),
        QStringLiteral("expected a duration in ms (number ≥ 0)"));
    EXPECT_TRUE(editor.validationError().contains(QStringLiteral("task 1, Steps")));
    // The task keeps its last valid value.
    EXPECT_EQ(editor.scenario(), original);

    editor.undoStack()->undo();
    editor.undoStack()->undo();
    EXPECT_FALSE(model->data(steps, Qt::BackgroundRole).isValid());
    EXPECT_EQ(model->data(steps, Qt::DisplayRole).toString(), QStringLiteral("io 1000"));
    EXPECT_TRUE(editor.validationError().isEmpty());
}

struct CellCase {
    int column;
    const char* text;
    const char* reason; // empty: valid
};

void PrintTo(const CellCase& c, std::ostream* os)
{
    *os << "column " << c.column << " '" << c.text << "'";
}

class ScenarioCells : public ::testing::TestWithParam<CellCase> { };

TEST_P(ScenarioCells, AcceptOrExplain)
{
    engine::TaskSpec spec = sample().tasks[1];
    const engine::TaskSpec before = spec;
    const QString reason
        = ScenarioTableModel::applyText(spec, GetParam().column, QString::fromUtf8(GetParam().text));
    EXPECT_EQ(reason, QString::fromUtf8(GetParam().reason));
    if (!reason.isEmpty()) {
        EXPECT_EQ(spec, before); // a refused text changes nothing
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, ScenarioCells,
    ::testing::Values(CellCase{ScenarioTableModel::Name, "  ", "expected a non-empty name"},
        CellCase{ScenarioTableModel::Name, "fetch", ""},
        CellCase{ScenarioTableModel::Count, "0", "expected a whole number from 1 to 100000"},
        CellCase{ScenarioTableModel::Count, "2.5", "expected a whole number from 1 to 100000"},
        CellCase{ScenarioTableModel::Count, "7", ""},
        CellCase{ScenarioTableModel::FailRate, "1.5", "expected a probability from 0 to 1"},
        CellCase{ScenarioTableModel::Attempts, "0",
            "expected a whole number from 1 to 100 (the first attempt included)"},
        CellCase{ScenarioTableModel::RetryDelay, "-3", "expected a duration in ms (number ≥ 0)"},
        CellCase{ScenarioTableModel::Backoff, "0.5", "expected a backoff factor (number ≥ 1)"},
        CellCase{ScenarioTableModel::Backoff, "1.5", ""}));

TEST(ScenarioEditor, SavedScenarioLoadsBackIdentical)
{
    ScenarioEditor editor;
    editor.setScenario(sample());
    ScenarioTableModel* model = editor.tableModel();
    ASSERT_TRUE(model->setData(
        cell(model, 0, ScenarioTableModel::Steps), QStringLiteral("io 0.1, cpu 1e3 @x y"), Qt::EditRole));
    editor.addTask();
    const engine::Scenario shown = editor.scenario();
    const engine::ScenarioResult back = engine::parseScenario(engine::scenarioToJson(shown));
    ASSERT_TRUE(back) << back.error;
    EXPECT_EQ(*back.scenario, shown);
    EXPECT_EQ(back.scenario->tasks[0].steps[1].lock, "x y");
}

TEST(ScenarioEditor, RunSettingsEditsAreUndoable)
{
    ScenarioEditor editor;
    const engine::Scenario original = sample();
    editor.setScenario(original);
    engine::RunSettings announced;
    int announcements = 0;
    QObject::connect(&editor, &ScenarioEditor::runSettingsChanged, [&](const engine::RunSettings& run) {
        announced = run;
        ++announcements;
    });
    auto* name = editor.findChild<QLineEdit*>(QStringLiteral("scenarioName"));
    auto* workers = editor.findChild<QSpinBox*>(QStringLiteral("scenarioWorkers"));
    ASSERT_NE(name, nullptr);
    ASSERT_NE(workers, nullptr);

    name->setText(QStringLiteral("renamed"));
    emit name->editingFinished();
    workers->setValue(7);
    emit workers->editingFinished();
    EXPECT_EQ(editor.scenario().name, "renamed");
    EXPECT_EQ(editor.scenario().run.workers, 7);
    EXPECT_EQ(announcements, 1);
    EXPECT_EQ(announced.workers, 7);
    // Values the controls cannot show exactly are kept by edits of other fields.
    EXPECT_EQ(editor.scenario().run.seed, original.run.seed);

    editor.undoStack()->undo();
    editor.undoStack()->undo();
    EXPECT_EQ(editor.scenario(), original);
    EXPECT_EQ(name->text(), QStringLiteral("sample"));
    EXPECT_EQ(workers->value(), 3);
    EXPECT_EQ(announced.workers, 3);
}
