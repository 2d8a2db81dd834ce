// Reads the inspection layers of any OGR data source into the data model, reporting every
// problem it meets (never stopping at the first) and reprojecting to the analysis CRS.
#pragma once

#include "firebeat/model.h"
#include "firebeat/progress.h"
#include "firebeat/report.h"
#include "firebeat/schema.h"

#include <map>
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
};

struct ReadResult {
    Dataset data;
    Report report;
    // Ids of features left out for their own problems: references to them are not reported again.
    std::map<LayerKind, std::set<std::string>> skippedIds;
};

// Throws InputError when the source itself cannot be opened, Cancelled when cancelled.
// Features with problems that make them unusable are reported and left out of `data`.
ReadResult readDataset(const std::string& source, const ReadOptions& options, Progress* progress = nullptr);

// The consistency checks run by readDataset, for data sets assembled elsewhere.
void checkConsistency(const Dataset& data, const SourceMapping& mapping, Report& report,
                      const std::map<LayerKind, std::set<std::string>>& skippedIds = {});

} // namespace firebeat
