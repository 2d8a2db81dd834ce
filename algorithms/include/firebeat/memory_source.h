// Features handed over one by one by a host application (the QGIS plugin hands over its feature
// sources this way) as a data source that every reader opens by name, like a file.
//
// Why a GeoPackage in GDAL's /vsimem/ file system and not GDAL's "Memory" driver: every reader of
// the core opens its source by name (readDataset, readDatasetInChunks, the heatmap's lean read,
// and the jobs written after them), and a Memory dataset cannot be opened by name. A /vsimem/
// GeoPackage can, so the features of any QGIS provider, a selection or a model's output reach the
// one reader and its one field parser through the very code path of a GeoPackage on disk, and
// give the same records and the same problems. The price is one copy of the features in memory
// (written in one transaction, without spatial index).
#pragma once

#include "firebeat/schema.h"

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

class GDALDataset;
class OGRLayer;

namespace firebeat {

class MemorySource {
  public:
    struct Field {
        std::string name;
        FieldType type = FieldType::Text;
    };
    // Null, an integer, a real, or text. Dates are ISO 8601 text, with an offset or without one
    // (China Standard Time, as the reader takes it); one that does not parse is left null.
    using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

    MemorySource();
    ~MemorySource(); // removes the data source
    MemorySource(const MemorySource&) = delete;
    MemorySource& operator=(const MemorySource&) = delete;

    // Starts a layer; the features added next go into it. crs: anything OGR's SetFromUserInput
    // takes (EPSG:32648, WKT); empty: none. wkbType: the ISO WKB geometry type code (1 point,
    // 6 multipolygon, +1000 Z, +2000 M, +3000 ZM); 0: no geometry column. Throws InputError for
    // an unknown CRS.
    void addLayer(const std::string& name, const std::string& crs, std::uint32_t wkbType,
                  const std::vector<Field>& fields);
    // One feature of the current layer: values in the order of its fields, geometry as WKB (empty:
    // null geometry), fid kept so that problems name the host's feature id.
    void addFeature(std::int64_t fid, std::span<const Value> values, std::span<const std::uint8_t> wkb);

    // Ends writing and gives the name to read the layers from (e.g. as JobSource::name).
    const std::string& path();

  private:
    void commit();

    std::string path_;
    GDALDataset* ds_ = nullptr;
    OGRLayer* layer_ = nullptr;
    bool inTransaction_ = false;
    std::vector<FieldType> fieldTypes_; // of the current layer
};

} // namespace firebeat
