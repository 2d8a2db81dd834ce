#include "layer_factory.h"

#include "analysis_layers.h"
#include "emerging_layer.h"
#include "hazard_dimensions.h"
#include "heatmap_layer.h"
#include "inspection_layers.h"
#include "qml_style.h"

#include "firebeat/progress.h"

#include <cstdio>
#include <functional>

namespace firebeat::ogc {

std::vector<std::unique_ptr<MapLayer>> makeLayers(std::shared_ptr<const Dataset> data,
                                                  const LayerSettings& settings) {
    std::vector<std::unique_ptr<MapLayer>> layers;
    const auto offer = [&](const char* name, const std::function<std::unique_ptr<MapLayer>()>& make) {
        try {
            layers.push_back(make());
        } catch (const InputError& e) {
            std::fprintf(stderr, "firebeat serve: layer %s not offered: %s\n", name, e.what());
        }
    };
    const std::set<std::string>* fields = settings.hazardFields ? &*settings.hazardFields : nullptr;
    if (data->hazards.empty()) {
        std::fprintf(stderr, "firebeat serve: layer %s not offered: no hazards in the data\n",
                     qPrintable(kHeatmapLayerName));
    } else {
        HazardWeighting weighting;
        weighting.severityWeights = settings.severityWeights;
        std::optional<HeatmapColours> colours;
        if (settings.heatmapRamp)
            colours = HeatmapColours{*settings.heatmapRamp, std::nullopt};
        else
            try {
                colours = HeatmapColours{ColourRamp::fromStyle(loadQmlStyle(kHeatmapLayerName)),
                                         settings.heatmapPercentile};
            } catch (const InputError& e) {
                std::fprintf(stderr, "firebeat serve: layer %s not offered: %s\n",
                             qPrintable(kHeatmapLayerName), e.what());
            }
        if (colours)
            layers.push_back(std::make_unique<HeatmapLayer>(data, weighting, settings.heatmapRadius, *colours,
                                                            hazardDimensions(data->hazards, fields)));
    }
    offer("district_coverage", [&] { return makeDistrictCoverageLayer(*data); });
    offer("village_hotspots", [&] { return makeVillageHotspotsLayer(*data); });
    offer("emerging_hotspots", [&] {
        if (fields && !fields->contains("found_at"))
            throw InputError("the hazards have no found_at");
        return makeEmergingHotspotsLayer(*data);
    });
    offer("hazards", [&] { return makeHazardsLayer(data, hazardDimensions(data->hazards, fields)); });
    offer("units", [&] { return makeUnitsLayer(*data); });
    offer("fire_stations", [&] { return makeFireStationsLayer(*data); });
    offer("police_districts", [&] { return makePoliceDistrictsLayer(*data); });
    offer("villages", [&] { return makeVillagesLayer(*data); });
    return layers;
}

} // namespace firebeat::ogc
