#include "app/cli.h"

#include <iostream>

int main(int argc, char** argv)
{
    overlap::app::installInterruptHandler();
    const std::vector<std::string> args(argv + 1, argv + argc);
    return overlap::app::runCli(args, {std::cout, std::cerr, {}});
}
