#include "ui/scenarioeditor.h"

#include "engine/scenarioio.h"
#include "ui/modelnames.h"
#include "ui/scenariotablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace overlap::ui {

using engine::Scenario;

ScenarioEditor::ScenarioEditor(QWidget* parent)
    : QWidget(parent)
    , m_undo(new QUndoStack(this))
    , m_table(new ScenarioTableModel(m_undo, this))
    , m_nameLabel(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_descriptionLabel(new QLabel(this))
    , m_description(new QLineEdit(this))
    , m_modelLabel(new QLabel(this))
    , m_model(new QComboBox(this))
    , m_workersLabel(new QLabel(this))
    , m_workers(new QSpinBox(this))
    , m_gil(new QCheckBox(this))
    , m_switchLabel(new QLabel(this))
    , m_switch(new QDoubleSpinBox(this))
    , m_rateLabel(new QLabel(this))
    , m_rate(new QDoubleSpinBox(this))
    , m_seedLabel(new QLabel(this))
    , m_seed(new QLineEdit(this))
    , m_tasksLabel(new QLabel(this))
    , m_view(new QTableView(this))
    , m_add(new QPushButton(this))
    , m_remove(new QPushButton(this))
{
    fillModelCombo(m_model);
    // Names for tests and accessibility tools.
    m_name->setObjectName(QStringLiteral("scenarioName"));
    m_description->setObjectName(QStringLiteral("scenarioDescription"));
    m_model->setObjectName(QStringLiteral("scenarioModel"));
    m_workers->setObjectName(QStringLiteral("scenarioWorkers"));
    m_seed->setObjectName(QStringLiteral("scenarioSeed"));
    m_workers->setRange(0, engine::limits::maxWorkers);
    m_switch->setRange(0.01, engine::limits::maxSwitchIntervalMs);
    m_switch->setDecimals(2);
    m_rate->setRange(0, engine::limits::maxRateLimitPerS);
    m_rate->setDecimals(2);
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,20}")), this));

    m_view->setModel(m_table);
    m_view->horizontalHeader()->setStretchLastSection(false);
    // Columns fit their header and contents in any language; the steps take the rest.
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ScenarioTableModel::Steps, QHeaderView::Stretch);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setMinimumHeight(120);

    auto* settings = new QFormLayout;
    settings->addRow(m_nameLabel, m_name);
    settings->addRow(m_descriptionLabel, m_description);
    auto* runRow = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_modelLabel, m_model, m_workersLabel, m_workers, m_gil,
             m_switchLabel, m_switch, m_rateLabel, m_rate, m_seedLabel, m_seed})
        runRow->addWidget(w);
    runRow->addStretch();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_tasksLabel);
    buttons->addStretch();
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(settings);
    layout->addLayout(runRow);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    // Each control changes its own field only, so that a value that the
    // control cannot show exactly (a long seed, a fine interval) survives
    // edits of the others.
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        ScenarioHeader h = m_header;
        h.name = m_name->text().toStdString();
        pushHeader(h, tr("Rename scenario"));
    });
    connect(m_description, &QLineEdit::editingFinished, this, [this] {
        ScenarioHeader h = m_header;
        h.description = m_description->text().toStdString();
        pushHeader(h, tr("Edit description"));
    });
    connect(m_model, &QComboBox::activated, this, [this] { setRunModel(comboModel(m_model)); });
    connect(m_workers, &QSpinBox::editingFinished, this, [this] { setRunWorkers(m_workers->value()); });
    connect(m_gil, &QCheckBox::clicked, this, &ScenarioEditor::setRunGil);
    connect(m_switch, &QDoubleSpinBox::editingFinished, this, [this] {
        ScenarioHeader h = m_header;
        h.run.switchIntervalMs = m_switch->value();
        pushHeader(h, tr("Change switch interval"));
    });
    connect(m_rate, &QDoubleSpinBox::editingFinished, this, [this] {
        ScenarioHeader h = m_header;
        h.run.rateLimitPerS = m_rate->value();
        pushHeader(h, tr("Change rate limit"));
    });
    connect(m_seed, &QLineEdit::editingFinished, this, [this] {
        ScenarioHeader h = m_header;
        h.run.seed = m_seed->text().toULongLong();
        pushHeader(h, tr("Change seed"));
    });
    connect(m_add, &QPushButton::clicked, this, &ScenarioEditor::addTask);
    connect(m_remove, &QPushButton::clicked, this, &ScenarioEditor::removeSelectedTask);
    connect(m_undo, &QUndoStack::indexChanged, this, &ScenarioEditor::changed);

    retranslateUi();
    showHeader();
}

