// The kernel density written straight into a GeoTIFF, strip by strip (bounded memory).
#pragma once

#include "firebeat/geotiff_writer.h"
#include "firebeat/kde.h"

#include <filesystem>

namespace firebeat {

// Computes `window` of the kernel density strip by strip straight into a GeoTIFF at `path`.
// Adds tags recording the computation (kde_kernel, kde_output_value, kde_units, kde_radius,
// kde_points, kde_total_weight, ...) to tiff.tags, which record what the caller chose (weights,
// filters). Density is written without a nodata value (0 means no hazard nearby);
// QGIS-compatible output with nodata -9999. Returns the largest value written, nodata left out
// (0 when every pixel is nodata), as GDALComputeRasterMinMax() would find it in the file.
double writeKdeGeoTiff(const std::filesystem::path& path, const KdePointIndex& index,
                       const RasterWindow& window, const KdeOptions& options, const GeoTiffOptions& tiff,
                       Progress* progress = nullptr);

} // namespace firebeat
