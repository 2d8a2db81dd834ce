// Fast spatial indexes for writeDataset: SQLite fills an R*Tree one row at a time through an
// insert trigger (about 8 microseconds a point, most of the time of writing a million points),
// so for GeoPackage and SpatiaLite layers the trigger is set aside while the features are
// written and the tree is then built in one go (sort-tile-recursive) straight into the R*Tree's
// tables, the way GDAL 3.7 and SpatiaLite 5.1 bulk-load theirs.
#pragma once

#include "firebeat/geometry.h"

#include <cstdint>
#include <string>
#include <vector>

class GDALDataset;
class OGRLayer;

namespace firebeat::detail {

class BulkSpatialIndex {
  public:
    // Creates the (empty) spatial index of a new, still empty layer of a GeoPackage
    // (geopackage = true) or SpatiaLite data set and sets its insert trigger aside.
    BulkSpatialIndex(GDALDataset& ds, OGRLayer& layer, bool geopackage);

    void add(std::int64_t fid, Point p) { entries_.push_back({fid, p}); }
    // Builds the tree and restores the trigger; call inside the transaction of the features.
    void finish();

  private:
    struct Entry {
        std::int64_t fid;
        Point position;
    };
    GDALDataset& ds_;
    std::string rtree_;                 // the R*Tree virtual table
    std::vector<std::string> triggers_; // CREATE TRIGGER statements set aside
    std::vector<Entry> entries_;
};

} // namespace firebeat::detail
