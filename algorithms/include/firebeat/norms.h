// The inspection norms behind the coverage and sizing analyses: inspection intervals, visit
// effort, travel, staffing and gap-score weights. Built-in defaults, or a JSON norms file
// (keys and meaning: algorithms/README-coverage.md, example: sample-layers/norms.json).
#pragma once

#include "firebeat/model.h"

#include <array>
#include <string>
#include <string_view>

namespace firebeat {

struct CategoryNorm {
    int inspectEveryDays = 365;  // a unit is overdue when its last visit is older than this
    double visitsPerYear = 1;    // planned visits a year (sizing)
    double minutesPerVisit = 60; // on-site time of one visit (sizing)
};

struct TravelNorms {
    double speedKmh = 30;      // average travel speed on the road network
    double detourFactor = 1.4; // road distance / straight-line distance
    // Minutes a station of each kind may take to reach a unit, indexed by StationKind.
    std::array<double, 4> reachMinutes{5, 5, 3, 5};
};

struct StaffingNorms {
    int unitsPerOfficerUrban = 500;       // provincial norm: 1 fire assistant per 500 listed units
    int unitsPerOfficerTownship = 200;    // ... and per 200 in a township
    double capacityHoursPerPerson = 1200; // inspection hours one person gives in a year
};

// Weights of the gap-score components (coverage.h, gapScore); only their ratios matter.
struct GapWeights {
    double uncovered = 0.25;
    double overdue = 0.25;
    double overdueRectifications = 0.15;
    double staffing = 0.15;
    double outOfReach = 0.10;
    double blindSpots = 0.10;
};

struct Norms {
    // Indexed by UnitCategory.
    std::array<CategoryNorm, kUnitCategoryCount> categories{{
        {365, 1, 120}, // key_unit
        {180, 2, 30},  // small_venue
        {90, 4, 45},   // three_in_one
        {365, 1, 60},  // residential_property
        {365, 1, 30},  // other
    }};
    // Share of the visits that found hazards which need a return visit (re-inspection).
    double reinspectionShare = 1.0;
    TravelNorms travel;
    StaffingNorms staffing;
    GapWeights gapWeights;

    const CategoryNorm& of(UnitCategory c) const { return categories[static_cast<std::size_t>(c)]; }
    double reachMinutes(StationKind k) const { return travel.reachMinutes[static_cast<std::size_t>(k)]; }
    // Straight-line reach of a station: the road distance covered in its minutes, divided by
    // the detour factor. 30 km/h, 5 min, 1.4 -> 2500 m / 1.4 = 1785.7 m.
    double reachRadiusM(StationKind k) const {
        return travel.speedKmh * 1000.0 / 60.0 * reachMinutes(k) / travel.detourFactor;
    }
    int unitsPerOfficer(DistrictKind k) const {
        return k == DistrictKind::Urban ? staffing.unitsPerOfficerUrban : staffing.unitsPerOfficerTownship;
    }
};

// Parses a norms document over the defaults: keys left out keep their default. `// comments`
// are allowed. Throws InputError naming `sourceName` and the key for unknown keys, wrong types
// and out-of-range values.
Norms parseNorms(std::string_view json, std::string_view sourceName = "norms");
// Reads and parses a norms file; throws InputError when it cannot be read.
Norms loadNorms(const std::string& path);

} // namespace firebeat
