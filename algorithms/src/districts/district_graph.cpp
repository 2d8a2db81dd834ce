// The block graph: queen contiguity, then one link per cut-off group to the nearest joined block,
// so every block can belong to a contiguous district (islands are flagged, not dropped).
#include "districts/districts_internal.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace firebeat::detail {

BlockGraph connectedBlockGraph(const SpatialWeights& weights, const std::vector<Point>& centroids) {
    const std::size_t n = weights.size();
    BlockGraph g;
    g.flags.assign(n, 0);
    // Groups (connected components) of the queen graph, numbered from the lowest block.
    std::vector<int> group(n, -1);
    std::vector<std::vector<std::uint32_t>> groups;
    for (std::size_t s = 0; s < n; ++s) {
        if (group[s] >= 0)
            continue;
        const int id = static_cast<int>(groups.size());
        groups.emplace_back();
        std::vector<std::uint32_t>& members = groups.back();
        members.push_back(static_cast<std::uint32_t>(s));
        group[s] = id;
        for (std::size_t k = 0; k < members.size(); ++k)
            for (std::uint32_t j : weights.neighbours(members[k]))
                if (group[j] < 0) {
                    group[j] = id;
                    members.push_back(j);
                }
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> extra;
    if (groups.size() > 1) {
        std::vector<std::size_t> order(groups.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return groups[a].size() > groups[b].size(); });
        std::vector<std::uint32_t> joined = groups[order[0]];
        for (std::size_t k = 1; k < order.size(); ++k) {
            const std::vector<std::uint32_t>& members = groups[order[k]];
            double best = std::numeric_limits<double>::infinity();
            std::pair<std::uint32_t, std::uint32_t> link{0, 0};
            for (std::uint32_t i : members)
                for (std::uint32_t j : joined) {
                    const double dx = centroids[i].x - centroids[j].x;
                    const double dy = centroids[i].y - centroids[j].y;
                    const double d2 = dx * dx + dy * dy;
                    if (d2 < best) {
                        best = d2;
                        link = {i, j};
                    }
                }
            extra.push_back(link);
            extra.emplace_back(link.second, link.first);
            const std::uint32_t flag =
                members.size() == 1 ? district_flags::kNoNeighbour : district_flags::kDetached;
            for (std::uint32_t i : members)
                g.flags[i] |= flag;
            joined.insert(joined.end(), members.begin(), members.end());
        }
        g.joinedGroups = groups.size() - 1;
    }
    std::sort(extra.begin(), extra.end());
    g.offsets.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto own = weights.neighbours(i);
        const auto lo =
            std::lower_bound(extra.begin(), extra.end(),
                             std::pair<std::uint32_t, std::uint32_t>(static_cast<std::uint32_t>(i), 0));
        std::vector<std::uint32_t> row(own.begin(), own.end());
        for (auto it = lo; it != extra.end() && it->first == i; ++it)
            row.push_back(it->second);
        std::sort(row.begin(), row.end());
        row.erase(std::unique(row.begin(), row.end()), row.end());
        g.targets.insert(g.targets.end(), row.begin(), row.end());
        g.offsets[i + 1] = g.targets.size();
    }
    return g;
}

} // namespace firebeat::detail
