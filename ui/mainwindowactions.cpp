// MainWindow's actions, menus and toolbar, and their texts in the user's
// language: the part of the window that only declares what the user can do.

#include "ui/chartsview.h"
#include "ui/compareview.h"
#include "ui/ganttview.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/modelnames.h"
#include "ui/recentfiles.h"
#include "ui/runsettingsbar.h"
#include "ui/scenarioeditor.h"

#include <QAction>
#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>

namespace overlap::ui {

void MainWindow::createActions()
{
    auto make = [this](QKeySequence shortcut, auto slot) {
        auto* action = new QAction(this);
        action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_newAction = make(QKeySequence::New, [this] { newScenario(); });
    m_openAction = make(QKeySequence::Open, [this] { open(); });
    m_saveAction = make(QKeySequence::Save, [this] { save(); });
    m_saveAsAction = make(QKeySequence::SaveAs, [this] { saveAs(); });
    m_exportJsonAction = make(QKeySequence(), [this] { exportTraceAs(TraceFormat::ChromeJson); });
    m_exportCsvAction = make(QKeySequence(), [this] { exportTraceAs(TraceFormat::Csv); });
    m_exportImageAction = make(QKeySequence(Qt::CTRL | Qt::Key_E), [this] { exportImage(false); });
    m_exportRunImageAction
        = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] { exportImage(true); });
    m_quitAction = make(QKeySequence::Quit, [this] { close(); });
    m_quitAction->setMenuRole(QAction::QuitRole);
    // Own actions rather than QUndoStack::createUndoAction, whose fixed prefix
    // would not follow a change of language.
    QUndoStack* undo = m_editor->undoStack();
    m_undoAction = make(QKeySequence::Undo, [undo] { undo->undo(); });
    m_redoAction = make(QKeySequence::Redo, [undo] { undo->redo(); });
    connect(undo, &QUndoStack::indexChanged, this, [this] { updateUndoTexts(); });
    m_addTaskAction = make(QKeySequence(Qt::CTRL | Qt::Key_Plus), [this] { m_editor->addTask(); });
    m_removeTaskAction
        = make(QKeySequence(Qt::CTRL | Qt::Key_Minus), [this] { m_editor->removeSelectedTask(); });
    m_runAction = make(QKeySequence(Qt::Key_F5), [this] { startRun(); });
    m_stopAction = make(QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { stopRun(); });
    m_compareAction = make(QKeySequence(Qt::CTRL | Qt::Key_F5), [this] { startCompare(); });

    auto* lanes = new QActionGroup(this);
    auto lane = [&](GanttView::LaneMode mode, QKeySequence shortcut) {
        QAction* action = make(shortcut, [this, mode] {
            m_gantt->setLaneMode(mode);
            QSettings().setValue(QStringLiteral("laneMode"), static_cast<int>(mode));
        });
        action->setCheckable(true);
        lanes->addAction(action);
        return action;
    };
    m_lanesTaskAction = lane(GanttView::LaneMode::Task, QKeySequence(Qt::CTRL | Qt::Key_1));
    m_lanesWorkerAction = lane(GanttView::LaneMode::Worker, QKeySequence(Qt::CTRL | Qt::Key_2));
    m_lanesCoreAction = lane(GanttView::LaneMode::Core, QKeySequence(Qt::CTRL | Qt::Key_3));
    m_lanesTaskAction->setChecked(true);
    m_followAction = new QAction(this);
    m_followAction->setCheckable(true);
    m_followAction->setChecked(m_gantt->followNow());
    m_followAction->setShortcut(QKeySequence(Qt::Key_N));
    connect(m_followAction, &QAction::toggled, m_gantt, &GanttView::setFollowNow);
    m_fitAction = make(QKeySequence(Qt::Key_F), [this] { m_gantt->zoomToFit(); });

    auto* languages = new QActionGroup(this);
    auto language = [&](const QString& code, const QString& nativeName) {
        // Each language is named in itself, so that anyone can find their own.
        QAction* action = make(QKeySequence(), [this, code] { setLanguage(code, true); });
        action->setText(nativeName);
        action->setCheckable(true);
        languages->addAction(action);
        return action;
    };
    m_englishAction = language(Language::english, QStringLiteral("English"));
    m_portugueseAction = language(Language::portuguese, QStringLiteral("Português (Brasil)"));
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_examplesMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addAction(m_saveAsAction);
    m_fileMenu->addAction(m_exportImageAction);
    m_fileMenu->addAction(m_exportRunImageAction);
    m_exportMenu = m_fileMenu->addMenu(QString());
    m_exportMenu->addAction(m_exportJsonAction);
    m_exportMenu->addAction(m_exportCsvAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);
    m_recent = new RecentFiles(m_recentMenu, this);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString& path) {
        if (canReplaceDocument() && maybeSave())
            openFile(path);
    });

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addAction(m_redoAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_addTaskAction);
    m_editMenu->addAction(m_removeTaskAction);

    m_runMenu = menuBar()->addMenu(QString());
    // The menu mirrors the toolbar's overrides, so that keyboard users reach them too.
    m_modelMenu = m_runMenu->addMenu(QString());
    auto* models = new QActionGroup(this);
    QComboBox* combo = m_runSettings->modelCombo();
    for (int i = 0; i < combo->count(); ++i) {
        QAction* action = m_modelMenu->addAction(combo->itemText(i));
        action->setCheckable(true);
        action->setData(combo->itemData(i));
        models->addAction(action);
        connect(action, &QAction::triggered, combo, [combo, i] { combo->setCurrentIndex(i); });
        m_modelActions.push_back(action);
    }
    const auto syncModel = [this, combo] {
        for (std::size_t i = 0; i < m_modelActions.size(); ++i)
            m_modelActions[i]->setChecked(static_cast<int>(i) == combo->currentIndex());
        m_gilAction->setEnabled(m_runSettings->model() == engine::Model::Threads);
    };
    m_gilAction = m_runMenu->addAction(QString());
    m_gilAction->setCheckable(true);
    m_gilAction->setChecked(m_runSettings->gil());
    connect(m_gilAction, &QAction::toggled, m_runSettings->gilCheck(), &QCheckBox::setChecked);
    connect(m_runSettings->gilCheck(), &QCheckBox::toggled, m_gilAction, &QAction::setChecked);
    connect(combo, &QComboBox::currentIndexChanged, this, syncModel);
    connect(m_runSettings, &RunSettingsBar::shown, this, [this, syncModel] {
        syncModel();
        const QSignalBlocker block(m_gilAction);
        m_gilAction->setChecked(m_runSettings->gil());
    });
    syncModel();
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_runAction);
    m_runMenu->addAction(m_stopAction);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_compareAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_lanesMenu = m_viewMenu->addMenu(QString());
    m_lanesMenu->addAction(m_lanesTaskAction);
    m_lanesMenu->addAction(m_lanesWorkerAction);
    m_lanesMenu->addAction(m_lanesCoreAction);
    m_viewMenu->addAction(m_followAction);
    m_viewMenu->addAction(m_fitAction);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addAction(m_englishAction);
    m_languageMenu->addAction(m_portugueseAction);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addAction(m_saveAction);
    m_toolBar->addAction(m_examplesMenu->menuAction());
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_runSettings);
    m_toolBar->addAction(m_runAction);
    m_toolBar->addAction(m_stopAction);
    m_toolBar->addAction(m_compareAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_exportImageAction);
    m_toolBar->addAction(m_exportMenu->menuAction());
    m_toolBar->addAction(m_languageMenu->menuAction());
}

