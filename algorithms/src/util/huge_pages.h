// Transparent huge pages for large buffers that are filled once (kernel points, records).
#pragma once

#include <cstddef>
#include <iterator>
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

} // namespace firebeat
