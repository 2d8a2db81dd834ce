// Independent checks of a district design: every district's blocks united with GEOS must make
// one piece, where pieces touching at a corner count as one (queen contiguity: a district may be
// joined through a corner contact); and the optimum of small grids by exhaustive search.
#pragma once

#include "firebeat/geos_support.h"
#include "firebeat/spatial_weights.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace firebeat::test {

// The number of queen-connected pieces of the union of `blocks` (GEOS): the union's polygons,
// grouped when they intersect (share a corner point or more) or, with a tolerance, come closer
// than it (the weights builder's snapping of digitising slivers).
inline int queenPieces(const std::vector<const Area*>& blocks, double tolerance = 0) {
    GEOSContextHandle_t ctx = geosContext();
    std::vector<GEOSGeometry*> parts;
    for (const Area* a : blocks)
        parts.push_back(geosFromWkb(a->geometry.wkb).release());
    const GeosGeometry collection(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                              static_cast<unsigned>(parts.size())));
    const GeosGeometry u(GEOSUnaryUnion_r(ctx, collection.get()));
    const int count = GEOSGetNumGeometries_r(ctx, u.get());
    std::vector<int> group(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        group[static_cast<std::size_t>(i)] = i;
    const std::function<int(int)> find = [&](int i) {
        return group[static_cast<std::size_t>(i)] == i ? i : find(group[static_cast<std::size_t>(i)]);
    };
    double gap = 0;
    for (int i = 0; i < count; ++i)
        for (int j = i + 1; j < count; ++j)
            if (const GEOSGeometry* a = GEOSGetGeometryN_r(ctx, u.get(), i),
                *b = GEOSGetGeometryN_r(ctx, u.get(), j);
                GEOSIntersects_r(ctx, a, b) == 1 ||
                (tolerance > 0 && GEOSDistance_r(ctx, a, b, &gap) == 1 && gap <= tolerance))
                group[static_cast<std::size_t>(find(j))] = find(i);
    int pieces = 0;
    for (int i = 0; i < count; ++i)
        pieces += find(i) == i;
    return pieces;
}

// Pieces per district (1..K) of a design given as district numbers per block.
inline std::vector<int> piecesPerDistrict(const std::vector<Area>& blocks, const std::vector<int>& district,
                                          int zones, double tolerance = 0) {
    std::vector<std::vector<const Area*>> members(static_cast<std::size_t>(zones));
    for (std::size_t i = 0; i < blocks.size(); ++i)
        members[static_cast<std::size_t>(district[i] - 1)].push_back(&blocks[i]);
    std::vector<int> pieces;
    for (const auto& m : members)
        pieces.push_back(m.empty() ? 0 : queenPieces(m, tolerance));
    return pieces;
}

// The smallest largest |W - mean| over all partitions of a rows x cols grid (at most 16 cells,
// row-major workloads) into `zones` queen-connected districts: exhaustive branch and bound.
inline double optimalGridDeviation(int rows, int cols, const std::vector<double>& w, int zones) {
    const int n = rows * cols;
    const std::uint32_t all = (1u << n) - 1;
    std::vector<char> connected(std::size_t{1} << n, 0);
    std::vector<double> sum(std::size_t{1} << n, 0);
    const auto adjacent = [&](int a, int b) {
        return a != b && std::abs(a / cols - b / cols) <= 1 && std::abs(a % cols - b % cols) <= 1;
    };
    for (std::uint32_t m = 1; m <= all; ++m) {
        int first = 0;
        while (!(m >> first & 1u))
            ++first;
        sum[m] = sum[m & (m - 1)] + w[static_cast<std::size_t>(__builtin_ctz(m))];
        std::uint32_t reached = 1u << first, frontier = reached;
        while (frontier) {
            std::uint32_t next = 0;
            for (int a = 0; a < n; ++a)
                if (frontier >> a & 1u)
                    for (int b = 0; b < n; ++b)
                        if ((m >> b & 1u) && !(reached >> b & 1u) && adjacent(a, b))
                            next |= 1u << b;
            reached |= next;
            frontier = next;
        }
        connected[m] = reached == m;
    }
    const double mean = sum[all] / zones;
    double best = std::numeric_limits<double>::infinity();
    const std::function<void(std::uint32_t, int, double)> split = [&](std::uint32_t rest, int left,
                                                                      double worst) {
        if (left == 1) {
            if (connected[rest])
                best = std::min(best, std::max(worst, std::abs(sum[rest] - mean)));
            return;
        }
        const std::uint32_t low = rest & (~rest + 1);
        // Districts in order of their lowest cell: the one holding the lowest remaining cell next.
        for (std::uint32_t s = rest; s; s = (s - 1) & rest) {
            if (!(s & low) || s == rest || !connected[s])
                continue;
            const double dev = std::max(worst, std::abs(sum[s] - mean));
            if (dev < best)
                split(rest & ~s, left - 1, dev);
        }
    };
    split(all, zones, 0);
    return best;
}

} // namespace firebeat::test
