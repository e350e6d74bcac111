#include "engine/scenarioio.h"
#include "ui/chartsview.h"
#include "ui/comparerunner.h"
#include "ui/compareview.h"
#include "ui/ganttview.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/runcontroller.h"
#include "ui/runsettingsbar.h"
#include "ui/scenarioeditor.h"
#include "ui/scenariotablemodel.h"
#include "uitestutil.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
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

namespace {

bool waitUntilIdle(const MainWindow& window)
{
    return QTest::qWaitFor([&] { return !window.isRunning(); }, 60'000);
}

// What a window shows of earlier results: nothing, after New or Open.
void expectNoResults(const MainWindow& window)
{
    EXPECT_EQ(window.ganttView()->timeline()->eventCount(), 0u);
    EXPECT_FALSE(window.ganttView()->showsImport());
    EXPECT_TRUE(window.chartsView()->isEmpty());
    EXPECT_EQ(window.compareView()->model()->rowCount(), 0);
    EXPECT_TRUE(window.compareView()->caption().isEmpty());
    EXPECT_TRUE(window.resultsCaption().isEmpty());
    EXPECT_TRUE(window.finishedRuns().empty());
    EXPECT_FALSE(window.currentImport());
}

QAction* actionNamed(const MainWindow& window, const QString& text)
{
    for (QAction* action : window.findChildren<QAction*>())
        if (action->text() == text)
            return action;
    return nullptr;
}

} // namespace

TEST(MainWindow, ResultsSayWhichScenarioAndSettingsMadeThemAndGoWithIt)
{
    QTemporaryDir dir;
    engine::Scenario first = uitest::ioScenario(2, 10);
    first.name = "first scenario";
    engine::Scenario second = uitest::ioScenario(3, 10);
    second.name = "second scenario";
    const QString firstPath = writeScenario(dir, first, QStringLiteral("first.overlap.json"));
    const QString secondPath = writeScenario(dir, second, QStringLiteral("second.overlap.json"));
    MainWindow window;
    window.setLanguage(ui::Language::english, false);
    QCoreApplication::processEvents();
    window.setUnsavedPrompt([] { return QMessageBox::Discard; });

    ASSERT_TRUE(window.openFile(firstPath));
    expectNoResults(window);
    ASSERT_TRUE(window.startRun());
    ASSERT_TRUE(waitUntilIdle(window));
    EXPECT_EQ(window.resultsCaption(), QStringLiteral("Run of “first scenario” — Threads ×2"));
    ASSERT_TRUE(window.startCompare());
    ASSERT_TRUE(waitUntilIdle(window));
    EXPECT_EQ(window.compareView()->model()->rowCount(), 5);
    EXPECT_EQ(window.compareView()->caption(), QStringLiteral("Every model on “first scenario”, workers: 2"));
    // The Gantt shows the comparison's last run, and says so.
    EXPECT_EQ(window.resultsCaption(), QStringLiteral("Run of “first scenario” — Processes ×2"));
    EXPECT_FALSE(window.chartsView()->isEmpty());

    // An edit afterwards: what is shown is still labelled, and no longer current.
    ui::ScenarioTableModel* table = window.editor()->tableModel();
    ASSERT_TRUE(table->setData(table->index(0, ui::ScenarioTableModel::Count), 4, Qt::EditRole));
    EXPECT_TRUE(window.resultsCaption().endsWith(QStringLiteral("the scenario has been edited since")));
    EXPECT_TRUE(
        window.compareView()->caption().endsWith(QStringLiteral("the scenario has been edited since")));
    window.editor()->undoStack()->undo(); // back to what was run
    EXPECT_FALSE(window.resultsCaption().contains(QStringLiteral("edited")));

    // Open another scenario: nothing of the first one stays on screen.
    ASSERT_TRUE(window.openFile(secondPath));
    expectNoResults(window);
    EXPECT_EQ(window.editor()->scenario(), second);
    QAction* exportCsv = actionNamed(window, QStringLiteral("&CSV (one row per step)…"));
    ASSERT_NE(exportCsv, nullptr);
    EXPECT_FALSE(exportCsv->isEnabled()); // no runs of the first scenario to export

    // The same for New and for an example.
    ASSERT_TRUE(window.startRun());
    ASSERT_TRUE(waitUntilIdle(window));
    EXPECT_TRUE(window.resultsCaption().contains(QStringLiteral("second scenario")));
    ASSERT_TRUE(window.newScenario());
    expectNoResults(window);
    ASSERT_TRUE(window.startRun());
    ASSERT_TRUE(waitUntilIdle(window));
    EXPECT_FALSE(window.finishedRuns().empty());
    ASSERT_TRUE(window.openExample(QStringLiteral(":/examples/tarefas.overlap.json")));
    expectNoResults(window);
}

TEST(MainWindow, NoNewDocumentWhileARunIsInProgress)
{
    QTemporaryDir dir;
    const QString path
        = writeScenario(dir, uitest::ioScenario(2, 20'000), QStringLiteral("long.overlap.json"));
    const QString other = writeScenario(dir, uitest::ioScenario(1, 10), QStringLiteral("other.overlap.json"));
    MainWindow window;
    window.setUnsavedPrompt([] { return QMessageBox::Discard; });
    ASSERT_TRUE(window.openFile(path));
    ASSERT_TRUE(window.startRun());
    // The run belongs to this scenario: another one may not take its views.
    EXPECT_FALSE(window.openFile(other));
    EXPECT_FALSE(window.newScenario());
    EXPECT_FALSE(window.openExample(QStringLiteral(":/examples/tarefas.overlap.json")));
    EXPECT_EQ(window.currentPath(), path);
    window.stopRun();
    ASSERT_TRUE(waitUntilIdle(window));
    EXPECT_TRUE(window.openFile(other));
}

TEST(MainWindow, ATraceIsItsOwnDocument)
{
    QTemporaryDir dir;
    engine::Scenario s = uitest::ioScenario(2, 10);
    s.name = "unrelated scenario";
    const QString scenarioPath = writeScenario(dir, s, QStringLiteral("s.overlap.json"));
    const QString tracePath = dir.filePath(QStringLiteral("node-trace.json"));
    {
        QFile trace(tracePath);
        ASSERT_TRUE(trace.open(QIODevice::WriteOnly));
        trace.write(R"([{"ph":"X","pid":1,"tid":1,"ts":0,"dur":1000,"name":"a"},
                        {"ph":"X","pid":1,"tid":2,"ts":500,"dur":1000,"name":"b"}])");
    }
    MainWindow window;
    window.setLanguage(ui::Language::english, false);
    QCoreApplication::processEvents();
    int asked = 0;
    window.setUnsavedPrompt([&] {
        ++asked;
        return QMessageBox::Discard;
    });
    ASSERT_TRUE(window.openFile(scenarioPath));
    ASSERT_TRUE(window.startCompare());
    ASSERT_TRUE(waitUntilIdle(window));
    ui::ScenarioTableModel* table = window.editor()->tableModel();
    ASSERT_TRUE(
        table->setData(table->index(0, ui::ScenarioTableModel::Name), QStringLiteral("x"), Qt::EditRole));

    // Dropped on the window, like a scenario: unsaved changes are asked about first.
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(tracePath)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    ASSERT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    EXPECT_EQ(asked, 1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window.isImporting() && window.currentImport(); }, 30'000));

    // The title, the Gantt and its caption are the trace's; the scenario and
    // its comparison are gone, and nothing offers to run or save one.
    EXPECT_TRUE(window.windowTitle().startsWith(QStringLiteral("node-trace.json — ")))
        << window.windowTitle().toStdString();
    EXPECT_TRUE(window.ganttView()->showsImport());
    EXPECT_TRUE(window.resultsCaption().contains(QStringLiteral("node-trace.json")));
    EXPECT_FALSE(window.editorShown());
    EXPECT_NE(window.editor()->scenario().name, "unrelated scenario");
    EXPECT_TRUE(window.editor()->undoStack()->isClean());
    EXPECT_TRUE(window.currentPath().isEmpty());
    EXPECT_EQ(window.compareView()->model()->rowCount(), 0);
    EXPECT_FALSE(window.runAction()->isEnabled());
    EXPECT_FALSE(window.startRun());
    EXPECT_FALSE(window.startCompare());
    QAction* saveAction = actionNamed(window, QStringLiteral("&Save"));
    ASSERT_NE(saveAction, nullptr);
    EXPECT_FALSE(saveAction->isEnabled());

    // A scenario takes the window back.
    ASSERT_TRUE(window.newScenario());
    expectNoResults(window);
    EXPECT_TRUE(window.editorShown());
    EXPECT_TRUE(window.runAction()->isEnabled());
    EXPECT_FALSE(window.windowTitle().contains(QStringLiteral("node-trace")));
}

TEST(MainWindow, AShippedExampleOpensAsATemplateThatSaveNeverOverwrites)
{
    QTemporaryDir dir;
    // Where the examples live: a source tree's resources/examples and an install's share/.
    const QString source = dir.filePath(QStringLiteral("src/resources/examples"));
    const QString installed = dir.filePath(QStringLiteral("usr/share/overlap/examples"));
    ASSERT_TRUE(QDir().mkpath(source));
    ASSERT_TRUE(QDir().mkpath(installed));
    const QString example = source + QStringLiteral("/cpu-benchmark.overlap.json");
    ASSERT_TRUE(QFile::copy(QStringLiteral(":/examples/cpu-benchmark.overlap.json"), example));
    QFile::setPermissions(example, QFile::ReadOwner | QFile::WriteOwner); // as a checkout has it
    QByteArray shipped;
    {
        QFile file(example);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        shipped = file.readAll();
    }
    const auto onDisk = [](const QString& path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };

    MainWindow window;
    window.setLanguage(ui::Language::english, false);
    QCoreApplication::processEvents();
    QStringList suggested;
    QString answer;
    window.setSavePathPrompt([&](const QString& path) {
        suggested << path;
        return answer;
    });
    ASSERT_TRUE(window.openFile(example));
    EXPECT_TRUE(window.isTemplate());
    EXPECT_TRUE(window.currentPath().isEmpty());
    EXPECT_EQ(window.editor()->scenario().name, "CPU bound: 8 jobs");
    EXPECT_TRUE(window.windowTitle().contains(QStringLiteral("(example)")))
        << window.windowTitle().toStdString();

    // Changing the model makes a modified template, and Save asks where: Cancel writes nothing.
    ASSERT_EQ(window.editor()->scenario().run.model, engine::Model::Processes);
    window.runSettings()->modelCombo()->setCurrentIndex(
        window.runSettings()->modelCombo()->findData(static_cast<int>(engine::Model::Threads)));
    EXPECT_FALSE(window.editor()->undoStack()->isClean());
    EXPECT_FALSE(window.save());
    ASSERT_EQ(suggested.size(), 1);
    EXPECT_EQ(QFileInfo(suggested.front()).fileName(), QStringLiteral("cpu-benchmark.overlap.json"));
    EXPECT_NE(QFileInfo(suggested.front()).absolutePath(), QFileInfo(example).absolutePath());
    EXPECT_EQ(onDisk(example), shipped);

    // Pointed at the example itself, or into the examples' folders, Save refuses.
    answer = example;
    EXPECT_FALSE(window.save());
    answer = installed + QStringLiteral("/mine.overlap.json");
    EXPECT_FALSE(window.save());
    EXPECT_FALSE(QFile::exists(answer));
    EXPECT_FALSE(window.saveTo(example));
    EXPECT_EQ(onDisk(example), shipped);

    // Elsewhere it saves, and from then on the copy is the user's own file.
    answer = dir.filePath(QStringLiteral("mine.overlap.json"));
    ASSERT_TRUE(window.save());
    EXPECT_EQ(window.currentPath(), answer);
    EXPECT_FALSE(window.isTemplate());
    EXPECT_EQ(engine::loadScenarioFile(answer.toStdString()).scenario->run.model, engine::Model::Threads);
    const qsizetype asked = suggested.size();
    EXPECT_TRUE(window.save());
    EXPECT_EQ(suggested.size(), asked); // no question for the user's own file
    EXPECT_EQ(onDisk(example), shipped);

    // An installed example that differs from the bundled one is a template too.
    engine::Scenario custom = uitest::ioScenario(2, 10);
    custom.name = "installed extra";
    const QString extra
        = writeScenario(dir, custom, QStringLiteral("usr/share/overlap/examples/extra.overlap.json"));
    const QByteArray extraBytes = onDisk(extra);
    ASSERT_TRUE(window.openFile(extra));
    EXPECT_TRUE(window.isTemplate());
    EXPECT_EQ(window.editor()->scenario(), custom);
    answer.clear();
    EXPECT_FALSE(window.save());
    EXPECT_EQ(QFileInfo(suggested.back()).fileName(), QStringLiteral("extra.overlap.json"));
    EXPECT_EQ(onDisk(extra), extraBytes);
    EXPECT_TRUE(MainWindow::isShippedExampleLocation(extra));
    EXPECT_FALSE(MainWindow::isShippedExampleLocation(dir.filePath(QStringLiteral("mine.overlap.json"))));
}
