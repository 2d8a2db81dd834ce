// The hazard heatmap from hazards to a GeoTIFF, as both front ends run it: filter and weight
// the hazards, choose the grid, compute, write, and record what was done in the file's tags.
#pragma once

#include "firebeat/geotiff_writer.h"
#include "firebeat/heatmap.h"

#include <filesystem>
#include <optional>
#include <span>

namespace firebeat {

struct HeatmapJob {
    HazardFilter filter;
    HazardWeighting weighting;
    HazardBandwidth bandwidth;
    KdeOptions kde;
    double pixelSize = 0;
    std::optional<Envelope> extent; // default: QGIS's rule (points' extent grown by the radius)
    GeoTiffOptions tiff;            // crs, overviews, cog; tags are added to
    // Human-readable descriptions of the choices, recorded as tags (e.g. the weight field's name).
    std::string weightDescription = "severity";
    std::string radiusDescription;
};

struct HeatmapSummary {
    RasterWindow window;
    std::size_t points = 0;
    double totalWeight = 0;
    std::optional<double> bandwidth; // none when the radius comes from a field
    double maxValue = 0;
};

// Throws InputError for bad parameters (a non-positive pixel size, a pixel larger than the
// extent, filters that leave no hazard — nothing is written then), Cancelled when cancelled.
HeatmapSummary runHeatmapJob(std::span<const Hazard> hazards, const HeatmapJob& job,
                             const std::filesystem::path& output, Progress* progress = nullptr);

// The tags describing the filters and weights, e.g. {"filter_min_severity", "2"}.
std::map<std::string, std::string> describeHeatmapJob(const HeatmapJob& job);

} // namespace firebeat
