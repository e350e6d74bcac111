#pragma once

// Helpers shared by the UI tests: small scenarios, and the process's own
// threads and children, to check that a run leaves nothing behind.

#include "engine/scenario.h"

#include <QDir>
#include <QString>
#include <cerrno>
#include <sys/wait.h>

namespace overlap::uitest {

inline engine::Scenario ioScenario(int tasks, double ms, engine::Model model = engine::Model::Threads)
{
    engine::Scenario s;
    s.name = "tiny";
    s.run.model = model;
    s.run.workers = tasks;
    s.tasks.push_back({"wait", tasks, {{engine::StepKind::Io, ms, {}}}, {}, 0});
    return s;
}

inline int threadCount()
{
    return static_cast<int>(
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// True when the process has no child at all, running or unreaped.
inline bool noChildProcess()
{
    int status = 0;
    return waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

} // namespace overlap::uitest
