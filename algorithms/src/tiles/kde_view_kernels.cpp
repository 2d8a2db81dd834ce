#include "firebeat/kde_view_kernels.h"

#include "firebeat/crs.h"
#include "tiles/view_band.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

// The 32-byte vectors below only live inside one function, never across a call boundary.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace firebeat {
namespace {

using Kernel = ViewKernels::Kernel;
using detail::Band;
using detail::clampedRange;
using detail::IndexRange;

// Offset (metres in the analysis CRS) over which the projection's Jacobian is measured: small
// against the curvature of any map projection, large against the rounding of map coordinates.
constexpr double kJacobianStep = 1.0;

using v4d = double __attribute__((vector_size(32)));

// Kernels wider than this many columns are evaluated only over their disc's chord on each row.
constexpr std::int64_t kChordColumns = 24;

// Adds each kernel to the pixels of the band it may reach, 4 columns at a time into `buffer`
// (band.rows x band.stride). Pixels outside a disc get max(0, 1 - t)^2 = 0, and the buffer's
// padding takes the lanes past the last column. No FMA in either build, so every pixel gets the
// same IEEE operations in every window. (Pointer and count, not a span: clang's clones cannot
// link the span's inline iterator.)
__attribute__((target_clones("avx2", "default"))) void
scatter(const Kernel* const* kernels, std::size_t count, const Band& band, double* buffer) {
    for (std::size_t n = 0; n < count; ++n) {
        const Kernel* k = kernels[n];
        const IndexRange rows = detail::kernelRows(*k, band);
        const IndexRange box = clampedRange((k->x - k->halfX - band.minX) / band.dx - 0.5,
                                            (k->x + k->halfX - band.minX) / band.dx - 0.5, 0, band.width);
        for (std::int64_t r = rows.first; r <= rows.last; ++r) {
            const double y = band.maxY - (static_cast<double>(r) + 0.5) * band.dy;
            const double dy = y - k->y;
            const double b = k->b2 * dy, c = k->c * dy * dy;
            IndexRange cols = box;
            if (box.last - box.first > kChordColumns) {
                // t < 1 between the roots of a dx^2 + b dx + c - 1 (widened: the lanes decide).
                const double disc = b * b - 4 * k->a * (c - 1);
                if (disc < 0)
                    continue;
                const double half = std::sqrt(disc) / (2 * k->a), mid = -b / (2 * k->a);
                const IndexRange chord =
                    clampedRange((k->x + mid - half - band.minX) / band.dx - 0.5,
                                 (k->x + mid + half - band.minX) / band.dx - 0.5, 0, band.width);
                cols = {std::max(box.first, chord.first), std::min(box.last, chord.last)};
            }
            double* row = buffer + static_cast<std::size_t>(r - band.row0) * band.stride;
            for (std::int64_t i = cols.first; i <= cols.last; i += 4) {
                v4d x;
                std::memcpy(&x, band.centresX.data() + i, sizeof x);
                const v4d dx = x - k->x;
                const v4d t = (k->a * dx + b) * dx + c;
                v4d u = 1.0 - t;
                u = u > 0.0 ? u : v4d{};
                v4d sum;
                std::memcpy(&sum, row + i, sizeof sum);
                sum += k->scale * u * u;
                std::memcpy(row + i, &sum, sizeof sum);
            }
        }
    }
}

// Cells about the kernels' reach, and no more than about one per kernel.
double chooseCellSize(const Envelope& e, std::size_t n, double reach) {
    const double spacing = std::sqrt(std::max(e.width() * e.height(), 0.0) / static_cast<double>(n));
    const double magnitude =
        std::max({std::abs(e.minX), std::abs(e.maxX), std::abs(e.minY), std::abs(e.maxY), 1.0});
    return std::max({reach, spacing, std::max(e.width(), e.height()) / 4096, magnitude * 1e-9});
}

std::int64_t cellOf(double v, double origin, double cell, std::int64_t cells) {
    return static_cast<std::int64_t>(
        std::clamp(std::floor((v - origin) / cell), 0.0, static_cast<double>(cells - 1)));
}

// The kernel of `p` projected at `at`, with the ground-to-map Jacobian measured from the
// projections of one step east and north; false when it cannot be (outside the view CRS).
bool projectKernel(const KdePoint& p, Point at, Point east, Point north, Kernel& k) {
    // Columns of the Jacobian: map units per metre east and per metre north.
    const Point e{(east.x - at.x) / kJacobianStep, (east.y - at.y) / kJacobianStep};
    const Point n{(north.x - at.x) / kJacobianStep, (north.y - at.y) / kJacobianStep};
    const double det = e.x * n.y - n.x * e.y;
    if (!(std::isfinite(det) && det != 0 && std::isfinite(at.x) && std::isfinite(at.y)))
        return false;
    // Ground offset of a map offset d: J^-1 d, so |ground|^2 = d^T (J^-T J^-1) d.
    const double i00 = n.y / det, i01 = -n.x / det, i10 = -e.y / det, i11 = e.x / det;
    const double r2 = p.radius * p.radius;
    k.x = at.x;
    k.y = at.y;
    k.a = (i00 * i00 + i10 * i10) / r2;
    k.b2 = 2 * (i00 * i01 + i10 * i11) / r2;
    k.c = (i01 * i01 + i11 * i11) / r2;
    k.scale = p.weight * 3 / (std::numbers::pi * r2) * 1e6;
    k.halfX = p.radius * std::hypot(e.x, n.x);
    k.halfY = p.radius * std::hypot(e.y, n.y);
    k.radius = p.radius;
    k.weight = p.weight;
    k.east = e;
    k.north = n;
    return true;
}

// A kernel of radius 1 as kKernelCells^2 point masses at the cells' centres, summing to 1.
constexpr int kKernelCells = 16;
struct KernelMass {
    double u = 0, v = 0, share = 0;
};
const std::vector<KernelMass>& kernelMasses() {
    static const std::vector<KernelMass> masses = [] {
        std::vector<KernelMass> m;
        double total = 0;
        for (int a = 0; a < kKernelCells; ++a)
            for (int b = 0; b < kKernelCells; ++b) {
                const double u = 2 * (a + 0.5) / kKernelCells - 1, v = 2 * (b + 0.5) / kKernelCells - 1;
                const double q = 1 - (u * u + v * v);
                if (q > 0) {
                    m.push_back({u, v, q * q});
                    total += q * q;
                }
            }
        for (KernelMass& k : m)
            k.share /= total;
        return m;
    }();
    return masses;
}

} // namespace

