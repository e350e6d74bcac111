#pragma once

// The desktop application's entry point: `overlap [FILE]`.
namespace overlap::ui {
int runGui(int argc, char** argv);
} // namespace overlap::ui
