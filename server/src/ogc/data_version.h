// A cheap token that changes whenever a data source's content does, so the server can tell on
// every request whether its layers are still those of the data (read-only: it never writes).
//
// - SpatiaLite and GeoPackage: `PRAGMA data_version` on a connection of our own, which SQLite
//   changes whenever another connection commits to the file (rollback journal or WAL alike);
//   microseconds, no file scan.
// - PostGIS: `pg_current_snapshot()` first, which changes whenever any transaction that wrote
//   finishes (cluster-wide, microseconds); only then, per layer table, `count(*)` and the sum of
//   the rows' `xmin` (an insert or update gives rows a new transaction id; a delete lowers the
//   count). Exact and uncached, unlike the pg_stat_* counters, which lag by up to a second.
// - Other file sources (Shapefile folders, CSV): size and modification time of the files.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace firebeat::ogc {

class DataVersionProbe {
  public:
    virtual ~DataVersionProbe() = default;
    // Equal tokens: the data did not change in between. Not thread-safe (one caller at a time).
    // Throws InputError when the source cannot be queried.
    virtual std::string token() = 0;
    // Whether another process reading the same source gets equal tokens for equal data (not
    // SQLite's data_version, which counts per connection).
    virtual bool sharedAcrossProcesses() const { return true; }
};

// `tables`: the source's names of the layers read (PostGIS compares them one by one).
std::unique_ptr<DataVersionProbe> makeDataVersionProbe(const std::string& source,
                                                       const std::vector<std::string>& tables);

} // namespace firebeat::ogc
