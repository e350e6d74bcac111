#include "app/cli.h"
#include "ui/gui.h"
#include "ui/imageexport.h"

#include <QApplication>
#include <QString>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

namespace {

// The command line needs no display; everything else opens the window.
bool isCommandLine(std::string_view first)
{
    // `--run` belongs to the window (start the scenario at once), whatever its position.
    return first == "run" || first == "validate" || first == "inspect" || first == "help"
        || (first.starts_with("-") && first != "--run");
}

// Qt aborts when it has no platform to draw on: find out first.
bool hasDisplay()
{
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        const char* value = std::getenv(name);
        if (value && *value)
            return true;
    }
    return false;
}

// Made on first use by renderImage(), destroyed before main() returns.
std::unique_ptr<QApplication> g_app;

// Qt for drawing images without a display: the offscreen platform, made on
// first use and quiet about its own notes (no XDG_RUNTIME_DIR, no window
// manager), which mean nothing to someone asking for a file.
void ensureOffscreenApp()
{
    if (QCoreApplication::instance())
        return;
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            std::cerr << "overlap: " << message.toStdString() << '\n';
    });
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "overlap";
    static char* argv[] = {name, nullptr};
    g_app = std::make_unique<QApplication>(argc, argv);
}

// `run --image`
std::string renderImage(
    const std::vector<overlap::engine::ExportedRun>& runs, const std::string& title, const std::string& path)
{
    ensureOffscreenApp();
    overlap::ui::ImageOptions options;
    options.title = QString::fromStdString(title);
    return overlap::ui::exportRunsImage(runs, QString::fromStdString(path), options).toStdString();
}

// `inspect --image`
std::string renderTraceImage(
    overlap::engine::ImportedTrace& trace, const std::string& title, const std::string& path)
{
    ensureOffscreenApp();
    overlap::ui::ImageOptions options;
    options.title = QString::fromStdString(title);
    auto timeline = std::make_shared<overlap::engine::Timeline>(overlap::engine::takeTimeline(trace));
    return overlap::ui::exportTraceImage(timeline, trace, QString::fromStdString(path), options)
        .toStdString();
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || !isCommandLine(args.front())) {
        if (hasDisplay())
            return overlap::ui::runGui(argc, argv);
        std::cerr << "overlap: no display to open the window on (DISPLAY is not set)";
        if (!args.empty()) {
            std::cerr << "; running " << args.front() << " on the command line instead\n";
            args = {"run", args.front()};
        } else {
            std::cerr << '\n';
        }
    }
    overlap::app::installInterruptHandler();
    const int code = overlap::app::runCli(args, {std::cout, std::cerr, {}, renderImage, renderTraceImage});
    g_app.reset();
    return code;
}
