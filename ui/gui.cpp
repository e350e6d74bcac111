#include "ui/gui.h"

#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

namespace overlap::ui {

int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Overlap"));
    QApplication::setApplicationName(QStringLiteral("Overlap"));
    QApplication::setApplicationVersion(QStringLiteral(OVERLAP_VERSION));
    // Wayland's app id and the desktop's window matching use the installed .desktop entry.
    QApplication::setDesktopFileName(QStringLiteral(OVERLAP_APP_ID));
    QIcon icon;
    for (const QFileInfo& file : QDir(QStringLiteral(":/icons")).entryInfoList(QDir::Files))
        icon.addFile(file.filePath());
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(OVERLAP_APP_ID), icon));

    QCommandLineParser parser;
    const QCommandLineOption runOption(QStringLiteral("run"), QStringLiteral("Start the run at once."));
    parser.addOption(runOption);
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A scenario file (*.overlap.json)."));
    parser.process(app);

    // The window applies the saved language (or the system's) as it is built.
    MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    const bool opened = !files.isEmpty() && window.openFile(files.front());
    if (parser.isSet(runOption) && (opened || files.isEmpty()))
        // Once the window is on screen, so that the run is seen from its start.
        QTimer::singleShot(0, &window, [&window] { window.startRun(); });
    return app.exec();
}

} // namespace overlap::ui
