#pragma once

// The toolbar's model, workers and GIL: a second view of the scenario's own
// run settings (the editor shows them too). What the user changes here is an
// undoable edit of the scenario, so what runs is what is shown and saved.

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

    // Shows `run`; emits nothing.
    void setFrom(const engine::RunSettings& run);

    engine::Model model() const;
    int workers() const;
    bool gil() const;

    QComboBox* modelCombo() const { return m_model; }
    QSpinBox* workersSpin() const { return m_workers; }
    QCheckBox* gilCheck() const { return m_gil; }

signals:
    // The user changed the model, the workers or the GIL.
    void modelEdited();
    void workersEdited();
    void gilEdited();
    // setFrom() showed new settings.
    void shown();

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
