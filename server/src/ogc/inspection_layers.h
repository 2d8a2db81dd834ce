// The inspection layers drawn as they are, each with its styles/<name>.qml: hazards (by
// severity, honouring TIME and DIM_*), units, fire_stations, police_districts and villages.
// Each throws InputError when the data has none of its features (the layer is not offered).
#pragma once

#include "map_layer.h"

#include "firebeat/model.h"

#include <memory>
#include <vector>

#include <memory>

namespace firebeat::ogc {

// `dimensions`: hazardDimensions() for the fields the source has.
std::unique_ptr<MapLayer> makeHazardsLayer(std::shared_ptr<const Dataset> data,
                                           std::vector<LayerDimension> dimensions);
std::unique_ptr<MapLayer> makeUnitsLayer(const Dataset& data);
std::unique_ptr<MapLayer> makeFireStationsLayer(const Dataset& data);
std::unique_ptr<MapLayer> makePoliceDistrictsLayer(const Dataset& data);
std::unique_ptr<MapLayer> makeVillagesLayer(const Dataset& data);

} // namespace firebeat::ogc
