#include "engine/sharedstate.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace overlap::engine {

struct SharedState::Header {
    std::uint32_t magic;
    std::int32_t lockCount;
    std::atomic<std::int64_t> rateNext; // lock-free on every target: shared memory needs that
    // followed by lockCount pthread_mutex_t, aligned as a mutex
};

namespace {

constexpr std::uint32_t kShmMagic = 0x4f564c53; // "SLVO"
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "the rate limiter lives in shared memory");

std::size_t locksOffset()
{
    constexpr std::size_t align = alignof(pthread_mutex_t);
    return (sizeof(std::uint32_t) * 2 + sizeof(std::atomic<std::int64_t>) + align - 1) / align * align;
}

std::size_t sizeFor(int locks)
{
    return locksOffset() + sizeof(pthread_mutex_t) * static_cast<std::size_t>(locks);
}

std::string errnoText(const char* what)
{
    return std::string(what) + ": " + std::strerror(errno);
}

} // namespace

SharedState::~SharedState()
{
    if (m_base)
        munmap(m_base, m_size);
    if (m_fd >= 0)
        close(m_fd);
}

SharedState::SharedState(SharedState&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_base(std::exchange(other.m_base, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{
}

SharedState& SharedState::operator=(SharedState&& other) noexcept
{
    if (this != &other) {
        this->~SharedState();
        m_fd = std::exchange(other.m_fd, -1);
        m_base = std::exchange(other.m_base, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SharedState SharedState::create(int locks)
{
    SharedState s;
    s.m_size = sizeFor(locks);
    s.m_fd = memfd_create("overlap-shared", MFD_CLOEXEC);
    if (s.m_fd < 0)
        throw std::runtime_error(errnoText("memfd_create"));
    if (ftruncate(s.m_fd, static_cast<off_t>(s.m_size)) != 0)
        throw std::runtime_error(errnoText("ftruncate"));
    s.m_base = mmap(nullptr, s.m_size, PROT_READ | PROT_WRITE, MAP_SHARED, s.m_fd, 0);
    if (s.m_base == MAP_FAILED) {
        s.m_base = nullptr;
        throw std::runtime_error(errnoText("mmap"));
    }
    auto* h = new (s.m_base) Header{kShmMagic, locks, {}};
    h->rateNext.store(0, std::memory_order_relaxed);
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    for (int i = 0; i < locks; ++i) {
        if (const int rc = pthread_mutex_init(&s.mutex(i), &attr); rc != 0) {
            pthread_mutexattr_destroy(&attr);
            errno = rc;
            throw std::runtime_error(errnoText("pthread_mutex_init"));
        }
    }
    pthread_mutexattr_destroy(&attr);
    return s;
}

std::string SharedState::attach(int fd, SharedState& out)
{
    struct stat st { };
    if (fstat(fd, &st) != 0)
        return errnoText("shared memory fd");
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size < locksOffset())
        return "shared memory segment too small";
    void* base = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED)
        return errnoText("mmap of the shared memory");
    out = SharedState();
    out.m_fd = fd;
    out.m_base = base;
    out.m_size = size;
    const Header* h = out.header();
    if (h->magic != kShmMagic || h->lockCount < 0 || sizeFor(h->lockCount) > size)
        return "shared memory segment is not Overlap's";
    return {};
}

SharedState::Header* SharedState::header() const
{
    return static_cast<Header*>(m_base);
}

int SharedState::lockCount() const
{
    return m_base ? header()->lockCount : 0;
}

pthread_mutex_t& SharedState::mutex(int id)
{
    auto* locks = reinterpret_cast<pthread_mutex_t*>(static_cast<char*>(m_base) + locksOffset());
    return locks[id];
}

std::atomic<std::int64_t>& SharedState::rateNext()
{
    return header()->rateNext;
}

bool SharedState::tryLock(int id)
{
    const int rc = pthread_mutex_trylock(&mutex(id));
    if (rc == EOWNERDEAD) {
        // The previous holder died inside its critical section. The protected
        // "data" is only time, so the lock is simply usable again.
        pthread_mutex_consistent(&mutex(id));
        return true;
    }
    return rc == 0;
}

bool SharedState::lock(int id)
{
    int rc = pthread_mutex_lock(&mutex(id));
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&mutex(id));
        rc = 0;
    }
    return rc == 0;
}

void SharedState::unlock(int id)
{
    pthread_mutex_unlock(&mutex(id));
}

} // namespace overlap::engine
