#include "ui/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace overlap::ui {

RecentFiles::RecentFiles(QMenu* menu, QObject* parent)
    : QObject(parent)
    , m_menu(menu)
    , m_files(QSettings().value(QStringLiteral("recentFiles")).toStringList())
{
    rebuildMenu();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_files.removeAll(absolute);
    m_files.prepend(absolute);
    while (m_files.size() > kMax)
        m_files.removeLast();
    save();
    rebuildMenu();
}

void RecentFiles::remove(const QString& path)
{
    m_files.removeAll(QFileInfo(path).absoluteFilePath());
    save();
    rebuildMenu();
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    int number = 1;
    for (const QString& file : m_files) {
        // &1 … &8 give each entry a keyboard accelerator.
        QAction* action
            = m_menu->addAction(QStringLiteral("&%1  %2").arg(number++).arg(QDir::toNativeSeparators(file)));
        connect(action, &QAction::triggered, this, [this, file] { emit openRequested(file); });
    }
    if (m_files.isEmpty()) {
        m_menu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("Clear list")), &QAction::triggered, this, [this] {
        m_files.clear();
        save();
        rebuildMenu();
    });
}

void RecentFiles::save() const
{
    QSettings().setValue(QStringLiteral("recentFiles"), m_files);
}

} // namespace overlap::ui
