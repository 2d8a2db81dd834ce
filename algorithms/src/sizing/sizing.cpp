// District sizing from the coverage counts; the formulas are documented in README-coverage.md.
#include "firebeat/sizing.h"

#include <cmath>

namespace firebeat {
namespace {

// Beardwood-Halton-Hammersley: a shortest tour through n random points in an area A is about
// 0.7124 sqrt(n A) long, i.e. 0.7124 sqrt(A / n) per point visited.
constexpr double kTourConstant = 0.7124;
// Tolerance so that a workload of exactly k staff is not rounded up to k + 1 by rounding noise.
constexpr double kCeilTolerance = 1e-9;

double overallHazardVisitRate(const std::vector<DistrictCoverage>& districts) {
    long long visits = 0, withHazards = 0;
    for (const DistrictCoverage& d : districts) {
        visits += d.inspections;
        withHazards += d.inspectionsWithHazards;
    }
    return visits > 0 ? static_cast<double>(withHazards) / static_cast<double>(visits) : 0.0;
}

DistrictSizing size(const DistrictCoverage& d, const Norms& norms, double overallRate) {
    DistrictSizing s;
    s.districtId = d.districtId;
    s.name = d.name;
    s.kind = d.kind;
    s.areaKm2 = d.areaKm2;
    s.geometry = d.geometry;
    s.units = d.unitsTotal;
    s.officers = d.officers;
    s.hazardVisitRate =
        d.inspections > 0 ? static_cast<double>(d.inspectionsWithHazards) / d.inspections : overallRate;
    const double returnShare = s.hazardVisitRate * norms.reinspectionShare;
    for (int c = 0; c < kUnitCategoryCount; ++c) {
        const CategoryNorm& n = norms.categories[static_cast<std::size_t>(c)];
        const double visits = d.unitsByCategory[static_cast<std::size_t>(c)] * n.visitsPerYear;
        s.visitsPerYear += visits;
        s.reinspectionsPerYear += visits * returnShare;
        s.visitHours += visits * n.minutesPerVisit / 60.0;
        s.reinspectionHours += visits * returnShare * n.minutesPerVisit / 60.0;
    }
    if (s.units > 0) {
        const double kmPerVisit = kTourConstant * std::sqrt(s.areaKm2 / s.units) * norms.travel.detourFactor;
        s.travelHours = (s.visitsPerYear + s.reinspectionsPerYear) * kmPerVisit / norms.travel.speedKmh;
    }
    s.workloadHours = s.visitHours + s.reinspectionHours + s.travelHours;
    s.requiredStaff = s.workloadHours / norms.staffing.capacityHoursPerPerson;
    s.requiredStaffCeil = static_cast<int>(std::ceil(s.requiredStaff - kCeilTolerance));
    s.surplus = s.officers - s.requiredStaffCeil;
    return s;
}

} // namespace

SizingResult sizeDistricts(const CoverageResult& coverage, const SizingParameters& p) {
    SizingResult r;
    r.overallHazardVisitRate = overallHazardVisitRate(coverage.districts);
    r.headcount = p.headcount;
    std::vector<double> workloads;
    std::vector<std::string> ids;
    for (const DistrictCoverage& d : coverage.districts) {
        r.districts.push_back(size(d, p.coverage.norms, r.overallHazardVisitRate));
        r.totalWorkloadHours += r.districts.back().workloadHours;
        r.totalRequiredStaff += r.districts.back().requiredStaff;
        workloads.push_back(r.districts.back().workloadHours);
        ids.push_back(d.districtId);
    }
    if (p.headcount) {
        const std::vector<int> seats =
            allocateLargestRemainder(workloads, ids, *p.headcount, p.minimumPerDistrict);
        for (std::size_t i = 0; i < seats.size(); ++i) {
            r.districts[i].allocated = seats[i];
            r.districts[i].allocationChange = seats[i] - r.districts[i].officers;
        }
    }
    return r;
}

SizingResult computeSizing(const Dataset& data, const SizingParameters& p, Report& report,
                           Progress* progress) {
    return sizeDistricts(computeCoverage(data, p.coverage, report, progress), p);
}

} // namespace firebeat
