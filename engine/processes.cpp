#include "engine/executor.h"

#include <stdexcept>

namespace overlap::engine {
// Placeholder until the processes executor lands.
void runProcesses(ExecContext&)
{
    throw std::runtime_error("processes: not built yet");
}
} // namespace overlap::engine
