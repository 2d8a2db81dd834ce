// KdePointIndex (points bucketed into row-major cells) and raster windows.
#include "kde/kde_internal.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <string>

namespace firebeat {
namespace {

// Cells about twice the mean point spacing and no smaller than half the largest radius, so a
// window query returns few points far from the window; at most ~4 cells per point.
double chooseCellSize(const Envelope& e, std::size_t n, double maxRadius) {
    const double w = e.width(), h = e.height();
    const double area = w * h;
    const double spacing =
        area > 0 ? std::sqrt(area / static_cast<double>(n)) : std::max(w, h) / static_cast<double>(n);
    const double magnitude =
        std::max({std::abs(e.minX), std::abs(e.maxX), std::abs(e.minY), std::abs(e.maxY), 1.0});
    return std::max({2 * spacing, maxRadius / 2, std::max(w, h) / 4096, magnitude * 1e-9});
}

std::int64_t cellIndex(double v, double origin, double cell, std::int64_t cells) {
    const double c = std::floor((v - origin) / cell);
    return static_cast<std::int64_t>(std::clamp(c, 0.0, static_cast<double>(cells - 1)));
}

// Below this many points one thread sorts them: starting threads would cost more.
constexpr std::size_t kParallelSortFrom = std::size_t{1} << 16;

int checkedPixels(double pixels, const char* what) {
    if (!(pixels >= 1 && pixels <= std::numeric_limits<int>::max()))
        throw InputError(std::string("raster ") + what + " of " + std::to_string(pixels) +
                         " pixels is out of range (1 .. 2147483647)");
    return static_cast<int>(pixels);
}

void checkPixelSize(double pixelSize) {
    if (!(pixelSize > 0 && std::isfinite(pixelSize)))
        throw InputError("pixel size must be a positive number of metres, got " + std::to_string(pixelSize));
}

} // namespace

KdePointIndex::KdePointIndex(std::vector<KdePoint> points, std::optional<Envelope> sourceExtent)
    : sourceExtent_(sourceExtent) {
    for (std::size_t i = 0; i < points.size(); ++i) {
        const KdePoint& p = points[i];
        if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.weight) ||
            !std::isfinite(p.radius) || p.radius < 0)
            throw InputError("kernel density point " + std::to_string(i) +
                             ": coordinates and weight must be finite and the radius finite and >= 0");
        envelope_.expand(Point{p.x, p.y});
        maxRadius_ = std::max(maxRadius_, p.radius);
        totalWeight_ += p.weight;
    }
    if (sourceExtent_ && (sourceExtent_->isEmpty() || !std::isfinite(sourceExtent_->width()) ||
                          !std::isfinite(sourceExtent_->height())))
        throw InputError("the source extent of the kernel density points is empty or not finite");
    cellStart_.assign(2, 0);
    if (points.empty())
        return;
    cellSize_ = chooseCellSize(envelope_, points.size(), maxRadius_);
    const auto cellsAlong = [&](double extent) { return static_cast<std::int64_t>(extent / cellSize_) + 1; };
    while (cellsAlong(envelope_.width()) * cellsAlong(envelope_.height()) >
           4 * static_cast<std::int64_t>(points.size()) + 64)
        cellSize_ *= 1.5;
    cellsX_ = cellsAlong(envelope_.width());
    cellsY_ = cellsAlong(envelope_.height());

    // Counting sort by cell, in one part of the points per core: each part counts its points'
    // cells, the counts give each part its place in every cell (part 0's points first), and each
    // part then writes its points there. Stable: within a cell the points keep the input order.
    // The sorted copy is first touched by the parts that fill it, so its page faults (the most of
    // this on a virtual machine) are taken on every core.
    const auto cellOf = [&](const KdePoint& p) {
        return static_cast<std::size_t>(cellIndex(p.y, envelope_.minY, cellSize_, cellsY_) * cellsX_ +
                                        cellIndex(p.x, envelope_.minX, cellSize_, cellsX_));
    };
    const std::size_t n = points.size(), cells = static_cast<std::size_t>(cellsX_ * cellsY_);
    const std::size_t parts = n < kParallelSortFrom ? 1 : kde::threadCount(0);
    const auto first = [&](std::size_t part) { return n * part / parts; };
    std::vector<std::vector<std::size_t>> place(parts);
    kde::parallelFor(parts, static_cast<unsigned>(parts), nullptr, 0, 1, "", [&](std::size_t part, unsigned) {
        place[part].assign(cells, 0);
        for (std::size_t i = first(part); i < first(part + 1); ++i)
            ++place[part][cellOf(points[i])];
    });
    resizeHuge(cellStart_, cells + 1);
    std::size_t total = 0;
    for (std::size_t c = 0; c < cells; ++c) {
        cellStart_[c] = total;
        for (auto& counts : place) {
            const std::size_t count = counts[c];
            counts[c] = total;
            total += count;
        }
    }
    cellStart_[cells] = total;
    points_ = allocateUntouched<KdePoint>(n);
    size_ = n;
    KdePoint* sorted = points_.get();
    kde::parallelFor(parts, static_cast<unsigned>(parts), nullptr, 0, 1, "", [&](std::size_t part, unsigned) {
        std::vector<std::size_t>& next = place[part];
        for (std::size_t i = first(part); i < first(part + 1); ++i)
            new (&sorted[next[cellOf(points[i])]++]) KdePoint(points[i]);
    });
}

