#pragma once

// A growable array stored in chunks that double in size (4, 8, 16, …
// elements): appending never moves what is already stored, so a container
// that grows to millions of elements while a GUI paints never stalls for a
// reallocation that copies tens of megabytes, and a small one stays small:
// an empty one is 32 bytes and allocates nothing, one of three elements
// allocates four (a timeline has a few lanes per task, and a run may have
// 100,000 tasks). A chunk's memory is only touched as it fills. Indexing is a bit scan, a
// shift and a subtraction; iterators are random access, so the standard
// algorithms (binary searches, rotate) work on it. Holds trivially copyable
// types only, which is what timelines and event logs store.

#include <algorithm>
#include <bit>
#include <cassert>
#include <cstddef>
#include <iterator>
#include <new>
#include <type_traits>
#include <vector>

namespace overlap::engine {

template <typename T> class ChunkedVector {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    static constexpr unsigned kFirstBits = 2; // the first chunk holds 4
    static constexpr std::size_t kFirst = std::size_t{1} << kFirstBits;

    // Chunk k holds kFirst·2^k elements and starts at index kFirst·(2^k − 1).
    struct Place {
        unsigned chunk;
        std::size_t offset;
    };
    static Place place(std::size_t i)
    {
        const std::size_t j = i + kFirst;
        const auto chunk = static_cast<unsigned>(std::bit_width(j)) - 1 - kFirstBits;
        return {chunk, j - (kFirst << chunk)};
    }
    static std::size_t chunkSize(unsigned chunk) { return kFirst << chunk; }

    template <bool Const> class Iter {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = std::conditional_t<Const, const T*, T*>;
        using reference = std::conditional_t<Const, const T&, T&>;
        using Owner = std::conditional_t<Const, const ChunkedVector, ChunkedVector>;

        Iter() = default;
        Iter(Owner* owner, std::size_t i)
            : m_owner(owner)
            , m_i(i)
        {
        }
        operator Iter<true>() const { return Iter<true>(m_owner, m_i); }

        reference operator*() const { return (*m_owner)[m_i]; }
        pointer operator->() const { return &(*m_owner)[m_i]; }
        reference operator[](difference_type n) const { return (*m_owner)[index(n)]; }
        Iter& operator++()
        {
            ++m_i;
            return *this;
        }
        Iter operator++(int)
        {
            Iter old = *this;
            ++m_i;
            return old;
        }
        Iter& operator--()
        {
            --m_i;
            return *this;
        }
        Iter operator--(int)
        {
            Iter old = *this;
            --m_i;
            return old;
        }
        Iter& operator+=(difference_type n)
        {
            m_i = index(n);
            return *this;
        }
        Iter& operator-=(difference_type n)
        {
            m_i = index(-n);
            return *this;
        }
        friend Iter operator+(Iter it, difference_type n) { return it += n; }
        friend Iter operator+(difference_type n, Iter it) { return it += n; }
        friend Iter operator-(Iter it, difference_type n) { return it -= n; }
        friend difference_type operator-(const Iter& a, const Iter& b)
        {
            return static_cast<difference_type>(a.m_i) - static_cast<difference_type>(b.m_i);
        }
        friend bool operator==(const Iter& a, const Iter& b) { return a.m_i == b.m_i; }
        friend auto operator<=>(const Iter& a, const Iter& b) { return a.m_i <=> b.m_i; }

    private:
        std::size_t index(difference_type n) const
        {
            return static_cast<std::size_t>(static_cast<difference_type>(m_i) + n);
        }
        Owner* m_owner = nullptr;
        std::size_t m_i = 0;
    };

public:
    using value_type = T;
    using iterator = Iter<false>;
    using const_iterator = Iter<true>;

    ChunkedVector() = default;
    ~ChunkedVector() { release(); }
    ChunkedVector(const ChunkedVector& other) { *this = other; }
    ChunkedVector(ChunkedVector&& other) noexcept { swap(other); }
    ChunkedVector& operator=(ChunkedVector&& other) noexcept
    {
        ChunkedVector(std::move(other)).swap(*this);
        return *this;
    }
    ChunkedVector& operator=(const ChunkedVector& other)
    {
        if (this == &other)
            return *this;
        clear();
        for (const T& v : other)
            push_back(v);
        return *this;
    }
    void swap(ChunkedVector& other) noexcept
    {
        std::swap(m_chunks, other.m_chunks);
        std::swap(m_size, other.m_size);
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    T& operator[](std::size_t i)
    {
        assert(i < m_size);
        const Place p = place(i);
        return m_chunks[p.chunk][p.offset];
    }
    const T& operator[](std::size_t i) const
    {
        assert(i < m_size);
        const Place p = place(i);
        return m_chunks[p.chunk][p.offset];
    }
    // The stored elements contiguous with element i: [begin, begin + size),
    // i inside, for loops that want plain pointers.
    struct Contiguous {
        const T* data;
        std::size_t begin;
        std::size_t size;
    };
    Contiguous contiguousAt(std::size_t i) const
    {
        assert(i < m_size);
        const Place p = place(i);
        const std::size_t begin = i - p.offset;
        return {m_chunks[p.chunk], begin, std::min(chunkSize(p.chunk), m_size - begin)};
    }

    T& back() { return (*this)[m_size - 1]; }
    const T& back() const { return (*this)[m_size - 1]; }

    void push_back(const T& v)
    {
        const Place p = place(m_size);
        if (p.chunk == m_chunks.size()) // raw memory: pages are touched as elements arrive
            m_chunks.push_back(static_cast<T*>(::operator new(chunkSize(p.chunk) * sizeof(T))));
        ::new (static_cast<void*>(m_chunks[p.chunk] + p.offset)) T(v);
        ++m_size;
    }
    void resize(std::size_t n, const T& fill = T{})
    {
        while (m_size < n)
            push_back(fill);
        m_size = n;
    }
    void clear()
    {
        release();
        m_size = 0;
    }

    iterator begin() { return iterator(this, 0); }
    iterator end() { return iterator(this, m_size); }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, m_size); }

private:
    void release()
    {
        for (T* chunk : m_chunks)
            ::operator delete(chunk);
        m_chunks.clear();
        m_chunks.shrink_to_fit();
    }

    // The chunks' addresses, in order; growing this table moves pointers,
    // never the elements.
    std::vector<T*> m_chunks;
    std::size_t m_size = 0;
};

} // namespace overlap::engine
