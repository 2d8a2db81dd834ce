// The hot-spot result as a GeoPackage: layer `village_hotspots` (the villages' attributes and
// the statistics), `hotspot_metadata` (what was computed and how) and, on request,
// `neighbour_pairs` for auditing the weights.
#pragma once

#include "firebeat/hotspots.h"

#include <string>

namespace firebeat {

struct HotspotsOutputOptions {
    std::string crs;                               // of the areas, e.g. "EPSG:4543"
    bool neighbourPairs = false;                   // also write the neighbour list
    std::map<std::string, std::string> parameters; // recorded in hotspot_metadata
};

// `data` supplies the villages' attributes (joined on village id; hexagons have none).
// Written under a temporary name and renamed at the end.
void writeHotspots(const std::string& path, const HotspotResult& result, const Dataset& data,
                   const HotspotsOutputOptions& options);

} // namespace firebeat
