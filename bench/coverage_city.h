// A generated city for the coverage benchmark: a grid of square police districts, each tiled
// by square villages, with units, inspections, hazards, stations and officers at random.
#pragma once

#include "firebeat/model.h"

#include <cstdint>

namespace firebeat::bench {

struct CitySize {
    int districtColumns = 20, districtRows = 15; // 300 districts
    double districtSideM = 3000;
    int villagesPerSide = 3; // villages per district: villagesPerSide^2
    int units = 90000;
    int inspections = 600000;
    int hazards = 240000;
    int stationsPerDistrict = 2;
    int officersPerDistrict = 5;
    int historyDays = 730;               // inspections spread over this many days before the reference date
    double neglectedVillageShare = 0.03; // villages whose units nobody inspects: blind spots
};

// Deterministic for a seed. Hazards hang on inspections with outcome "hazards".
Dataset generateCity(const CitySize& size, Timestamp reference, std::uint64_t seed);

} // namespace firebeat::bench
