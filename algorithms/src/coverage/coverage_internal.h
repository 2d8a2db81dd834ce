// The steps of computeCoverage (coverage.cpp), shared by its source files.
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/geos_support.h"
#include "firebeat/polygon_index.h"

#include <span>
#include <string_view>
#include <unordered_map>

namespace firebeat::coverage_detail {

void addProblem(Report& report, Severity severity, std::string code, LayerKind layer, std::int64_t fid,
                const std::string& featureId, std::string field, std::string message);

// Feature id -> index of its first feature; later duplicates are reported and ignored.
using IdIndex = std::unordered_map<std::string_view, std::size_t>;
template <class T> IdIndex indexById(const std::vector<T>& features, LayerKind layer, Report& report) {
    IdIndex index;
    index.reserve(features.size());
    for (std::size_t i = 0; i < features.size(); ++i)
        if (!index.emplace(features[i].id, i).second)
            addProblem(report, Severity::Warning, "duplicate_id", layer, features[i].fid, features[i].id, "",
                       "the id is used by an earlier feature; only the first one is used");
    return index;
}
inline std::optional<std::size_t> lookup(const IdIndex& index, std::string_view id) {
    const auto it = index.find(id);
    return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
}

// "No such index": an unknown unit, a visit not attributed to an officer.
inline constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

// Assigns features to police districts: by their district_id when filled, else by position.
class DistrictLocator {
  public:
    DistrictLocator(const std::vector<District>& districts, Report& report);
    const IdIndex& ids() const { return ids_; }
    // The district of a feature, reporting an unknown district_id (then located by position)
    // and a position outside every district (then nullopt).
    std::optional<std::size_t> assign(const std::string& districtId, Point p, LayerKind layer,
                                      std::int64_t fid, const std::string& featureId, Report& report) const;

  private:
    IdIndex ids_;
    PolygonIndex index_;
};

// GEOS geometries of the districts, in order; throws InputError for unreadable WKB.
std::vector<GeosGeometry> districtGeometries(const std::vector<District>& districts);
double areaKm2(const GEOSGeometry* g);
// Area of the part of `district` covered by the union of `parts`.
double coveredKm2(const GEOSGeometry* district, std::vector<GeosGeometry> parts);

// A hazard belongs to its unit's district; hotline hazards (no unit) and hazards of units that
// are unknown or outside every district are placed by their own position. `unitDistricts`: the
// district of each unit of the data, in order.
std::optional<std::size_t> hazardDistrict(const Hazard& h, const IdIndex& units,
                                          std::span<const std::optional<std::size_t>> unitDistricts,
                                          const DistrictLocator& districts, Report& report);
// False (reported) for a hazard the metrics leave out: a severity outside 1..3.
bool checkHazard(const Hazard& h, Report& report);
// Hazard counts, open hazards, overdue rectifications and the median days to rectify.
void tallyHazards(const Dataset& data, const CoverageParameters& p, const IdIndex& units,
                  const DistrictLocator& districts, Report& report, CoverageResult& result);
// The officer_workload table; needs the districts' planned visits and officers.
// `inspectionUnits`: the unit index of each inspection, kNoIndex when the unit is unknown.
void tallyOfficers(const Dataset& data, const CoverageParameters& p,
                   std::span<const std::size_t> inspectionUnits, const DistrictLocator& districts,
                   Report& report, CoverageResult& result);
// Villages with units none of which was visited in the window; needs units' inspectedInWindow.
void findBlindSpots(const Dataset& data, const DistrictLocator& districts,
                    std::span<const GeosGeometry> districtShapes, Report& report, CoverageResult& result);
// Units and district area within reach of a fire station.
void assessStationReach(const Dataset& data, const CoverageParameters& p,
                        std::span<const GeosGeometry> districtShapes, CoverageResult& result);

} // namespace firebeat::coverage_detail
