// The hazard heatmap from hazards to a GeoTIFF, as both front ends run it: filter and weight
// the hazards, choose the grid, compute, write, and record what was done in the file's tags.
#pragma once

#include "firebeat/heatmap.h"
#include "firebeat/job.h"
#include "firebeat/kde_geotiff.h"
#include "firebeat/reader.h"

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
    // Human-readable descriptions of the choices, recorded as tags (e.g. the weight field's name);
    // readHeatmapInput() sets the weight's.
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
// The same from the points already selected (heatmapPoints(), readHeatmapInput()).
HeatmapSummary writeHeatmap(HeatmapPoints selected, const HeatmapJob& job,
                            const std::filesystem::path& output, Progress* progress = nullptr);

// The hazards of a data source for a heatmap job that reads them itself.
struct HeatmapSource {
    std::string source;
    ReadOptions read;        // mapping (the hazards layer's name too), analysis CRS, GCJ-02
    std::string weightField; // per-hazard weights from this numeric field; empty: by severity
    std::string radiusField; // per-hazard radii from this numeric field; empty: job.bandwidth
};

struct HeatmapInput {
    HeatmapPoints points;
    ReadResult read; // the report and the analysis CRS; no records
};

// Streams the hazards into the job's weighted points, reading only the geometry and the fields
// the job's filters and weights need (no ids, no other layer, no consistency checks): a million
// hazards cost their points' memory, not their records'. Any point layer will do: a multipoint
// counts once per part (as QGIS counts it), with its feature's weight and radius. Hazards with a
// bad value in a field that is read are reported and left out; the other fields are not looked
// at. Throws InputError for a null weight or radius (naming the hazard) and what heatmapPoints()
// throws for.
//
// Settles the job's weights (job.weighting, job.weightDescription): a weight field when given;
// else by severity only in the data-model workflow (not QGIS-compatible, and the layer has the
// severity field); else 1 per point, as QGIS weighs. QGIS-compatible without an analysis CRS
// works in the layer's own CRS, as QGIS does.
HeatmapInput readHeatmapInput(const HeatmapSource& source, HeatmapJob& job, Progress* progress = nullptr);

// The declaration both front ends build their parameters from (`firebeat heatmap`,
// firebeat:hazardheatmap): the hazards (any point layer), the kernel, radius, pixel, weights,
// filters, extent and GeoTIFF options, one raster output.
const JobSpec& heatmapJobSpec();

struct HeatmapJobResult : AnalysisRun {
    HeatmapJob job; // as settled: the analysis CRS in job.tiff.crs, the weights' description
    HeatmapSummary summary;
};

// Maps the parameters onto a HeatmapJob (InputError naming the option), reads the hazards of
// `source` with readHeatmapInput() and writes the GeoTIFF (nothing half-written).
HeatmapJobResult runHeatmapJob(const JobSource& source, const JobParameters& parameters,
                               Progress* progress = nullptr);

// The tags describing the filters and weights, e.g. {"filter_min_severity", "2"}.
std::map<std::string, std::string> describeHeatmapJob(const HeatmapJob& job);

} // namespace firebeat
