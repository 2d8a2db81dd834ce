#include "firebeat/heatmap_job.h"

#include "firebeat/crs.h"
#include "firebeat/filter_options.h"
#include "firebeat/heatmap_scale.h"

#include <cmath>
#include <sstream>

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
    HeatmapPointsBuilder builder(job.filter, job.weighting, job.bandwidth, false);
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

namespace {

JobSpec makeHeatmapSpec() {
    const KdeOptions kde;
    JobSpec s;
    s.name = "heatmap";
    s.title = "Hazard heatmap (kernel density)";
    s.help =
        "Computes a kernel-density heatmap of the hazards (or of any point layer) to a GeoTIFF.\n\n"
        "Each point that passes the filters (found between from and to, still open, categories, minimum "
        "severity, source) gets a weight: from a weight field; else by severity (severity weights, default "
        "1, "
        "2, 4) when the layer has a severity field and the run is not QGIS-compatible; else 1. A time decay "
        "multiplies it by 0.5^(age in days / half-life). The raster value at x is sum of w_i K(|x - x_i| / "
        "h) "
        "over the points, with h the radius (fixed, per point from a radius field, or automatic). A "
        "multipoint counts once per part, as in QGIS.\n\n"
        "Output values: density = points per km2 (the raster integrates to the total weight); raw and scaled "
        "= QGIS's Heatmap (Kernel Density Estimation) values. QGIS-compatible reproduces "
        "qgis:heatmapkerneldensityestimation exactly (grid, values, nodata) with its defaults: the layer's "
        "own CRS, weight 1 unless a weight field is given, a radius field overriding the radius.\n\n"
        "The analysis CRS: the one given; else a projected metric layer's own; else the CGCS2000 "
        "3-degree Gauss-Kruger zone of the data.";
    InputLayer hazards = modelInput(LayerKind::Hazards, true, "Hazards or any point layer", "");
    for (InputField& f : hazards.fields) // any point layer: each field only serves a filter or weight
        f.required = false;
    s.inputs = {hazards};
    s.options = {
        {.key = "radius",
         .type = OptionType::Real,
         .help = "Bandwidth in metres (a radius field overrides it, as in QGIS).",
         .defaultValue = "500",
         .minimum = 0},
        {.key = "radius-field",
         .type = OptionType::Field,
         .help = "Per-point bandwidth in metres from this numeric field.",
         .layer = "hazards"},
        {.key = "auto-radius",
         .type = OptionType::Flag,
         .help = "Bandwidth by the spatial Silverman rule (as ArcGIS documents it) instead of the radius.",
         .advanced = true},
        {.key = "pixel-size",
         .type = OptionType::Real,
         .help = "Pixel size in metres.",
         .defaultValue = std::to_string(static_cast<int>(kHeatmapPixelSize)),
         .minimum = 0},
        {.key = "weight-field",
         .type = OptionType::Field,
         .help = "Per-point weight from this numeric field (instead of severity or 1).",
         .layer = "hazards"},
        {.key = "kernel",
         .type = OptionType::Choice,
         .help = "Kernel shape.",
         .defaultValue = std::string(code(kde.kernel)),
         .choices = {"quartic", "triangular", "uniform", "triweight", "epanechnikov", "gaussian"}},
        {.key = "decay",
         .type = OptionType::Real,
         .help = "Triangular kernel: QGIS's decay ratio.",
         .defaultValue = "0",
         .advanced = true},
        {.key = "output-value",
         .type = OptionType::Choice,
         .help = "density (points per km2), raw or scaled (QGIS's values).",
         .defaultValue = std::string(code(kde.value)),
         .choices = {"density", "raw", "scaled"}},
        {.key = "qgis-compatible",
         .type = OptionType::Flag,
         .help = "Reproduce QGIS's heatmap exactly (grid, values, nodata) with QGIS's defaults.",
         .advanced = true},
        {.key = "severity-weights",
         .type = OptionType::Text,
         .help = "Weights of severity 1, 2, 3 (data-model hazards without a weight field).",
         .defaultValue = "1,2,4",
         .advanced = true},
        {.key = "half-life-days",
         .type = OptionType::Real,
         .help = "Time decay: a point's weight halves every this many days before the reference date.",
         .minimum = 0,
         .advanced = true},
        {.key = "reference-date",
         .type = OptionType::Date,
         .help = "Time decay: the date ages count back from (default: the to filter).",
         .advanced = true},
        {.key = "extent",
         .type = OptionType::Extent,
         .help = "Raster extent xmin,ymin,xmax,ymax in the analysis CRS, or followed by [CRS] in that CRS "
                 "(default: the points' extent grown by the radius).",
         .advanced = true},
        {.key = "compress",
         .type = OptionType::Choice,
         .help = "GeoTIFF compression: deflate (read everywhere), zstd (faster, a few percent larger, "
                 "GDAL >= 2.3 to read) or none (largest and fastest, as QGIS writes its heatmap).",
         .defaultValue = std::string(code(Compression::Deflate)),
         .choices = {"deflate", "zstd", "none"},
         .advanced = true},
        {.key = "overviews", .type = OptionType::Flag, .help = "Add internal overviews.", .advanced = true},
        {.key = "cog",
         .type = OptionType::Flag,
         .help = "Write a Cloud Optimized GeoTIFF (with overviews).",
         .advanced = true},
    };
    const std::vector<OptionSpec> filters = hazardFilterOptions();
    s.options.insert(s.options.end(), filters.begin(), filters.end());
    s.outputs = {{.key = "output",
                  .kind = OutputKind::Raster,
                  .help = "Heatmap (GeoTIFF)",
                  .layers = {"hazard_heatmap"},
                  .formats = {"tif"}}};
    return s;
}

// "xmin,ymin,xmax,ymax" or "xmin,ymin,xmax,ymax [CRS]": the envelope and its CRS ("" = analysis CRS).
std::pair<Envelope, std::string> parseExtent(const std::string& text) {
    std::string numbers = text, crs;
    if (const auto open = text.find('['); open != std::string::npos) {
        const auto close = text.find(']', open);
        crs = text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
        numbers = text.substr(0, open);
    }
    std::istringstream in(numbers);
    double v[4];
    char comma = ',';
    bool ok = true;
    for (int i = 0; ok && i < 4; ++i)
        ok = static_cast<bool>(in >> v[i]) && (i == 3 || static_cast<bool>(in >> comma && comma == ','));
    in >> std::ws;
    if (!ok || !in.eof() || !(v[0] < v[2]) || !(v[1] < v[3]))
        throw InputError("extent: expected xmin,ymin,xmax,ymax with min < max, optionally followed by [CRS]; "
                         "got \"" +
                         text + "\"");
    if (!crs.empty() && !isKnownCrs(crs))
        throw InputError("extent: unknown CRS \"" + crs + "\"");
    return {Envelope{v[0], v[1], v[2], v[3]}, crs};
}

HeatmapJob heatmapJobFrom(const JobParameters& p) {
    HeatmapJob job;
    job.filter = hazardFilterFrom(p);
    job.pixelSize = p.real("pixel-size");
    if (!(job.pixelSize > 0))
        throw InputError("pixel-size: expected a positive number of metres");
    const bool autoRadius = p.flag("auto-radius");
    if (autoRadius && (p.has("radius-field") || p.given("radius")))
        throw InputError("auto-radius: give either a radius (or radius field) or the automatic radius");
    if (p.has("radius-field")) { // as in QGIS, the field overrides the radius
        job.radiusDescription = "field " + p.text("radius-field");
    } else if (autoRadius) {
        job.bandwidth.automatic = true;
        job.radiusDescription = "automatic (spatial Silverman rule)";
    } else {
        job.bandwidth.metres = p.real("radius");
        if (!(job.bandwidth.metres > 0))
            throw InputError("radius: expected a positive number of metres");
        job.radiusDescription = p.text("radius") + " m";
    }
    std::istringstream weights(p.text("severity-weights"));
    bool ok = true;
    for (std::size_t i = 0; ok && i < 3; ++i) {
        char comma = ',';
        ok = static_cast<bool>(weights >> job.weighting.severityWeights[i]) &&
             (i == 2 || static_cast<bool>(weights >> comma && comma == ','));
    }
    weights >> std::ws;
    if (!ok || !weights.eof())
        throw InputError("severity-weights: expected three numbers, e.g. 1,2,4; got \"" +
                         p.text("severity-weights") + "\"");
    if (const auto halfLife = p.optionalReal("half-life-days")) {
        job.weighting.halfLifeDays = *halfLife;
        const auto reference = p.has("reference-date") ? p.date("reference-date") : job.filter.to;
        if (!reference)
            throw InputError("half-life-days: needs a reference-date (or to) to count ages from");
        job.weighting.referenceDate = *reference;
    }
    // choice() checks the value against the declared choices, which the parsers all know.
    job.kde.kernel = *parseKernel(choiceText(p, "kernel"));
    job.kde.decay = p.real("decay");
    job.kde.value = *parseOutputValue(choiceText(p, "output-value"));
    job.kde.qgisCompatible = p.flag("qgis-compatible");
    if (job.kde.qgisCompatible && job.kde.value == OutputValue::Density)
        throw InputError("qgis-compatible: reproduces QGIS's raw or scaled output; choose output-value raw "
                         "or scaled");
    job.tiff.compression = *parseCompression(choiceText(p, "compress"));
    job.tiff.overviews = p.flag("overviews");
    job.tiff.cog = p.flag("cog");
    return job;
}

} // namespace

const JobSpec& heatmapJobSpec() {
    static const JobSpec spec = makeHeatmapSpec();
    return spec;
}

HeatmapJobResult runHeatmapJob(const JobSource& source, const JobParameters& p, Progress* progress) {
    HeatmapJobResult out;
    out.output = p.output("output");
    out.job = heatmapJobFrom(p);
    std::optional<std::pair<Envelope, std::string>> extent;
    if (p.has("extent"))
        extent = parseExtent(p.text("extent"));
    const HeatmapSource hazards{source.name, source.read, p.text("weight-field"), p.text("radius-field")};
    ProgressSlice reading(progress, 0, 0.3), computing(progress, 0.3, 1);
    HeatmapInput input = readHeatmapInput(hazards, out.job, &reading);
    throwIfUnusable(input.read.report);
    out.job.tiff.crs = input.read.data.crs;
    if (extent)
        out.job.extent = extent->second.empty()
                             ? extent->first
                             : cachedTransform(extent->second, out.job.tiff.crs).apply(extent->first);
    out.read = std::move(input.read);
    out.summary = writeHeatmap(std::move(input.points), out.job, out.output, &computing);
    return out;
}

} // namespace firebeat
