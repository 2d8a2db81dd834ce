// Building small OGR data sets in tests, feature by feature, so each fixture plants exactly
// the problem a test looks for (no hand-edited binaries in the repository).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class GDALDataset;
class OGRLayer;

namespace firebeat::test {

// Field type names: "text", "integer", "integer64", "real", "date", "datetime".
using FieldList = std::vector<std::pair<std::string, std::string>>;
using Values = std::map<std::string, std::string>; // missing key or "<null>": null

class FixtureSource {
  public:
    // driver: "GPKG", "SQLite" (SpatiaLite), "ESRI Shapefile", "CSV"...; overwrites `path`.
    FixtureSource(const std::string& path, const std::string& driver = "GPKG");
    ~FixtureSource();
    FixtureSource(const FixtureSource&) = delete;
    FixtureSource& operator=(const FixtureSource&) = delete;

    // geometry: "point", "polygon", "multipolygon", "none"; epsg 0: no CRS.
    void addLayer(const std::string& name, const std::string& geometry, int epsg, const FieldList& fields);
    // wkt empty: null geometry.
    void addFeature(const std::string& layer, const std::string& wkt, const Values& values);
    void close();

  private:
    GDALDataset* ds_ = nullptr;
};

// A small valid data set in EPSG:4326 near Kunming: 2 districts, 2 villages, 3 units,
// 4 inspections, 3 hazards, 1 station, 2 officers. Returns the layer definitions it used so
// tests can rebuild it with one thing changed.
struct MinimalLayer {
    std::string name, geometry;
    int epsg = 4326;
    FieldList fields;
    std::vector<std::pair<std::string, Values>> features; // (wkt, values)
};
std::vector<MinimalLayer> minimalDataset();
// Its lone hazard H2: severity 3 (weight 4), FIRE_LANE, found 2026-05-03T11:00+08:00, open; 4-5
// km from the other hazards.
inline constexpr double kLoneLon = 102.72001;
inline constexpr double kLoneLat = 25.01001;
void writeLayers(const std::string& path, const std::vector<MinimalLayer>& layers,
                 const std::string& driver = "GPKG");
MinimalLayer& layerNamed(std::vector<MinimalLayer>& layers, const std::string& name);

} // namespace firebeat::test
