#include "engine/fiberstacks.h"

#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace overlap::engine {

FiberStacks::FiberStacks(std::size_t count, std::size_t stackBytes)
    : m_count(count == 0 ? 1 : count)
    , m_guarded(count <= kMaxGuarded)
{
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    m_slot = (stackBytes + page - 1) / page * page + (m_guarded ? page : 0);
    void* base = mmap(nullptr, m_slot * m_count, PROT_READ | PROT_WRITE,
        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        throw std::bad_alloc();
    m_base = static_cast<char*>(base);
    if (m_guarded) {
        for (std::size_t i = 0; i < m_count; ++i)
            mprotect(m_base + i * m_slot, page, PROT_NONE); // stacks grow down: guard the bottom
    }
    m_free.reserve(m_count);
    for (std::size_t i = m_count; i-- > 0;)
        m_free.push_back(i);
}

FiberStacks::~FiberStacks()
{
    if (m_base)
        munmap(m_base, m_slot * m_count);
}

boost::context::stack_context FiberStacks::take()
{
    if (m_free.empty())
        throw std::bad_alloc();
    const std::size_t i = m_free.back();
    m_free.pop_back();
    boost::context::stack_context sc;
    sc.size = m_slot;
    sc.sp = m_base + (i + 1) * m_slot; // the top: stacks grow down
    return sc;
}

void FiberStacks::give(boost::context::stack_context& sc) noexcept
{
    const auto top = static_cast<std::size_t>(static_cast<char*>(sc.sp) - m_base);
    m_free.push_back(top / m_slot - 1);
}

} // namespace overlap::engine
