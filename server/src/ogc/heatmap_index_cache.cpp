#include "heatmap_index_cache.h"

#include <algorithm>

namespace firebeat::ogc {

std::shared_ptr<const KdePointIndex> HeatmapIndexCache::get(const std::string& key,
                                                            const std::function<KdePointIndex()>& build) {
    const auto find = [&] {
        return std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.first == key; });
    };
    {
        const std::lock_guard lock(mutex_);
        if (const auto hit = find(); hit != entries_.end()) {
            entries_.splice(entries_.begin(), entries_, hit);
            return hit->second;
        }
    }
    auto index = std::make_shared<const KdePointIndex>(build());
    const std::lock_guard lock(mutex_);
    if (const auto other = find(); other != entries_.end()) // another thread built it meanwhile
        return other->second;
    entries_.emplace_front(key, index);
    if (entries_.size() > capacity_)
        entries_.pop_back();
    return index;
}

} // namespace firebeat::ogc