ScenarioEditor::~ScenarioEditor()
{
    // QWidget deletes the undo stack after this object (and the window that
    // owns it) have stopped being what their connections expect; the stack's
    // clear() would still signal them. Nothing listens to a dying editor.
    m_undo->blockSignals(true);
}

void ScenarioEditor::setScenario(const Scenario& scenario)
{
    m_undo->clear();
    m_header = {scenario.name, scenario.description, scenario.run};
    showHeader();
    m_table->setTasks(scenario.tasks);
    m_undo->setClean();
    emit changed();
}

Scenario ScenarioEditor::scenario() const
{
    Scenario s;
    s.name = m_header.name;
    s.description = m_header.description;
    s.run = m_header.run;
    s.tasks = m_table->tasks();
    return s;
}

QString ScenarioEditor::validationError() const
{
    if (const QString cell = m_table->firstError(); !cell.isEmpty())
        return cell;
    // The file format's checks cover what no single cell knows (total instances, empty task list).
    const engine::ScenarioResult result = engine::parseScenario(engine::scenarioToJson(scenario()));
    return result ? QString() : QString::fromStdString(result.error);
}

void ScenarioEditor::addTask()
{
    const QModelIndex current = m_view->currentIndex();
    m_table->addTask(current.isValid() ? current.row() + 1 : m_table->rowCount());
}

void ScenarioEditor::removeSelectedTask()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        m_table->removeTask(current.row());
}

void ScenarioEditor::pushHeader(const ScenarioHeader& after, const QString& text, bool mergeable)
{
    if (after == m_header)
        return;
    m_undo->push(new SettingsCommand(
        [this](const ScenarioHeader& h) { applyHeader(h); }, m_header, after, text, mergeable));
}

void ScenarioEditor::setRunModel(engine::Model model)
{
    ScenarioHeader h = m_header;
    h.run.model = model;
    pushHeader(h, tr("Change model"));
}

void ScenarioEditor::setRunWorkers(int workers)
{
    ScenarioHeader h = m_header;
    h.run.workers = workers;
    pushHeader(h, tr("Change workers"), true);
}

void ScenarioEditor::setRunGil(bool on)
{
    ScenarioHeader h = m_header;
    h.run.gil = on;
    pushHeader(h, tr("Toggle GIL"));
}

void ScenarioEditor::applyHeader(const ScenarioHeader& header)
{
    const bool runChanged = !(header.run == m_header.run);
    m_header = header;
    showHeader();
    if (runChanged)
        emit runSettingsChanged(m_header.run);
}

void ScenarioEditor::showHeader()
{
    const QSignalBlocker b1(m_name), b2(m_description), b3(m_model), b4(m_workers), b5(m_gil), b6(m_switch),
        b7(m_rate), b8(m_seed);
    m_name->setText(QString::fromStdString(m_header.name));
    m_description->setText(QString::fromStdString(m_header.description));
    m_description->setToolTip(m_description->text());
    m_description->setCursorPosition(0);
    setComboModel(m_model, m_header.run.model);
    m_workers->setValue(m_header.run.workers);
    m_gil->setChecked(m_header.run.gil);
    m_switch->setValue(m_header.run.switchIntervalMs);
    m_rate->setValue(m_header.run.rateLimitPerS);
    m_seed->setText(QString::number(m_header.run.seed));
}

void ScenarioEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ScenarioEditor::retranslateUi()
{
    m_nameLabel->setText(tr("&Name:"));
    m_nameLabel->setBuddy(m_name);
    m_descriptionLabel->setText(tr("&Description:"));
    m_descriptionLabel->setBuddy(m_description);
    m_modelLabel->setText(tr("Model:"));
    fillModelCombo(m_model);
    m_workersLabel->setText(tr("Workers:"));
    m_workers->setSpecialValueText(tr("one per task"));
    // The spin box sizes itself for its numbers, not for the special text in every language.
    m_workers->setMinimumWidth(
        m_workers->fontMetrics().horizontalAdvance(m_workers->specialValueText()) + 40);
    m_workers->setToolTip(tr("Pool size (fibers: tasks in flight); 0 = one per task"));
    m_gil->setText(tr("GIL"));
    m_gil->setToolTip(tr("Threads only: emulate CPython's global interpreter lock"));
    m_switchLabel->setText(tr("Switch interval:"));
    m_switch->setSuffix(tr(" ms"));
    m_rateLabel->setText(tr("Rate limit:"));
    m_rate->setSpecialValueText(tr("unlimited"));
    m_rate->setSuffix(tr(" /s"));
    m_seedLabel->setText(tr("Seed:"));
    m_tasksLabel->setText(tr("Tasks"));
    m_add->setText(tr("Add task"));
    m_remove->setText(tr("Remove task"));
    m_table->retranslate();
}

} // namespace overlap::ui
