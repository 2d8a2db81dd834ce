#include "firebeat/heatmap_scale.h"

#include "firebeat/progress.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace firebeat {
namespace {

// Rows computed at a time: whole 256-row blocks, as the heatmap job writes its GeoTIFF.
constexpr int kStripRows = 256;

void checkPercentile(double percentile) {
    if (!(percentile > 0 && percentile <= 100))
        throw InputError("heatmap scale: the percentile must be in (0, 100], got " +
                         std::to_string(percentile));
}

// The nearest rank of `positive` (reordered).
double nearestRank(std::vector<float>& positive, double percentile) {
    if (positive.empty())
        return 0;
    // Nearest rank: the ceil(p/100 * n)-th smallest value (1-based).
    const auto n = static_cast<double>(positive.size());
    const auto rank = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(percentile * n / 100)), 1,
                                              positive.size());
    const auto k = positive.begin() + static_cast<std::ptrdiff_t>(rank - 1);
    std::nth_element(positive.begin(), k, positive.end());
    return *k;
}

} // namespace

double densityPercentile(std::span<const float> values, double percentile) {
    checkPercentile(percentile);
    std::vector<float> positive;
    for (const float v : values)
        if (std::isfinite(v) && v > 0)
            positive.push_back(v);
    return nearestRank(positive, percentile);
}

HeatmapScale heatmapScale(const KdePointIndex& index, const KdeOptions& options, double percentile,
                          double pixelSize, Progress* progress) {
    checkPercentile(percentile);
    if (!(pixelSize > 0) || !std::isfinite(pixelSize))
        throw InputError("heatmap scale: the pixel size must be a positive number of metres");
    RasterWindow window = qgisWindow(index, pixelSize);
    while (window.pixelCount() > kHeatmapScaleMaxCells) {
        pixelSize *= 2;
        window = qgisWindow(index, pixelSize);
    }
    // Only the positive cells are kept: most of a sparse city's grid is empty.
    std::vector<float> positive;
    std::vector<float> strip(static_cast<std::size_t>(std::min(kStripRows, window.height)) *
                             static_cast<std::size_t>(window.width));
    for (int row = 0; row < window.height; row += kStripRows) {
        const int height = std::min(kStripRows, window.height - row);
        const std::span<float> values(strip.data(), static_cast<std::size_t>(height) *
                                                        static_cast<std::size_t>(window.width));
        ProgressSlice slice(progress, static_cast<double>(row) / window.height,
                            static_cast<double>(row + height) / window.height);
        computeWindow(index, window.sub(0, row, window.width, height), options, values, &slice);
        for (const float v : values)
            if (std::isfinite(v) && v > 0)
                positive.push_back(v);
    }
    HeatmapScale scale;
    scale.top = nearestRank(positive, percentile);
    scale.percentile = percentile;
    scale.pixelSize = pixelSize;
    scale.cells = positive.size();
    return scale;
}

std::vector<double> heatmapClassBreaks(std::span<const double> templateValues, double top) {
    std::vector<double> breaks(templateValues.begin(), templateValues.end());
    if (breaks.empty() || !(breaks.back() > 0) || !(top > 0) || !std::isfinite(top))
        return breaks;
    const double scale = top / breaks.back();
    for (double& b : breaks)
        b *= scale;
    breaks.back() = top; // exactly, whatever the rounding
    return breaks;
}

} // namespace firebeat
