// The emerging hot-spot result as a GeoPackage: layer `emerging_hotspots` (every input polygon
// field under its own name, then pattern, code, trend_z, trend_p, n_hot, n_cold, final_z,
// n_neighbours, flags), table `emerging_bins` (one row per location and month) and
// `emerging_metadata` (what was computed and how).
#pragma once

#include "firebeat/emerging.h"

#include <map>
#include <string>

namespace firebeat {

// The output fields after the input's, in order.
inline constexpr const char* kEmergingOutputFields[] = {
    "pattern", "code", "trend_z", "trend_p", "n_hot", "n_cold", "final_z", "n_neighbours", "flags"};

struct EmergingOutputOptions {
    std::map<std::string, std::string> parameters; // recorded in emerging_metadata
};

// Written under a temporary name and renamed at the end. An input field whose name is one of
// the output fields is written as input_<name> (noted in the metadata).
void writeEmerging(const std::string& path, const EmergingInput& input, const EmergingResult& result,
                   const EmergingOutputOptions& options = {});

} // namespace firebeat
