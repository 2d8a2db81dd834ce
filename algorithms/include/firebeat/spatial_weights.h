// Spatial weights for area statistics: which areas are neighbours of which (queen, rook,
// distance band, k nearest), built with spatial indexes, never by testing all pairs.
// docs/statistics.md ("Spatial weights") defines each kind; README-hotspots.md explains the choices.
#pragma once

#include "firebeat/geometry.h"
#include "firebeat/progress.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace firebeat {

// One (multi)polygon of an area analysis: a village or a hexagon, named by its id; or a point
// (a point layer's feature), which distance-band and k-nearest weights take as its own centroid.
struct Area {
    std::string id;
    Polygon geometry;
    std::optional<Point> point; // set for a point: geometry is then empty
};

enum class WeightsKind { Queen, Rook, DistanceBand, KNearest };
// "queen", "rook", "distance", "knn".
std::string_view code(WeightsKind kind);
std::optional<WeightsKind> parseWeightsKind(std::string_view s);

struct WeightsOptions {
    WeightsKind kind = WeightsKind::Queen;
    // Contiguity: boundary points closer than this (metres) are one point, and a vertex this
    // close to another area's edge lies on it. Closes digitising slivers; collapses shorter edges.
    double tolerance = 0.1;
    // Distance band (metres, inclusive). Unset: the largest nearest-neighbour distance.
    std::optional<double> threshold;
    // k nearest neighbours.
    int k = 8;
};

// What was built, for the metadata of an output.
struct WeightsInfo {
    WeightsKind kind = WeightsKind::Queen;
    double tolerance = 0;          // contiguity kinds
    double threshold = 0;          // distance band: the band used
    bool thresholdDefault = false; // the band is the largest nearest-neighbour distance
    int k = 0;                     // k nearest
    std::size_t features = 0;
    std::size_t links = 0;   // directed links i -> j (a symmetric pair counts twice)
    std::size_t islands = 0; // features without a neighbour
    std::size_t minNeighbours = 0;
    std::size_t maxNeighbours = 0;
    // One line, e.g. "queen contiguity (tolerance 0.1 m): 10000 features, 59012 links, ...".
    std::string describe() const;
};

// Binary neighbour lists, self excluded, each sorted by feature index. Row i belongs to the
// i-th area given to buildWeights().
class SpatialWeights {
  public:
    SpatialWeights() = default;
    // From directed links (i, j), i != j; duplicates are merged. Fills info.features,
    // links, islands and the neighbour-count range.
    SpatialWeights(std::size_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>> links,
                   WeightsInfo info);

    std::size_t size() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
    std::span<const std::uint32_t> neighbours(std::size_t i) const {
        return {targets_.data() + offsets_[i], targets_.data() + offsets_[i + 1]};
    }
    const WeightsInfo& info() const { return info_; }

  private:
    std::vector<std::size_t> offsets_;
    std::vector<std::uint32_t> targets_;
    WeightsInfo info_;
};

// Throws InputError naming the feature when a geometry is not a valid, non-empty (multi)polygon,
// or when the parameters cannot work (k >= number of areas, negative tolerance or band).
SpatialWeights buildWeights(std::span<const Area> areas, const WeightsOptions& options,
                            Progress* progress = nullptr);

// Every directed link as (id, neighbour id), in row order: the audit export.
std::vector<std::pair<std::string, std::string>> neighbourPairs(const SpatialWeights& weights,
                                                                std::span<const Area> areas);

} // namespace firebeat
