#include "map_layer.h"

namespace firebeat::ogc {

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