std::vector<KdePointIndex::Range> KdePointIndex::query(const Envelope& e) const {
    std::vector<Range> ranges;
    if (size_ == 0 || e.isEmpty() || e.maxX < envelope_.minX || e.minX > envelope_.maxX ||
        e.maxY < envelope_.minY || e.minY > envelope_.maxY)
        return ranges;
    const std::int64_t cx0 = cellIndex(e.minX, envelope_.minX, cellSize_, cellsX_);
    const std::int64_t cx1 = cellIndex(e.maxX, envelope_.minX, cellSize_, cellsX_);
    const std::int64_t cy0 = cellIndex(e.minY, envelope_.minY, cellSize_, cellsY_);
    const std::int64_t cy1 = cellIndex(e.maxY, envelope_.minY, cellSize_, cellsY_);
    for (std::int64_t cy = cy0; cy <= cy1; ++cy) {
        const std::size_t begin = cellStart_[static_cast<std::size_t>(cy * cellsX_ + cx0)];
        const std::size_t end = cellStart_[static_cast<std::size_t>(cy * cellsX_ + cx1 + 1)];
        if (begin == end)
            continue;
        if (!ranges.empty() && ranges.back().end == begin)
            ranges.back().end = end;
        else
            ranges.push_back({begin, end});
    }
    return ranges;
}

RasterWindow RasterWindow::fromTopLeft(double originX, double originY, double pixelSize, int width,
                                       int height) {
    return RasterWindow{RasterGrid{originX, originY, pixelSize}, 0, 0, width, height};
}

RasterWindow RasterWindow::sub(std::int64_t col, std::int64_t row, int subWidth, int subHeight) const {
    return RasterWindow{grid, col0 + col, row0 + row, subWidth, subHeight};
}

Envelope RasterWindow::envelope() const {
    const double p = grid.pixelSize;
    return Envelope{minX(), maxY() - height * p, minX() + width * p, maxY()};
}

std::array<double, 6> RasterWindow::geoTransform() const {
    return {minX(), grid.pixelSize, 0, maxY(), 0, -grid.pixelSize};
}

RasterWindow windowForExtent(const Envelope& extent, double pixelSize) {
    checkPixelSize(pixelSize);
    if (extent.isEmpty() || !std::isfinite(extent.width()) || !std::isfinite(extent.height()))
        throw InputError("the heatmap extent is empty or not finite");
    const int cols = checkedPixels(std::max(1.0, std::ceil(extent.width() / pixelSize)), "width");
    const int rows = checkedPixels(std::max(1.0, std::ceil(extent.height() / pixelSize)), "height");
    return RasterWindow::fromTopLeft(extent.minX, extent.maxY, pixelSize, cols, rows);
}

RasterWindow qgisWindow(const KdePointIndex& index, double pixelSize) {
    checkPixelSize(pixelSize);
    if (index.size() == 0)
        throw InputError("no points: the heatmap extent is undefined");
    const Envelope& e = index.extent();
    const double r = index.maxRadius();
    // The operations of QgsKernelDensityEstimation::prepare(), in its order, for the same doubles.
    const double xMin = e.minX - r, xMax = e.maxX + r, yMin = e.minY - r, yMax = e.maxY + r;
    const int rows = checkedPixels(std::max(std::ceil((yMax - yMin) / pixelSize) + 1, 1.0), "height");
    const int cols = checkedPixels(std::max(std::ceil((xMax - xMin) / pixelSize) + 1, 1.0), "width");
    return RasterWindow::fromTopLeft(xMin, yMax, pixelSize, cols, rows);
}

} // namespace firebeat
