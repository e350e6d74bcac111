#pragma once

// One thread's slices while a trace is imported, kept compact (24 bytes) in
// blocks that grow to a cap. At the end each block is sorted on its own and
// a k-way merge reads them back in global order, freeing every block as soon
// as it is used up: for the usual trace, written roughly in time order, the
// raw slices go away as the segments made from them arrive, so the two are
// never all held at once. Internal to the trace import.

#include <algorithm>
#include <cstdint>
#include <memory>
#include <queue>
#include <vector>

namespace overlap::engine::traceio {

struct RawSlice {
    std::int64_t start = 0, end = 0; // absolute ns
    std::int32_t name = -1;
    std::uint32_t order = 0; // file order: the last tie-break
};
static_assert(sizeof(RawSlice) == 24);

// Enclosing slices first: by start, then longer first, then file order (a
// total order, so every merge of the same slices gives the same sequence).
inline bool enclosesFirst(const RawSlice& a, const RawSlice& b)
{
    if (a.start != b.start)
        return a.start < b.start;
    if (a.end != b.end)
        return a.end > b.end;
    return a.order < b.order;
}

class SliceBlocks {
public:
    static constexpr std::uint32_t kFirstBlock = 256;
    static constexpr std::uint32_t kMaxBlock = 1u << 16; // 1.5 MiB

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    void push_back(const RawSlice& s)
    {
        if (m_blocks.empty() || m_blocks.back().size == m_blocks.back().capacity) {
            const std::uint32_t capacity
                = m_blocks.empty() ? kFirstBlock : std::min(kMaxBlock, m_blocks.back().capacity * 2);
            m_blocks.push_back({std::make_unique_for_overwrite<RawSlice[]>(capacity), 0, capacity});
        }
        Block& b = m_blocks.back();
        b.data[b.size++] = s;
        ++m_size;
    }

    void sortBlocks()
    {
        for (Block& b : m_blocks) {
            if (!std::is_sorted(b.data.get(), b.data.get() + b.size, enclosesFirst))
                std::sort(b.data.get(), b.data.get() + b.size, enclosesFirst);
        }
    }

    // Calls f(slice) for every slice in enclosesFirst order (blocks sorted
    // first). With `release`, a block is freed once all its slices were seen
    // and the container is empty afterwards.
    template <class F> void forEachInOrder(bool release, F&& f)
    {
        struct Cursor {
            std::size_t block;
            std::uint32_t at;
        };
        auto later = [this](const Cursor& a, const Cursor& b) {
            return enclosesFirst(m_blocks[b.block].data[b.at], m_blocks[a.block].data[a.at]);
        };
        std::priority_queue<Cursor, std::vector<Cursor>, decltype(later)> heads(later);
        for (std::size_t i = 0; i < m_blocks.size(); ++i) {
            if (m_blocks[i].size > 0)
                heads.push({i, 0});
        }
        while (!heads.empty()) {
            Cursor c = heads.top();
            heads.pop();
            Block& b = m_blocks[c.block];
            // Stay on this block while it comes first (all the time when in order).
            for (;;) {
                f(static_cast<const RawSlice&>(b.data[c.at]));
                if (++c.at == b.size) {
                    if (release)
                        b.data.reset();
                    break;
                }
                if (!heads.empty() && later(c, heads.top())) {
                    heads.push(c);
                    break;
                }
            }
        }
        if (release) {
            m_blocks.clear();
            m_size = 0;
        }
    }

private:
    struct Block {
        std::unique_ptr<RawSlice[]> data;
        std::uint32_t size = 0;
        std::uint32_t capacity = 0;
    };
    std::vector<Block> m_blocks;
    std::size_t m_size = 0;
};

} // namespace overlap::engine::traceio
