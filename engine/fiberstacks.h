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

#include <boost/context/stack_context.hpp>
#include <cstddef>
#include <vector>

namespace overlap::engine {

class FiberStacks {
public:
    FiberStacks(std::size_t count, std::size_t stackBytes);
    ~FiberStacks();
    FiberStacks(const FiberStacks&) = delete;
    FiberStacks& operator=(const FiberStacks&) = delete;

    bool guarded() const { return m_guarded; }

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

private:
    boost::context::stack_context take();
    void give(boost::context::stack_context& sc) noexcept;

    char* m_base = nullptr;
    std::size_t m_slot = 0; // bytes per stack, guard page included
    std::size_t m_count = 0;
    bool m_guarded = false;
    std::vector<std::size_t> m_free;
};

} // namespace overlap::engine
