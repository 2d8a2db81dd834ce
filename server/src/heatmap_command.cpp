#include "analysis_options.h"
#include "command.h"
#include "terminal_progress.h"

#include "firebeat/heatmap_job.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {
namespace {

HeatmapJob jobFrom(const QCommandLineParser& p) {
    HeatmapJob job;
    job.filter = hazardFilterFrom(p);
    job.pixelSize = numberOption(p, "pixel-size", 0);
    // As in QGIS, a radius field overrides the radius when both are given.
    if (p.isSet("radius") + p.isSet("radius-field") == 0 ? !p.isSet("auto-radius") : p.isSet("auto-radius"))
        throw InputError("give --radius M and/or --radius-field F, or --auto-radius");
    if (p.isSet("radius-field")) {
        job.radiusDescription = "field " + toStd(p.value("radius-field"));
    } else if (p.isSet("radius")) {
        job.bandwidth.metres = numberOption(p, "radius", 0);
        job.radiusDescription = toStd(p.value("radius")) + " m";
    } else {
        job.bandwidth.automatic = true;
        job.radiusDescription = "automatic (spatial Silverman rule)";
    }
    if (p.isSet("severity-weights")) {
        const QStringList w = p.value("severity-weights").split(',');
        bool ok = w.size() == 3;
        for (int i = 0; ok && i < 3; ++i)
            job.weighting.severityWeights[static_cast<std::size_t>(i)] = w[i].toDouble(&ok);
        if (!ok)
            throw InputError("--severity-weights: expected three numbers, e.g. 1,2,4");
    }
    if (p.isSet("half-life-days")) {
        job.weighting.halfLifeDays = numberOption(p, "half-life-days", 0);
        if (!p.isSet("reference-date") && !p.isSet("to"))
            throw InputError("--half-life-days needs --reference-date (or --to) to count ages from");
        job.weighting.referenceDate =
            p.isSet("reference-date") ? dateOption(p, "reference-date") : dateOption(p, "to");
    }
    const auto kernel = parseKernel(toStd(p.value("kernel")));
    if (!kernel)
        throw InputError(
            "--kernel: expected quartic, triangular, uniform, triweight, epanechnikov or gaussian");
    job.kde.kernel = *kernel;
    job.kde.decay = p.isSet("decay") ? p.value("decay").toDouble() : 0;
    const auto value = parseOutputValue(toStd(p.value("output-value")));
    if (!value)
        throw InputError("--output-value: expected density, raw or scaled");
    job.kde.value = *value;
    job.kde.qgisCompatible = p.isSet("qgis-compatible");
    if (job.kde.qgisCompatible && job.kde.value == OutputValue::Density)
        throw InputError(
            "--qgis-compatible reproduces QGIS's raw or scaled output: add --output-value raw|scaled");
    if (p.isSet("extent")) {
        const QStringList e = p.value("extent").split(',');
        bool ok = e.size() == 4;
        double v[4] = {0, 0, 0, 0};
        for (int i = 0; ok && i < 4; ++i)
            v[i] = e[i].toDouble(&ok);
        if (!ok || v[0] >= v[2] || v[1] >= v[3])
            throw InputError("--extent: expected xmin,ymin,xmax,ymax in the analysis CRS with min < max");
        job.extent = Envelope{v[0], v[1], v[2], v[3]};
    }
    job.tiff.overviews = p.isSet("overviews");
    job.tiff.cog = p.isSet("cog");
    return job;
}

void printSummary(const HeatmapSummary& s, const HeatmapJob& job, const std::string& output, double seconds,
                  bool json) {
    const std::string& crs = job.tiff.crs;
    if (json) {
        QJsonObject o{{"output", QString::fromStdString(output)},
                      {"crs", QString::fromStdString(crs)},
                      {"weight", QString::fromStdString(job.weightDescription)},
                      {"width", s.window.width},
                      {"height", s.window.height},
                      {"origin", QJsonArray{s.window.minX(), s.window.maxY()}},
                      {"pixel_size", s.window.grid.pixelSize},
                      {"points", static_cast<qint64>(s.points)},
                      {"total_weight", s.totalWeight},
                      {"bandwidth", s.bandwidth ? QJsonValue(*s.bandwidth) : QJsonValue()},
                      {"max", s.maxValue},
                      {"seconds", seconds}};
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        return;
    }
    std::string weights = job.weightDescription;
    if (weights == "severity")
        weights += " " + toStd(QString("%1,%2,%3")
                                   .arg(job.weighting.severityWeights[0])
                                   .arg(job.weighting.severityWeights[1])
                                   .arg(job.weighting.severityWeights[2]));
    std::printf("wrote %s: %d x %d pixels of %g m in %s, %zu points (total weight %g; weights: %s), max %g, "
                "%.2f s\n",
                output.c_str(), s.window.width, s.window.height, s.window.grid.pixelSize, crs.c_str(),
                s.points, s.totalWeight, weights.c_str(), s.maxValue, seconds);
}

} // namespace