ViewKernels::ViewKernels(const KdePointIndex& points, const std::string& analysisCrs,
                         const std::string& viewCrs) {
    std::vector<Point> projected;
    projected.reserve(3 * points.size());
    for (const KdePoint& p : points.points())
        projected.insert(projected.end(),
                         {{p.x, p.y}, {p.x + kJacobianStep, p.y}, {p.x, p.y + kJacobianStep}});
    cachedTransform(analysisCrs, viewCrs).apply(projected);
    std::vector<Kernel> kernels;
    kernels.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        const KdePoint& p = points.points()[i];
        Kernel k;
        if (p.radius > 0 &&
            projectKernel(p, projected[3 * i], projected[3 * i + 1], projected[3 * i + 2], k)) {
            kernels.push_back(k);
            centres_.expand(Point{k.x, k.y});
            maxHalfX_ = std::max(maxHalfX_, k.halfX);
            maxHalfY_ = std::max(maxHalfY_, k.halfY);
        }
    }
    cellStart_.assign(2, 0);
    if (kernels.empty())
        return;
    // Bucket the kernels by cell, keeping the index's order within a cell.
    cellSize_ = chooseCellSize(centres_, kernels.size(), std::max(maxHalfX_, maxHalfY_));
    cellsX_ = static_cast<std::int64_t>(std::floor(centres_.width() / cellSize_)) + 1;
    cellsY_ = static_cast<std::int64_t>(std::floor(centres_.height() / cellSize_)) + 1;
    cellStart_.assign(static_cast<std::size_t>(cellsX_ * cellsY_) + 1, 0);
    std::vector<std::size_t> cell(kernels.size());
    for (std::size_t i = 0; i < kernels.size(); ++i) {
        cell[i] = static_cast<std::size_t>(cellOf(kernels[i].y, centres_.minY, cellSize_, cellsY_) * cellsX_ +
                                           cellOf(kernels[i].x, centres_.minX, cellSize_, cellsX_));
        ++cellStart_[cell[i] + 1];
    }
    for (std::size_t c = 1; c < cellStart_.size(); ++c)
        cellStart_[c] += cellStart_[c - 1];
    kernels_.resize(kernels.size());
    std::vector<std::size_t> next(cellStart_.begin(), cellStart_.end() - 1);
    for (std::size_t i = 0; i < kernels.size(); ++i)
        kernels_[next[cell[i]]++] = kernels[i];
}

