#include "coverage/coverage_internal.h"

namespace firebeat::coverage_detail {
namespace {

GeosGeometry villageShape(const Village& v) {
    GeosGeometry g = geosFromWkb(v.geometry.wkb);
    if (!g)
        throw InputError("villages: the geometry of village '" + v.id + "' (fid " + std::to_string(v.fid) +
                         ") cannot be read: " + lastGeosError());
    return g;
}

// A point surely inside the village, to find its district when district_id is empty or unknown.
Point interiorPoint(const GEOSGeometry* g) {
    GEOSContextHandle_t ctx = geosContext();
    const GeosGeometry p(GEOSPointOnSurface_r(ctx, g));
    Point out;
    if (!p || !GEOSGeomGetX_r(ctx, p.get(), &out.x) || !GEOSGeomGetY_r(ctx, p.get(), &out.y))
        throw InputError("cannot find a point inside a village: " + lastGeosError());
    return out;
}

} // namespace

void findBlindSpots(const Dataset& data, const DistrictLocator& districts,
                    std::span<const GeosGeometry> districtShapes, Report& report, CoverageResult& result) {
    if (data.villages.empty())
        return;
    const PolygonIndex villages = PolygonIndex::of(data.villages);
    std::vector<int> units(data.villages.size(), 0);
    std::vector<bool> visited(data.villages.size(), false);
    for (const UnitCoverage& u : result.units)
        if (const auto v = villages.locate(u.position)) {
            ++units[*v];
            visited[*v] = visited[*v] || u.inspectedInWindow;
        }

    std::vector<std::vector<GeosGeometry>> blindShapes(result.districts.size());
    for (std::size_t i = 0; i < data.villages.size(); ++i) {
        if (units[i] == 0)
            continue;
        const Village& v = data.villages[i];
        GeosGeometry shape = villageShape(v);
        const auto di = districts.assign(v.districtId, interiorPoint(shape.get()), LayerKind::Villages, v.fid,
                                         v.id, report);
        if (di)
            ++result.districts[*di].villagesWithUnits;
        if (visited[i])
            continue;
        BlindSpot b;
        b.villageId = v.id;
        b.name = v.name;
        b.districtId = di ? result.districts[*di].districtId : std::string();
        b.kind = v.kind;
        b.population = v.population;
        b.units = units[i];
        b.areaKm2 = areaKm2(shape.get());
        b.geometry = v.geometry;
        result.blindSpots.push_back(std::move(b));
        if (di) {
            ++result.districts[*di].blindSpotVillages;
            blindShapes[*di].push_back(std::move(shape));
        }
    }
    for (std::size_t d = 0; d < blindShapes.size(); ++d)
        if (!blindShapes[d].empty())
            result.districts[d].blindSpotAreaKm2 =
                coveredKm2(districtShapes[d].get(), std::move(blindShapes[d]));
}

} // namespace firebeat::coverage_detail
