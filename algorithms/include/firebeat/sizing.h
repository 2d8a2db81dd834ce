// District sizing (docs/statistics.md, "Coverage and sizing"): the yearly inspection workload of each police
// district from its units and the norms, the staff it needs, the surplus or deficit against
// its officers, and the allocation of a given headcount in proportion to workload.
// Formulas: algorithms/README-coverage.md.
#pragma once

#include "firebeat/coverage.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace firebeat {

struct SizingParameters {
    CoverageParameters coverage;  // the window gives the hazard rate; the norms give the effort
    std::optional<int> headcount; // total staff to allocate across districts (e.g. 505)
    int minimumPerDistrict = 1;
};

struct DistrictSizing {
    std::string districtId, name;
    DistrictKind kind = DistrictKind::Urban;
    double areaKm2 = 0;
    Polygon geometry;
    int units = 0;
    double hazardVisitRate = 0;      // share of visits finding hazards: the district's, else overall
    double visitsPerYear = 0;        // planned: sum over units of the category's visits a year
    double reinspectionsPerYear = 0; // visits x hazard rate x re-inspection share
    double visitHours = 0;           // planned visits x minutes a visit
    double reinspectionHours = 0;    // re-inspections x minutes a visit of the category
    double travelHours = 0;          // tour estimate, see README-coverage.md
    double workloadHours = 0;        // the three above
    double requiredStaff = 0;        // workload / capacity hours per person
    int requiredStaffCeil = 0;
    int officers = 0;
    int surplus = 0;                     // officers - requiredStaffCeil; negative = deficit
    std::optional<int> allocated;        // share of the headcount, when one is given
    std::optional<int> allocationChange; // allocated - officers
};

struct SizingResult {
    std::vector<DistrictSizing> districts; // in the order of Dataset::districts
    double overallHazardVisitRate = 0;
    double totalWorkloadHours = 0;
    double totalRequiredStaff = 0;
    std::optional<int> headcount;
};

// Sizes the districts of a coverage result (which holds the counts sizing needs).
SizingResult sizeDistricts(const CoverageResult& coverage, const SizingParameters& parameters);
// computeCoverage + sizeDistricts.
SizingResult computeSizing(const Dataset& data, const SizingParameters& parameters, Report& report,
                           Progress* progress = nullptr);

// Largest-remainder (Hamilton) apportionment of `total` seats in proportion to `weights`, every
// district getting at least `minimum`: districts whose quota falls below the minimum get the
// minimum and the rest is shared again among the others; then each gets the floor of its quota
// and the leftover seats go to the largest remainders, ties to the smaller id (then the
// earlier position). All weights 0: equal quotas. Throws InputError when total < minimum x
// districts, for negative or non-finite weights and when ids and weights differ in size.
std::vector<int> allocateLargestRemainder(std::span<const double> weights, std::span<const std::string> ids,
                                          int total, int minimum);

} // namespace firebeat
