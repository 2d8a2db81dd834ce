// The automatic bandwidth: ArcGIS's spatial variant of Silverman's rule of thumb, weighted.
#include "firebeat/kde.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace firebeat {
namespace {

// The weighted median: the smallest value whose cumulative weight reaches half the total, or
// the mean of it and the next when the cumulative weight hits exactly half (so that with equal
// weights it is the ordinary median of an even count).
double weightedMedian(std::vector<std::pair<double, double>> valueWeight, double total) {
    std::sort(valueWeight.begin(), valueWeight.end());
    double cumulative = 0;
    for (std::size_t i = 0; i < valueWeight.size(); ++i) {
        cumulative += valueWeight[i].second;
        if (cumulative == total / 2 && i + 1 < valueWeight.size())
            return (valueWeight[i].first + valueWeight[i + 1].first) / 2;
        if (cumulative >= total / 2)
            return valueWeight[i].first;
    }
    return valueWeight.back().first;
}

} // namespace

double silvermanBandwidth(std::span<const KdePoint> points) {
    double n = 0, mx = 0, my = 0;
    for (const KdePoint& p : points) {
        if (p.weight < 0)
            throw InputError("the automatic bandwidth needs weights >= 0");
        n += p.weight;
        mx += p.weight * p.x;
        my += p.weight * p.y;
    }
    if (!(n > 0))
        throw InputError("the automatic bandwidth needs points with a positive total weight");
    mx /= n;
    my /= n;
    double sumSq = 0;
    std::vector<std::pair<double, double>> distances;
    distances.reserve(points.size());
    for (const KdePoint& p : points) {
        const double dx = p.x - mx, dy = p.y - my;
        sumSq += p.weight * (dx * dx + dy * dy);
        if (p.weight > 0)
            distances.emplace_back(std::sqrt(dx * dx + dy * dy), p.weight);
    }
    const double standardDistance = std::sqrt(sumSq / n);
    const double medianDistance = weightedMedian(std::move(distances), n);
    const double h =
        0.9 * std::min(standardDistance, std::sqrt(1 / std::log(2.0)) * medianDistance) * std::pow(n, -0.2);
    if (!(h > 0) || !std::isfinite(h))
        throw InputError("the automatic bandwidth is zero: the points are all at one place (give a radius)");
    return h;
}

} // namespace firebeat
