// The dimensions of the layers drawn from the hazards (hazard_heatmap, hazards), whose values
// HazardSelection holds:
// - time: "START/END" in ISO 8601 UTC over the hazards' found_at, default the whole range;
// - severity: a comma list of 1, 2, 3, default all three;
// - status: open, rectified or all (the default);
// - category: a comma list of hazard category codes (EVAC_BLOCKED, ...), default all of them.
#pragma once

#include "map_layer.h"

#include "firebeat/model.h"

#include <span>
#include <vector>

namespace firebeat::ogc {

std::vector<LayerDimension> hazardDimensions(std::span<const Hazard> hazards);

} // namespace firebeat::ogc
