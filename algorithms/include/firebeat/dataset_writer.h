// Writes a Dataset as the seven layers of the data model (canonical layer and field names).
#pragma once

#include "firebeat/model.h"
#include "firebeat/progress.h"

#include <string>

namespace firebeat {

struct WriteOptions {
    // OGR driver name; empty: from the extension (.sqlite/.db -> SQLite with SpatiaLite,
    // .gpkg -> GPKG). The SQLite driver always writes SpatiaLite.
    std::string driver;
    // Convert the point layers (units, inspections, hazards, fire stations) from WGS 84 to
    // GCJ-02 while writing. Needs a geographic data.crs.
    bool gcj02PointLayers = false;
};

// Writes to a temporary file in the target's directory and renames it over `path` at the end,
// so a failure or cancellation leaves nothing half-written (and an older file untouched).
// Polygons become MultiPolygons, empty text and optional values are null, date-times carry
// +08:00 (UTC in GeoPackage, whose specification requires it).
// In GeoPackage and SpatiaLite every geometry layer gets a spatial index; those of the point
// layers are bulk-loaded, which keeps a million points to seconds.
// Throws InputError for a bad path, driver or CRS, std::runtime_error when GDAL fails,
// Cancelled when cancelled.
void writeDataset(const Dataset& data, const std::string& path, const WriteOptions& options = {},
                  Progress* progress = nullptr);

} // namespace firebeat
