#pragma once

// The result of "Compare all models": makespan and speedup per model as bar
// charts, above the full metrics table, under a caption naming the scenario
// and settings that produced them. A run with failed tasks is drawn red and
// gets no speedup bar; the fastest of the others is marked.

#include "ui/comparetablemodel.h"

#include <QWidget>
#include <vector>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QChart;
class QGraphicsSimpleTextItem;
class QLabel;
class QTableView;
class QValueAxis;

namespace overlap::ui {

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    // Forgets the results; the caption says what the next ones will be of
    // (empty: no caption).
    void clear(const QString& caption = {});
    void addResult(const CompareResult& result);
    void setStatus(const QString& text);
    // What the results are of: the scenario and the settings.
    void setCaption(const QString& text);
    QString caption() const;
    QString status() const;
    // The red note under the charts: one line per run with failed tasks.
    QString failureNote() const;
    CompareTableModel* model() const { return m_model; }

    // What the charts draw, for tests: bar heights per category, and the
    // text written over the bars ("fastest", "no speedup", "8 of 8 failed").
    QList<qreal> makespanBars() const;
    QList<qreal> speedupBars() const;
    QList<int> failedBarsDrawnRed() const;
    QStringList makespanNotes() const;
    QStringList speedupNotes() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Note {
        QGraphicsSimpleTextItem* item;
        int category;
        qreal value;
    };

    void rebuildCharts();
    void retranslateUi();
    void placeNotes();
    void addNote(QChart* chart, std::vector<Note>& notes, int category, qreal value, const QString& text,
        const QColor& color);

    CompareTableModel* m_model;
    QLabel* m_caption;
    QLabel* m_status;
    QLabel* m_failures;
    QBarSet* m_makespanSet = nullptr;
    QBarSet* m_speedupSet = nullptr;
    std::vector<Note> m_makespanNotes;
    std::vector<Note> m_speedupNotes;
    QChart* m_makespanChart;
    QBarSeries* m_makespanSeries;
    QBarCategoryAxis* m_makespanX;
    QValueAxis* m_makespanY;
    QChart* m_speedupChart;
    QBarSeries* m_speedupSeries;
    QBarCategoryAxis* m_speedupX;
    QValueAxis* m_speedupY;
    QTableView* m_table;
};

} // namespace overlap::ui
