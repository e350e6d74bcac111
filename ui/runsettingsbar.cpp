#include "ui/runsettingsbar.h"

#include "ui/modelnames.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace overlap::ui {

RunSettingsBar::RunSettingsBar(QWidget* parent)
    : QWidget(parent)
    , m_modelLabel(new QLabel(this))
    , m_model(new QComboBox(this))
    , m_workersLabel(new QLabel(this))
    , m_workers(new QSpinBox(this))
    , m_gil(new QCheckBox(this))
{
    fillModelCombo(m_model);
    m_workers->setRange(0, engine::limits::maxWorkers);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(m_modelLabel);
    layout->addWidget(m_model);
    layout->addSpacing(8);
    layout->addWidget(m_workersLabel);
    layout->addWidget(m_workers);
    layout->addSpacing(8);
    layout->addWidget(m_gil);
    m_modelLabel->setBuddy(m_model);
    m_workersLabel->setBuddy(m_workers);
    connect(m_model, &QComboBox::currentIndexChanged, this, &RunSettingsBar::updateGilEnabled);
    // setFrom() blocks these, so they report the user's changes only.
    connect(m_model, &QComboBox::currentIndexChanged, this, &RunSettingsBar::modelEdited);
    connect(m_workers, &QSpinBox::valueChanged, this, &RunSettingsBar::workersEdited);
    connect(m_gil, &QCheckBox::toggled, this, &RunSettingsBar::gilEdited);
    retranslateUi();
    updateGilEnabled();
}

void RunSettingsBar::setFrom(const engine::RunSettings& run)
{
    {
        const QSignalBlocker b1(m_model), b2(m_workers), b3(m_gil);
        setComboModel(m_model, run.model);
        m_workers->setValue(run.workers);
        m_gil->setChecked(run.gil);
    }
    // What listens to the controls themselves (the GIL's enabled state, the
    // Run menu's copies) still follows.
    updateGilEnabled();
    emit shown();
}

engine::Model RunSettingsBar::model() const
{
    return comboModel(m_model);
}

int RunSettingsBar::workers() const
{
    return m_workers->value();
}

bool RunSettingsBar::gil() const
{
    return m_gil->isChecked();
}

void RunSettingsBar::updateGilEnabled()
{
    // The GIL only exists for threads; the choice is kept for when threads come back.
    m_gil->setEnabled(model() == engine::Model::Threads);
}

void RunSettingsBar::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RunSettingsBar::retranslateUi()
{
    m_modelLabel->setText(tr("&Model:"));
    fillModelCombo(m_model);
    m_model->setToolTip(tr("Execution model of the next run"));
    m_workersLabel->setText(tr("&Workers:"));
    m_workers->setSpecialValueText(tr("one per task"));
    // The spin box sizes itself for its numbers, not for the special text in every language.
    m_workers->setMinimumWidth(
        m_workers->fontMetrics().horizontalAdvance(m_workers->specialValueText()) + 40);
    m_workers->setToolTip(tr("Pool size (fibers: tasks in flight); 0 = one per task"));
    m_gil->setText(tr("&GIL"));
    m_gil->setToolTip(tr("Threads only: emulate CPython's global interpreter lock"));
}

} // namespace overlap::ui
