// overlap-worker: a child process of the processes model. The engine talks to
// it over stdin/stdout and passes the run's shared memory as fd 3.

#include "engine/workermain.h"

int main()
{
    return overlap::engine::runWorker(0, 1, 3);
}
