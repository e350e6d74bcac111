#include "ui/mainwindow.h"

#include "engine/scenarioio.h"
#include "ui/chartsview.h"
#include "ui/comparerunner.h"
#include "ui/compareview.h"
#include "ui/exampletexts.h"
#include "ui/ganttview.h"
#include "ui/imageexport.h"
#include "ui/language.h"
#include "ui/metrictexts.h"
#include "ui/modelnames.h"
#include "ui/recentfiles.h"
#include "ui/runcontroller.h"
#include "ui/runsettingsbar.h"
#include "ui/scenarioeditor.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace overlap::ui {

namespace {

// "name: definition" for each metric, as a tooltip for text that shows them.
QString metricDefinitions(std::initializer_list<Metric> metrics)
{
    QStringList lines;
    for (Metric m : metrics)
        lines << MetricTexts::name(m) + QStringLiteral(": ") + MetricTexts::definition(m);
    return lines.join(QStringLiteral("\n\n"));
}

} // namespace

using engine::Scenario;

namespace {

// The scenario a new window starts with: small, runnable, and showing overlap at once.
// What a new window shows, in the user's language.
Scenario starterScenario()
{
    Scenario s;
    s.name = MainWindow::tr("Untitled").toStdString();
    s.run.model = engine::Model::Threads;
    s.run.workers = 4;
    s.tasks.push_back({exampleTaskName(QStringLiteral("download")).toStdString(), 4,
        {{engine::StepKind::Io, 500, {}}}, {}, 0});
    s.tasks.push_back({exampleTaskName(QStringLiteral("parse")).toStdString(), 2,
        {{engine::StepKind::Cpu, 100, {}}}, {}, 0});
    return s;
}

// The folders the shipped examples are installed in: next to the executable's
// prefix, and wherever the system keeps shared data.
QStringList installedExampleFolders()
{
    QStringList folders{
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/overlap/examples")};
    for (const QString& data : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        folders << data + QStringLiteral("/overlap/examples");
    QStringList canonical;
    for (const QString& folder : folders)
        if (const QString c = QDir(folder).canonicalPath(); !c.isEmpty())
            canonical << c;
    return canonical;
}

// "I/O bound: 10 downloads" → "I-O bound- 10 downloads.overlap.json": a file
// name to suggest, free of path separators and characters that trouble shells.
QString fileNameFor(const QString& name)
{
    QString base = name.trimmed();
    for (QChar& c : base)
        if (c == QLatin1Char('/') || c == QLatin1Char('\\') || c == QLatin1Char(':') || c.isNull())
            c = QLatin1Char('-');
    if (base.isEmpty())
        base = MainWindow::tr("scenario");
    return base + QStringLiteral(".overlap.json");
}

// What File ▸ Open and drag and drop take: scenarios, and traces (Node writes *.log).
bool isOpenable(const QString& path)
{
    return path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)
        || path.endsWith(QStringLiteral(".log"), Qt::CaseInsensitive);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_editor(new ScenarioEditor(this))
    , m_gantt(new GanttView(this))
    , m_charts(new ChartsView(this))
    , m_compareView(new CompareView(this))
    , m_controller(new RunController(this))
    , m_compareRunner(new CompareRunner(this))
    , m_runSettings(new RunSettingsBar(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_tabs(new QTabWidget(this))
    , m_editorPages(new QStackedWidget(this))
    , m_traceNote(new QLabel(this))
    , m_ganttCaption(new QLabel(this))
    , m_statusText(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_importer(new TraceImporter(this))
    , m_cancelImport(new QPushButton(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    m_gantt->setMinimumHeight(220);
    m_traceNote->setAlignment(Qt::AlignCenter);
    m_traceNote->setWordWrap(true);
    m_traceNote->setTextFormat(Qt::PlainText);
    m_traceNote->setMargin(24);
    m_editorPages->addWidget(m_editor);
    m_editorPages->addWidget(m_traceNote);
    m_tabs->addTab(m_editorPages, QString());
    m_tabs->addTab(m_charts, QString());
    m_tabs->addTab(m_compareView, QString());
    // The caption says whose timeline this is; it shows only when there is one.
    m_ganttCaption->setObjectName(QStringLiteral("resultsCaption"));
    m_ganttCaption->setTextFormat(Qt::PlainText);
    m_ganttCaption->setMargin(4);
    m_ganttCaption->setVisible(false);
    QFont captionFont = m_ganttCaption->font();
    captionFont.setBold(true);
    m_ganttCaption->setFont(captionFont);
    auto* ganttPane = new QWidget(this);
    auto* ganttLayout = new QVBoxLayout(ganttPane);
    ganttLayout->setContentsMargins(0, 0, 0, 0);
    ganttLayout->setSpacing(0);
    ganttLayout->addWidget(m_ganttCaption);
    ganttLayout->addWidget(m_gantt, 1);
    m_splitter->addWidget(ganttPane);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);

    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_progress);
    m_cancelImport->setVisible(false);
    statusBar()->addPermanentWidget(m_cancelImport);
    connect(m_cancelImport, &QPushButton::clicked, this, &MainWindow::cancelImport);
    connect(m_importer, &TraceImporter::progress, this, [this](std::uint64_t done, std::uint64_t total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(
            total ? static_cast<int>(1000.0 * static_cast<double>(done) / static_cast<double>(total)) : 0);
        m_progress->setFormat(tr("%1 of %2 MB")
                                  .arg(static_cast<double>(done) / 1e6, 0, 'f', 0)
                                  .arg(static_cast<double>(total) / 1e6, 0, 'f', 0));
    });
    connect(m_importer, &TraceImporter::finished, this, &MainWindow::showImport);

    m_unsavedPrompt = [this] {
        return QMessageBox::warning(this, tr("Unsaved changes"),
            tr("The scenario has unsaved changes. Save them first?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };
    m_savePathPrompt = [this](const QString& suggested) {
        return QFileDialog::getSaveFileName(this, tr("Save scenario"), suggested,
            tr("Overlap scenarios (*.overlap.json);;JSON files (*.json)"));
    };

    createActions();
    createMenus();
    createToolBar();
    connectController(m_controller, false);
    connectController(m_compareRunner->controller(), true);

    connect(m_editor, &ScenarioEditor::changed, this, [this] {
        updateTitle();
        updateActions();
        updateCaptions();
    });
    // One set of run settings, shown in two places: the toolbar edits the scenario.
    connect(m_editor, &ScenarioEditor::runSettingsChanged, m_runSettings, &RunSettingsBar::setFrom);
    connect(m_runSettings, &RunSettingsBar::modelEdited, this,
        [this] { m_editor->setRunModel(m_runSettings->model()); });
    connect(m_runSettings, &RunSettingsBar::workersEdited, this,
        [this] { m_editor->setRunWorkers(m_runSettings->workers()); });
    connect(m_runSettings, &RunSettingsBar::gilEdited, this,
        [this] { m_editor->setRunGil(m_runSettings->gil()); });
    connect(m_compareRunner, &CompareRunner::resultReady, m_compareView, &CompareView::addResult);
    connect(m_compareRunner, &CompareRunner::variantStarted, this, [this](int index, int count) {
        m_compareView->setStatus(tr("Running model %1 of %2…").arg(index + 1).arg(count));
    });
    connect(m_compareRunner, &CompareRunner::finished, this, [this](bool completed) {
        const std::vector<CompareResult>& results = m_compareView->model()->results();
        const std::optional<std::size_t> fastest = fastestResult(results);
        QString text = completed ? tr("Comparison finished: every model ran the same scenario.")
                                 : tr("Comparison stopped.");
        if (fastest) {
            const CompareResult& best = results[*fastest];
            text += QLatin1Char(' ')
                + tr("Fastest: %1, %2 ms.")
                      .arg(variantTitle(best.model, best.workers, best.gil))
                      .arg(best.metrics.makespanMs, 0, 'f', 0);
        } else if (!results.empty()) {
            text += QLatin1Char(' ') + tr("No run completed every task: none is ranked.");
        }
        m_compareView->setStatus(text);
        updateActions();
    });
    connect(m_gantt, &GanttView::followNowChanged, m_followAction, &QAction::setChecked);

    // The language first, so that the starter scenario is in it.
    setLanguage(QSettings().value(QStringLiteral("language"), Language::systemDefault()).toString(), false);
    loadScenario(starterScenario(), QString());
    readSettings();
    retranslateUi();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectController(RunController* controller, bool comparing)
{
    connect(controller, &RunController::started, this, [this, comparing](const engine::Plan& plan) {
        m_gantt->startRun(plan);
        m_charts->startRun(plan);
        m_progress->setVisible(true);
        showStatus(tr("Running %1…")
                       .arg(variantTitle(plan.run().model, plan.workerCount(),
                           plan.run().gil && plan.run().model == engine::Model::Threads)));
        if (!comparing)
            m_finished.clear();
        m_shownRun = Shown{plan.scenario(), plan.workerCount(), m_editor->undoStack()->index()};
        updateCaptions();
        updateActions();
    });
    connect(controller, &RunController::eventsArrived, this, [this](const std::vector<engine::Event>& batch) {
        m_gantt->appendEvents(batch);
        m_charts->appendEvents(batch);
    });
    connect(controller, &RunController::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
        m_progress->setFormat(tr("%1 / %2 tasks").arg(done).arg(total));
    });
    connect(controller, &RunController::finished, this,
        [this, controller](
            const engine::Plan& plan, const engine::RunOutput& output, const engine::Metrics& metrics) {
            m_gantt->finishRun(output);
            m_charts->finishRun(output);
            m_progress->setVisible(false);
            m_finished.push_back(controller->lastResult());
            const QString label = variantTitle(plan.run().model, output.workers,
                plan.run().gil && plan.run().model == engine::Model::Threads);
            if (m_shownRun)
                m_shownRun->workers = output.workers;
            updateCaptions();
            if (!output.error.empty())
                showStatus(tr("The %1 run failed: %2").arg(label, QString::fromStdString(output.error)));
            else if (output.cancelled)
                showStatus(tr("%1 stopped after %2 ms").arg(label).arg(metrics.makespanMs, 0, 'f', 0));
            else if (metrics.failed > 0)
                // Less work done is no speed: a run with failed tasks gets no speedup.
                showStatus(tr("%1: %2 of %3 tasks failed (makespan %4 ms): no speedup")
                               .arg(label)
                               .arg(metrics.failed)
                               .arg(metrics.tasks)
                               .arg(metrics.makespanMs, 0, 'f', 0));
            else
                showStatus(tr("%1: makespan %2 ms, concurrency %3, parallelism %4, ready %5 ms, %6 failed")
                               .arg(label)
                               .arg(metrics.makespanMs, 0, 'f', 0)
                               .arg(metrics.concurrency, 0, 'f', 2)
                               .arg(metrics.parallelism, 0, 'f', 2)
                               .arg(metrics.readyMs, 0, 'f', 0)
                               .arg(metrics.failed),
                    metricDefinitions({Metric::Makespan, Metric::Concurrency, Metric::Parallelism,
                        Metric::Ready, Metric::Failed}));
            // The next variant of a comparison starts from the event loop; until then nothing runs.
            updateActions();
        });
}

void MainWindow::showStatus(const QString& text, const QString& toolTip)
{
    m_statusText->setText(text);
    m_statusText->setToolTip(toolTip);
}

bool MainWindow::isRunning() const
{
    return m_controller->isRunning() || m_compareRunner->isRunning() || m_importer->isRunning();
}

bool MainWindow::isImporting() const
{
    return m_importer->isRunning();
}

void MainWindow::cancelImport()
{
    m_importer->cancel();
}

bool MainWindow::openTrace(const QString& path)
{
    if (isRunning()) {
        showError(tr("Wait for the run or the import in progress to end, or stop it."));
        return false;
    }
    if (!QFileInfo(path).isReadable()) {
        showError(tr("cannot read %1").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    m_importPath = path;
    m_importer->start(path);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_cancelImport->setVisible(true);
    showStatus(tr("Reading %1…").arg(QDir::toNativeSeparators(path)));
    m_recent->add(path);
    QSettings().setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    updateActions();
    return true;
}

void MainWindow::showImport(const ImportResultPtr& result)
{
    m_progress->setVisible(false);
    m_cancelImport->setVisible(false);
    const QString name = QFileInfo(m_importPath).fileName();
    const engine::ImportedTrace& trace = result->trace;
    bool shown = false;
    if (trace.cancelled) {
        showStatus(tr("Reading %1 was cancelled").arg(name));
    } else if (!trace.usable() || !result->timeline || trace.events == 0) {
        showError(trace.error.message.empty() ? tr("%1 holds no trace events").arg(name)
                                              : QString::fromStdString(trace.error.message));
        showStatus(tr("%1 is not a trace that can be shown").arg(name));
    } else {
        // The trace becomes the document: the scenario, its results and its
        // settings go (the caller asked about unsaved changes first).
        clearResults();
        m_exampleTitle.clear();
        m_exampleResource.clear();
        m_templateFile.clear();
        m_path.clear();
        m_editor->setScenario(starterScenario());
        m_runSettings->setFrom(m_editor->scenario().run);
        m_import = result;
        m_tracePath = m_importPath;
        m_gantt->showTimeline(result->timeline);
        m_charts->showImport(trace, *m_gantt->timeline());
        m_editorPages->setCurrentWidget(m_traceNote);
        updateTitle();
        updateCaptions();
        // Slices in progress are concurrency; parallelism needs the CPU time
        // that only some producers write (tdur).
        QString text = tr("%1: %2 events, %3 lanes, %4 s, concurrency %5, peak concurrency %6")
                           .arg(name)
                           .arg(trace.events)
                           .arg(trace.lanes.size())
                           .arg(static_cast<double>(trace.spanNs) / 1e9, 0, 'f', 3)
                           .arg(trace.concurrency, 0, 'f', 2)
                           .arg(trace.peakConcurrency);
        if (trace.hasThreadCpu)
            text += tr(", parallelism %1").arg(trace.parallelism, 0, 'f', 2);
        if (trace.unclosedBegins > 0)
            // Ended at their thread's last event (engine/traceimport.h).
            text += tr("; slices never closed: %1").arg(trace.unclosedBegins);
        std::size_t skipped = 0;
        for (const auto& [phase, count] : trace.skipped)
            skipped += count;
        if (skipped > 0)
            text += tr("; %1 events of unsupported phases skipped").arg(skipped);
        showStatus(text);
        if (trace.hasError()) {
            // What was read before the damage is shown; say where it stopped.
            showError(tr("%1\nThe events before byte %2 are shown.")
                          .arg(QString::fromStdString(trace.error.message))
                          .arg(trace.error.offset));
        }
        shown = true;
    }
    updateActions();
    emit importFinished(shown);
}

bool MainWindow::startRun()
{
    if (isRunning() || m_import) // a trace has no scenario to run
        return false;
    if (const QString error = m_editor->validationError(); !error.isEmpty()) {
        showError(tr("The scenario cannot run: %1").arg(error));
        return false;
    }
    const bool ok = m_controller->start(engine::Plan(m_editor->scenario()));
    updateActions();
    return ok;
}

void MainWindow::stopRun()
{
    m_controller->stop();
    m_compareRunner->stop();
    m_importer->cancel();
}

bool MainWindow::startCompare()
{
    if (isRunning() || m_import)
        return false;
    if (const QString error = m_editor->validationError(); !error.isEmpty()) {
        showError(tr("The scenario cannot run: %1").arg(error));
        return false;
    }
    const Scenario scenario = m_editor->scenario();
    m_shownCompare = Shown{scenario, scenario.run.workers, m_editor->undoStack()->index()};
    m_compareView->clear(compareCaption());
    m_finished.clear();
    m_tabs->setCurrentWidget(m_compareView);
    const bool ok = m_compareRunner->start(scenario, scenario.run.workers);
    updateActions();
    return ok;
}

void MainWindow::updateActions()
{
    const bool running = isRunning();
    // A trace has no scenario to run, edit or save.
    const bool scenario = !m_import;
    m_runAction->setEnabled(!running && scenario);
    m_compareAction->setEnabled(!running && scenario);
    m_stopAction->setEnabled(running);
    // A new document would take the views from under a run.
    m_newAction->setEnabled(!running);
    m_openAction->setEnabled(!running);
    m_recentMenu->setEnabled(!running);
    m_examplesMenu->setEnabled(!running);
    m_saveAction->setEnabled(scenario);
    m_saveAsAction->setEnabled(scenario);
    m_addTaskAction->setEnabled(scenario);
    m_removeTaskAction->setEnabled(scenario);
    m_exportJsonAction->setEnabled(!running && !m_finished.empty());
    m_exportCsvAction->setEnabled(!running && !m_finished.empty());
    m_exportImageAction->setEnabled(!m_finished.empty() || running || m_gantt->showsImport());
    m_exportRunImageAction->setEnabled((!m_finished.empty() || m_gantt->showsImport()) && !running);
    // An imported trace has lanes by thread only.
    const bool imported = m_gantt->showsImport();
    m_lanesWorkerAction->setEnabled(!imported);
    m_lanesCoreAction->setEnabled(!imported);
    m_runSettings->setEnabled(!running && scenario);
    m_modelMenu->setEnabled(!running && scenario);
    m_gilAction->setEnabled(!running && scenario && m_runSettings->model() == engine::Model::Threads);
}

void MainWindow::updateTitle()
{
    if (m_import) {
        setWindowTitle(QStringLiteral("%1 — Overlap").arg(QFileInfo(m_tracePath).fileName()));
        setWindowModified(false);
        return;
    }
    QString name = m_path.isEmpty() ? m_exampleTitle : QFileInfo(m_path).fileName();
    if (isTemplate())
        name = tr("%1 (example)").arg(name);
    if (name.isEmpty())
        name = tr("Untitled");
    setWindowTitle(QStringLiteral("%1[*] — Overlap").arg(name));
    setWindowModified(!m_editor->undoStack()->isClean());
}

QString MainWindow::resultsCaption() const
{
    return m_ganttCaption->isHidden() ? QString() : m_ganttCaption->text();
}

QString MainWindow::compareCaption() const
{
    if (!m_shownCompare)
        return {};
    const Scenario& s = m_shownCompare->scenario;
    QString text = s.run.workers > 0
        ? tr("Every model on “%1”, workers: %2").arg(QString::fromStdString(s.name)).arg(s.run.workers)
        : tr("Every model on “%1”, one worker per task").arg(QString::fromStdString(s.name));
    if (m_shownCompare->undoIndex != m_editor->undoStack()->index())
        text += tr(" — the scenario has been edited since");
    return text;
}

bool MainWindow::editorShown() const
{
    return m_editorPages->currentWidget() == m_editor;
}

void MainWindow::updateCaptions()
{
    QString text;
    if (m_import) {
        text = tr("Trace %1, recorded by another tool").arg(QFileInfo(m_tracePath).fileName());
    } else if (m_shownRun) {
        const Scenario& s = m_shownRun->scenario;
        const bool gil = s.run.gil && s.run.model == engine::Model::Threads;
        text = tr("Run of “%1” — %2")
                   .arg(QString::fromStdString(s.name), variantTitle(s.run.model, m_shownRun->workers, gil));
        if (m_shownRun->undoIndex != m_editor->undoStack()->index())
            text += tr(" — the scenario has been edited since");
    }
    m_ganttCaption->setText(text);
    m_ganttCaption->setVisible(!text.isEmpty());
    if (m_shownCompare)
        m_compareView->setCaption(compareCaption());
}

void MainWindow::clearResults()
{
    // An empty timeline is the Gantt of a new window; the lane mode is the user's.
    const GanttView::LaneMode lanes = m_gantt->laneMode();
    m_gantt->showTimeline(std::make_shared<engine::Timeline>());
    m_gantt->setLaneMode(lanes);
    m_charts->clear();
    m_shownCompare.reset();
    m_compareView->clear();
    m_shownRun.reset();
    m_finished.clear();
    m_import.reset();
    m_tracePath.clear();
    m_editorPages->setCurrentWidget(m_editor);
    updateCaptions();
}

bool MainWindow::canReplaceDocument()
{
    if (!isRunning())
        return true;
    showError(tr("Wait for the run or the import in progress to end, or stop it."));
    return false;
}

QString MainWindow::resultsName() const
{
    return m_finished.empty() ? QString::fromStdString(m_editor->scenario().name)
                              : QString::fromStdString(m_finished.front()->plan.scenario().name);
}

void MainWindow::loadScenario(const Scenario& scenario, const QString& path)
{
    clearResults();
    m_path = path;
    m_editor->setScenario(scenario);
    m_runSettings->setFrom(scenario.run);
    updateTitle();
    updateActions();
}

bool MainWindow::isShippedExampleLocation(const QString& path)
{
    const QFileInfo info(path);
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    if (folder.isEmpty())
        return false;
    // The source tree's examples, wherever it is checked out, and any install prefix.
    if (folder.endsWith(QStringLiteral("/resources/examples"))
        || folder.endsWith(QStringLiteral("/share/overlap/examples")))
        return true;
    return installedExampleFolders().contains(folder);
}

bool MainWindow::openFile(const QString& path)
{
    if (!canReplaceDocument())
        return false;
    if (looksLikeTrace(path))
        return openTrace(path);
    const engine::ScenarioResult result = engine::loadScenarioFile(QFile::encodeName(path).toStdString());
    if (!result) {
        QString error = QString::fromStdString(result.error);
        if (!error.startsWith(path))
            error = path + QStringLiteral(": ") + error;
        showError(error);
        return false;
    }
    m_recent->add(path);
    if (isShippedExampleLocation(path)) {
        // A shipped example is a template, whichever way it was opened: the
        // bundled copy when it is the same file (it follows the language),
        // else this one, without its path, so that Save asks where.
        const QString bundled = QStringLiteral(":/examples/") + QFileInfo(path).fileName();
        QFile own(path), inside(bundled);
        if (own.open(QIODevice::ReadOnly) && inside.open(QIODevice::ReadOnly)
            && own.readAll() == inside.readAll())
            return openExample(bundled);
        loadScenario(*result.scenario, QString());
        m_exampleTitle = QString::fromStdString(result.scenario->name);
        m_exampleResource.clear();
        m_templateFile = QFileInfo(path).fileName();
        updateTitle();
        showStatus(tr("Opened the example %1 as a template: Save asks where to keep your copy.")
                       .arg(QDir::toNativeSeparators(path)));
        return true;
    }
    m_exampleTitle.clear();
    m_exampleResource.clear();
    m_templateFile.clear();
    loadScenario(*result.scenario, path);
    QSettings().setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    showStatus(tr("Opened %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool MainWindow::openExample(const QString& resourcePath)
{
    if (!canReplaceDocument())
        return false;
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("cannot read %1").arg(resourcePath));
        return false;
    }
    const engine::ScenarioResult result = engine::parseScenario(file.readAll().toStdString());
    if (!result) {
        showError(resourcePath + QStringLiteral(": ") + QString::fromStdString(result.error));
        return false;
    }
    // An example is a template: saving it asks where, so the bundled one stays
    // as shipped. It opens in the user's language.
    const Scenario scenario = localizedExample(*result.scenario);
    loadScenario(scenario, QString());
    m_exampleTitle = QString::fromStdString(scenario.name);
    m_exampleResource = resourcePath;
    m_templateFile = QFileInfo(resourcePath).fileName();
    updateTitle();
    showStatus(QString::fromStdString(scenario.description));
    return true;
}

void MainWindow::relocalizeExample()
{
    QFile file(m_exampleResource);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const engine::ScenarioResult result = engine::parseScenario(file.readAll().toStdString());
    if (!result)
        return;
    // Only the texts change: what was run with the example stays on screen.
    const Scenario scenario = localizedExample(*result.scenario);
    m_editor->setScenario(scenario);
    m_runSettings->setFrom(scenario.run);
    m_exampleTitle = QString::fromStdString(scenario.name);
    updateTitle();
    updateCaptions();
}

bool MainWindow::saveTo(const QString& path)
{
    if (isShippedExampleLocation(path)) {
        showError(tr("%1 is among Overlap's shipped examples, which stay as shipped: save your copy "
                     "somewhere else.")
                      .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    const std::string error
        = engine::saveScenarioFile(m_editor->scenario(), QFile::encodeName(path).toStdString());
    if (!error.empty()) {
        showError(QString::fromStdString(error));
        return false;
    }
    m_path = path;
    m_exampleTitle.clear();
    m_exampleResource.clear();
    m_templateFile.clear();
    m_editor->undoStack()->setClean();
    m_recent->add(path);
    updateTitle();
    showStatus(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool MainWindow::save()
{
    if (m_import)
        return false;
    // A template or an untitled scenario has no path: it asks where.
    return m_path.isEmpty() ? saveAs() : saveTo(m_path);
}

bool MainWindow::saveAs()
{
    if (m_import)
        return false;
    QString dir = QSettings().value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
    if (isShippedExampleLocation(dir + QStringLiteral("/x")) || !QFileInfo(dir).isDir())
        dir = QDir::homePath();
    const QString name = !m_path.isEmpty() ? QFileInfo(m_path).fileName()
        : !m_templateFile.isEmpty()        ? m_templateFile
                                           : fileNameFor(QString::fromStdString(m_editor->scenario().name));
    QString path = m_savePathPrompt(QDir(dir).filePath(name));
    if (path.isEmpty())
        return false;
    if (!path.endsWith(QStringLiteral(".json")))
        path += QStringLiteral(".overlap.json");
    return saveTo(path);
}

bool MainWindow::newScenario()
{
    if (!canReplaceDocument() || !maybeSave())
        return false;
    m_exampleTitle.clear();
    m_exampleResource.clear();
    m_templateFile.clear();
    loadScenario(starterScenario(), QString());
    showStatus(tr("New scenario."));
    return true;
}

void MainWindow::open()
{
    if (!canReplaceDocument() || !maybeSave())
        return;
    const QString dir = QSettings().value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a scenario or a trace"), dir,
        tr("Scenarios and traces (*.json *.log);;Overlap scenarios (*.overlap.json);;Chrome Trace Event JSON "
           "(*.json *.log);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool MainWindow::maybeSave()
{
    if (m_editor->undoStack()->isClean())
        return true;
    switch (m_unsavedPrompt()) {
    case QMessageBox::Save:
        return save();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::exportTraceAs(TraceFormat format)
{
    if (m_finished.empty())
        return;
    const bool json = format == TraceFormat::ChromeJson;
    const QString dir = QSettings().value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
    const QString path
        = QFileDialog::getSaveFileName(this, json ? tr("Export Chrome trace") : tr("Export CSV"), dir,
            json ? tr("Chrome Trace Event JSON (*.json)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = exportTrace(path, format, m_finished, resultsName());
    if (!error.isEmpty())
        showError(error);
    else
        showStatus(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::exportImage(bool wholeRun)
{
    const QString dir = QSettings().value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
    const QString path
        = QFileDialog::getSaveFileName(this, wholeRun ? tr("Export the whole run") : tr("Export the view"),
            dir, tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    ImageOptions options;
    options.title = resultsName(); // the runs' scenario, even if the editor has moved on
    options.lanes = m_gantt->laneMode();
    std::vector<engine::ExportedRun> runs;
    for (const FinishedRunPtr& run : m_finished)
        runs.push_back({&run->plan, &run->output, &run->metrics});
    QString error;
    if (wholeRun && m_gantt->showsImport() && m_import) {
        options.title = QFileInfo(m_tracePath).fileName();
        error = exportTraceImage(m_gantt->sharedTimeline(), m_import->trace, path, options);
    } else if (wholeRun && !runs.empty()) {
        error = exportRunsImage(runs, path, options);
    } else {
        if (m_gantt->showsImport())
            options.title = QFileInfo(m_tracePath).fileName();
        // The timeline as the user sees it, at least 1600 × 900 so a small
        // window still gives a usable slide; the metrics of the run shown.
        const QSize size = m_gantt->size().expandedTo(QSize(1600, 900));
        error = exportViewImage(
            *m_gantt, runs.empty() || isRunning() ? nullptr : &runs.back(), path, size, options);
    }
    if (!error.isEmpty())
        showError(error);
    else
        showStatus(tr("Exported %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::showError(const QString& text)
{
    showStatus(text);
    // Not exec(): the GUI keeps running (a run may be streaming) while the message is shown.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Overlap"), text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::fillExamplesMenu()
{
    m_examplesMenu->clear();
    const QDir dir(QStringLiteral(":/examples"));
    for (const QString& fileName :
        dir.entryList({QStringLiteral("*.overlap.json")}, QDir::Files, QDir::Name)) {
        const QString path = dir.filePath(fileName);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const engine::ScenarioResult result = engine::parseScenario(file.readAll().toStdString());
        if (!result)
            continue;
        QAction* action
            = m_examplesMenu->addAction(exampleName(QString::fromStdString(result.scenario->name)));
        action->setStatusTip(exampleDescription(QString::fromStdString(result.scenario->description)));
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (canReplaceDocument() && maybeSave())
                openExample(path);
        });
    }
}

void MainWindow::setLanguage(const QString& code, bool remember)
{
    if (!Language::apply(code))
        showError(tr("The translation for %1 could not be loaded.").arg(code));
    (Language::current() == Language::portuguese ? m_portugueseAction : m_englishAction)->setChecked(true);
    if (remember)
        QSettings().setValue(QStringLiteral("language"), Language::current());
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        // An example opened and left untouched follows the language too.
        if (!m_exampleResource.isEmpty() && m_path.isEmpty() && m_editor->undoStack()->isClean()
            && !isRunning())
            relocalizeExample();
        updateCaptions();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    stopRun();
    writeSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.front().isLocalFile() && isOpenable(urls.front().toLocalFile()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.front().isLocalFile())
        return;
    event->acceptProposedAction();
    const QString path = urls.front().toLocalFile();
    // A trace replaces the scenario as a scenario does: ask about unsaved changes first.
    if (canReplaceDocument() && maybeSave())
        openFile(path);
}

void MainWindow::readSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1400, 900);
    restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    if (settings.contains(QStringLiteral("run/model")) && m_path.isEmpty()) {
        // The untitled scenario starts with the last run settings used.
        Scenario scenario = m_editor->scenario();
        const int model = settings.value(QStringLiteral("run/model")).toInt();
        if (model >= 0 && model <= static_cast<int>(engine::Model::Processes))
            scenario.run.model = static_cast<engine::Model>(model);
        scenario.run.workers = std::clamp(
            settings.value(QStringLiteral("run/workers")).toInt(), 0, engine::limits::maxWorkers);
        scenario.run.gil = settings.value(QStringLiteral("run/gil")).toBool();
        loadScenario(scenario, QString());
    }
    const int lanes = settings.value(QStringLiteral("laneMode"), 0).toInt();
    QAction* laneActions[] = {m_lanesTaskAction, m_lanesWorkerAction, m_lanesCoreAction};
    if (lanes >= 0 && lanes < 3)
        laneActions[lanes]->trigger();
    // The system's language until the user picks one in the menu.
    setLanguage(settings.value(QStringLiteral("language"), Language::systemDefault()).toString(), false);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("windowState"), saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    const engine::RunSettings run = m_editor->scenario().run;
    settings.setValue(QStringLiteral("run/model"), static_cast<int>(run.model));
    settings.setValue(QStringLiteral("run/workers"), run.workers);
    settings.setValue(QStringLiteral("run/gil"), run.gil);
}

} // namespace overlap::ui
