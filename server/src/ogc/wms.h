// The WMS 1.3.0 / 1.1.1 service over the layers of a catalogue.
#pragma once

#include "http_reply.h"
#include "map_layer.h"
#include "wms_exception.h"

#include <QUrl>
#include <QUrlQuery>

namespace firebeat::ogc {

// Answers /wms?...: GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic. `onlineResource`
// is the service's URL as the client reached it. Client mistakes become exception reports
// (HTTP 400); throws only Cancelled (when `cancel`, which may be null, becomes true).
HttpReply handleWms(const Catalogue& catalogue, const QUrlQuery& query, const QUrl& onlineResource,
                    const CancelFlag* cancel);

// The GetCapabilities document.
QByteArray capabilitiesXml(const Catalogue& catalogue, WmsVersion version, const QUrl& onlineResource);

} // namespace firebeat::ogc
