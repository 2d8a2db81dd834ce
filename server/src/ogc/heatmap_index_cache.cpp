#include "heatmap_index_cache.h"

#include <algorithm>

namespace firebeat::ogc {

std::shared_ptr<const DensityField>
HeatmapIndexCache::get(const std::string& key,
                       const std::function<std::shared_ptr<const DensityField>()>& build) {
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
    auto field = build();
    const std::lock_guard lock(mutex_);
    if (const auto other = find(); other != entries_.end()) // another thread built it meanwhile
        return other->second;
    entries_.emplace_front(key, field);
    points_ += field->points().size();
    while (entries_.size() > 1 && (entries_.size() > maxFields_ || points_ > maxPoints_)) {
        points_ -= entries_.back().second->points().size();
        entries_.pop_back();
    }
    return field;
}

} // namespace firebeat::ogc
