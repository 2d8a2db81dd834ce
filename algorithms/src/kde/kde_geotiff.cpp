// writeKdeGeoTiff(): the kernel density computed strip by strip into a GeoTiffWriter.
#include "firebeat/kde_geotiff.h"
#include "kde/kde_internal.h"

#include <algorithm>
#include <cmath>
#include <future>
#include <limits>
#include <sstream>
#include <vector>

namespace firebeat {
namespace {

// Rows computed and written at a time, in whole 256-row blocks: about 2 MiB of floats, so the
// write of the last strip (which nothing overlaps) is short, but at least 4 radii, so few
// points straddle strips (each strip normalises the density kernels it reaches), and at most
// 32 MiB. Two strips are in memory: one computed while the other is compressed and written.
int stripRows(const RasterWindow& window, const KdePointIndex& index) {
    constexpr std::size_t kMiB = std::size_t{1} << 20, kBlock = GeoTiffWriter::kBlockSize;
    const std::size_t blockRow = sizeof(float) * static_cast<std::size_t>(std::max(window.width, 1)) * kBlock;
    const double radiusBlocks = std::ceil(4 * index.maxRadius() / window.grid.pixelSize / kBlock);
    const std::size_t blocks =
        std::max({std::size_t{1}, 2 * kMiB / blockRow,
                  std::min(static_cast<std::size_t>(radiusBlocks), 32 * kMiB / blockRow)});
    return static_cast<int>(std::min(blocks * kBlock, static_cast<std::size_t>(std::max(window.height, 1))));
}

std::string number(double v) {
    std::ostringstream s;
    s.precision(15);
    s << v;
    return s.str();
}

std::string radiusTag(const KdePointIndex& index) {
    const auto points = index.points();
    const bool fixed = std::all_of(points.begin(), points.end(),
                                   [&](const KdePoint& p) { return p.radius == index.maxRadius(); });
    return fixed ? number(index.maxRadius()) : "per point, up to " + number(index.maxRadius());
}

std::string unitsOf(const KdeOptions& o) {
    switch (o.value) {
    case OutputValue::Density:
        return "1/km2";
    case OutputValue::Scaled:
        return "1/m2";
    case OutputValue::Raw:
        break;
    }
    return "";
}

GeoTiffOptions withKdeTags(const GeoTiffOptions& tiff, const KdePointIndex& index, const KdeOptions& o) {
    GeoTiffOptions out = tiff;
    auto& t = out.tags;
    t["kde_kernel"] = code(o.kernel);
    t["kde_output_value"] = code(o.value);
    t["kde_qgis_compatible"] = o.qgisCompatible ? "yes" : "no";
    t["kde_radius"] = radiusTag(index);
    t["kde_points"] = std::to_string(index.size());
    t["kde_total_weight"] = number(index.totalWeight());
    t["kde_units"] = o.value == OutputValue::Density  ? "weighted points per km2"
                     : o.value == OutputValue::Scaled ? "weighted points per square map unit"
                                                      : "sum of weight x kernel shape";
    if (o.kernel == Kernel::Triangular)
        t["kde_decay"] = number(o.decay);
    if (o.kernel == Kernel::Gaussian)
        t["kde_gaussian_cutoff_sd"] = number(o.gaussianCutoffSd);
    if (o.qgisCompatible)
        out.noData = kQgisNoData;
    if (out.units.empty())
        out.units = unitsOf(o);
    return out;
}

} // namespace

double writeKdeGeoTiff(const std::filesystem::path& path, const KdePointIndex& index,
                       const RasterWindow& window, const KdeOptions& options, const GeoTiffOptions& tiff,
                       Progress* progress) {
    kde::checkOptions(options);
    if (window.width < 1 || window.height < 1)
        throw InputError("the heatmap raster must have at least one pixel");
    GeoTiffWriter writer(path, window, withKdeTags(tiff, index, options));
    const int rows = stripRows(window, index);
    const std::size_t stripSize = static_cast<std::size_t>(rows) * static_cast<std::size_t>(window.width);
    std::vector<float> strips[2];
    const double computeShare = tiff.overviews || tiff.cog ? 0.85 : 0.98;
    // Strip k is written (GDAL compresses it) and scanned for the maximum while strip k + 1 is
    // computed; waited for before anything else, so a failure or cancellation never leaves the
    // writer busy.
    std::future<void> writing;
    const float noData = options.qgisCompatible ? kQgisNoData : std::numeric_limits<float>::quiet_NaN();
    float maximum = -std::numeric_limits<float>::infinity();
    for (int row = 0, k = 0; row < window.height; row += rows, ++k) {
        const int height = std::min(rows, window.height - row);
        std::vector<float>& strip = strips[k % 2];
        if (strip.empty())
            resizeHuge(strip, stripSize);
        const std::span<float> values(strip.data(), static_cast<std::size_t>(height) *
                                                        static_cast<std::size_t>(window.width));
        ProgressSlice slice(progress, computeShare * row / window.height,
                            computeShare * (row + height) / window.height);
        computeWindow(index, window.sub(0, row, window.width, height), options, values, &slice);
        if (writing.valid())
            writing.get();
        writing = std::async(std::launch::async, [&writer, &maximum, noData, row, height, values] {
            writer.writeRows(row, height, values);
            for (const float v : values)
                if (v != noData && v > maximum)
                    maximum = v;
        });
    }
    writing.get();
    ProgressSlice finish(progress, computeShare, 1);
    writer.commit(&finish);
    return std::isinf(maximum) ? 0 : maximum;
}

} // namespace firebeat
