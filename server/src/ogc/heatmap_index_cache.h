// The density fields of the hazard selections (TIME, DIM_*) asked for lately, so the tiles of one
// map filter and project the hazards once: a small least-recently-used cache keyed by
// HazardSelection::key(), safe to use from several threads at once. Bounded both in fields and
// in their points: a field holds ~150 bytes per point for each map CRS drawn.
#pragma once

#include "firebeat/kde_pixel_density.h"

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace firebeat::ogc {

class HeatmapIndexCache {
  public:
    HeatmapIndexCache(std::size_t maxFields, std::size_t maxPoints)
        : maxFields_(maxFields), maxPoints_(maxPoints) {}

    // The field kept under `key`, else the one `build` makes (built outside the lock, then kept,
    // evicting the least recently used while more than maxFields fields or maxPoints points are
    // kept; the newest is always kept).
    std::shared_ptr<const DensityField>
    get(const std::string& key, const std::function<std::shared_ptr<const DensityField>()>& build);

  private:
    using Entry = std::pair<std::string, std::shared_ptr<const DensityField>>;
    std::mutex mutex_;
    std::size_t maxFields_, maxPoints_;
    std::size_t points_ = 0;   // in entries_
    std::list<Entry> entries_; // most recently used first
};

} // namespace firebeat::ogc
