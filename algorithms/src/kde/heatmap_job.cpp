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

// Weights by severity only in the data-model workflow; else 1 per point, as QGIS weighs.
void settleWeights(const HeatmapSource& source, HeatmapJob& job) {
    if (!source.weightField.empty()) {
        job.weightDescription = "field " + source.weightField;
        return;
    }
    const std::string severity = source.read.mapping.field(LayerKind::Hazards, "severity");
    if (!job.kde.qgisCompatible && fieldsPresent(source.source, source.read.mapping, LayerKind::Hazards)
                                       .value_or(std::set<std::string>())
                                       .contains("severity")) {
        job.weightDescription = "severity"; // the weights themselves are tagged weight_severity
        return;
    }
    job.weighting.severityWeights = {1, 1, 1};
    job.weightDescription = job.kde.qgisCompatible ? "1 per point (QGIS-compatible)"
                                                   : "1 per point (the layer has no field " + severity + ")";
}

} // namespace

HeatmapInput readHeatmapInput(const HeatmapSource& source, HeatmapJob& job, Progress* progress) {
    settleWeights(source, job);
    const bool bySeverity = source.weightField.empty() && job.weightDescription == "severity";
    ReadOptions options = source.read;
    options.layers = {LayerKind::Hazards};
    options.checkConsistency = false;
    options.layerExtents = true;
    options.multipointParts = true;
    options.layerCrs = job.kde.qgisCompatible;
    options.onlyFields[LayerKind::Hazards] = fieldsNeeded(job, bySeverity);
    std::vector<std::string>& numeric = options.numericFields[LayerKind::Hazards];
    numeric.clear();
    for (const std::string* field : {&source.weightField, &source.radiusField})
        if (!field->empty())
            numeric.push_back(*field);
    HeatmapPointsBuilder builder(job.filter, job.weighting, job.bandwidth);
    std::vector<double> weights, radii;
    HeatmapInput input;
    // Features read (a multipoint's parts share the feature id) and points made of them.
    std::size_t features = 0, parts = 0;
    std::int64_t lastFid = -1;
    input.read = readDatasetInChunks(
        source.source, options,
        [&](const Dataset& chunk) {
            for (const Hazard& h : chunk.hazards) {
                features += h.fid != lastFid || parts == 0;
                lastFid = h.fid;
                ++parts;
            }
            std::size_t column = 0;
            if (!source.weightField.empty())
                fieldValues(chunk, column++, "weight", weights);
            if (!source.radiusField.empty())
                fieldValues(chunk, column++, "radius", radii);
            builder.add(chunk.hazards, weights, radii);
        },
        progress, [&](LayerKind, std::size_t count) { builder.reserve(count); });
    input.points = builder.take();
    // The layer's extent stands for the points' only when every feature became points, all kept.
    const auto extent = input.read.layerExtents.find(LayerKind::Hazards);
    const auto counted = input.read.report.featureCounts.find(source.read.mapping.layer(LayerKind::Hazards));
    if (extent != input.read.layerExtents.end() && counted != input.read.report.featureCounts.end() &&
        counted->second == features && input.points.points.size() == parts)
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
    if (job.weighting.perHazard.empty() && job.weightDescription == "severity") {
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
