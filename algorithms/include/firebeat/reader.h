// Reads the inspection layers of any OGR data source into the data model, reporting every
// problem it meets (never stopping at the first) and reprojecting to the analysis CRS.
#pragma once

#include "firebeat/model.h"
#include "firebeat/progress.h"
#include "firebeat/report.h"
#include "firebeat/schema.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace firebeat {

struct ReadOptions {
    SourceMapping mapping;
    std::set<LayerKind> layers{kAllLayers.begin(), kAllLayers.end()};
    std::set<LayerKind> optionalLayers; // a missing layer here is not a problem
    std::string analysisCrs;            // empty: metricCrsFor() the data's centre
    bool repairInvalidGeometries = false;
    // Cross-layer checks (duplicate ids, references, points outside every district).
    bool checkConsistency = true;
    // Extra numeric fields to read into Dataset::attributes, by their names in the source
    // (e.g. a weight or radius field of the hazards). A missing or non-numeric field is an error.
    std::map<LayerKind, std::vector<std::string>> numericFields;
    // Canonical names of the data model's fields to read, per layer (geometry is always read);
    // a layer not listed reads them all. Fields left out are neither read nor checked and keep
    // their defaults in the records (empty text, category Other, severity 1, time 0): for
    // analyses that need a few fields of a large layer (the heatmap).
    std::map<LayerKind, std::set<std::string>> onlyFields;
    // Ask OGR for each layer's extent (ReadResult::layerExtents); can cost a scan of the layer.
    bool layerExtents = false;
    // A multipoint hazard becomes one record per part, sharing the feature's values (the
    // heatmap counts every part, as QGIS does). Off: a multipoint of more than one point is
    // reported and left out (a hazard is one place).
    bool multipointParts = false;
    // With no analysisCrs: the first layer's own CRS, whatever it is (QGIS's heatmap works in
    // the layer's CRS). Off: see automaticAnalysisCrs().
    bool layerCrs = false;
};

struct ReadResult {
    Dataset data;
    Report report;
    // Ids of features left out for their own problems: references to them are not reported again.
    std::map<LayerKind, std::set<std::string>> skippedIds;
    // With ReadOptions::layerExtents: the extent OGR reports for each layer whose CRS is the
    // analysis CRS (its coordinates are kept as they are).
    std::map<LayerKind, Envelope> layerExtents;
};

// The analysis CRS for data whose first layer is in `layerCrs` (WKT or "EPSG:n") with its extent
// centred at `centre` (in layerCrs): the layer's own CRS when it is projected in metres (its grid is
// the one its users see; Mercator excepted, whose metres are not the ground's), else
// metricCrsFor() the centre. Returned as "EPSG:n" when the CRS has an EPSG code, else as WKT.
std::string automaticAnalysisCrs(const std::string& layerCrs, Point centre);

// The data model's fields (canonical names) that the layer of `kind` in `source` has under their
// mapped names: what an analysis that can do without some of them may read. Nullopt when the
// source or the layer cannot be opened (the reader then reports it).
std::optional<std::set<std::string>> fieldsPresent(const std::string& source, const SourceMapping& mapping,
                                                   LayerKind kind);

// Throws InputError when the source itself cannot be opened, Cancelled when cancelled.
// Features with problems that make them unusable are reported and left out of `data`.
ReadResult readDataset(const std::string& source, const ReadOptions& options, Progress* progress = nullptr);

// Receives the records read so far of one layer (reprojected, with their attributes), at most
// kRecordChunk at a time; they are dropped when it returns. Throwing stops the reading.
using RecordChunkConsumer = std::function<void(const Dataset& chunk)>;
// 8192 records: a chunk of hazards is about 1.4 MB, reused from chunk to chunk (fresh memory is
// what costs most on virtual machines; more, shorter chunks cost nothing measurable).
inline constexpr std::size_t kRecordChunk = std::size_t{1} << 13;
// Receives a layer's feature count as OGR reports it (0 when unknown) before its first chunk,
// e.g. to reserve room for what the records become at once rather than growing into it.
using LayerSizeConsumer = std::function<void(LayerKind kind, std::size_t features)>;

// readDataset() for analyses that digest records as they come (the heatmap keeps one kernel
// point per hazard): memory stays bounded by a chunk whatever the layer's size. The result's
// data holds the CRS and no records; consistency checks are not run.
ReadResult readDatasetInChunks(const std::string& source, const ReadOptions& options,
                               const RecordChunkConsumer& consume, Progress* progress = nullptr,
                               const LayerSizeConsumer& sized = {});

// The consistency checks run by readDataset, for data sets assembled elsewhere.
void checkConsistency(const Dataset& data, const SourceMapping& mapping, Report& report,
                      const std::map<LayerKind, std::set<std::string>>& skippedIds = {});

} // namespace firebeat
