// The analyses as map layers, computed once per data version when the layers are built:
// - district_coverage: the police districts coloured by gap score (styles/district_coverage.qml),
//   from the coverage analysis with the window ending at the data's latest inspection or hazard
//   and the built-in norms (what `firebeat coverage` computes for that --reference-date);
// - village_hotspots: the villages coloured by their Getis-Ord Gi* class
//   (styles/village_hotspots.qml), from the hot-spot analysis with the defaults of
//   `firebeat hotspots` (hazard counts, queen contiguity, 999 permutations, seed 12345).
// GetFeatureInfo answers with the fields the CLI writes (district metrics, hot-spot statistics).
// Each throws InputError when the data cannot make it (no districts, fewer than 3 villages...).
#pragma once

#include "map_layer.h"

#include "firebeat/coverage.h"
#include "firebeat/model.h"

#include <memory>

namespace firebeat::ogc {

// The end of the coverage window: the latest inspection or hazard found (0 when there is none).
Timestamp latestActivity(const Dataset& data);

std::unique_ptr<MapLayer> makeDistrictCoverageLayer(const Dataset& data);
// The same layer from a coverage already computed over `windowDays` (the HTML report's window).
std::unique_ptr<MapLayer> makeDistrictCoverageLayer(const Dataset& data, const CoverageResult& result,
                                                    int windowDays);
std::unique_ptr<MapLayer> makeVillageHotspotsLayer(const Dataset& data);

} // namespace firebeat::ogc
