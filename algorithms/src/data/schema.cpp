#include "firebeat/schema.h"

#include "firebeat/progress.h"

#include <algorithm>

namespace firebeat {
namespace {

using F = FieldSpec;
using T = FieldType;

constexpr F kDistrictFields[] = {{"district_id", T::Text, true},
                                 {"name", T::Text, false},
                                 {"station", T::Text, false},
                                 {"officers", T::Integer, false},
                                 {"kind", T::Text, false}};
constexpr F kVillageFields[] = {{"village_id", T::Text, true},
                                {"name", T::Text, false},
                                {"district_id", T::Text, false},
                                {"kind", T::Text, false},
                                {"population", T::Integer, false}};
constexpr F kUnitFields[] = {{"unit_id", T::Text, true},
                             {"name", T::Text, false},
                             {"category", T::Text, true},
                             {"district_id", T::Text, false},
                             {"inspect_every_days", T::Integer, false}};
constexpr F kInspectionFields[] = {{"inspection_id", T::Text, true},
                                   {"unit_id", T::Text, true},
                                   {"officer_id", T::Text, false},
                                   {"inspected_at", T::DateTime, true},
                                   {"outcome", T::Text, true}};
constexpr F kHazardFields[] = {
    {"hazard_id", T::Text, true},     {"inspection_id", T::Text, false},    {"unit_id", T::Text, false},
    {"category", T::Text, true},      {"severity", T::Integer, true},       {"found_at", T::DateTime, true},
    {"deadline", T::DateTime, false}, {"rectified_at", T::DateTime, false}, {"source", T::Text, false}};
constexpr F kStationFields[] = {
    {"station_id", T::Text, true}, {"name", T::Text, false}, {"kind", T::Text, true}};
constexpr F kOfficerFields[] = {
    {"officer_id", T::Text, true}, {"name", T::Text, false}, {"district_id", T::Text, true}};

const LayerSpec kSpecs[] = {
    {LayerKind::PoliceDistricts, "police_districts", GeometryKind::Polygon, kDistrictFields, "district_id"},
    {LayerKind::Villages, "villages", GeometryKind::Polygon, kVillageFields, "village_id"},
    {LayerKind::Units, "units", GeometryKind::Point, kUnitFields, "unit_id"},
    {LayerKind::Inspections, "inspections", GeometryKind::Point, kInspectionFields, "inspection_id"},
    {LayerKind::Hazards, "hazards", GeometryKind::Point, kHazardFields, "hazard_id"},
    {LayerKind::FireStations, "fire_stations", GeometryKind::Point, kStationFields, "station_id"},
    {LayerKind::Officers, "officers", GeometryKind::None, kOfficerFields, "officer_id"},
};

} // namespace

const LayerSpec& layerSpec(LayerKind kind) {
    return kSpecs[static_cast<std::size_t>(kind)];
}

const FieldSpec* findField(const LayerSpec& spec, std::string_view canonicalName) {
    const auto it = std::find_if(spec.fields.begin(), spec.fields.end(),
                                 [&](const FieldSpec& f) { return f.name == canonicalName; });
    return it == spec.fields.end() ? nullptr : &*it;
}

std::string SourceMapping::layer(LayerKind kind) const {
    const auto it = layers_.find(kind);
    return it == layers_.end() ? std::string(layerName(kind)) : it->second;
}

std::string SourceMapping::field(LayerKind kind, std::string_view canonical) const {
    const auto it = fields_.find({kind, std::string(canonical)});
    return it == fields_.end() ? std::string(canonical) : it->second;
}

bool SourceMapping::isGcj02(LayerKind kind) const {
    const auto it = gcj02_.find(kind);
    return it != gcj02_.end() && it->second;
}

void SourceMapping::setField(LayerKind kind, std::string_view canonical, std::string name) {
    fields_[{kind, std::string(canonical)}] = std::move(name);
}

void SourceMapping::setGcj02AllPointLayers(bool gcj02) {
    for (LayerKind kind : kAllLayers)
        if (layerSpec(kind).geometry == GeometryKind::Point)
            gcj02_[kind] = gcj02;
}

void SourceMapping::parseAssignment(std::string_view assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == assignment.size())
        throw InputError("mapping '" + std::string(assignment) +
                         "': expected LAYER=NAME or LAYER.FIELD=NAME, e.g. hazards.severity=grade");
    const std::string_view left = assignment.substr(0, eq);
    const std::string value(assignment.substr(eq + 1));
    const auto dot = left.find('.');
    const std::string_view layerPart = left.substr(0, dot);
    const auto kind = parseLayerKind(layerPart);
    if (!kind)
        throw InputError(
            "mapping '" + std::string(assignment) + "': unknown layer '" + std::string(layerPart) +
            "' (expected police_districts, villages, units, inspections, hazards, fire_stations or "
            "officers)");
    if (dot == std::string_view::npos) {
        setLayer(*kind, value);
        return;
    }
    const std::string_view fieldPart = left.substr(dot + 1);
    if (!findField(layerSpec(*kind), fieldPart))
        throw InputError("mapping '" + std::string(assignment) + "': layer " + std::string(layerPart) +
                         " has no field '" + std::string(fieldPart) + "' in the data model");
    setField(*kind, fieldPart, value);
}

} // namespace firebeat
