#include "coverage/coverage_internal.h"

namespace firebeat::coverage_detail {

std::vector<GeosGeometry> districtGeometries(const std::vector<District>& districts) {
    std::vector<GeosGeometry> shapes;
    shapes.reserve(districts.size());
    for (const District& d : districts) {
        GeosGeometry g = geosFromWkb(d.geometry.wkb);
        if (!g)
            throw InputError("police_districts: the geometry of district '" + d.id + "' (fid " +
                             std::to_string(d.fid) + ") cannot be read: " + lastGeosError());
        shapes.push_back(std::move(g));
    }
    return shapes;
}

double areaKm2(const GEOSGeometry* g) {
    double area = 0;
    if (!GEOSArea_r(geosContext(), g, &area))
        throw InputError("cannot compute an area: " + lastGeosError());
    return area / 1e6;
}

double coveredKm2(const GEOSGeometry* district, std::vector<GeosGeometry> parts) {
    GEOSContextHandle_t ctx = geosContext();
    std::vector<GEOSGeometry*> owned;
    owned.reserve(parts.size());
    for (GeosGeometry& g : parts)
        owned.push_back(g.release());
    const GeosGeometry collection(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, owned.data(),
                                                              static_cast<unsigned>(owned.size())));
    const GeosGeometry merged(GEOSUnaryUnion_r(ctx, collection.get()));
    const GeosGeometry inside(merged ? GEOSIntersection_r(ctx, merged.get(), district) : nullptr);
    if (!inside)
        throw InputError("cannot intersect areas with a district: " + lastGeosError());
    return areaKm2(inside.get());
}

} // namespace firebeat::coverage_detail
