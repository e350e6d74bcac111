#pragma once

// The scenario editor: name, description and run settings above a table of
// tasks. Owns the undo stack that the Edit menu drives; the document counts
// as modified whenever the stack is away from its clean state.

#include "engine/scenario.h"
#include "ui/settingscommand.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QUndoStack;

namespace overlap::ui {

class ScenarioTableModel;

class ScenarioEditor : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioEditor(QWidget* parent = nullptr);
    ~ScenarioEditor() override;

    // A new document: clears the undo history and marks it unmodified.
    void setScenario(const engine::Scenario& scenario);
    // The last valid value of every field (invalid cells keep their previous value).
    engine::Scenario scenario() const;
    // Why the scenario cannot run as shown (an invalid cell first, then the
    // engine's own checks), or empty.
    QString validationError() const;

    QUndoStack* undoStack() const { return m_undo; }
    ScenarioTableModel* tableModel() const { return m_table; }
    QTableView* tableView() const { return m_view; }

    void addTask();
    void removeSelectedTask();
    // Undoable edits of the run settings, from here or from the toolbar.
    // Successive changes of the workers merge into one undo step.
    void setRunModel(engine::Model model);
    void setRunWorkers(int workers);
    void setRunGil(bool on);

signals:
    void changed();
    // The scenario's run settings changed (an edit here or in the toolbar,
    // undo, redo), so that the toolbar shows them.
    void runSettingsChanged(const engine::RunSettings& run);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void applyHeader(const ScenarioHeader& header);
    void pushHeader(const ScenarioHeader& after, const QString& text, bool mergeable = false);
    void showHeader();

    QUndoStack* m_undo;
    ScenarioTableModel* m_table;
    ScenarioHeader m_header;

    QLabel* m_nameLabel;
    QLineEdit* m_name;
    QLabel* m_descriptionLabel;
    QLineEdit* m_description;
    QLabel* m_modelLabel;
    QComboBox* m_model;
    QLabel* m_workersLabel;
    QSpinBox* m_workers;
    QCheckBox* m_gil;
    QLabel* m_switchLabel;
    QDoubleSpinBox* m_switch;
    QLabel* m_rateLabel;
    QDoubleSpinBox* m_rate;
    QLabel* m_seedLabel;
    QLineEdit* m_seed;
    QLabel* m_tasksLabel;
    QTableView* m_view;
    QPushButton* m_add;
    QPushButton* m_remove;
};

} // namespace overlap::ui