void MainWindow::updateUndoTexts()
{
    const QUndoStack* undo = m_editor->undoStack();
    m_undoAction->setEnabled(undo->canUndo());
    m_redoAction->setEnabled(undo->canRedo());
    m_undoAction->setText(undo->canUndo() ? tr("&Undo %1").arg(undo->undoText()) : tr("&Undo"));
    m_redoAction->setText(undo->canRedo() ? tr("&Redo %1").arg(undo->redoText()) : tr("&Redo"));
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_cancelImport->setText(tr("Cancel"));
    m_cancelImport->setToolTip(tr("Stop reading the trace"));
    m_newAction->setText(tr("&New"));
    m_openAction->setText(tr("&Open…"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_examplesMenu->setTitle(tr("&Examples"));
    m_saveAction->setText(tr("&Save"));
    m_saveAsAction->setText(tr("Save &As…"));
    m_exportImageAction->setText(tr("Export &Image…"));
    m_exportImageAction->setToolTip(
        tr("The timeline as shown, with title, legend and metrics: PNG (2× pixel ratio), SVG or PDF"));
    m_exportRunImageAction->setText(tr("Export &Whole Run as Image…"));
    m_exportRunImageAction->setToolTip(
        tr("Every finished run whole, on one time scale, with title, legend and metrics: PNG, SVG or PDF"));
    m_exportMenu->setTitle(tr("E&xport Trace"));
    m_exportJsonAction->setText(tr("Chrome Trace Event &JSON (Perfetto)…"));
    m_exportCsvAction->setText(tr("&CSV (one row per step)…"));
    m_quitAction->setText(tr("&Quit"));
    m_editMenu->setTitle(tr("&Edit"));
    updateUndoTexts();
    m_addTaskAction->setText(tr("&Add Task"));
    m_removeTaskAction->setText(tr("&Remove Task"));
    m_runMenu->setTitle(tr("&Run"));
    m_runAction->setText(tr("&Run"));
    m_runAction->setToolTip(tr("Run the scenario with the toolbar's model (F5)"));
    m_stopAction->setText(tr("&Stop"));
    m_stopAction->setToolTip(tr("Stop the run in progress (Shift+F5)"));
    m_compareAction->setText(tr("&Compare All Models"));
    m_modelMenu->setTitle(tr("&Model"));
    for (QAction* action : m_modelActions)
        action->setText(modelTitle(static_cast<engine::Model>(action->data().toInt())));
    m_gilAction->setText(tr("Emulate the &GIL (threads)"));
    m_compareAction->setToolTip(
        tr("Run the scenario under sequential, fibers, threads, threads + GIL and processes (Ctrl+F5)"));
    m_viewMenu->setTitle(tr("&View"));
    m_lanesMenu->setTitle(tr("&Lanes"));
    m_lanesTaskAction->setText(tr("By &Task"));
    m_lanesWorkerAction->setText(tr("By &Worker"));
    m_lanesCoreAction->setText(tr("By CPU &Core"));
    m_followAction->setText(tr("Follow &Now"));
    m_fitAction->setText(tr("&Fit to Window"));
    m_languageMenu->setTitle(tr("&Language"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_tabs->setTabText(m_tabs->indexOf(m_editorPages), tr("Scenario"));
    m_traceNote->setText(tr("A trace recorded by another tool has no scenario to edit or run.\n"
                            "File ▸ New, Open or Examples starts one; the trace then closes."));
    m_tabs->setTabText(m_tabs->indexOf(m_charts), tr("Charts"));
    m_tabs->setTabText(m_tabs->indexOf(m_compareView), tr("Compare"));
    if (m_statusText->text().isEmpty())
        m_statusText->setText(tr("Ready. Press F5 to run the scenario."));
    fillExamplesMenu();
    m_recent->rebuildMenu();
    updateTitle();
}

} // namespace overlap::ui
