// The layers the server offers, built from one version of the data.
#pragma once

#include "colour_ramp.h"
#include "map_layer.h"

#include "firebeat/heatmap_scale.h"
#include "firebeat/model.h"

#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace firebeat::ogc {

struct LayerSettings {
    double heatmapRadius = 500; // metres
    std::array<double, 3> severityWeights{1, 2, 4};
    // The configuration's stops; else styles/hazard_heatmap.qml's ramp, stretched to the
    // percentile of the density (heatmap_scale.h).
    std::optional<ColourRamp> heatmapRamp;
    double heatmapPercentile = kHeatmapScalePercentile;
    // The hazards' data-model fields the source has (canonical names); none: all of them. A
    // dimension whose field is missing is not offered.
    std::optional<std::set<std::string>> hazardFields;
};

// Every layer over `data` (in its analysis CRS), in GetCapabilities order: hazard_heatmap,
// district_coverage, village_hotspots, emerging_hotspots, hazards, units, fire_stations,
// police_districts, villages.
// A layer the data cannot make (no such features, an analysis that does not apply) is left out
// with the reason on stderr. Throws InputError for settings the heatmap cannot use.
std::vector<std::unique_ptr<MapLayer>> makeLayers(std::shared_ptr<const Dataset> data,
                                                  const LayerSettings& settings);

} // namespace firebeat::ogc
