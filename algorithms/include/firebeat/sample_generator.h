// The Kunming-like sample data set: a deterministic generator of all seven layers, with planted
// patterns (coverage gaps, hot and cold village clusters, an unreached district) that the
// analyses must find. sample-layers/README.md describes it and lists the planted ids.
#pragma once

#include "firebeat/model.h"
#include "firebeat/progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace firebeat {

struct SampleOptions {
    std::uint64_t seed = 20261129;
    // Multiplies units, inspections and hazards; districts, villages, stations and officers stay.
    double scale = 1.0;
    // Return the point layers (units, inspections, hazards, fire stations) in GCJ-02 instead of
    // WGS 84, as a source exported from a WeChat/AMap map would be.
    bool gcj02 = false;
    // Add the planted space-time patterns of emerging hot spots (SamplePlanted::emerging*): extra
    // hotline reports month by month around three villages. Off by default so the other planted
    // patterns keep their figures.
    bool emergingPatterns = false;
};

// The ids of the planted patterns. They depend on the seed only, not on the scale.
struct SamplePlanted {
    std::vector<std::string> underInspectedDistricts; // far fewer inspections per unit
    std::vector<std::string> blindSpotVillages;       // urban villages with units, no inspection
    std::vector<std::string> hotVillages;             // adjacent villages, many hazards per unit
    std::vector<std::string> coldVillages;            // adjacent villages, almost no hazards
    std::string unreachedDistrict;                    // township > 5 km from every fire station
    // Emerging hot spots (with SampleOptions::emergingPatterns; the ids are set either way): the
    // core village of each planted space-time pattern, and the cluster (core and its queen
    // neighbours) that gets the extra reports.
    std::string emergingNewVillage;          // reports only in the last month (2026-11)
    std::string emergingIntensifyingVillage; // more reports every month
    std::string emergingCampaignVillage;     // many reports until a campaign stops them (2026-10)
    std::vector<std::string> emergingNewCluster, emergingIntensifyingCluster, emergingCampaignCluster;
};

// The reporting window of the sample: inspections fall on 2025-12-01 .. 2026-11-28 (CST), and
// hazards still open at windowEnd have no rectified_at.
inline constexpr int kSampleWindowDays = 363;
Timestamp sampleWindowStart(); // 2025-12-01T00:00:00+08:00
Timestamp sampleWindowEnd();   // 2026-11-29T00:00:00+08:00

// The study area the districts tile, EPSG:4326 lon/lat (fixed, whatever the seed).
Polygon sampleStudyArea();

// Coordinates are EPSG:4326 lon/lat (x = lon, y = lat); data.crs = "EPSG:4326". The same
// options give an identical Dataset. Reports progress and throws Cancelled.
Dataset generateSample(const SampleOptions& options, Progress* progress = nullptr,
                       SamplePlanted* planted = nullptr);

} // namespace firebeat
