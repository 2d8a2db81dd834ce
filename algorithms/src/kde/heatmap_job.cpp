#include "firebeat/heatmap_job.h"

#include <cmath>

namespace firebeat {
namespace {

std::string joinCategories(const std::set<HazardCategory>& categories) {
    std::string out;
    for (HazardCategory c : categories)
        out += (out.empty() ? "" : ",") + std::string(code(c));
    return out;
}

// The hazard fields the job's filters and weights look at (canonical names).
std::set<std::string> fieldsNeeded(const HeatmapJob& job, bool weightsBySeverity) {
    const HazardFilter& f = job.filter;
    std::set<std::string> fields;
    if (weightsBySeverity || f.minSeverity > 1 || !f.severities.empty())
        fields.insert("severity");
    if (f.from || f.to || job.weighting.halfLifeDays)
        fields.insert("found_at");
    if (f.status != HazardFilter::Status::Any)
        fields.insert("rectified_at");
    if (!f.categories.empty())
        fields.insert("category");
    if (f.source)
        fields.insert("source");
    return fields;
}

// The values of the chunk's attribute `column` into `out`; a null names its hazard.
void fieldValues(const Dataset& chunk, std::size_t column, const char* what, std::vector<double>& out) {
    const AttributeColumn& values = chunk.attributes[column];
    out.resize(values.values.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!values.values[i])
            throw InputError(std::string(what) + " field " + values.field + " is null for " +
                             hazardName(chunk.hazards[i]));
        out[i] = *values.values[i];
    }
}

} // namespace

HeatmapInput readHeatmapInput(const HeatmapSource& source, const HeatmapJob& job, Progress* progress) {
    ReadOptions options = source.read;
    options.layers = {LayerKind::Hazards};
    options.checkConsistency = false;
    options.layerExtents = true;
    options.onlyFields[LayerKind::Hazards] = fieldsNeeded(job, source.weightField.empty());
    std::vector<std::string>& numeric = options.numericFields[LayerKind::Hazards];
    numeric.clear();
    for (const std::string* field : {&source.weightField, &source.radiusField})
        if (!field->empty())
            numeric.push_back(*field);
    HeatmapPointsBuilder builder(job.filter, job.weighting, job.bandwidth);
    std::vector<double> weights, radii;
    HeatmapInput input;
    input.read = readDatasetInChunks(
        source.source, options,
        [&](const Dataset& chunk) {
            std::size_t column = 0;
            if (!source.weightField.empty())
                fieldValues(chunk, column++, "weight", weights);
            if (!source.radiusField.empty())
                fieldValues(chunk, column++, "radius", radii);
            builder.add(chunk.hazards, weights, radii);
        },
        progress, [&](LayerKind, std::size_t features) { builder.reserve(features); });
    input.points = builder.take();
    // The layer's extent stands for the points' only when every feature became a point.
    const auto extent = input.read.layerExtents.find(LayerKind::Hazards);
    const auto features = input.read.report.featureCounts.find(source.read.mapping.layer(LayerKind::Hazards));
    if (extent != input.read.layerExtents.end() && features != input.read.report.featureCounts.end() &&
        features->second == input.points.points.size())
        input.points.sourceExtent = extent->second;
    return input;
}

std::map<std::string, std::string> describeHeatmapJob(const HeatmapJob& job) {
    std::map<std::string, std::string> tags;
    const HazardFilter& f = job.filter;
    if (f.from)
        tags["filter_from"] = formatTimestamp(*f.from);
    if (f.to)
        tags["filter_to"] = formatTimestamp(*f.to);
    tags["filter_open_only"] = f.status == HazardFilter::Status::Open ? "yes" : "no";
    tags["filter_categories"] = f.categories.empty() ? "all" : joinCategories(f.categories);
    tags["filter_min_severity"] = std::to_string(f.minSeverity);
    tags["filter_source"] = f.source ? std::string(code(*f.source)) : "all";
    tags["weight"] = job.weightDescription;
    if (job.weighting.perHazard.empty()) {
        const auto& w = job.weighting.severityWeights;
        tags["weight_severity"] =
            std::to_string(w[0]) + "," + std::to_string(w[1]) + "," + std::to_string(w[2]);
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
    return writeHeatmap(std::move(selected), job, output, progress);
}

HeatmapSummary writeHeatmap(HeatmapPoints selected, const HeatmapJob& job,
                            const std::filesystem::path& output, Progress* progress) {
    if (!(job.pixelSize > 0) || !std::isfinite(job.pixelSize))
        throw InputError("pixel size must be a positive number of metres");
    if (selected.points.empty())
        throw InputError("the filters leave no hazard; nothing was written");
    // QGIS builds its grid from the layer's extent as OGR reports it (rounded in a GeoPackage).
    const KdePointIndex index(std::move(selected.points),
                              job.kde.qgisCompatible ? selected.sourceExtent : std::nullopt);
    const RasterWindow window =
        job.extent ? windowForExtent(*job.extent, job.pixelSize) : qgisWindow(index, job.pixelSize);
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
    const double maximum = writeKdeGeoTiff(output, index, window, job.kde, tiff, progress);
    return {window, index.size(), index.totalWeight(), selected.bandwidth, maximum};
}

} // namespace firebeat
