#pragma once

// The one place where a child's raw wait status becomes words, so that the
// GUI, the command line and error messages describe a worker's end alike.

#include <string>

namespace overlap::engine {

// "exited normally", "exited with code 7", "killed by signal 9 (Killed)",
// "crashed: signal 6 (Aborted), core dumped".
std::string describeWaitStatus(int status);

} // namespace overlap::engine
