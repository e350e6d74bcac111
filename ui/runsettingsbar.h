#pragma once

// The toolbar's run overrides: model, workers and GIL. They start from the
// scenario's own settings and apply to the next run without editing the
// document (as `overlap run --model ... --workers ... --gil`).

#include "engine/scenario.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace overlap::ui {

class RunSettingsBar : public QWidget {
    Q_OBJECT
public:
    explicit RunSettingsBar(QWidget* parent = nullptr);

    void setFrom(const engine::RunSettings& run);
    // `run` with the overrides applied.
    engine::RunSettings applied(engine::RunSettings run) const;

    engine::Model model() const;
    int workers() const;
    bool gil() const;

    QComboBox* modelCombo() const { return m_model; }
    QSpinBox* workersSpin() const { return m_workers; }
    QCheckBox* gilCheck() const { return m_gil; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void updateGilEnabled();

    QLabel* m_modelLabel;
    QComboBox* m_model;
    QLabel* m_workersLabel;
    QSpinBox* m_workers;
    QCheckBox* m_gil;
};

} // namespace overlap::ui
