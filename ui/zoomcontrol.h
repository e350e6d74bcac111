#pragma once

// The one zoom state of a Gantt view, observed by its ruler, lanes and
// overview: the whole run ⊇ the visible range, and the whole run ⊇ the
// selection (empty when there is none; like Qt Creator's timeline, a selection
// may be panned out of view). Setters clamp so that this always holds.

#include <QObject>
#include <cstdint>

namespace overlap::ui {

class ZoomControl : public QObject {
    Q_OBJECT
public:
    // Narrowest visible range: below a pixel per ns there is nothing more to see.
    static constexpr std::int64_t minSpanNs = 100;

    explicit ZoomControl(QObject* parent = nullptr);

    std::int64_t totalNs() const { return m_totalNs; }
    std::int64_t visibleStart() const { return m_start; }
    std::int64_t visibleEnd() const { return m_end; }
    std::int64_t visibleSpan() const { return m_end - m_start; }
    bool hasSelection() const { return m_selEnd > m_selStart; }
    std::int64_t selectionStart() const { return m_selStart; }
    std::int64_t selectionEnd() const { return m_selEnd; }

    // The run's length; the visible range and selection are kept inside it.
    void setTotal(std::int64_t totalNs);
    void setVisible(std::int64_t startNs, std::int64_t endNs);
    // factor < 1 zooms in. anchorNs stays at the same relative place on screen.
    void zoom(double factor, std::int64_t anchorNs);
    void pan(std::int64_t deltaNs);
    void fit();
    void setSelection(std::int64_t startNs, std::int64_t endNs);
    void clearSelection();

signals:
    void totalChanged();
    void visibleChanged();
    void selectionChanged();

private:
    std::int64_t bound() const { return std::max(m_totalNs, minSpanNs); }
    void clampSelection();

    std::int64_t m_totalNs = 0;
    std::int64_t m_start = 0;
    std::int64_t m_end = minSpanNs;
    std::int64_t m_selStart = 0;
    std::int64_t m_selEnd = 0;
};

} // namespace overlap::ui
