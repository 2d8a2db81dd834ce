// Fire-station reach: a station reaches what lies within its reach radius (norms.h,
// reachRadiusM: speed x minutes / detour factor, straight line).
#include "coverage/coverage_internal.h"

#include <cmath>
#include <limits>

namespace firebeat::coverage_detail {
namespace {

struct Station {
    Point position;
    double radius;
};

// Units: exact distances to every station (units x stations is small next to the rest).
void unitsInReach(const std::vector<Station>& stations, CoverageResult& result) {
    for (UnitCoverage& u : result.units) {
        double nearest2 = std::numeric_limits<double>::infinity();
        for (const Station& s : stations) {
            const double dx = u.position.x - s.position.x, dy = u.position.y - s.position.y;
            const double d2 = dx * dx + dy * dy;
            nearest2 = std::min(nearest2, d2);
            u.inReach = u.inReach || d2 <= s.radius * s.radius;
        }
        if (!stations.empty())
            u.nearestStationM = std::sqrt(nearest2);
        if (u.inReach && u.district)
            ++result.districts[*u.district].unitsInReach;
    }
}

// Area: the union of the reach circles (polygons of 4 x quadrantSegments sides) near the
// district, intersected with it.
void areaInReach(const std::vector<Station>& stations, int quadrantSegments,
                 std::span<const GeosGeometry> shapes, CoverageResult& result) {
    GEOSContextHandle_t ctx = geosContext();
    for (std::size_t d = 0; d < result.districts.size(); ++d) {
        DistrictCoverage& c = result.districts[d];
        if (c.areaKm2 <= 0)
            continue;
        const Envelope e = geosEnvelope(shapes[d].get());
        std::vector<GeosGeometry> circles;
        for (const Station& s : stations) {
            const Point p = s.position;
            if (s.radius <= 0 || p.x + s.radius < e.minX || p.x - s.radius > e.maxX ||
                p.y + s.radius < e.minY || p.y - s.radius > e.maxY)
                continue;
            const GeosGeometry centre = geosPoint(p);
            circles.emplace_back(GEOSBuffer_r(ctx, centre.get(), s.radius, quadrantSegments));
            if (!circles.back())
                throw InputError("cannot buffer a fire station: " + lastGeosError());
        }
        const double reached = circles.empty() ? 0.0 : coveredKm2(shapes[d].get(), std::move(circles));
        c.areaInReachPct = 100.0 * reached / c.areaKm2;
    }
}

} // namespace

void assessStationReach(const Dataset& data, const CoverageParameters& p,
                        std::span<const GeosGeometry> shapes, CoverageResult& result) {
    std::vector<Station> stations;
    stations.reserve(data.stations.size());
    for (const FireStation& s : data.stations)
        stations.push_back({s.position, p.norms.reachRadiusM(s.kind)});
    unitsInReach(stations, result);
    areaInReach(stations, p.reachQuadrantSegments, shapes, result);
}

} // namespace firebeat::coverage_detail
