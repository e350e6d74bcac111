#pragma once

// State the worker processes of one run share: the named locks as robust,
// process-shared pthread mutexes and the rate limiter's next free slot. It
// lives in an anonymous memfd that the engine creates and initialises and
// hands to every child as a file descriptor.
//
// Robust mutexes matter here: a worker killed while it holds a lock (crash,
// hang, Stop) must not deadlock the others. The next locker gets EOWNERDEAD
// and makes the mutex consistent again.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <pthread.h>
#include <string>

namespace overlap::engine {

class SharedState {
public:
    SharedState() = default;
    ~SharedState();
    SharedState(const SharedState&) = delete;
    SharedState& operator=(const SharedState&) = delete;
    SharedState(SharedState&& other) noexcept;
    SharedState& operator=(SharedState&& other) noexcept;

    // Engine side: a fresh segment with `locks` initialised mutexes. Throws on failure.
    static SharedState create(int locks);
    // Worker side: maps the segment behind `fd` (which it then owns). Empty
    // string on success, else what is wrong with it.
    static std::string attach(int fd, SharedState& out);

    int fd() const { return m_fd; }
    int lockCount() const;
    pthread_mutex_t& mutex(int id);
    std::atomic<std::int64_t>& rateNext();

    // Lock operations that repair a mutex whose owner died.
    bool tryLock(int id);
    bool lock(int id);
    void unlock(int id);

private:
    struct Header;
    Header* header() const;

    int m_fd = -1;
    void* m_base = nullptr;
    std::size_t m_size = 0;
};

} // namespace overlap::engine
