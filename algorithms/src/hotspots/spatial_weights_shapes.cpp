#include "hotspots/spatial_weights_internal.h"

#include "firebeat/geos_support.h"

#include <algorithm>
#include <exception>
#include <string>
#include <thread>

namespace firebeat::detail {
namespace {

// The parsed geometry of one area, or InputError naming it.
GeosGeometry parseArea(const Area& area) {
    GEOSContextHandle_t ctx = geosContext();
    GeosGeometry g = geosFromWkb(area.geometry.wkb);
    if (!g)
        throw InputError("feature '" + area.id + "': the geometry cannot be read (" + lastGeosError() + ")");
    const int type = GEOSGeomTypeId_r(ctx, g.get());
    if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON)
        throw InputError("feature '" + area.id + "': expected a polygon or multipolygon");
    if (GEOSisEmpty_r(ctx, g.get()) != 0)
        throw InputError("feature '" + area.id + "': the polygon is empty");
    if (GEOSisValid_r(ctx, g.get()) != 1) {
        char* reason = GEOSisValidReason_r(ctx, g.get());
        const std::string text = reason ? reason : "unknown reason";
        GEOSFree_r(ctx, reason);
        throw InputError("feature '" + area.id + "': invalid polygon (" + text + ")");
    }
    return g;
}

void appendRing(const GEOSGeometry* ring, std::uint32_t area, RingSet& out) {
    GEOSContextHandle_t ctx = geosContext();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    unsigned int size = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &size);
    if (size < 2)
        return;
    std::vector<double> xy(2 * std::size_t{size});
    GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0);
    out.ringStart.push_back(static_cast<std::uint32_t>(out.vertices.size()));
    out.ringArea.push_back(area);
    for (unsigned int i = 0; i + 1 < size; ++i) // the last vertex repeats the first
        out.vertices.push_back({xy[2 * i], xy[2 * i + 1]});
}

} // namespace

namespace {

// The rings of areas [first, last), their area numbers counted from 0 of the whole span.
RingSet readRingsOf(std::span<const Area> areas, std::size_t first, std::size_t last) {
    GEOSContextHandle_t ctx = geosContext();
    RingSet out;
    for (std::size_t a = first; a < last; ++a) {
        if (areas[a].point)
            throw InputError("feature '" + areas[a].id +
                             "' is a point: queen and rook contiguity need polygons (use distance or knn "
                             "weights for points)");
        const GeosGeometry g = parseArea(areas[a]);
        const int parts = GEOSGetNumGeometries_r(ctx, g.get());
        for (int p = 0; p < parts; ++p) {
            const GEOSGeometry* polygon = GEOSGetGeometryN_r(ctx, g.get(), p);
            const auto area = static_cast<std::uint32_t>(a);
            appendRing(GEOSGetExteriorRing_r(ctx, polygon), area, out);
            const int holes = GEOSGetNumInteriorRings_r(ctx, polygon);
            for (int h = 0; h < holes; ++h)
                appendRing(GEOSGetInteriorRingN_r(ctx, polygon, h), area, out);
        }
    }
    return out;
}

} // namespace

RingSet readRings(std::span<const Area> areas) {
    // Parsing and validating the polygons is most of the work: one contiguous share of the
    // areas per core, joined in order (the same RingSet whatever the thread count). Each share
    // stops at its first bad area; the first share's error is the first bad area's.
    constexpr std::size_t kAreasPerThread = 500;
    const std::size_t threads = std::clamp<std::size_t>(areas.size() / kAreasPerThread, 1,
                                                        std::max(1u, std::thread::hardware_concurrency()));
    std::vector<RingSet> parts(threads);
    std::vector<std::exception_ptr> errors(threads);
    const auto work = [&](std::size_t t) {
        try {
            parts[t] = readRingsOf(areas, areas.size() * t / threads, areas.size() * (t + 1) / threads);
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < threads; ++t)
        helpers.emplace_back(work, t);
    work(0);
    for (std::thread& h : helpers)
        h.join();
    for (const std::exception_ptr& e : errors)
        if (e)
            std::rethrow_exception(e);
    RingSet out = std::move(parts[0]);
    for (std::size_t t = 1; t < threads; ++t) {
        const auto offset = static_cast<std::uint32_t>(out.vertices.size());
        out.vertices.insert(out.vertices.end(), parts[t].vertices.begin(), parts[t].vertices.end());
        for (const std::uint32_t start : parts[t].ringStart)
            out.ringStart.push_back(start + offset);
        out.ringArea.insert(out.ringArea.end(), parts[t].ringArea.begin(), parts[t].ringArea.end());
    }
    out.ringStart.push_back(static_cast<std::uint32_t>(out.vertices.size()));
    return out;
}

std::vector<Point> readCentroids(std::span<const Area> areas) {
    GEOSContextHandle_t ctx = geosContext();
    std::vector<Point> out;
    out.reserve(areas.size());
    for (const Area& area : areas) {
        if (area.point) {
            out.push_back(*area.point);
            continue;
        }
        const GeosGeometry g = parseArea(area);
        const GeosGeometry c(GEOSGetCentroid_r(ctx, g.get()));
        Point p;
        if (!c || GEOSGeomGetX_r(ctx, c.get(), &p.x) != 1 || GEOSGeomGetY_r(ctx, c.get(), &p.y) != 1)
            throw InputError("feature '" + area.id + "': no centroid (" + lastGeosError() + ")");
        out.push_back(p);
    }
    return out;
}

} // namespace firebeat::detail