template <class Visit> void ViewKernels::forEachNear(const Envelope& e, Visit&& visit) const {
    if (kernels_.empty())
        return;
    const Envelope reach{e.minX - maxHalfX_, e.minY - maxHalfY_, e.maxX + maxHalfX_, e.maxY + maxHalfY_};
    if (!reach.intersects(centres_))
        return;
    const std::int64_t x0 = cellOf(reach.minX, centres_.minX, cellSize_, cellsX_);
    const std::int64_t x1 = cellOf(reach.maxX, centres_.minX, cellSize_, cellsX_);
    const std::int64_t y0 = cellOf(reach.minY, centres_.minY, cellSize_, cellsY_);
    const std::int64_t y1 = cellOf(reach.maxY, centres_.minY, cellSize_, cellsY_);
    for (std::int64_t cy = y0; cy <= y1; ++cy)
        for (std::size_t i = cellStart_[static_cast<std::size_t>(cy * cellsX_ + x0)],
                         end = cellStart_[static_cast<std::size_t>(cy * cellsX_ + x1) + 1];
             i < end; ++i) {
            const Kernel& k = kernels_[i];
            if (k.x + k.halfX >= e.minX && k.x - k.halfX <= e.maxX && k.y + k.halfY >= e.minY &&
                k.y - k.halfY <= e.maxY)
                visit(k);
        }
}

void ViewKernels::addDensity(const MapWindow& view, int row0, int rows, std::span<double> out) const {
    const Band band(view, row0, rows);
    // Kernels wide in pixels are accumulated row by row, the others evaluated at every pixel;
    // each list keeps the kernels' fixed order.
    std::vector<const Kernel*> direct, accumulated;
    forEachNear(band.footprint(), [&](const Kernel& k) {
        (k.halfX / band.dx > detail::kAccumulatedColumns ? accumulated : direct).push_back(&k);
    });
    if (direct.empty() && accumulated.empty())
        return;
    std::vector<double> buffer(static_cast<std::size_t>(rows) * band.stride, 0.0);
    scatter(direct.data(), direct.size(), band, buffer.data());
    detail::accumulateKernels(accumulated.data(), accumulated.size(), band, buffer.data());
    const auto width = static_cast<std::size_t>(view.width);
    for (std::size_t r = 0; r < static_cast<std::size_t>(rows); ++r)
        for (std::size_t c = 0; c < width; ++c)
            out[r * width + c] += buffer[r * band.stride + c];
}

void ViewKernels::addMass(const MapWindow& view, int row0, int rows, std::span<double> mass) const {
    const Band band(view, row0, rows);
    // In pixel units of the band (rows downwards), so each of a kernel's masses costs two
    // multiply-adds and no division.
    const auto add = [&](double col, double row, double m) {
        if (col >= 0 && col < band.width && row >= 0 && row < rows)
            mass[static_cast<std::size_t>(row) * static_cast<std::size_t>(band.width) +
                 static_cast<std::size_t>(col)] += m;
    };
    forEachNear(band.footprint(), [&](const Kernel& k) {
        const double col = (k.x - band.minX) / band.dx, row = (band.maxY - k.y) / band.dy - row0;
        const double halfCols = k.halfX / band.dx, halfRows = k.halfY / band.dy;
        if (std::floor(col - halfCols) == std::floor(col + halfCols) &&
            std::floor(row - halfRows) == std::floor(row + halfRows))
            return add(std::floor(col), std::floor(row), k.weight);
        const double ex = k.east.x * k.radius / band.dx, ey = -k.east.y * k.radius / band.dy;
        const double nx = k.north.x * k.radius / band.dx, ny = -k.north.y * k.radius / band.dy;
        for (const KernelMass& m : kernelMasses())
            add(std::floor(col + m.u * ex + m.v * nx), std::floor(row + m.u * ey + m.v * ny),
                k.weight * m.share);
    });
}

double ViewKernels::largestPixelEdge(const MapWindow& view, int row0, int rows) const {
    const Band band(view, row0, rows);
    double largest = 0;
    forEachNear(band.footprint(), [&](const Kernel& k) {
        // a and c are squared ground lengths per map unit along x and y, over radius^2.
        largest =
            std::max({largest, std::sqrt(k.a) * k.radius * band.dx, std::sqrt(k.c) * k.radius * band.dy});
    });
    return largest;
}

} // namespace firebeat
