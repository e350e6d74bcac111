#pragma once

// The main window: menus and toolbar, the Gantt chart above a tab widget
// with the scenario editor, the live charts and the comparison, a status bar
// with the run's progress. It wires the parts together; each part does its own job.
//
// The window holds one document at a time: a scenario (a file, an example
// opened as a template, or untitled) or another tool's trace. Whatever the
// Gantt, the charts and Compare show belongs to it: New, Open, an example or
// a trace clears them, and each says which scenario and settings produced it.

#include "engine/scenario.h"
#include "ui/traceexporter.h"
#include "ui/traceimporter.h"

#include <QMainWindow>
#include <QMessageBox>
#include <functional>
#include <optional>
#include <vector>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QStackedWidget;
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
    // A shipped example (bundled, or a file among the installed or source
    // examples) opens as a template: it has no path, and Save asks where.
    bool openFile(const QString& path);
    bool openTrace(const QString& path);
    bool openExample(const QString& resourcePath);
    bool newScenario(); // File ▸ New, after the unsaved-changes prompt
    bool save(); // File ▸ Save: a template or an untitled scenario asks where
    bool saveTo(const QString& path); // refuses the shipped examples' folders
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
    // Asked where to save (Save As): given the suggested path, returns the
    // chosen one or "" for Cancel. Replaceable for the same reason.
    using SavePathPrompt = std::function<QString(const QString& suggested)>;
    void setSavePathPrompt(SavePathPrompt prompt) { m_savePathPrompt = std::move(prompt); }

    // Whether `path` lies among Overlap's shipped examples: the installed
    // ones (…/share/overlap/examples) or the source tree's resources/examples.
    static bool isShippedExampleLocation(const QString& path);

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
    // The document is a shipped example opened as a template.
    bool isTemplate() const { return m_path.isEmpty() && !m_exampleTitle.isEmpty(); }
    // The line above the Gantt (and the charts) naming what they show, and
    // the same for Compare; empty when nothing is shown.
    QString resultsCaption() const;
    QString compareCaption() const;
    // The Scenario tab shows the editor (false: a note that the trace has no scenario).
    bool editorShown() const;
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
    void updateCaptions();
    void showImport(const ImportResultPtr& result);
    bool maybeSave();
    bool saveAs();
    void open();
    // Refuses (and says why) while a run or an import is in progress.
    bool canReplaceDocument();
    // Forgets every result shown: Gantt, charts, Compare, the runs to export.
    void clearResults();
    // The example shown in the other language, keeping what was run with it.
    void relocalizeExample();
    QString resultsName() const; // the scenario name the finished runs were made from
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
    QStackedWidget* m_editorPages;
    QLabel* m_traceNote; // the Scenario tab while a trace is the document
    QLabel* m_ganttCaption;
    QToolBar* m_toolBar = nullptr;
    QLabel* m_statusText;
    // The status line's text and, for figures, what they mean.
    void showStatus(const QString& text, const QString& toolTip = {});
    QProgressBar* m_progress;

    QString m_path; // empty: untitled, or an example not yet saved
    TraceImporter* m_importer;
    ImportResultPtr m_import;
    QPushButton* m_cancelImport;
    QString m_importPath; // the import in progress
    QString m_tracePath; // the trace shown (the document), while m_import is set
    QString m_exampleTitle;
    QString m_exampleResource; // the example shown, while it has no file of its own
    QString m_templateFile; // file name to suggest when a template is saved
    UnsavedPrompt m_unsavedPrompt;
    SavePathPrompt m_savePathPrompt;
    std::vector<FinishedRunPtr> m_finished; // what Export trace writes

    // What the Gantt and Compare show, for their captions: the scenario and
    // settings of the run (workers actually started), and the editor's undo
    // index then, so that a later edit can be told.
    struct Shown {
        engine::Scenario scenario;
        int workers = 0;
        int undoIndex = 0;
    };
    std::optional<Shown> m_shownRun;
    std::optional<Shown> m_shownCompare;

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
