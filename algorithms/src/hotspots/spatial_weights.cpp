#include "firebeat/spatial_weights.h"

#include "hotspots/spatial_weights_internal.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_set>

namespace firebeat {
namespace {

constexpr std::array<std::pair<WeightsKind, std::string_view>, 4> kKindCodes = {{
    {WeightsKind::Queen, "queen"},
    {WeightsKind::Rook, "rook"},
    {WeightsKind::DistanceBand, "distance"},
    {WeightsKind::KNearest, "knn"},
}};

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

void checkIds(std::span<const Area> areas) {
    std::unordered_set<std::string_view> seen;
    for (const Area& a : areas)
        if (!seen.insert(a.id).second)
            throw InputError("feature id '" + a.id + "' occurs more than once: ids must be unique");
}

} // namespace

std::string_view code(WeightsKind kind) {
    for (const auto& [k, c] : kKindCodes)
        if (k == kind)
            return c;
    return "";
}

std::optional<WeightsKind> parseWeightsKind(std::string_view s) {
    for (const auto& [k, c] : kKindCodes)
        if (c == s)
            return k;
    return std::nullopt;
}

std::string WeightsInfo::describe() const {
    std::string text;
    switch (kind) {
    case WeightsKind::Queen:
    case WeightsKind::Rook:
        text = std::string(code(kind)) + " contiguity (tolerance " + number(tolerance) + " m)";
        break;
    case WeightsKind::DistanceBand:
        text = "distance band " + number(threshold) + " m" +
               (thresholdDefault ? " (largest nearest-neighbour distance)" : "");
        break;
    case WeightsKind::KNearest:
        text = std::to_string(k) + " nearest neighbours";
        break;
    }
    return text + ": " + std::to_string(features) + " features, " + std::to_string(links) + " links, " +
           std::to_string(minNeighbours) + "-" + std::to_string(maxNeighbours) + " neighbours each, " +
           std::to_string(islands) + " without a neighbour";
}

SpatialWeights::SpatialWeights(std::size_t n, std::vector<std::pair<std::uint32_t, std::uint32_t>> links,
                               WeightsInfo info)
    : info_(info) {
    std::sort(links.begin(), links.end());
    links.erase(std::unique(links.begin(), links.end()), links.end());
    offsets_.assign(n + 1, 0);
    targets_.reserve(links.size());
    for (const auto& [i, j] : links) {
        ++offsets_[i + 1];
        targets_.push_back(j);
    }
    for (std::size_t i = 0; i < n; ++i)
        offsets_[i + 1] += offsets_[i];
    info_.features = n;
    info_.links = links.size();
    info_.islands = 0;
    info_.minNeighbours = n > 0 ? links.size() : 0;
    info_.maxNeighbours = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t count = neighbours(i).size();
        info_.islands += count == 0 ? 1 : 0;
        info_.minNeighbours = std::min(info_.minNeighbours, count);
        info_.maxNeighbours = std::max(info_.maxNeighbours, count);
    }
}

SpatialWeights buildWeights(std::span<const Area> areas, const WeightsOptions& options, Progress* progress) {
    checkIds(areas);
    WeightsInfo info;
    info.kind = options.kind;
    detail::Links links;
    switch (options.kind) {
    case WeightsKind::Queen:
    case WeightsKind::Rook: {
        if (!(options.tolerance >= 0))
            throw InputError("the snapping tolerance must be 0 or more metres, not " +
                             number(options.tolerance));
        info.tolerance = options.tolerance;
        const detail::RingSet rings = detail::readRings(areas);
        links =
            detail::contiguityLinks(rings, options.tolerance, options.kind == WeightsKind::Rook, progress);
        break;
    }
    case WeightsKind::DistanceBand: {
        if (options.threshold && !(*options.threshold >= 0))
            throw InputError("the distance band must be 0 or more metres, not " + number(*options.threshold));
        if (!options.threshold && areas.size() < 2)
            throw InputError("a default distance band needs at least 2 features");
        const std::vector<Point> centroids = detail::readCentroids(areas);
        info.thresholdDefault = !options.threshold;
        info.threshold =
            options.threshold ? *options.threshold : detail::largestNearestNeighbourDistance(centroids);
        links = detail::distanceBandLinks(centroids, info.threshold);
        break;
    }
    case WeightsKind::KNearest: {
        if (options.k < 1 || static_cast<std::size_t>(options.k) >= areas.size())
            throw InputError(std::to_string(options.k) +
                             " nearest neighbours need k >= 1 and more than k features (" +
                             std::to_string(areas.size()) + " given)");
        info.k = options.k;
        links = detail::nearestNeighbourLinks(detail::readCentroids(areas), areas, options.k);
        break;
    }
    }
    throwIfCancelled(progress);
    return SpatialWeights(areas.size(), std::move(links), info);
}

std::vector<std::pair<std::string, std::string>> neighbourPairs(const SpatialWeights& weights,
                                                                std::span<const Area> areas) {
    std::vector<std::pair<std::string, std::string>> pairs;
    pairs.reserve(weights.info().links);
    for (std::size_t i = 0; i < weights.size(); ++i)
        for (std::uint32_t j : weights.neighbours(i))
            pairs.emplace_back(areas[i].id, areas[j].id);
    return pairs;
}

} // namespace firebeat
