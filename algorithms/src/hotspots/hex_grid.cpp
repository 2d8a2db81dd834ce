#include "firebeat/hex_grid.h"

#include "firebeat/geos_support.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace firebeat {
namespace {

// Vertices lie on the lattice (i size/2, j R/2) for integers i, j, so the hexagons on either side
// of an edge compute its ends from the same integers.
GeosGeometry hexagon(long r, long c, double size) {
    const double halfX = size / 2;
    const double halfY = size / std::sqrt(3.0) / 2;
    const long i = 2 * c + (r & 1);
    const long j = 3 * r;
    constexpr std::array<std::pair<int, int>, 7> kCorners = {
        {{1, -1}, {1, 1}, {0, 2}, {-1, 1}, {-1, -1}, {0, -2}, {1, -1}}};
    GEOSContextHandle_t ctx = geosContext();
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, 7, 2);
    for (unsigned k = 0; k < kCorners.size(); ++k)
        GEOSCoordSeq_setXY_r(ctx, seq, k, static_cast<double>(i + kCorners[k].first) * halfX,
                             static_cast<double>(j + kCorners[k].second) * halfY);
    return GeosGeometry(GEOSGeom_createPolygon_r(ctx, GEOSGeom_createLinearRing_r(ctx, seq), nullptr, 0));
}

} // namespace

std::vector<Area> hexagonGrid(std::span<const District> districts, double size) {
    if (!(size > 0) || !std::isfinite(size))
        throw InputError("the hexagon size must be a positive number of metres");
    if (districts.empty())
        throw InputError("a hexagon grid is laid over the police districts, but there are none");
    Envelope extent;
    for (const District& d : districts)
        extent.expand(d.geometry.envelope);
    const double rowStep = 1.5 * size / std::sqrt(3.0);
    const auto r0 = static_cast<long>(std::floor(extent.minY / rowStep)) - 1;
    const auto r1 = static_cast<long>(std::ceil(extent.maxY / rowStep)) + 1;
    const auto c0 = static_cast<long>(std::floor(extent.minX / size)) - 1;
    const auto c1 = static_cast<long>(std::ceil(extent.maxX / size)) + 1;
    const double candidates = static_cast<double>(r1 - r0 + 1) * static_cast<double>(c1 - c0 + 1);
    if (candidates > 5e6) {
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "a %g m hexagon grid over the districts would have %.0f hexagons; use a larger size",
                      size, candidates);
        throw InputError(buf);
    }

    // Test only the hexagons within each district's envelope; emit in row order.
    GEOSContextHandle_t ctx = geosContext();
    const auto columns = static_cast<std::size_t>(c1 - c0 + 1);
    std::vector<std::uint8_t> keep(static_cast<std::size_t>(r1 - r0 + 1) * columns, 0);
    for (const District& d : districts) {
        const GeosGeometry shape = geosFromWkb(d.geometry.wkb);
        if (!shape)
            throw InputError("district '" + d.id + "': the geometry cannot be read");
        const GeosPrepared prepared(GEOSPrepare_r(ctx, shape.get()));
        const Envelope& e = d.geometry.envelope;
        for (long r = std::max(r0, static_cast<long>(std::floor(e.minY / rowStep)) - 1);
             r <= std::min(r1, static_cast<long>(std::ceil(e.maxY / rowStep)) + 1); ++r)
            for (long c = std::max(c0, static_cast<long>(std::floor(e.minX / size)) - 1);
                 c <= std::min(c1, static_cast<long>(std::ceil(e.maxX / size)) + 1); ++c) {
                std::uint8_t& k =
                    keep[static_cast<std::size_t>(r - r0) * columns + static_cast<std::size_t>(c - c0)];
                if (!k && GEOSPreparedIntersects_r(ctx, prepared.get(), hexagon(r, c, size).get()) == 1)
                    k = 1;
            }
    }
    std::vector<Area> out;
    for (long r = r0; r <= r1; ++r)
        for (long c = c0; c <= c1; ++c)
            if (keep[static_cast<std::size_t>(r - r0) * columns + static_cast<std::size_t>(c - c0)])
                out.push_back({"hex_r" + std::to_string(r) + "_c" + std::to_string(c),
                               toPolygon(hexagon(r, c, size).get())});
    return out;
}

} // namespace firebeat
