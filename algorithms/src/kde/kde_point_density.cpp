#include "firebeat/kde_point_density.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace firebeat {
namespace {

// Pixels are evaluated in runs of this many, each run against the points near its envelope.
constexpr std::size_t kRun = 64;

double densityAt(const KdePointIndex& index, const std::vector<KdePointIndex::Range>& ranges, Point p) {
    const auto points = index.points();
    double sum = 0;
    for (const auto& range : ranges)
        for (std::size_t i = range.begin; i < range.end; ++i) {
            const KdePoint& k = points[i];
            const double dx = p.x - k.x, dy = p.y - k.y;
            const double r2 = k.radius * k.radius;
            const double d2 = dx * dx + dy * dy;
            if (r2 <= 0 || d2 >= r2)
                continue;
            const double u = 1 - d2 / r2;
            sum += k.weight * 3 / (std::numbers::pi * r2) * u * u;
        }
    return sum * 1e6; // per m^2 -> per km^2
}

} // namespace

void quarticDensityAt(const KdePointIndex& index, std::span<const Point> at, std::span<double> out) {
    const double reach = index.maxRadius();
    for (std::size_t start = 0; start < at.size(); start += kRun) {
        const std::size_t end = std::min(at.size(), start + kRun);
        Envelope near;
        for (std::size_t i = start; i < end; ++i)
            if (std::isfinite(at[i].x) && std::isfinite(at[i].y))
                near.expand(at[i]);
        std::vector<KdePointIndex::Range> ranges;
        if (!near.isEmpty() && index.size() > 0)
            ranges =
                index.query({near.minX - reach, near.minY - reach, near.maxX + reach, near.maxY + reach});
        for (std::size_t i = start; i < end; ++i)
            out[i] = std::isfinite(at[i].x) && std::isfinite(at[i].y) ? densityAt(index, ranges, at[i]) : 0.0;
    }
}

} // namespace firebeat
