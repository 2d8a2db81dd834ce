// Kernel density estimation on raster windows: the engine behind the hazard heatmap.
//
// Exact: every point is evaluated at every pixel centre within its radius (no binning), on
// both cores, tile by tile. Any window of a grid can be computed on its own, and windows of one
// grid join without seams: a mosaic of windows equals the big window bit for bit. See
// algorithms/README-kde.md for the conventions and how they differ from QGIS.
#pragma once

#include "firebeat/geometry.h"
#include "firebeat/progress.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace firebeat {

enum class Kernel { Quartic, Triangular, Uniform, Triweight, Epanechnikov, Gaussian };
enum class OutputValue {
    Density, // weighted points per km^2 (coordinates in metres), mass-conserving on the grid
    Raw,     // sum of weight x kernel shape (1 at the point)
    Scaled   // sum of weight x kernel normalised over the plane (per square map unit)
};

std::string_view code(Kernel k); // "quartic", "triangular", ...
std::optional<Kernel> parseKernel(std::string_view s);
std::string_view code(OutputValue v); // "density", "raw", "scaled"
std::optional<OutputValue> parseOutputValue(std::string_view s);

// One weighted point. `radius` is the bandwidth in map units (metres): the distance where the
// kernel reaches zero, or for the Gaussian the distance where it is truncated.
struct KdePoint {
    double x = 0;
    double y = 0;
    double weight = 1;
    double radius = 0;
};

// An unbounded north-up grid of square pixels: pixel (col, row) spans
// [originX + col*pixelSize, originX + (col+1)*pixelSize] x [originY - (row+1)*pixelSize, originY -
// row*pixelSize].
struct RasterGrid {
    double originX = 0;
    double originY = 0;
    double pixelSize = 1;
    friend bool operator==(const RasterGrid&, const RasterGrid&) = default;
};

// A width x height window of a grid whose top-left pixel is (col0, row0). Windows of the same
// grid (e.g. map tiles sharing the tile matrix origin) are computed consistently.
struct RasterWindow {
    RasterGrid grid;
    std::int64_t col0 = 0;
    std::int64_t row0 = 0;
    int width = 0;
    int height = 0;

    // A window whose own top-left corner is the grid origin.
    static RasterWindow fromTopLeft(double originX, double originY, double pixelSize, int width, int height);
    // The window of the same grid at (col, row) relative to this one's top-left pixel.
    RasterWindow sub(std::int64_t col, std::int64_t row, int subWidth, int subHeight) const;
    double minX() const { return grid.originX + static_cast<double>(col0) * grid.pixelSize; }
    double maxY() const { return grid.originY - static_cast<double>(row0) * grid.pixelSize; }
    Envelope envelope() const;
    // GDAL's geotransform: {minX, pixelSize, 0, maxY, 0, -pixelSize}.
    std::array<double, 6> geoTransform() const;
    std::size_t pixelCount() const {
        return static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    }
    friend bool operator==(const RasterWindow&, const RasterWindow&) = default;
};

// Value written where no kernel reached, in QGIS-compatible mode (QGIS's NO_DATA).
inline constexpr float kQgisNoData = -9999.0f;

struct KdeOptions {
    Kernel kernel = Kernel::Quartic;
    // Triangular only: QGIS's decay ratio, the kernel's value at the radius relative to the
    // centre (0: a cone; negative values go below zero, allowed only for raw output).
    double decay = 0;
    // Gaussian only: the radius is this many standard deviations (sigma = radius / cutoff);
    // the kernel is zero beyond it. Between 1 and 12.
    double gaussianCutoffSd = 3;
    OutputValue value = OutputValue::Density;
    // Reproduces qgis:heatmapkerneldensityestimation of QGIS 3.22 (raw or scaled, not Gaussian):
    // its grid (qgisWindow), its per-point pixel blocks, its constants and its nodata. Windows
    // must then belong to qgisWindow()'s grid.
    bool qgisCompatible = false;
    unsigned threads = 0; // 0: every core
    // Uniform, Epanechnikov, quartic and triweight kernels wider than a few pixels are summed row
    // by row as polynomials (same pixels, same values to ~1e-7 of the peak, much faster for wide
    // kernels); false evaluates every point at every pixel (for comparisons and benchmarks).
    bool polynomialAccumulation = true;
};

// The points in a spatially sorted order (row-major buckets), for fast window queries.
class KdePointIndex {
  public:
    // `sourceExtent`: the extent the points' layer reports (OGR_L_GetExtent()), which QGIS builds
    // its grid from; a GeoPackage keeps it rounded to 15 digits, so it can differ from the points'
    // own envelope in the last bits. Empty: the points' envelope. Throws InputError for a
    // non-finite coordinate or weight or a negative radius.
    explicit KdePointIndex(std::vector<KdePoint> points, std::optional<Envelope> sourceExtent = std::nullopt);

    std::span<const KdePoint> points() const { return {points_.get(), size_}; } // in index order
    std::size_t size() const { return size_; }
    const Envelope& envelope() const { return envelope_; } // of the points themselves
    const Envelope& extent() const { return sourceExtent_ ? *sourceExtent_ : envelope_; }
    double maxRadius() const { return maxRadius_; }
    double totalWeight() const { return totalWeight_; }

    // Half-open ranges of points(), ascending, together holding every point inside `e`
    // (and some near it).
    struct Range {
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    std::vector<Range> query(const Envelope& e) const;

  private:
    std::unique_ptr<KdePoint[], void (*)(void*)> points_{nullptr, nullptr}; // from std::malloc
    std::size_t size_ = 0;
    Envelope envelope_;
    std::optional<Envelope> sourceExtent_;
    double maxRadius_ = 0;
    double totalWeight_ = 0;
    double cellSize_ = 1;
    std::int64_t cellsX_ = 1;
    std::int64_t cellsY_ = 1;
    std::vector<std::size_t> cellStart_; // cellsX_ * cellsY_ + 1 offsets into points_
};

// QGIS's raster for these points (the default extent): index.extent() grown by the
// largest radius, ceil(height/pixel)+1 rows and ceil(width/pixel)+1 columns, top-left corner at
// (xmin - r, ymax + r). Throws InputError when there are no points.
RasterWindow qgisWindow(const KdePointIndex& index, double pixelSize);
// The window covering `extent` from its top-left corner (ceil of width and height in pixels).
RasterWindow windowForExtent(const Envelope& extent, double pixelSize);

// Computes `window` into `out` (row-major, top row first, window.pixelCount() values).
// Density: each point is normalised by the sum of its kernel over every pixel centre of the
// unbounded grid, so the raster integrates (sum x pixel area) to the total weight of the
// points whose kernels lie inside the window; 0 where no kernel reaches. QGIS-compatible:
// kQgisNoData where no kernel reaches. Throws InputError for inconsistent options, Cancelled
// when progress->cancelled(); progress is only called from the calling thread.
void computeWindow(const KdePointIndex& index, const RasterWindow& window, const KdeOptions& options,
                   std::span<float> out, Progress* progress = nullptr);

// The spatial Silverman rule as ArcGIS documents it, weighted:
// h = 0.9 * min(SD, sqrt(1/ln 2) * Dm) * n^-0.2 with SD the weighted standard distance, Dm the
// weighted median distance to the weighted mean centre, n the sum of the weights. Throws
// InputError when it is undefined (no weight, or all points at one place).
double silvermanBandwidth(std::span<const KdePoint> points);

} // namespace firebeat
