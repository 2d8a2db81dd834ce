#include "firebeat/hotspot_statistics.h"

#include "hotspots/hotspots_internal.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace firebeat {

int confidenceBin(double z, double p) {
    const int level = p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.10 ? 1 : 0;
    return z > 0 ? level : z < 0 ? -level : 0;
}

std::optional<double> benjaminiHochbergCutoff(std::span<const double> p, double alpha) {
    std::vector<double> sorted(p.begin(), p.end());
    std::sort(sorted.begin(), sorted.end());
    const auto m = static_cast<double>(sorted.size());
    for (std::size_t k = sorted.size(); k > 0; --k)
        if (sorted[k - 1] <= static_cast<double>(k) * alpha / m)
            return sorted[k - 1];
    return std::nullopt;
}

std::vector<GiStar> getisOrdGiStar(std::span<const double> values, const SpatialWeights& weights) {
    const double mean = detail::checkedMean(values, weights, "Getis-Ord Gi*");
    const auto n = static_cast<double>(values.size());
    double squares = 0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    const double s = std::sqrt(squares / n);

    std::vector<GiStar> out(values.size());
    std::vector<double> tested;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::span<const std::uint32_t> neighbours = weights.neighbours(i);
        if (neighbours.empty()) {
            out[i].flags = hotspot_flags::kNoNeighbours;
            continue;
        }
        // Binary weights with w_ii = 1: W_i = S1_i = neighbours + 1.
        const double w = static_cast<double>(neighbours.size() + 1);
        if (w >= n) { // n S1 - W^2 = 0: the neighbourhood is the whole study area
            out[i].flags = hotspot_flags::kWholeStudyArea;
            continue;
        }
        double sum = values[i];
        for (std::uint32_t j : neighbours)
            sum += values[j];
        const double z = (sum - mean * w) / (s * std::sqrt((n * w - w * w) / (n - 1)));
        const double p = std::erfc(std::fabs(z) / std::sqrt(2.0));
        out[i].z = z;
        out[i].p = p;
        out[i].bin = confidenceBin(z, p);
        tested.push_back(p);
    }

    // The strictest level passed decides the bin: cut-offs grow with alpha.
    constexpr std::array<std::pair<double, int>, 3> kLevels = {{{0.10, 1}, {0.05, 2}, {0.01, 3}}};
    for (const auto& [alpha, level] : kLevels) {
        const std::optional<double> cutoff = benjaminiHochbergCutoff(tested, alpha);
        if (!cutoff)
            continue;
        for (GiStar& g : out)
            if (g.p && *g.p <= *cutoff)
                g.binFdr = *g.z > 0 ? level : -level;
    }
    return out;
}

} // namespace firebeat
