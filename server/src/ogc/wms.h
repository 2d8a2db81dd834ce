// The WMS 1.3.0 / 1.1.1 service and the XYZ tiles of the heatmap layer.
#pragma once

#include "heatmap_layer.h"
#include "http_reply.h"
#include "wms_exception.h"

#include <QUrl>
#include <QUrlQuery>

namespace firebeat::ogc {

// Answers /wms?...; `onlineResource` is the service's URL as the client reached it. Client
// mistakes become exception reports; never throws.
HttpReply handleWms(const HeatmapLayer& layer, const QUrlQuery& query, const QUrl& onlineResource);

// The GetCapabilities document.
QByteArray capabilitiesXml(const HeatmapLayer& layer, WmsVersion version, const QUrl& onlineResource);

// /tiles/hazard_heatmap/{z}/{x}/{y}.png on WebMercatorQuad: 256 x 256 PNG, 404 outside the matrix.
HttpReply handleTile(const HeatmapLayer& layer, const QString& z, const QString& x, const QString& y);

} // namespace firebeat::ogc
