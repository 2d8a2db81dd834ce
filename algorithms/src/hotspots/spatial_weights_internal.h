// What the weights builders share: the coordinates read once from the areas' WKB, and the
// builders themselves, each returning directed links (i, j).
#pragma once

#include "firebeat/spatial_weights.h"

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace firebeat::detail {

// All rings of all areas in flat arrays (closing vertex dropped), for the contiguity builder.
struct RingSet {
    std::vector<Point> vertices;
    std::vector<std::uint32_t> ringStart; // ring r: vertices [ringStart[r], ringStart[r + 1])
    std::vector<std::uint32_t> ringArea;  // the area ring r belongs to
    std::size_t ringCount() const { return ringArea.size(); }
};

// Throw InputError naming the area whose geometry is not a valid, non-empty (multi)polygon.
RingSet readRings(std::span<const Area> areas);
// Area-weighted centroid of all parts (GEOS), the anchor of distance-based weights.
std::vector<Point> readCentroids(std::span<const Area> areas);

// Euclidean distance; every builder uses this one so a band compares like with like.
inline double distance(Point a, Point b) {
    const double dx = a.x - b.x;
    const double dy = a.y - b.y;
    return std::sqrt(dx * dx + dy * dy);
}

using Links = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Queen: areas whose boundaries come within `tolerance`; rook: areas sharing a stretch of
// boundary. Both: areas whose boundaries cross (overlapping areas).
Links contiguityLinks(const RingSet& rings, double tolerance, bool rook, const Progress* progress);
// Pairs with distance(centroids) <= threshold.
Links distanceBandLinks(std::span<const Point> centroids, double threshold);
// max over i of the distance to i's nearest other centroid; needs two centroids or more.
double largestNearestNeighbourDistance(std::span<const Point> centroids);
// The k nearest other centroids of each, distance ties broken by id (byte order).
Links nearestNeighbourLinks(std::span<const Point> centroids, std::span<const Area> areas, int k);

} // namespace firebeat::detail
