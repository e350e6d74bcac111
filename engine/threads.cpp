#include "engine/executor.h"

#include <stdexcept>

namespace overlap::engine {
// Placeholder until the threads executor lands.
void runThreads(ExecContext&)
{
    throw std::runtime_error("threads: not built yet");
}
} // namespace overlap::engine
