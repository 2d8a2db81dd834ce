#include "inspection_layers.h"

#include "feature_layer.h"
#include "feature_properties.h"
#include "hazard_dimensions.h"

#include "firebeat/progress.h"

namespace firebeat::ogc {
namespace {

// A layer of `rows`, one feature each, styled by styles/<name>.qml.
template <class Row, class Describe>
std::unique_ptr<MapLayer> featureLayer(const Dataset& data, LayerText text, const std::vector<Row>& rows,
                                       const char* what, Describe describe,
                                       FeatureLayer::Selector selector = {},
                                       std::vector<LayerDimension> dimensions = {}) {
    if (rows.empty())
        throw InputError(std::string("no ") + what + " in the data");
    std::vector<MapFeature> features;
    features.reserve(rows.size());
    for (const Row& row : rows)
        features.push_back(describe(row));
    const QmlStyle style = loadQmlStyle(text.name);
    return std::make_unique<FeatureLayer>(std::move(text), data.crs, style, std::move(features),
                                          std::move(selector), std::move(dimensions));
}

} // namespace

std::unique_ptr<MapLayer> makeHazardsLayer(std::shared_ptr<const Dataset> data,
                                           std::vector<LayerDimension> dimensions) {
    const auto describe = [](const Hazard& h) {
        return MapFeature{h.position,
                          {{"hazard_id", qText(h.id)},
                           {"inspection_id", textOrNull(h.inspectionId)},
                           {"unit_id", textOrNull(h.unitId)},
                           {"category", qText(code(h.category))},
                           {"category_name", qText(chineseName(h.category))},
                           {"severity", h.severity},
                           {"found_at", isoUtc(h.foundAt)},
                           {"deadline", isoUtcOrNull(h.deadline)},
                           {"rectified_at", isoUtcOrNull(h.rectifiedAt)},
                           {"status", h.isOpen() ? "open" : "rectified"},
                           {"source", qText(code(h.source))}}};
    };
    const auto selector = [data](std::size_t f, const HazardSelection& s) {
        return s.accepts(data->hazards[f]);
    };
    return featureLayer(*data,
                        {"hazards", "Hazards",
                         "Fire hazards found at inspections or reported to the 96119 hotline, by severity."},
                        data->hazards, "hazards", describe, selector, std::move(dimensions));
}

std::unique_ptr<MapLayer> makeUnitsLayer(const Dataset& data) {
    return featureLayer(data, {"units", "Units", "The units (premises) under fire inspection."}, data.units,
                        "units", [](const Unit& u) {
                            return MapFeature{u.position,
                                              {{"unit_id", qText(u.id)},
                                               {"name", qText(u.name)},
                                               {"category", qText(code(u.category))},
                                               {"district_id", textOrNull(u.districtId)},
                                               {"inspect_every_days", jsonOrNull(u.inspectEveryDays)}}};
                        });
}

std::unique_ptr<MapLayer> makeFireStationsLayer(const Dataset& data) {
    return featureLayer(data, {"fire_stations", "Fire stations", "Fire and rescue stations."}, data.stations,
                        "fire stations", [](const FireStation& s) {
                            return MapFeature{s.position,
                                              {{"station_id", qText(s.id)},
                                               {"name", qText(s.name)},
                                               {"kind", qText(code(s.kind))}}};
                        });
}

std::unique_ptr<MapLayer> makePoliceDistrictsLayer(const Dataset& data) {
    return featureLayer(data, {"police_districts", "Police districts", "Police-station districts."},
                        data.districts, "police districts", [](const District& d) {
                            return MapFeature{d.geometry,
                                              {{"district_id", qText(d.id)},
                                               {"name", qText(d.name)},
                                               {"station", textOrNull(d.station)},
                                               {"officers", jsonOrNull(d.officers)},
                                               {"kind", qText(code(d.kind))}}};
                        });
}

std::unique_ptr<MapLayer> makeVillagesLayer(const Dataset& data) {
    return featureLayer(data, {"villages", "Villages", "Villages and communities."}, data.villages,
                        "villages", [](const Village& v) {
                            return MapFeature{v.geometry,
                                              {{"village_id", qText(v.id)},
                                               {"name", qText(v.name)},
                                               {"district_id", textOrNull(v.districtId)},
                                               {"kind", qText(code(v.kind))},
                                               {"population", jsonOrNull(v.population)}}};
                        });
}

} // namespace firebeat::ogc
