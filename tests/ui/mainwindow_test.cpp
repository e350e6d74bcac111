#include "engine/scenarioio.h"
#include "ui/comparerunner.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/runcontroller.h"
#include "ui/runsettingsbar.h"
#include "ui/scenarioeditor.h"
#include "ui/scenariotablemodel.h"
#include "uitestutil.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <gtest/gtest.h>

using namespace overlap;
using overlap::ui::MainWindow;

namespace {

QString writeScenario(const QTemporaryDir& dir, const engine::Scenario& s, const QString& name)
{
    const QString path = dir.filePath(name);
    EXPECT_EQ(engine::saveScenarioFile(s, path.toStdString()), "");
    return path;
}

QStringList menuTitles(const MainWindow& window)
{
    QStringList titles;
    for (QAction* action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

} // namespace

TEST(MainWindow, SwitchesLanguageAtRunTime)
{
    MainWindow window;
    // QApplication posts LanguageChange to each window: let it arrive.
    const auto switchTo = [&](const QString& code) {
        window.setLanguage(code, false);
        QCoreApplication::processEvents();
    };
    switchTo(ui::Language::english);
    EXPECT_EQ(window.runAction()->text(), QStringLiteral("&Run"));
    EXPECT_TRUE(menuTitles(window).contains(QStringLiteral("&File")));

    switchTo(ui::Language::portuguese);
    EXPECT_EQ(ui::Language::current(), ui::Language::portuguese);
    EXPECT_EQ(window.runAction()->text(), QStringLiteral("&Executar"));
    EXPECT_TRUE(menuTitles(window).contains(QStringLiteral("&Arquivo")));
    EXPECT_FALSE(menuTitles(window).contains(QStringLiteral("&File")));

    EXPECT_EQ(window.editor()->tableModel()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("Nome"));

    switchTo(ui::Language::english);
    EXPECT_EQ(window.runAction()->text(), QStringLiteral("&Run"));
    EXPECT_TRUE(menuTitles(window).contains(QStringLiteral("&File")));
    EXPECT_EQ(window.editor()->tableModel()->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("Name"));
}

TEST(MainWindow, ExamplesMenuShowsEachExamplesName)
{
    MainWindow window;
    window.setLanguage(ui::Language::english, false);
    QMenu* examples = nullptr;
    for (QMenu* menu : window.findChildren<QMenu*>())
        if (menu->title() == QStringLiteral("&Examples"))
            examples = menu;
    ASSERT_NE(examples, nullptr);
    QStringList names;
    for (QAction* action : examples->actions())
        names << action->text();
    EXPECT_EQ(names.size(), 8);
    EXPECT_TRUE(names.contains(QStringLiteral("I/O bound: 10 downloads")));
    EXPECT_TRUE(names.contains(QStringLiteral("GIL convoy")));

    examples->actions().front()->trigger();
    EXPECT_EQ(window.editor()->scenario().name, "Thread-safe cache behind a lock");
}

TEST(MainWindow, AnOpenExampleFollowsTheLanguageUntilItIsEdited)
{
    MainWindow window;
    const auto switchTo = [&](const QString& code) {
        window.setLanguage(code, false);
        QCoreApplication::processEvents();
    };
    switchTo(ui::Language::english);
    ASSERT_TRUE(window.openExample(QStringLiteral(":/examples/io-benchmark.overlap.json")));
    EXPECT_EQ(window.editor()->scenario().name, "I/O bound: 10 downloads");
    EXPECT_EQ(window.editor()->scenario().tasks.at(0).name, "download");

    switchTo(ui::Language::portuguese);
    const engine::Scenario pt = window.editor()->scenario();
    EXPECT_EQ(pt.name, "Limitado por E/S: 10 downloads");
    EXPECT_TRUE(
        QString::fromStdString(pt.description).startsWith(QStringLiteral("O benchmark de E/S do guia")));
    EXPECT_EQ(pt.tasks.at(0).name, "download");
    EXPECT_TRUE(window.editor()->undoStack()->isClean());
    EXPECT_TRUE(window.windowTitle().startsWith(QStringLiteral("Limitado por E/S")));

    // Once edited, the text is the user's: switching back leaves it alone.
    ui::ScenarioTableModel* model = window.editor()->tableModel();
    ASSERT_TRUE(model->setData(model->index(0, ui::ScenarioTableModel::Count), 3, Qt::EditRole));
    switchTo(ui::Language::english);
    EXPECT_EQ(window.editor()->scenario().name, pt.name);
    EXPECT_EQ(window.editor()->scenario().tasks.at(0).count, 3);

    // Opened in Portuguese, the cpu example's tasks are named in Portuguese too.
    switchTo(ui::Language::portuguese);
    window.editor()->undoStack()->setClean();
    ASSERT_TRUE(window.openExample(QStringLiteral(":/examples/cpu-benchmark.overlap.json")));
    EXPECT_EQ(window.editor()->scenario().tasks.at(0).name, "cálculo");
    switchTo(ui::Language::english);
}

TEST(MainWindow, SavedFileOpensBackIdentical)
{
    QTemporaryDir dir;
    MainWindow window;
    ASSERT_TRUE(window.openExample(QStringLiteral(":/examples/retry-backoff.overlap.json")));
    ui::ScenarioTableModel* model = window.editor()->tableModel();
    ASSERT_TRUE(model->setData(
        model->index(0, ui::ScenarioTableModel::Steps), QStringLiteral("io 30, cpu 2.5 @api"), Qt::EditRole));
    const engine::Scenario edited = window.editor()->scenario();
    const QString path = dir.filePath(QStringLiteral("saved.overlap.json"));
    ASSERT_TRUE(window.saveTo(path));
    EXPECT_TRUE(window.editor()->undoStack()->isClean());

    MainWindow other;
    ASSERT_TRUE(other.openFile(path));
    EXPECT_EQ(other.editor()->scenario(), edited);
    EXPECT_EQ(other.currentPath(), path);
}

TEST(MainWindow, AsksBeforeUnsavedChangesAreLost)
{
    QTemporaryDir dir;
    const QString path = writeScenario(dir, uitest::ioScenario(3, 10), QStringLiteral("a.overlap.json"));
    MainWindow window;
    int asked = 0;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    window.setUnsavedPrompt([&] {
        ++asked;
        return answer;
    });
    ASSERT_TRUE(window.openFile(path));
    ui::ScenarioTableModel* model = window.editor()->tableModel();
    ASSERT_TRUE(model->setData(
        model->index(0, ui::ScenarioTableModel::Name), QStringLiteral("renamed"), Qt::EditRole));

    // Cancel keeps the edit and the window open.
    QMenu* examples = nullptr;
    for (QMenu* menu : window.findChildren<QMenu*>())
        if (!menu->actions().isEmpty()
            && menu->actions().front()->data().toString().startsWith(QStringLiteral(":/examples")))
            examples = menu;
    ASSERT_NE(examples, nullptr);
    examples->actions().front()->trigger();
    EXPECT_EQ(asked, 1);
    EXPECT_EQ(window.editor()->scenario().tasks[0].name, "renamed");
    EXPECT_FALSE(window.close());
    EXPECT_EQ(asked, 2);

    // Discard lets the example replace it.
    answer = QMessageBox::Discard;
    examples->actions().front()->trigger();
    EXPECT_EQ(asked, 3);
    EXPECT_EQ(window.editor()->scenario().name, "Thread-safe cache behind a lock");
    // Nothing to lose now: no question.
    examples->actions().back()->trigger();
    EXPECT_EQ(asked, 3);
}

class MainWindowRun : public ::testing::TestWithParam<engine::Model> { };

TEST_P(MainWindowRun, StopLeavesNoThreadOrChildAndTheWindowResponds)
{
    QTemporaryDir dir;
    const QString path
        = writeScenario(dir, uitest::ioScenario(4, 20'000, GetParam()), QStringLiteral("long.overlap.json"));
    MainWindow window;
    window.show();
    ASSERT_TRUE(window.openFile(path));
    QCoreApplication::processEvents();
    const int threadsBefore = uitest::threadCount();
    ASSERT_TRUE(uitest::noChildProcess());

    int batches = 0;
    QObject::connect(window.runController(), &ui::RunController::eventsArrived, [&] { ++batches; });
    ASSERT_TRUE(window.startRun());
    EXPECT_TRUE(window.isRunning());
    EXPECT_FALSE(window.runAction()->isEnabled());
    // The window handles events while the run goes on: events stream in and a timer fires.
    bool timerFired = false;
    QTimer::singleShot(0, [&] { timerFired = true; });
    ASSERT_TRUE(QTest::qWaitFor([&] { return timerFired && batches > 0; }, 15'000));
    EXPECT_TRUE(window.isRunning()); // 20 s waits: the run cannot have ended by itself yet

    window.stopRun();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.isRunning(); }, 15'000));
    ASSERT_EQ(window.finishedRuns().size(), 1u);
    EXPECT_TRUE(window.finishedRuns().front()->output.cancelled);
    EXPECT_TRUE(window.runAction()->isEnabled());
    EXPECT_EQ(uitest::threadCount(), threadsBefore);
    EXPECT_TRUE(uitest::noChildProcess());
}

INSTANTIATE_TEST_SUITE_P(Models, MainWindowRun,
    ::testing::Values(
        engine::Model::Sequential, engine::Model::Fibers, engine::Model::Threads, engine::Model::Processes),
    [](const auto& info) { return std::string(engine::modelName(info.param)); });

TEST(MainWindow, RunsToTheEndAndExportsTheTrace)
{
    QTemporaryDir dir;
    const QString path = writeScenario(dir, uitest::ioScenario(3, 20), QStringLiteral("short.overlap.json"));
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    int lastDone = -1, lastTotal = -1;
    QObject::connect(window.runController(), &ui::RunController::progress, [&](int done, int total) {
        lastDone = done;
        lastTotal = total;
    });
    ASSERT_TRUE(window.startRun());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.isRunning(); }, 15'000));
    EXPECT_EQ(lastDone, 3);
    EXPECT_EQ(lastTotal, 3);
    ASSERT_EQ(window.finishedRuns().size(), 1u);
    EXPECT_EQ(window.finishedRuns().front()->metrics.tasks, 3);
    EXPECT_EQ(window.finishedRuns().front()->metrics.failed, 0);

    const QString json = dir.filePath(QStringLiteral("trace.json"));
    const QString csv = dir.filePath(QStringLiteral("steps.csv"));
    EXPECT_EQ(
        ui::exportTrace(json, ui::TraceFormat::ChromeJson, window.finishedRuns(), QStringLiteral("tiny")),
        "");
    EXPECT_EQ(ui::exportTrace(csv, ui::TraceFormat::Csv, window.finishedRuns(), QStringLiteral("tiny")), "");
    QFile jsonFile(json), csvFile(csv);
    ASSERT_TRUE(jsonFile.open(QIODevice::ReadOnly));
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly));
    EXPECT_TRUE(jsonFile.readAll().startsWith("{\"traceEvents\":["));
    EXPECT_EQ(csvFile.readAll().count('\n'), 4); // header + one row per step
}

TEST(MainWindow, ToolbarEditsTheScenariosRunSettings)
{
    QTemporaryDir dir;
    const engine::Scenario original = uitest::ioScenario(2, 10, engine::Model::Threads);
    const QString path = writeScenario(dir, original, QStringLiteral("t.overlap.json"));
    MainWindow window;
    ASSERT_TRUE(window.openFile(path));
    ui::RunSettingsBar* bar = window.runSettings();
    EXPECT_EQ(bar->model(), engine::Model::Threads);

    // The user picks fibers and one worker, as with the mouse.
    bar->modelCombo()->setCurrentIndex(bar->modelCombo()->findData(static_cast<int>(engine::Model::Fibers)));
    bar->workersSpin()->setValue(3);
    bar->workersSpin()->setValue(1);
    EXPECT_EQ(window.editor()->scenario().run.model, engine::Model::Fibers);
    EXPECT_EQ(window.editor()->scenario().run.workers, 1);
    EXPECT_FALSE(window.editor()->undoStack()->isClean());
    EXPECT_EQ(window.editor()->undoStack()->count(), 2); // the model, then the workers in one step

    ASSERT_TRUE(window.startRun());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.isRunning(); }, 15'000));
    ASSERT_EQ(window.finishedRuns().size(), 1u);
    EXPECT_EQ(window.finishedRuns().front()->plan.run().model, engine::Model::Fibers);
    EXPECT_EQ(window.finishedRuns().front()->output.workers, 1);

    // Undo puts back the file's settings, in the document and on the toolbar.
    window.editor()->undoStack()->undo();
    window.editor()->undoStack()->undo();
    EXPECT_TRUE(window.editor()->undoStack()->isClean());
    EXPECT_EQ(window.editor()->scenario().run.model, engine::Model::Threads);
    EXPECT_EQ(bar->model(), engine::Model::Threads);
    EXPECT_EQ(bar->workers(), original.run.workers);
}

TEST(MainWindow, OpensAScenarioDroppedOnIt)
{
    QTemporaryDir dir;
    engine::Scenario dropped = uitest::ioScenario(5, 10);
    dropped.name = "dropped";
    const QString path = writeScenario(dir, dropped, QStringLiteral("drop.overlap.json"));
    MainWindow window;
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    EXPECT_EQ(window.editor()->scenario(), dropped);
    EXPECT_EQ(window.currentPath(), path);

    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent refused(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(&window, &refused);
    EXPECT_FALSE(refused.isAccepted());
}

TEST(MainWindow, RemembersTheRunChoicesAndRecentFiles)
{
    QTemporaryDir dir;
    const QString path = writeScenario(dir, uitest::ioScenario(2, 10), QStringLiteral("recent.overlap.json"));
    {
        MainWindow window;
        ASSERT_TRUE(window.openFile(path));
        window.runSettings()->modelCombo()->setCurrentIndex(
            window.runSettings()->modelCombo()->findData(static_cast<int>(engine::Model::Processes)));
        window.runSettings()->workersSpin()->setValue(3);
        window.setUnsavedPrompt([] { return QMessageBox::Discard; });
        EXPECT_TRUE(window.close());
    }
    const QSettings settings;
    EXPECT_TRUE(settings.value(QStringLiteral("recentFiles")).toStringList().contains(path));
    // A new window's untitled scenario starts from the last settings used.
    MainWindow again;
    EXPECT_EQ(again.runSettings()->model(), engine::Model::Processes);
    EXPECT_EQ(again.runSettings()->workers(), 3);
    EXPECT_EQ(again.editor()->scenario().run.model, engine::Model::Processes);
    EXPECT_TRUE(again.editor()->undoStack()->isClean());
}

TEST(MainWindow, RunMenuMirrorsTheToolbarModel)
{
    MainWindow window;
    window.setLanguage(ui::Language::english, false);
    QMenu* modelMenu = nullptr;
    for (QAction* action : window.runMenu()->actions())
        if (action->menu())
            modelMenu = action->menu();
    ASSERT_NE(modelMenu, nullptr);
    ASSERT_EQ(modelMenu->actions().size(), 4);
    modelMenu->actions().at(1)->trigger();
    EXPECT_EQ(window.runSettings()->model(), engine::Model::Fibers);
    window.runSettings()->setFrom({engine::Model::Processes, 2, false, 5, 0, 1});
    EXPECT_TRUE(modelMenu->actions().at(3)->isChecked());
    EXPECT_FALSE(modelMenu->actions().at(1)->isChecked());
}
