// UI tests run on the offscreen platform unless told otherwise. The platform
// must be chosen before QApplication exists, and gtest_discover_tests runs
// this binary during the build, where there is no display.

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <cstdlib>
#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    if (!std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    // The processes model finds its worker here rather than next to this test binary.
    setenv("OVERLAP_WORKER", OVERLAP_WORKER_PATH, 0);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Overlap"));
    QApplication::setApplicationName(QStringLiteral("Overlap"));
    // Never read or write the user's own settings.
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
