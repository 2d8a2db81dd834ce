#include "map_layer.h"

namespace firebeat::ogc {

bool HazardSelection::selectsAll() const {
    return !from && !to && severities.empty() && status == Status::Any && categories.empty();
}

bool HazardSelection::accepts(const Hazard& hazard) const {
    if ((from && hazard.foundAt < *from) || (to && hazard.foundAt > *to))
        return false;
    if (!severities.empty() && !severities.contains(hazard.severity))
        return false;
    if (status != Status::Any && (status == Status::Open) != !hazard.rectifiedAt)
        return false;
    return categories.empty() || categories.contains(hazard.category);
}

std::string HazardSelection::key() const {
    std::string k;
    if (from)
        k += "from=" + std::to_string(*from) + ";";
    if (to)
        k += "to=" + std::to_string(*to) + ";";
    for (const int s : severities)
        k += "s" + std::to_string(s) + ";";
    if (status != Status::Any)
        k += status == Status::Open ? "open;" : "rectified;";
    for (const HazardCategory c : categories)
        k += "c" + std::to_string(static_cast<int>(c)) + ";";
    return k;
}

const MapLayer* Catalogue::find(const QString& name) const {
    for (const auto& layer : layers)
        if (layer->name() == name)
            return layer.get();
    return nullptr;
}

Envelope Catalogue::lonLatExtent() const {
    Envelope all;
    for (const auto& layer : layers)
        all.expand(layer->lonLatExtent()); // an empty envelope leaves it as it is
    return all;
}

} // namespace firebeat::ogc
