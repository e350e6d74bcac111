#pragma once

// The recently opened scenario files, newest first, kept in QSettings and
// shown as File ▸ Open Recent.

#include <QObject>
#include <QStringList>

class QMenu;

namespace overlap::ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMax = 8;

    explicit RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path);
    void remove(const QString& path);
    const QStringList& files() const { return m_files; }
    void rebuildMenu(); // also after a language change

signals:
    void openRequested(const QString& path);

private:
    void save() const;

    QMenu* m_menu;
    QStringList m_files;
};

} // namespace overlap::ui
