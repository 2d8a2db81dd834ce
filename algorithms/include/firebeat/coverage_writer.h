// Writing coverage and sizing results with OGR, for both front ends. Files are written under a
// temporary name in the target's directory and renamed at the end, so a failed run leaves
// nothing half-written; an existing file at `path` is replaced. Field lists:
// algorithms/README-coverage.md.
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/output_schema.h"
#include "firebeat/sizing.h"

#include <string>
#include <vector>

namespace firebeat {

// The fields of the layer district_coverage, in the order written (used by the server's
// GetFeatureInfo too). The columns refer to `result`, which must outlive them.
std::vector<OutputColumn<DistrictCoverage>> districtCoverageColumns(const CoverageResult& result);

// A GeoPackage with the layers district_coverage (polygons), overdue_units (points; never
// inspected units with a null days_overdue), blind_spots (polygons), unreached_units (points)
// and officer_workload (no geometry). `crs` is anything OGR understands ("EPSG:4543", WKT).
// Throws InputError for an unknown CRS, std::runtime_error when the file cannot be written.
void writeCoverageGpkg(const CoverageResult& result, const std::string& path, const std::string& crs);

// The layer district_sizing: a GeoPackage (polygons) when `path` ends in .gpkg, a CSV file
// (geometry as WKT) when it ends in .csv.
void writeSizing(const SizingResult& result, const std::string& path, const std::string& crs);

} // namespace firebeat
