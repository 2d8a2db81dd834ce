// What each layer of the data model must hold, and the user's mapping onto their own names.
#pragma once

#include "firebeat/model.h"

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace firebeat {

enum class FieldType { Text, Integer, Real, DateTime };
enum class GeometryKind { None, Point, Polygon };

struct FieldSpec {
    std::string_view name; // canonical name, e.g. "severity"
    FieldType type;
    bool required;
};

struct LayerSpec {
    LayerKind kind;
    std::string_view name;
    GeometryKind geometry;
    std::span<const FieldSpec> fields;
    std::string_view idField; // the field holding the feature's own id
};

const LayerSpec& layerSpec(LayerKind kind);
const FieldSpec* findField(const LayerSpec& spec, std::string_view canonicalName);

// Maps the data model's layer and field names onto the names used in one data source,
// and records which point layers are in GCJ-02. Unmapped names are the canonical ones.
class SourceMapping {
  public:
    std::string layer(LayerKind kind) const;
    std::string field(LayerKind kind, std::string_view canonical) const;
    bool isGcj02(LayerKind kind) const;

    void setLayer(LayerKind kind, std::string name) { layers_[kind] = std::move(name); }
    void setField(LayerKind kind, std::string_view canonical, std::string name);
    void setGcj02(LayerKind kind, bool gcj02) { gcj02_[kind] = gcj02; }
    void setGcj02AllPointLayers(bool gcj02);

    // "hazards.severity=grade": field mapping; "hazards=my_hazard_table": layer name.
    // Throws InputError naming the bad part.
    void parseAssignment(std::string_view assignment);

  private:
    std::map<LayerKind, std::string> layers_;
    std::map<std::pair<LayerKind, std::string>, std::string> fields_;
    std::map<LayerKind, bool> gcj02_;
};

std::optional<LayerKind> parseLayerKind(std::string_view canonicalName);

} // namespace firebeat
