// GetFeatureInfo: the queried layers at one pixel of the map GetMap would draw.
#include "wms_feature_info.h"
#include "wms_operations.h"

#include <algorithm>

namespace firebeat::ogc {
namespace {

constexpr int kMaxFeatureCount = 1000;

int pixelParameter(const WmsParameters& p, const QString& name, int size, WmsVersion version) {
    bool ok = false;
    const int v = p.required(name).toInt(&ok);
    if (!ok || v < 0 || v >= size) // 1.1.1 has no InvalidPoint code
        throw ServiceException(version == WmsVersion::V130 ? "InvalidPoint" : "InvalidParameterValue",
                               name + ": '" + p.value(name) + "' is not a pixel from 0 to " +
                                   QString::number(size - 1));
    return v;
}

// QUERY_LAYERS: layers of LAYERS that can be queried.
std::vector<const MapLayer*> queriedLayers(const WmsParameters& p, const Catalogue& catalogue,
                                           const std::vector<const MapLayer*>& drawn) {
    std::vector<const MapLayer*> queried;
    for (const QString& name : p.required("QUERY_LAYERS").split(',')) {
        const MapLayer* layer = catalogue.find(name);
        if (!layer)
            throw ServiceException("LayerNotDefined", "QUERY_LAYERS: no layer '" + name + "'");
        if (std::find(drawn.begin(), drawn.end(), layer) == drawn.end())
            throw ServiceException("LayerNotDefined", "QUERY_LAYERS: '" + name + "' is not in LAYERS");
        if (!layer->queryable())
            throw ServiceException("LayerNotQueryable",
                                   "QUERY_LAYERS: layer '" + name + "' cannot be queried");
        queried.push_back(layer);
    }
    return queried;
}

} // namespace

HttpReply getFeatureInfo(const Catalogue& catalogue, const WmsParameters& p, WmsVersion version) {
    const MapRequest r = parseMapRequest(p, version, catalogue);
    const std::vector<const MapLayer*> queried = queriedLayers(p, catalogue, r.layers);
    const bool v130 = version == WmsVersion::V130;
    const int i = pixelParameter(p, v130 ? "I" : "X", r.view.width, version);
    const int j = pixelParameter(p, v130 ? "J" : "Y", r.view.height, version);
    const QString format = p.value("INFO_FORMAT").isEmpty() ? infoFormats().front() : p.value("INFO_FORMAT");
    if (!infoFormats().contains(format))
        throw ServiceException("InvalidFormat", "INFO_FORMAT: '" + format + "' is not offered (" +
                                                    infoFormats().join(", ") + ")");
    const int count = p.has("FEATURE_COUNT") ? boundedInt(p, "FEATURE_COUNT", kMaxFeatureCount) : 1;
    return featureInfoReply(queried, r.view, i, j, r.selection, format, count);
}

} // namespace firebeat::ogc
