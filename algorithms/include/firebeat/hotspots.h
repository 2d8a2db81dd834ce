// Village hot spots (docs/statistics.md): one value per village (or hexagon), spatial weights, Getis-Ord
// Gi* and Local Moran's I, returned as one table joined on the feature id. README-hotspots.md
// gives the formulas, the defaults and how they compare with ArcGIS Pro, PySAL and spdep.
#pragma once

#include "firebeat/filters.h"
#include "firebeat/hotspot_statistics.h"
#include "firebeat/model.h"
#include "firebeat/progress.h"
#include "firebeat/spatial_weights.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firebeat {

// What a count is divided by to make a rate.
enum class RateBase { None, Units, InspectedUnits, Population };
// "none", "units", "inspected", "population" (the --rate-per values).
std::string_view code(RateBase base);
std::optional<RateBase> parseRateBase(std::string_view s);

struct HotspotOptions {
    // The numerator of each area: the hazards accepted by this filter that lie inside it...
    HazardFilter hazards;
    // ...or, when set, a polygon attribute by village id (e.g. read from --value-field).
    // Every village needs a non-null value.
    std::optional<std::map<std::string, std::optional<double>, std::less<>>> attribute;
    // Rates: per unit, per inspected unit (>= 1 inspection in the filter's from/to window), per
    // 1,000 people (villages' population). Units are placed in areas by position.
    RateBase ratePer = RateBase::None;
    bool ebSmoothing = false; // global empirical Bayes (rates only)
    // Analyse pointy-top hexagons this many metres across over the districts, not the villages.
    std::optional<double> hexSize;
    WeightsOptions weights;
    LocalMoranOptions moran;
};

// One analysed feature. Null statistics come with a flag saying why.
struct HotspotRow {
    std::string id;
    double value = 0;                  // the analysed value (the smoothed rate when smoothing)
    double numerator = 0;              // hazards counted, or the attribute
    std::optional<double> denominator; // rates: units, inspected units or population
    std::optional<double> crudeRate;   // rates: numerator / denominator (per 1,000 for people)
    std::size_t neighbours = 0;        // self excluded
    std::optional<double> giZ;
    std::optional<double> giP;
    int giBin = 0;
    int giBinFdr = 0;
    std::optional<double> lisaI;
    std::optional<double> lisaP;
    LisaQuadrant lisaQuadrant = LisaQuadrant::NotSignificant;
    std::uint32_t flags = 0; // hotspot_flags
};

struct HotspotResult {
    std::vector<Area> areas; // the analysed features: the villages, or the hexagons; rows[i] is areas[i]
    std::vector<HotspotRow> rows;
    SpatialWeights weights;         // weights.info() describes them; neighbourPairs() exports them
    std::string valueDescription;   // e.g. "hazards per 1,000 people, empirical-Bayes smoothed"
    std::vector<std::string> notes; // facts for the log, e.g. hazards outside every area
};

// Throws InputError naming the feature for a null, negative or non-finite value, an undefined
// rate (zero or missing denominator without smoothing), an invalid polygon, duplicate ids;
// and for fewer than 3 features, all values equal, no villages and no hexSize. Cancelled when
// cancelled.
HotspotResult analyseHotspots(const Dataset& data, const HotspotOptions& options,
                              Progress* progress = nullptr);

// The same statistics on one value per feature of any layer: polygons (any weights) or points
// (Area::point; distance-band or k-nearest weights). Rows in the order of `areas`; `description`
// names the value ("field hazards"). Throws as analyseHotspots() does.
HotspotResult analyseValues(std::vector<Area> areas, std::vector<double> values, std::string description,
                            const WeightsOptions& weights, const LocalMoranOptions& moran,
                            Progress* progress = nullptr);

} // namespace firebeat
