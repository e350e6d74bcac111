#include "engine/executor.h"

#include <stdexcept>

namespace overlap::engine {
// Placeholder until the fibers executor lands.
void runFibers(ExecContext&)
{
    throw std::runtime_error("fibers: not built yet");
}
} // namespace overlap::engine
