// What the district-design stages share: the block graph (queen contiguity plus the links that
// join islands to their nearest block) and the search over it.
#pragma once

#include "firebeat/districts.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace firebeat::detail {

// Symmetric adjacency in CSR form.
struct BlockGraph {
    std::vector<std::size_t> offsets;
    std::vector<std::uint32_t> targets;
    std::vector<std::uint32_t> flags; // district_flags::kNoNeighbour / kDetached per block
    std::size_t joinedGroups = 0;     // cut-off groups (islands included) joined by a link
    std::size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
    std::span<const std::uint32_t> neighbours(std::size_t i) const {
        return {targets.data() + offsets[i], targets.data() + offsets[i + 1]};
    }
};

// The queen weights made connected: each group of blocks cut off from the largest group (taken
// largest first, ties by lowest block) is linked by one link to the block nearest to it (block
// centroids) among those already joined.
BlockGraph connectedBlockGraph(const SpatialWeights& weights, const std::vector<Point>& centroids);

struct SearchProblem {
    const BlockGraph* graph = nullptr;
    std::vector<double> workload;
    std::vector<double> area;    // km2
    std::vector<Point> centroid; // km, centred on the blocks' mean
    int zones = 0;
    std::vector<std::uint32_t> stationBlock; // district d < stations: its station's block
    std::vector<Point> stationPosition;      // km, same origin as centroid
    std::optional<double> maxTravelKm;
    std::uint64_t seed = 1;
    int restarts = 1;
};

struct SearchResult {
    std::vector<int> district; // per block, 0..K-1
    double largestDeviation = 0;
    double sumSquares = 0;
    double inertia = 0;
    int restart = 0; // which construction won
};

// Runs the restarts on `threads` threads (the result does not depend on their number).
SearchResult searchDistricts(const SearchProblem& problem, int threads, Progress* progress);

} // namespace firebeat::detail
