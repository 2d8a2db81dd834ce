// The density fields of the hazard selections (TIME, DIM_*) asked for lately, so the tiles of one
// map filter and project the hazards once: a small least-recently-used cache keyed by
// HazardSelection::key(), safe to use from several threads at once.
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
    explicit HeatmapIndexCache(std::size_t capacity) : capacity_(capacity) {}

    // The field kept under `key`, else the one `build` makes (built outside the lock, then kept
    // in place of the least recently used).
    std::shared_ptr<const DensityField>
    get(const std::string& key, const std::function<std::shared_ptr<const DensityField>()>& build);

  private:
    using Entry = std::pair<std::string, std::shared_ptr<const DensityField>>;
    std::mutex mutex_;
    std::size_t capacity_;
    std::list<Entry> entries_; // most recently used first
};

} // namespace firebeat::ogc
