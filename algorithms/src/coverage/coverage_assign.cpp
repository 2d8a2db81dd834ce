#include "coverage/coverage_internal.h"

#include <sstream>

namespace firebeat::coverage_detail {

void addProblem(Report& report, Severity severity, std::string code, LayerKind layer, std::int64_t fid,
                const std::string& featureId, std::string field, std::string message) {
    Problem p;
    p.severity = severity;
    p.code = std::move(code);
    p.layer = std::string(layerName(layer));
    if (fid >= 0)
        p.fid = fid;
    p.featureId = featureId;
    p.field = std::move(field);
    p.message = std::move(message);
    report.add(std::move(p));
}

DistrictLocator::DistrictLocator(const std::vector<District>& districts, Report& report)
    : ids_(indexById(districts, LayerKind::PoliceDistricts, report)), index_(PolygonIndex::of(districts)) {}

std::optional<std::size_t> DistrictLocator::assign(const std::string& districtId, Point p, LayerKind layer,
                                                   std::int64_t fid, const std::string& featureId,
                                                   Report& report) const {
    if (!districtId.empty()) {
        if (const auto i = lookup(ids_, districtId))
            return i;
        addProblem(report, Severity::Warning, "unknown_district", layer, fid, featureId, "district_id",
                   "district_id '" + districtId +
                       "' names no police district; the district is taken from the position");
    }
    if (const auto i = index_.locate(p))
        return i;
    std::ostringstream where;
    where.precision(15);
    where << "the position (" << p.x << ", " << p.y
          << ") lies outside every police district; the feature is left out of the district metrics";
    addProblem(report, Severity::Warning, "outside_districts", layer, fid, featureId, "", where.str());
    return std::nullopt;
}

} // namespace firebeat::coverage_detail
