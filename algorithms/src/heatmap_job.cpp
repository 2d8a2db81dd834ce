#include "firebeat/heatmap_job.h"

#include <gdal_priv.h>

#include <cmath>

namespace firebeat {
namespace {

std::string joinCategories(const std::set<HazardCategory>& categories) {
    std::string out;
    for (HazardCategory c : categories)
        out += (out.empty() ? "" : ",") + std::string(code(c));
    return out;
}

double rasterMaximum(const std::filesystem::path& path) {
    GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
    if (!ds)
        return 0;
    double minMax[2] = {0, 0};
    GDALComputeRasterMinMax(ds->GetRasterBand(1), FALSE, minMax);
    GDALClose(ds);
    return minMax[1];
}

} // namespace

std::map<std::string, std::string> describeHeatmapJob(const HeatmapJob& job) {
    std::map<std::string, std::string> tags;
    const HazardFilter& f = job.filter;
    if (f.from)
        tags["filter_from"] = formatTimestamp(*f.from);
    if (f.to)
        tags["filter_to"] = formatTimestamp(*f.to);
    tags["filter_open_only"] = f.openOnly ? "yes" : "no";
    tags["filter_categories"] = f.categories.empty() ? "all" : joinCategories(f.categories);
    tags["filter_min_severity"] = std::to_string(f.minSeverity);
    tags["filter_source"] = f.source ? std::string(code(*f.source)) : "all";
    tags["weight"] = job.weightDescription;
    if (job.weighting.perHazard.empty()) {
        const auto& w = job.weighting.severityWeights;
        tags["weight_severity"] = std::to_string(w[0]) + "," + std::to_string(w[1]) + "," + std::to_string(w[2]);
    }
    if (job.weighting.halfLifeDays) {
        tags["weight_half_life_days"] = std::to_string(*job.weighting.halfLifeDays);
        tags["weight_reference_date"] = formatTimestamp(job.weighting.referenceDate);
    }
    if (!job.radiusDescription.empty())
        tags["radius"] = job.radiusDescription;
    return tags;
}

HeatmapSummary runHeatmapJob(std::span<const Hazard> hazards, const HeatmapJob& job,
                             const std::filesystem::path& output, Progress* progress) {
    if (!(job.pixelSize > 0) || !std::isfinite(job.pixelSize))
        throw InputError("pixel size must be a positive number of metres");
    HeatmapPoints selected = heatmapPoints(hazards, job.filter, job.weighting, job.bandwidth);
    if (selected.points.empty())
        throw InputError("the filters leave no hazard out of " + std::to_string(hazards.size()) +
                         "; nothing was written");
    const KdePointIndex index(std::move(selected.points));
    const RasterWindow window = job.extent ? windowForExtent(*job.extent, job.pixelSize) : qgisWindow(index, job.pixelSize);
    Envelope covered = index.extent();
    if (job.extent)
        covered = *job.extent;
    else
        covered = {covered.minX - index.maxRadius(), covered.minY - index.maxRadius(),
                   covered.maxX + index.maxRadius(), covered.maxY + index.maxRadius()};
    if (job.pixelSize > covered.width() || job.pixelSize > covered.height())
        throw InputError("pixel size " + std::to_string(job.pixelSize) + " m is larger than the extent (" +
                         std::to_string(covered.width()) + " x " + std::to_string(covered.height()) + " m)");
    GeoTiffOptions tiff = job.tiff;
    for (auto& [key, value] : describeHeatmapJob(job))
        tiff.tags[key] = value;
    writeKdeGeoTiff(output, index, window, job.kde, tiff, progress);
    return {window, index.size(), index.totalWeight(), selected.bandwidth, rasterMaximum(output)};
}

} // namespace firebeat
