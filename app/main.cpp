#include "app/cli.h"
#include "ui/gui.h"

#include <cstdlib>
#include <iostream>
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
    return overlap::app::runCli(args, {std::cout, std::cerr, {}});
}
