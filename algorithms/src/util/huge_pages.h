// Transparent huge pages for large buffers that are filled once (kernel points, records).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace firebeat {

// Asks the kernel for transparent huge pages over the 2 MiB pages inside [p, p + bytes) (Debian's
// default THP mode is "madvise"): first touching a large buffer then costs 512 times fewer page
// faults, which dominate on virtual machines.
void adviseHugePages(const void* p, std::size_t bytes);
// v.reserve(n), the new storage advised for huge pages before the elements are copied into it
// (std::vector::reserve would copy first, touching it page by page).
template <class T> void reserveHuge(std::vector<T>& v, std::size_t n) {
    if (n <= v.capacity())
        return;
    std::vector<T> grown;
    grown.reserve(n);
    adviseHugePages(grown.data(), n * sizeof(T));
    grown.insert(grown.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
    v.swap(grown);
}
// v.resize(n), the new storage advised for huge pages before it is touched.
template <class T> void resizeHuge(std::vector<T>& v, std::size_t n, const T& value = T()) {
    v.clear();
    reserveHuge(v, n);
    v.resize(n, value);
}

// Storage from std::malloc, given back with std::free (the deleter a public header can name too).
template <class T> using UntouchedArray = std::unique_ptr<T[], void (*)(void*)>;

// Room for n objects of a trivially copyable T, advised for huge pages and not touched (unlike a
// std::vector's, which it value-initialises): the threads that construct its objects, each once,
// then take its page faults, in parallel.
template <class T> UntouchedArray<T> allocateUntouched(std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    void* p = std::malloc(std::max<std::size_t>(n, 1) * sizeof(T));
    if (!p)
        throw std::bad_alloc();
    adviseHugePages(p, n * sizeof(T));
    return UntouchedArray<T>(static_cast<T*>(p), std::free);
}

} // namespace firebeat
