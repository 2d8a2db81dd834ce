// The WMS operations once the request's version is known. Client mistakes throw
// ServiceException; handleWms (wms.cpp) turns them into exception reports.
#pragma once

#include "http_reply.h"
#include "map_layer.h"
#include "wms_request.h"

#include <optional>

namespace firebeat::ogc {

// FORMAT image/png or image/jpeg (opaque, on BGCOLOR); EXCEPTIONS checked here.
HttpReply getMap(const Catalogue& catalogue, const WmsParameters& p, WmsVersion version,
                 const CancelFlag* cancel);

// `e` as GetMap's EXCEPTIONS asks: INIMAGE (the message drawn into an image of the requested
// size and format) or BLANK (an empty image), both HTTP 200 as GeoServer and MapServer send
// them; nullopt for XML (the default) or when the size or format cannot make an image.
std::optional<HttpReply> exceptionImage(const WmsParameters& p, const ServiceException& e);

// INFO_FORMAT application/json (default), text/plain or text/html; FEATURE_COUNT per layer.
HttpReply getFeatureInfo(const Catalogue& catalogue, const WmsParameters& p, WmsVersion version);

// LAYER's legend as FORMAT (image/png or image/jpeg); WIDTH and HEIGHT are ignored (the legend
// has its own size); SLD_VERSION, when given, must be 1.1.0.
HttpReply getLegendGraphic(const Catalogue& catalogue, const WmsParameters& p);

} // namespace firebeat::ogc
