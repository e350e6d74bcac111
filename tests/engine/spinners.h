#pragma once

// Other programs keeping the cores busy, for tests that must hold on a
// loaded machine: child processes that only spin, killed when this goes.

#include <csignal>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace overlap::testutil {

class Spinners {
public:
    explicit Spinners(int count)
    {
        for (int i = 0; i < count; ++i) {
            const pid_t parent = getpid();
            const pid_t pid = fork();
            if (pid == 0) {
                // The child touches nothing the parent's threads may hold. It
                // dies with the test, also when no destructor runs (ctest's
                // timeout kills the test with SIGKILL): else it would spin on
                // and load every test after it.
                prctl(PR_SET_PDEATHSIG, SIGKILL);
                if (getppid() != parent)
                    _exit(0); // the test died before the line above
                for (unsigned long n = 0;; ++n)
                    asm volatile("" : "+r"(n));
            }
            if (pid > 0)
                m_pids.push_back(pid);
        }
    }
    ~Spinners()
    {
        for (pid_t pid : m_pids)
            kill(pid, SIGKILL);
        for (pid_t pid : m_pids)
            waitpid(pid, nullptr, 0);
    }
    Spinners(const Spinners&) = delete;
    Spinners& operator=(const Spinners&) = delete;

    int count() const { return static_cast<int>(m_pids.size()); }

private:
    std::vector<pid_t> m_pids;
};

} // namespace overlap::testutil
