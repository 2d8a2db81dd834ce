// adviseHugePages(): madvise(MADV_HUGEPAGE) over the whole 2 MiB pages of a buffer.
#include "util/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace firebeat {

void adviseHugePages(const void* p, std::size_t bytes) {
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kHuge - 1);
    if (end > begin) // advice only: failure (no THP) changes nothing
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

} // namespace firebeat
