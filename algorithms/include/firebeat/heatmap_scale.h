// The heatmap's colour scale, one rule for both front ends (the QGIS plugin's style and the
// server's maps): the style's top class sits at a high percentile of the density over the cells
// of the analysis grid that have any density, so that neither a fixed ramp saturates on dense data
// nor a few very dense cells wash the rest of the map out (as scaling to the maximum does). The
// style's class values are a template stretched so that its last one lands on that top.
#pragma once

#include "firebeat/kde.h"

#include <cstddef>
#include <span>
#include <vector>

namespace firebeat {

class Progress;

// The percentile the top colour sits at, by default.
inline constexpr double kHeatmapScalePercentile = 99;
// The analysis grid's pixel size in metres: the heatmap job's default pixel size in the plugin,
// so the server's scale and a default plugin raster of the same data are computed on one grid.
inline constexpr double kHeatmapPixelSize = 50;
// Grids with more cells are computed at a coarser pixel size (doubled until they fit), bounding
// the memory and time the scale takes.
inline constexpr std::size_t kHeatmapScaleMaxCells = std::size_t{16} << 20;

// The nearest-rank `percentile` (0 < p <= 100) of the positive, finite values: the smallest value
// with at least p % of them at or below it; 0 when there are none (zeros, nodata and negative
// values are not counted). Throws InputError for a percentile outside (0, 100].
double densityPercentile(std::span<const float> values, double percentile = kHeatmapScalePercentile);

struct HeatmapScale {
    double top = 0; // the density at the percentile (hazards/km^2 for density output)
    double percentile = kHeatmapScalePercentile;
    double pixelSize = 0;  // of the grid it was computed on
    std::size_t cells = 0; // cells with a positive density, the percentile's population
};

// The scale of the points of `index` on QGIS's grid for them (qgisWindow(), as the heatmap job
// writes it without an extent) at `pixelSize`, coarsened when the grid would exceed
// kHeatmapScaleMaxCells. Computed in strips; throws Cancelled when `progress` cancels.
HeatmapScale heatmapScale(const KdePointIndex& index, const KdeOptions& options,
                          double percentile = kHeatmapScalePercentile, double pixelSize = kHeatmapPixelSize,
                          Progress* progress = nullptr);

// A style's ascending class values (e.g. 0, 2, 10, 20, 30, 40) scaled so that the last lands
// exactly on `top`: the class breaks both front ends draw with. Unchanged when `top` is not
// positive or the last value is not.
std::vector<double> heatmapClassBreaks(std::span<const double> templateValues, double top);

} // namespace firebeat
