#pragma once

// A joinable OS thread with a small stack. std::thread cannot set the stack
// size, and "a thread per task" may mean thousands of threads: 8 MiB of
// address space each is what makes that fail, not the thread itself.

#include <cstddef>
#include <functional>
#include <pthread.h>

namespace overlap::engine {

class PoolThread {
public:
    PoolThread() = default;
    PoolThread(const PoolThread&) = delete;
    PoolThread& operator=(const PoolThread&) = delete;
    ~PoolThread() { join(); }

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    static constexpr std::size_t kStackBytes = 1u << 20; // sanitizers need room for their frames
#else
    // The task loop's stack is small and bounded (no recursion, no user code);
    // this is address space, and only the pages a thread touches are resident.
    static constexpr std::size_t kStackBytes = 256u << 10;
#endif

    // Returns false (and starts nothing) when the system refuses a thread.
    bool start(std::function<void()> body);
    void join();

private:
    static void* trampoline(void* self);
    pthread_t m_thread{};
    bool m_running = false;
    std::function<void()> m_body;
};

} // namespace overlap::engine
