#include "engine/processstatus.h"

#include <csignal>
#include <cstring>
#include <sys/wait.h>

namespace overlap::engine {

std::string describeWaitStatus(int status)
{
    if (WIFEXITED(status)) {
        const int code = WEXITSTATUS(status);
        return code == 0 ? "exited normally" : "exited with code " + std::to_string(code);
    }
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        // sigdescr_np is thread-safe, unlike strsignal.
        const char* name = sigdescr_np(sig);
        std::string text
            = (sig == SIGKILL || sig == SIGTERM || sig == SIGINT ? "killed by signal " : "crashed: signal ")
            + std::to_string(sig) + " (" + (name ? name : "unknown") + ")";
        if (WCOREDUMP(status))
            text += ", core dumped";
        return text;
    }
    return "stopped with wait status " + std::to_string(status);
}

} // namespace overlap::engine
