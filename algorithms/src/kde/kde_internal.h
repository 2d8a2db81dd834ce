// Internals of the kernel density engine shared by its source files: points placed on a grid
// in pixel units and the per-point loops that add a kernel into a tile buffer.
#pragma once

#include "firebeat/kde.h"
#include "util/huge_pages.h"
#include "util/parallel.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

namespace firebeat::kde {

// The kernel as the loops evaluate it, from t = (distance / radius)^2.
struct Shape {
    Kernel kernel = Kernel::Quartic;
    float slope = 1;    // triangular: 1 - decay
    float gaussA = 4.5; // Gaussian: cutoff^2 / 2, so the shape is exp(-gaussA * t)
};
Shape makeShape(const KdeOptions& options);

// Throws InputError naming the first inconsistent option.
void checkOptions(const KdeOptions& options);
// What multiplies weight * shape / radius^2 for OutputValue::Scaled (QGIS's constants when
// qgisCompatible); nullopt when QGIS leaves the shape unscaled (triangular, negative decay).
std::optional<double> scaledConstant(const KdeOptions& options);

// Slack after the last pixel of every row: the loops run whole 8-lane vectors and mask the
// lanes past the row's end, so they may read and write (unchanged) up to 7 floats beyond it.
inline constexpr int kRowSlack = 8;

// A tile's accumulator: `height` rows of `stride` floats, stride >= width + kRowSlack.
struct TileBuffer {
    float* data = nullptr;
    std::ptrdiff_t stride = 0;
    std::int64_t col0 = 0; // grid column and row of data[0]
    std::int64_t row0 = 0;
    int width = 0;
    int height = 0;
};

// A point on a grid in pixel units: the offset of pixel (col, row)'s centre from the point is
// dx = (col - ic) - fx, dy = (row - jc) - fy, with fx, fy in [0, 1). Everything here depends
// only on the point and the grid, never on a window, which is what makes tiles agree.
struct GridPoint {
    std::int64_t ic = 0;
    std::int64_t jc = 0;
    float fx = 0;
    float fy = 0;
    float s = 0;      // (pixelSize / radius)^2: t = (dx^2 + dy^2) * s
    double reach = 0; // radius / pixelSize
    float coef = 0;   // multiplies the shape
};
// Placed with coef = 0; nullopt when the radius is zero or the point is too far from the
// grid's origin for float pixel offsets.
std::optional<GridPoint> placeOnGrid(const KdePoint& p, const RasterGrid& grid);

// Adds coef * shape(t) at every pixel centre of the tile with t <= 1.
void addPoint(const GridPoint& p, const Shape& shape, const TileBuffer& tile);
// The sum of shape(t) over every pixel centre of the unbounded grid with t <= 1, evaluated
// exactly as addPoint evaluates it.
double gridSum(const GridPoint& p, const Shape& shape);

// QGIS 3.22's raster (qgskde.cpp): bounds grown by the largest radius and its size.
struct QgisLayout {
    double xMin = 0;
    double yMin = 0;
    double yMax = 0;
    double pixelSize = 1;
    std::int64_t cols = 0;
    std::int64_t rows = 0;
};
QgisLayout qgisLayout(const KdePointIndex& index, double pixelSize);

// One point as QGIS 3.22 evaluates it: a (2b+1)^2 block of pixels whose top-left pixel is
// (xPos, yPosIO), while the centres it computes distances to are counted from the bottom of the
// bounds (yPos), which mirrors rows within the block.
struct QgisPoint {
    double x = 0;
    double y = 0;
    double maxDistSq = 0;   // the largest squared distance whose sqrt is <= radius
    std::int64_t block = 0; // 2b + 1
    std::int64_t xPos = 0;
    std::int64_t yPos = 0;
    std::int64_t yPosIO = 0;
    GridPoint grid; // for the kernel values (coef included)
};
// nullopt when QGIS leaves the point out (its block does not fit in the raster, zero radius).
std::optional<QgisPoint> placeQgis(const KdePoint& p, const QgisLayout& layout, float coef);
// Adds the point's block into the tile; pixels reached become >= +0 (the tile starts at -0.0,
// so untouched pixels stay -0.0 and become nodata).
void addQgisPoint(const QgisPoint& p, const QgisLayout& layout, const Shape& shape, const TileBuffer& tile);

// Row-wise polynomial accumulation (kde_accumulate.cpp) for the kernels that are polynomials
// along a row (uniform, Epanechnikov, quartic, triweight): `rows` rows of one block of
// kAccumulateBlock columns from grid (col0, row0), col0 a multiple of kAccumulateBlock (blocks
// are anchored to the grid), each column `width` doubles (the coefficient deltas, then a count
// delta). Starts all zero and is left all zero by resolveAccumulator().
inline constexpr int kAccumulateBlock = 512;
struct Accumulator {
    double* data = nullptr;
    std::int64_t col0 = 0;
    std::int64_t row0 = 0;
    int rows = 0;
    int width = 0;
    // Doubles from one row to the next: kAccumulateBlock * width, then a flag (whether anything
    // was added to the row), padded so that the same column of neighbouring rows is not 4 KiB
    // apart (loads would wait on unrelated stores).
    std::ptrdiff_t rowStride = 0;
};
// Doubles per column for `kernel`; 0 for the kernels that are not accumulated.
int accumulatorWidth(Kernel kernel);
// Beyond this many pixels per radius a point is accumulated rather than evaluated pixel by
// pixel: a row costs the accumulation about as much as 30-40 pixels of direct evaluation (8 at
// a time), the chord of a disc 20 pixels in radius, so below this the direct loop is as fast
// or faster (bench/README.md).
inline constexpr double kAccumulateReach = 20;
// Add p (as addPoint() / addQgisPoint() would, on the same pixels) to the accumulator's rows.
void accumulatePoint(const GridPoint& p, const Shape& shape, const Accumulator& acc);
void accumulateQgisPoint(const QgisPoint& p, const QgisLayout& layout, const Shape& shape,
                         const Accumulator& acc);
// Evaluates the accumulated points at every pixel of `tile` (same rows as the accumulator,
// columns within its) and adds them to it; in QGIS mode a reached pixel becomes >= +0.
void resolveAccumulator(const Accumulator& acc, const Shape& shape, const TileBuffer& tile, bool qgis);

using detail::parallelFor;
using detail::threadCount;

} // namespace firebeat::kde
