// Distance band and k nearest neighbours on centroids, with a uniform grid of the points.
#include "hotspots/spatial_weights_internal.h"

#include <algorithm>
#include <numeric>

namespace firebeat::detail {
namespace {

class PointGrid {
  public:
    // cell: at least this size; grids are never finer than about one point per cell.
    PointGrid(std::span<const Point> points, double cell) : points_(points) {
        Envelope extent;
        for (Point p : points)
            extent.expand(p);
        origin_ = {extent.minX, extent.minY};
        const double n = static_cast<double>(points.size());
        const double scale = std::max({extent.width(), extent.height(), 1.0});
        cell_ = std::max({cell, std::sqrt(extent.width() * extent.height() / n),
                          std::max(extent.width(), extent.height()) / n, scale * 1e-9});
        columns_ = static_cast<std::size_t>(extent.width() / cell_) + 1;
        rows_ = static_cast<std::size_t>(extent.height() / cell_) + 1;
        start_.assign(columns_ * rows_ + 1, 0);
        for (Point p : points)
            ++start_[cellOf(p) + 1];
        std::partial_sum(start_.begin(), start_.end(), start_.begin());
        items_.resize(points.size());
        std::vector<std::size_t> fill(start_.begin(), start_.end() - 1);
        for (std::size_t i = 0; i < points.size(); ++i)
            items_[fill[cellOf(points[i])]++] = static_cast<std::uint32_t>(i);
    }

    double cell() const { return cell_; }

    // Calls f(j) for every point in the cells at Chebyshev distance `ring` from p's cell.
    // Returns false once the ring lies wholly outside the grid.
    template <class F> bool forEachInRing(Point p, std::size_t ring, F&& f) const {
        const auto c = static_cast<std::ptrdiff_t>(column(p.x));
        const auto r = static_cast<std::ptrdiff_t>(row(p.y));
        const auto k = static_cast<std::ptrdiff_t>(ring);
        bool inside = false;
        for (std::ptrdiff_t y = r - k; y <= r + k; ++y) {
            if (y < 0 || y >= static_cast<std::ptrdiff_t>(rows_))
                continue;
            const bool edgeRow = y == r - k || y == r + k;
            for (std::ptrdiff_t x = c - k; x <= c + k; x += edgeRow || k == 0 ? 1 : 2 * k) {
                if (x < 0 || x >= static_cast<std::ptrdiff_t>(columns_))
                    continue;
                inside = true;
                const std::size_t cellIndex =
                    static_cast<std::size_t>(y) * columns_ + static_cast<std::size_t>(x);
                for (std::size_t i = start_[cellIndex]; i < start_[cellIndex + 1]; ++i)
                    f(items_[i]);
            }
        }
        return inside;
    }

  private:
    std::size_t column(double x) const { return index((x - origin_.x) / cell_, columns_); }
    std::size_t row(double y) const { return index((y - origin_.y) / cell_, rows_); }
    std::size_t cellOf(Point p) const { return row(p.y) * columns_ + column(p.x); }
    static std::size_t index(double v, std::size_t count) {
        if (!(v > 0))
            return 0;
        return std::min(static_cast<std::size_t>(v), count - 1);
    }

    std::span<const Point> points_;
    Point origin_;
    double cell_ = 1;
    std::size_t columns_ = 1;
    std::size_t rows_ = 1;
    std::vector<std::size_t> start_;
    std::vector<std::uint32_t> items_;
};

struct Candidate {
    double distance;
    std::uint32_t index;
};

// The k nearest other points of point i, nearest first, ties by `before`. Rings are searched
// until every point closer than the k-th best (ties included) has been seen: after ring r all
// points within r cells' width of p are known.
template <class Before>
std::vector<Candidate> nearest(const PointGrid& grid, std::span<const Point> points, std::uint32_t i,
                               std::size_t k, Before before) {
    std::vector<Candidate> best;
    for (std::size_t ring = 0;; ++ring) {
        const bool inside = grid.forEachInRing(points[i], ring, [&](std::uint32_t j) {
            if (j == i)
                return;
            const Candidate c{distance(points[i], points[j]), j};
            if (best.size() == k && !before(c, best.back()))
                return;
            best.insert(std::upper_bound(best.begin(), best.end(), c, before), c);
            if (best.size() > k)
                best.pop_back();
        });
        if (!inside || (best.size() == k && best.back().distance <= static_cast<double>(ring) * grid.cell()))
            return best;
    }
}

bool closer(const Candidate& a, const Candidate& b) {
    return a.distance < b.distance;
}

} // namespace

double largestNearestNeighbourDistance(std::span<const Point> centroids) {
    const PointGrid grid(centroids, 0);
    double largest = 0;
    for (std::uint32_t i = 0; i < centroids.size(); ++i)
        largest = std::max(largest, nearest(grid, centroids, i, 1, closer).front().distance);
    return largest;
}

Links distanceBandLinks(std::span<const Point> centroids, double threshold) {
    const PointGrid grid(centroids, threshold);
    Links links;
    for (std::uint32_t i = 0; i < centroids.size(); ++i)
        for (std::size_t ring = 0; ring <= 1; ++ring)
            grid.forEachInRing(centroids[i], ring, [&](std::uint32_t j) {
                if (j != i && distance(centroids[i], centroids[j]) <= threshold)
                    links.emplace_back(i, j);
            });
    return links;
}

Links nearestNeighbourLinks(std::span<const Point> centroids, std::span<const Area> areas, int k) {
    const PointGrid grid(centroids, 0);
    const auto byDistanceThenId = [&](const Candidate& a, const Candidate& b) {
        if (a.distance != b.distance)
            return a.distance < b.distance;
        return areas[a.index].id < areas[b.index].id;
    };
    Links links;
    for (std::uint32_t i = 0; i < centroids.size(); ++i)
        for (const Candidate& c : nearest(grid, centroids, i, static_cast<std::size_t>(k), byDistanceThenId))
            links.emplace_back(i, c.index);
    return links;
}

} // namespace firebeat::detail
