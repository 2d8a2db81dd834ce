// Shared between the parts of the sample generator (sample_*.cpp); not a public API.
#pragma once

#include "firebeat/geos_support.h"
#include "firebeat/sample_generator.h"
#include "util/random.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace firebeat::detail {

// Metres per degree at 25.03 N, for offsets and distances within the ~30 km study area
// (a local plane errs by well under 1 % there). Constants, not cos(), keep results bit-exact.
inline constexpr double kMetresPerDegreeLon = 100908.0;
inline constexpr double kMetresPerDegreeLat = 110773.0;

inline Point offsetMetres(Point p, double east, double north) {
    return {p.x + east / kMetresPerDegreeLon, p.y + north / kMetresPerDegreeLat};
}

inline double distanceMetres(Point a, Point b) {
    const double dx = (a.x - b.x) * kMetresPerDegreeLon;
    const double dy = (a.y - b.y) * kMetresPerDegreeLat;
    return std::sqrt(dx * dx + dy * dy);
}

// "U000042": a prefix and a zero-padded number.
inline std::string sampleId(char prefix, std::size_t number, int width) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%c%0*zu", prefix, width, number);
    return buffer;
}

// The scale-independent part: districts, villages, fire stations, officers and the planted
// patterns, plus what the activity generator needs to know about each area.
struct SampleGeography {
    Dataset data;
    SamplePlanted planted;
    std::vector<std::size_t> villageDistrict;   // index into data.districts
    std::vector<double> villageHazardFactor;    // multiplies the chance of finding hazards
    std::vector<bool> villageBlindSpot;         // no inspection at all
    std::vector<double> districtInspectionRate; // multiplies the inspection frequency
    // Emerging hot-spot clusters (village indices, core first): new, intensifying, campaign.
    std::array<std::vector<std::size_t>, 3> emergingClusters;
    std::vector<std::size_t> districtFirstOfficer, districtOfficerCount; // into data.officers
    // The villages as GEOS geometries, for placing units (prepared after the geometries so
    // they are destroyed first).
    std::vector<GeosGeometry> villageGeometry;
    std::vector<GeosPrepared> villagePrepared;
};

// Whether a point is inside the study area, and its distance to the study area's edge, so
// GPS noise never throws a point out of every district.
bool insideStudyArea(Point p);
double metresToStudyAreaEdge(Point p);

// A uniformly random point strictly inside a polygon (rejection sampling in its envelope).
Point randomPointIn(Random& rng, const GEOSPreparedGeometry* polygon, const Envelope& envelope);

SampleGeography buildSampleGeography(std::uint64_t seed, Progress* progress);

// Units, inspections and hazards (scaled), appended to geo.data. Progress runs from `from` to 1.
void generateSampleActivity(SampleGeography& geo, const SampleOptions& options, Progress* progress,
                            double from);

// Chinese names. Place and person names are kept unique through `used`.
std::string sampleVillageName(Random& rng, VillageKind kind, std::set<std::string>& used);
std::string samplePersonName(Random& rng, std::set<std::string>& used);
std::string sampleUnitName(Random& rng, UnitCategory category);

} // namespace firebeat::detail
