// The answer to a feature-info query (WMS GetFeatureInfo, WMTS GetFeatureInfo) in the formats
// offered.
#pragma once

#include "http_reply.h"
#include "map_layer.h"

#include <QStringList>

#include <vector>

namespace firebeat::ogc {

// application/json, text/plain, text/html.
const QStringList& infoFormats();

// What `layers` have at pixel (i, j) of `view`, at most `featureCount` features each, as `format`
// (one of infoFormats()): a GeoJSON FeatureCollection (each feature names its layer in "layer",
// geometry null), "layer key = value" lines, or an HTML table per layer (text escaped).
HttpReply featureInfoReply(const std::vector<const MapLayer*>& layers, const MapView& view, int i, int j,
                           const HazardSelection& selection, const QString& format, int featureCount);

} // namespace firebeat::ogc
