// The dimensions of the layers drawn from the hazards (hazard_heatmap, hazards), whose values
// HazardSelection holds:
// - time: "START/END" in ISO 8601 UTC over the hazards' found_at, default the whole range;
// - severity: a comma list of 1, 2, 3, default all three;
// - status: open, rectified or all (the default);
// - category: a comma list of hazard category codes (EVAC_BLOCKED, ...), default all of them.
#pragma once

#include "map_layer.h"

#include "firebeat/model.h"

#include <set>
#include <span>
#include <string>
#include <vector>

namespace firebeat::ogc {

// `fields`: the hazards' data-model fields the source has (canonical names; null: all). Without
// found_at there is no time, without severity, rectified_at or category no such dimension.
std::vector<LayerDimension> hazardDimensions(std::span<const Hazard> hazards,
                                             const std::set<std::string>* fields = nullptr);

} // namespace firebeat::ogc
