#include "engine/fiberstacks.h"

#include <boost/fiber/operations.hpp>
#include <chrono>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace overlap::engine {

namespace {
// Consecutive given-back stacks are released together, in one system call.
constexpr std::size_t kReleaseBatch = 64;
} // namespace

FiberStacks::FiberStacks(std::size_t count, std::size_t stackBytes)
    : m_page(static_cast<std::size_t>(sysconf(_SC_PAGESIZE)))
    , m_count(count == 0 ? 1 : count)
    , m_guarded(count <= kMaxGuarded)
{
    m_slot = (stackBytes + m_page - 1) / m_page * m_page + (m_guarded ? m_page : 0);
    void* base = mmap(nullptr, m_slot * m_count, PROT_READ | PROT_WRITE,
        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        throw std::bad_alloc();
    m_base = static_cast<char*>(base);
    if (m_guarded) {
        for (std::size_t i = 0; i < m_count; ++i)
            mprotect(m_base + i * m_slot, m_page, PROT_NONE); // stacks grow down: guard the bottom
    }
    if (m_count >= kBackgroundRelease)
        m_releaser = std::thread([this] { releaseLoop(); });
}

FiberStacks::~FiberStacks()
{
    if (m_releaser.joinable()) {
        {
            std::lock_guard lock(m_mutex);
            m_closing = true;
        }
        m_wake.notify_one();
        m_releaser.join();
    }
    // A stack still in use belongs to a fiber Boost has not destroyed yet:
    // leaking the mapping is better than pulling it from under that fiber.
    if (inUse() == 0)
        munmap(m_base, m_slot * m_count);
}

boost::context::stack_context FiberStacks::take()
{
    if (m_next == m_count)
        throw std::bad_alloc();
    const std::size_t i = m_next++;
    boost::context::stack_context sc;
    sc.size = m_slot;
    sc.sp = m_base + (i + 1) * m_slot; // the top: stacks grow down
    return sc;
}

void FiberStacks::give(boost::context::stack_context& sc) noexcept
{
    const auto top = static_cast<std::size_t>(static_cast<char*>(sc.sp) - m_base);
    const std::size_t i = top / m_slot - 1;
    ++m_given;
    if (!m_releaser.joinable()) {
        release(i, i + 1);
        return;
    }
    if (i == m_runEnd && m_runEnd > m_runFirst) {
        ++m_runEnd;
    } else {
        queueRun();
        m_runFirst = i;
        m_runEnd = i + 1;
    }
    if (m_runEnd - m_runFirst >= kReleaseBatch)
        queueRun();
}

void FiberStacks::queueRun() noexcept
{
    if (m_runEnd == m_runFirst)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_queue.emplace_back(m_runFirst, m_runEnd);
    }
    m_wake.notify_one();
    m_runFirst = m_runEnd = 0;
}

void FiberStacks::flush()
{
    queueRun();
    if (!m_releaser.joinable())
        return;
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
}

void FiberStacks::awaitAllGivenBack()
{
    for (int i = 0; i < 100'000 && inUse() > 0; ++i)
        boost::this_fiber::sleep_for(std::chrono::microseconds(50));
}

void FiberStacks::release(std::size_t first, std::size_t end) noexcept
{
    // The guard pages stay as they are; the kernel drops the rest.
    madvise(m_base + first * m_slot, (end - first) * m_slot, MADV_DONTNEED);
}

void FiberStacks::releaseLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_closing || !m_queue.empty(); });
        if (m_queue.empty())
            return; // closing, and nothing left
        auto batch = std::move(m_queue);
        m_queue.clear();
        m_busy = true;
        lock.unlock();
        for (const auto& [first, end] : batch)
            release(first, end);
        lock.lock();
        m_busy = false;
        if (m_queue.empty())
            m_idle.notify_all();
    }
}

} // namespace overlap::engine