int runHeatmap(const QStringList& arguments) {
    QCommandLineParser p;
    addSourceOptions(p);
    p.addOptions({
        {"input", "Data source holding the points (hazards).", "SOURCE"},
        {"layer", "The point layer's name in the source.", "NAME", "hazards"},
        {"output", "Output GeoTIFF.", "OUT.tif"},
        {"radius", "Bandwidth in metres.", "M"},
        {"radius-field", "Per-point bandwidth (metres) from this field; overrides --radius, as in QGIS.",
         "F"},
        {"auto-radius", "Bandwidth by the spatial Silverman rule (as ArcGIS documents it)."},
        {"pixel-size", "Pixel size in metres.", "M"},
        {"weight-field",
         "Per-point weight from this field. Without it: by severity when the layer has a severity field "
         "(the data model), else 1 per point; 1 per point with --qgis-compatible.",
         "F"},
        {"severity-weights", "Weights of severity 1,2,3 (default 1,2,4).", "W1,W2,W3"},
        {"half-life-days", "Time decay: a hazard's weight halves every D days before the reference date.",
         "D"},
        {"reference-date", "Date the decay counts back from.", "DATE"},
        {"kernel", "quartic, triangular, uniform, triweight, epanechnikov or gaussian.", "K", "quartic"},
        {"decay", "Triangular kernel: QGIS's decay ratio.", "R"},
        {"output-value", "density (hazards per km2), raw or scaled (QGIS's).", "V", "density"},
        {"qgis-compatible",
         "Reproduce qgis:heatmapkerneldensityestimation exactly (grid, values, nodata) with its defaults: "
         "the layer's own CRS (unless --crs), weight 1 unless --weight-field."},
        {"extent", "Raster extent in the analysis CRS (default: the hazards' extent grown by the radius).",
         "xmin,ymin,xmax,ymax"},
        {"overviews", "Add internal overviews."},
        {"cog", "Write a Cloud Optimized GeoTIFF."},
        {"json", "Print a machine-readable summary."},
        {"quiet", "No progress bar."},
    });
    addHazardFilterOptions(p);
    parseOrExit(p, arguments, "Hazard kernel-density heatmap to a GeoTIFF.");
    return guarded([&] {
        if (!p.isSet("input") || !p.isSet("output") || !p.isSet("pixel-size"))
            throw InputError("--input, --output and --pixel-size are required");
        QElapsedTimer timer;
        timer.start();
        HeatmapJob job = jobFrom(p);
        // Only the fields the filters and weights need, hazard by hazard into kernel points.
        HeatmapSource source{toStd(p.value("input")), readOptionsFrom(p), toStd(p.value("weight-field")),
                             toStd(p.value("radius-field"))};
        source.read.mapping.setLayer(LayerKind::Hazards, toStd(p.value("layer")));
        TerminalProgress progress(p.isSet("quiet") || p.isSet("json"));
        HeatmapInput input = readHeatmapInput(source, job, &progress);
        requireUsableLayers(input.read);
        job.tiff.crs = input.read.data.crs;
        const std::string output = toStd(p.value("output"));
        const HeatmapSummary summary = writeHeatmap(std::move(input.points), job, output, &progress);
        progress.finish();
        printSummary(summary, job, output, timer.elapsed() / 1000.0, p.isSet("json"));
        return kOk;
    });
}

} // namespace firebeat::cli
