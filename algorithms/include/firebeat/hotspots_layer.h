// Hot spots of any layer, not only the data model's villages: one numeric field of a polygon
// layer (any weights) or of a point layer (distance-band or k-nearest weights). Only that layer is
// read; the output keeps every field of the layer under its own name, plus the statistics.
#pragma once

#include "firebeat/hotspots.h"

#include <map>
#include <string>
#include <vector>

namespace firebeat {

struct LayerHotspotsOptions {
    std::string layer;       // the layer's name in the source; empty: its first layer
    std::string valueField;  // the numeric field analysed
    std::string idField;     // the features' own id, any type; empty: the feature id
    std::string analysisCrs; // empty: automaticAnalysisCrs() of the layer (its own when metric)
    WeightsOptions weights;
    LocalMoranOptions moran;
    bool neighbourPairs = false;                   // also write the layer neighbour_pairs
    std::map<std::string, std::string> parameters; // recorded in hotspot_metadata
};

struct LayerHotspotsSummary {
    std::string outputLayer; // "<layer>_hotspots"
    std::string crs;         // the analysis CRS, the output's
    std::size_t features = 0;
    int hot = 0, cold = 0; // Gi* bins at 90 % or more
    std::string valueDescription;
    std::string weights;
    std::vector<std::string> notes;
};

// The statistics fields added after the layer's own (a name the layer already uses gets "_2").
inline const std::vector<std::string>& layerHotspotStatisticsFields() {
    static const std::vector<std::string> names{
        "n_neighbours", "gi_z", "gi_p", "gi_bin", "gi_bin_fdr", "lisa_i", "lisa_p", "lisa_quadrant", "flags"};
    return names;
}

// Reads the layer of `source` (any OGR source), analyses `valueField` and writes the GeoPackage
// `output` (under a temporary name, renamed at the end: nothing is left half-written). Throws
// InputError naming the layer, field and feature (missing or non-numeric field, null value,
// duplicate id, a geometry that is neither polygon nor point, points with contiguity weights),
// Cancelled when cancelled.
LayerHotspotsSummary runLayerHotspots(const std::string& source, const LayerHotspotsOptions& options,
                                      const std::string& output, Progress* progress = nullptr);

} // namespace firebeat
