// Coverage gaps by police-station district (docs/statistics.md, "Coverage and sizing"): for a reporting
// window and the inspection norms, per district how much is inspected, what is overdue, which hazards are
// open, whether staffing meets the provincial norm, which villages nobody visited and what the fire stations
// reach; combined into a gap score and rank. Definitions and formulas: algorithms/README-coverage.md.
#pragma once

#include "firebeat/model.h"
#include "firebeat/norms.h"
#include "firebeat/progress.h"
#include "firebeat/report.h"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace firebeat {

struct CoverageParameters {
    Timestamp referenceDate = 0; // R: the window is (R - windowDays days, R]
    int windowDays = 365;
    Norms norms;
    // Segments per quarter circle of the reach buffers (area in reach): 32 keeps the area of
    // a circle within 0.04 %.
    int reachQuadrantSegments = 32;

    Timestamp windowStart() const { return referenceDate - windowDays * kSecondsPerDay; }
    bool inWindow(Timestamp t) const { return t > windowStart() && t <= referenceDate; }
};

// Per-district metrics. Percentages are null (nullopt) when their denominator is 0, e.g.
// coverage of a district without units or units per officer without officers.
struct DistrictCoverage {
    std::string districtId, name;
    DistrictKind kind = DistrictKind::Urban;
    double areaKm2 = 0;
    Polygon geometry;

    int unitsTotal = 0;
    std::array<int, kUnitCategoryCount> unitsByCategory{};
    int unitsInspected = 0; // units with a visit (not refused) in the window
    std::array<int, kUnitCategoryCount> inspectedByCategory{};
    std::optional<double> coveragePct;
    std::array<std::optional<double>, kUnitCategoryCount> coveragePctByCategory{};
    int overdueUnits = 0;     // visited before, but the last visit is older than the interval
    int neverInspected = 0;   // no visit up to R
    double plannedVisits = 0; // visits the intervals ask for in the window: sum of W / interval

    int inspections = 0;            // visits in the window, any outcome
    int inspectionsWithHazards = 0; // ... with outcome "hazards"

    int hazardsFound = 0; // found in the window
    int openHazards = 0;  // open at R
    std::array<int, 3> openBySeverity{};
    int openMajorHazards() const { return openBySeverity[2]; }
    int overdueRectifications = 0;             // open at R with a deadline before R
    std::optional<double> medianDaysToRectify; // of the hazards rectified in the window

    int officers = 0;
    std::optional<double> unitsPerOfficer;
    int unitsPerOfficerNorm = 0;
    int officersRequiredByNorm = 0; // ceil(units / norm)
    bool staffingNormMet = true;

    int villagesWithUnits = 0;
    int blindSpotVillages = 0;
    double blindSpotAreaKm2 = 0; // district area covered by its blind-spot villages

    int unitsInReach = 0;
    std::optional<double> unitsInReachPct;
    std::optional<double> areaInReachPct;

    double gapScore = 0; // 0..100, larger = bigger gap
    int gapRank = 0;     // 1 = largest gap
};

struct UnitCoverage {
    std::string unitId, name;
    UnitCategory category = UnitCategory::Other;
    std::optional<std::size_t> district; // index into CoverageResult::districts; null: outside all
    Point position;
    int inspectEveryDays = 0; // the unit's own, else its category's norm
    int inspectionsInWindow = 0;
    bool inspectedInWindow = false;
    std::optional<Timestamp> lastInspection; // last visit up to R that was not refused
    std::optional<std::int64_t> daysOverdue; // whole days past due; set only when overdue
    bool inReach = false;
    std::optional<double> nearestStationM; // straight-line; null without stations

    bool neverInspected() const { return !lastInspection; }
    bool needsVisit() const { return neverInspected() || daysOverdue.has_value(); }
};

// A village with units of which none was visited in the window.
struct BlindSpot {
    std::string villageId, name, districtId; // districtId empty: outside every district
    VillageKind kind = VillageKind::Community;
    std::optional<std::int64_t> population;
    int units = 0;
    double areaKm2 = 0;
    Polygon geometry;
};

// Task completion: the visits made against the officer's share of the district's planned visits.
struct OfficerWorkload {
    std::string officerId, name, districtId;
    bool listed = false; // in the officers layer (false: only seen in inspections)
    int inspections = 0; // in the window, any outcome
    int unitsVisited = 0;
    int hazardsFound = 0;               // hazards found in the window at this officer's inspections
    std::optional<double> targetVisits; // planned visits of the district / its officers
    std::optional<double> completionPct;
};

struct CoverageResult {
    std::vector<DistrictCoverage> districts; // in the order of Dataset::districts
    std::vector<UnitCoverage> units;         // in the order of Dataset::units
    std::vector<BlindSpot> blindSpots;
    std::vector<OfficerWorkload> officers; // the officers layer's order, then unlisted ids sorted
    Timestamp windowStart = 0, windowEnd = 0;
};

// Problems met (points outside every district, unknown ids, hazards rectified before they
// were found, ...) go to `report`; throws InputError for unusable parameters, Cancelled.
CoverageResult computeCoverage(const Dataset& data, const CoverageParameters& parameters, Report& report,
                               Progress* progress = nullptr);

// The weighted gap score (0..100) of one district from its metrics; see README-coverage.md.
double gapScore(const DistrictCoverage& d, const GapWeights& weights);
// Sets gapScore and gapRank: rank 1 = largest score, ties by district id, then input order.
void rankGaps(std::vector<DistrictCoverage>& districts, const GapWeights& weights);

} // namespace firebeat
