#pragma once

// The main window: menus and toolbar, the Gantt chart above a tab widget
// with the scenario editor, the live charts and the comparison, a status bar
// with the run's progress. It wires the parts together; each part does its own job.

#include "engine/scenario.h"
#include "ui/traceexporter.h"
#include "ui/traceimporter.h"

#include <QMainWindow>
#include <QMessageBox>
#include <functional>
#include <vector>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace overlap::ui {

class ChartsView;
class CompareRunner;
class CompareView;
class GanttView;
class RecentFiles;
class RunController;
class RunSettingsBar;
class ScenarioEditor;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Each returns false (and shows why) when it did not happen.
    // A scenario, or another tool's trace (read off the GUI thread: returns
    // when the import has started; importFinished() tells the end).
    bool openFile(const QString& path);
    bool openTrace(const QString& path);
    bool openExample(const QString& resourcePath);
    bool saveTo(const QString& path);
    bool startRun();
    void stopRun();
    bool startCompare();
    bool isRunning() const;
    bool isImporting() const;
    void cancelImport();

    // Asked before unsaved changes would be lost: Save, Discard or Cancel.
    // Replaceable so that tests need no modal dialog.
    using UnsavedPrompt = std::function<QMessageBox::StandardButton()>;
    void setUnsavedPrompt(UnsavedPrompt prompt) { m_unsavedPrompt = std::move(prompt); }

    // `remember`: keep the choice for the next start (a user's pick, not the system default).
    void setLanguage(const QString& code, bool remember = true);

    ScenarioEditor* editor() const { return m_editor; }
    RunSettingsBar* runSettings() const { return m_runSettings; }
    RunController* runController() const { return m_controller; }
    CompareRunner* compareRunner() const { return m_compareRunner; }
    CompareView* compareView() const { return m_compareView; }
    ChartsView* chartsView() const { return m_charts; }
    QAction* runAction() const { return m_runAction; }
    QMenu* runMenu() const { return m_runMenu; }
    QString currentPath() const { return m_path; }
    const std::vector<FinishedRunPtr>& finishedRuns() const { return m_finished; }
    // The trace on the Gantt, when it shows one.
    const ImportResultPtr& currentImport() const { return m_import; }
    GanttView* ganttView() const { return m_gantt; }

signals:
    void importFinished(bool shown);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void connectController(RunController* controller, bool comparing);
    void retranslateUi();
    void updateUndoTexts();
    void fillExamplesMenu();
    void updateTitle();
    void updateActions();
    void showImport(const ImportResultPtr& result);
    bool maybeSave();
    bool save();
    bool saveAs();
    void newScenario();
    void open();
    void exportTraceAs(TraceFormat format);
    // The view as shown, or every finished run whole (stacked on one time scale).
    void exportImage(bool wholeRun);
    void loadScenario(const engine::Scenario& scenario, const QString& path);
    void showError(const QString& text);
    void readSettings();
    void writeSettings() const;

    ScenarioEditor* m_editor;
    GanttView* m_gantt;
    ChartsView* m_charts;
    CompareView* m_compareView;
    RunController* m_controller;
    CompareRunner* m_compareRunner;
    RunSettingsBar* m_runSettings;
    RecentFiles* m_recent = nullptr;
    QSplitter* m_splitter;
    QTabWidget* m_tabs;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_statusText;
    QProgressBar* m_progress;

    QString m_path; // empty: untitled, or an example not yet saved
    TraceImporter* m_importer;
    ImportResultPtr m_import;
    QPushButton* m_cancelImport;
    QString m_importPath;
    QString m_exampleTitle;
    QString m_exampleResource; // the example shown, while it has no file of its own
    UnsavedPrompt m_unsavedPrompt;
    std::vector<FinishedRunPtr> m_finished; // what Export trace writes

    QMenu* m_fileMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_examplesMenu = nullptr;
    QMenu* m_exportMenu = nullptr;
    QMenu* m_editMenu = nullptr;
    QMenu* m_runMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_lanesMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_modelMenu = nullptr;

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportJsonAction = nullptr;
    QAction* m_exportCsvAction = nullptr;
    QAction* m_exportImageAction = nullptr;
    QAction* m_exportRunImageAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QAction* m_addTaskAction = nullptr;
    QAction* m_removeTaskAction = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_compareAction = nullptr;
    QAction* m_lanesTaskAction = nullptr;
    QAction* m_lanesWorkerAction = nullptr;
    QAction* m_lanesCoreAction = nullptr;
    QAction* m_followAction = nullptr;
    QAction* m_fitAction = nullptr;
    QAction* m_gilAction = nullptr;
    std::vector<QAction*> m_modelActions; // Run ▸ Model, mirroring the toolbar's combo
    QAction* m_englishAction = nullptr;
    QAction* m_portugueseAction = nullptr;
};

} // namespace overlap::ui
