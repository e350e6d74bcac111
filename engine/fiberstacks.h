#pragma once

// Stacks for a run's fibers, carved from one anonymous mapping.
//
// Boost's protected_fixedsize_stack maps each stack separately with a guard
// page: two kernel mappings per fiber, so 100,000 fibers pass the default
// vm.max_map_count (65,530) and the run dies. Here the whole run costs one
// mapping; pages become resident only when a fiber touches them. Guard pages
// (one more mapping each) are added while they fit comfortably under the
// limit, which covers every run but the very large ones; the engine's fiber
// code has a small, bounded stack (no recursion, no user code).
//
// Each stack is handed out once (a run makes one fiber per slot). A stack
// given back is returned to the kernel, so a run's resident memory follows
// the fibers alive, not all the fibers it ever had: a waiting fiber keeps
// one page, but Boost.Fiber's termination path touches a second one (the
// frame of its spinlock is 5 KB). Large pools return them in batches on a
// background thread, off the fibers' thread.

#include <boost/context/stack_context.hpp>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace overlap::engine {

class FiberStacks {
public:
    FiberStacks(std::size_t count, std::size_t stackBytes);
    ~FiberStacks();
    FiberStacks(const FiberStacks&) = delete;
    FiberStacks& operator=(const FiberStacks&) = delete;

    bool guarded() const { return m_guarded; }
    std::size_t slotBytes() const { return m_slot; }
    // Stacks handed out and not given back yet.
    std::size_t inUse() const { return m_next - m_given; }
    // The lowest address of slot i (its guard page, if any), for tests.
    const char* slotBase(std::size_t i) const { return m_base + i * m_slot; }
    // Waits until every stack given back so far has been returned to the kernel.
    void flush();
    // Called from a fiber once every other fiber of the pool has ended: sleeps
    // until Boost has destroyed them all (it does so when its scheduler next
    // runs idle, joined or detached), so that the pool can go. Gives up after
    // a few seconds, and the destructor then leaks the mapping instead.
    void awaitAllGivenBack();

    // The StackAllocator concept of Boost.Context, by reference to the pool.
    class Allocator {
    public:
        explicit Allocator(FiberStacks& pool)
            : m_pool(&pool)
        {
        }
        boost::context::stack_context allocate() { return m_pool->take(); }
        void deallocate(boost::context::stack_context& sc) noexcept { m_pool->give(sc); }

    private:
        FiberStacks* m_pool;
    };
    Allocator allocator() { return Allocator(*this); }

    static constexpr std::size_t kMaxGuarded = 16'384;
    // From this many stacks on, given-back stacks are released in the background.
    static constexpr std::size_t kBackgroundRelease = 1'024;

private:
    boost::context::stack_context take();
    void give(boost::context::stack_context& sc) noexcept;
    void queueRun() noexcept;
    void release(std::size_t first, std::size_t end) noexcept;
    void releaseLoop();

    char* m_base = nullptr;
    std::size_t m_slot = 0; // bytes per stack, guard page included
    std::size_t m_page = 0;
    std::size_t m_count = 0;
    std::size_t m_next = 0; // the next slot to hand out
    std::size_t m_given = 0;
    bool m_guarded = false;
    // The run of consecutive given-back slots not yet queued: [first, end).
    std::size_t m_runFirst = 0;
    std::size_t m_runEnd = 0;

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::vector<std::pair<std::size_t, std::size_t>> m_queue;
    bool m_busy = false;
    bool m_closing = false;
    std::thread m_releaser;
};

} // namespace overlap::engine
