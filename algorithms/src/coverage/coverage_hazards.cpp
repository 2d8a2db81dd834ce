#include "coverage/coverage_internal.h"

#include <algorithm>

namespace firebeat::coverage_detail {
namespace {

std::optional<double> median(std::vector<double>& values) {
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

std::optional<std::size_t> hazardDistrict(const Hazard& h, const IdIndex& units,
                                          std::span<const std::optional<std::size_t>> unitDistricts,
                                          const DistrictLocator& districts, Report& report) {
    if (!h.unitId.empty()) {
        if (const auto u = lookup(units, h.unitId)) {
            if (unitDistricts[*u])
                return unitDistricts[*u];
        } else {
            addProblem(report, Severity::Warning, "unknown_unit", LayerKind::Hazards, h.fid, h.id, "unit_id",
                       "unit_id '" + h.unitId + "' names no unit; the district is taken from the position");
        }
    }
    return districts.assign("", h.position, LayerKind::Hazards, h.fid, h.id, report);
}

bool checkHazard(const Hazard& h, Report& report) {
    if (h.severity < 1 || h.severity > 3) {
        addProblem(report, Severity::Warning, "bad_value", LayerKind::Hazards, h.fid, h.id, "severity",
                   "severity must be 1, 2 or 3, not " + std::to_string(h.severity) +
                       "; the hazard is left out");
        return false;
    }
    if (h.rectifiedAt && *h.rectifiedAt < h.foundAt)
        addProblem(report, Severity::Error, "rectified_before_found", LayerKind::Hazards, h.fid, h.id,
                   "rectified_at",
                   "rectified_at " + formatTimestamp(*h.rectifiedAt) + " is before found_at " +
                       formatTimestamp(h.foundAt) +
                       "; the hazard counts as rectified but is left out of the days to rectify");
    return true;
}

void tallyHazards(const Dataset& data, const CoverageParameters& p, const IdIndex& units,
                  const DistrictLocator& districts, Report& report, CoverageResult& result) {
    const Timestamp r = p.referenceDate;
    std::vector<std::vector<double>> daysToRectify(result.districts.size());
    std::vector<std::optional<std::size_t>> unitDistricts;
    unitDistricts.reserve(result.units.size());
    for (const UnitCoverage& u : result.units)
        unitDistricts.push_back(u.district);
    for (const Hazard& h : data.hazards) {
        if (!checkHazard(h, report) || h.foundAt > r)
            continue;
        const auto di = hazardDistrict(h, units, unitDistricts, districts, report);
        if (!di)
            continue;
        DistrictCoverage& d = result.districts[*di];
        d.hazardsFound += p.inWindow(h.foundAt) ? 1 : 0;
        if (!h.rectifiedAt || *h.rectifiedAt > r) {
            ++d.openHazards;
            ++d.openBySeverity[static_cast<std::size_t>(h.severity - 1)];
            d.overdueRectifications += h.deadline && *h.deadline < r ? 1 : 0;
        } else if (*h.rectifiedAt >= h.foundAt && p.inWindow(*h.rectifiedAt)) {
            daysToRectify[*di].push_back(static_cast<double>(*h.rectifiedAt - h.foundAt) / kSecondsPerDay);
        }
    }
    for (std::size_t i = 0; i < daysToRectify.size(); ++i)
        result.districts[i].medianDaysToRectify = median(daysToRectify[i]);
}

} // namespace firebeat::coverage_detail
