// WMTS 1.0.0 (KVP and RESTful) and the XYZ tiles, both on the GoogleMapsCompatible matrix
// (wmts_tile_matrix.h): a tile is the layer's render of the tile's map, so WMTS, XYZ and a
// GetMap of the same window agree pixel for pixel.
#pragma once

#include "http_reply.h"
#include "map_layer.h"

#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace firebeat::ogc {

// /wmts?SERVICE=WMTS&REQUEST=GetCapabilities|GetTile|GetFeatureInfo&...; `serviceUrl` is /wmts
// as the client reached it. Dimensions are parameters named by their identifiers (TIME,
// SEVERITY, STATUS, CATEGORY; values as WMS's, wms_dimensions.h). Client mistakes become OWS
// exception reports; throws only Cancelled.
HttpReply handleWmtsKvp(const Catalogue& catalogue, const QUrlQuery& query, const QUrl& serviceUrl,
                        const CancelFlag* cancel);

// RESTful WMTS, `path` being the segments after /wmts/: 1.0.0/WMTSCapabilities.xml,
// {layer}/{style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png and, for feature info,
// .../{TileCol}/{J}/{I}.json|txt|html. The templates carry no dimensions: they take their
// defaults unless given as query parameters (?time=...). nullopt for any other path.
std::optional<HttpReply> handleWmtsRest(const Catalogue& catalogue, const QStringList& path,
                                        const QUrlQuery& query, const QUrl& serviceUrl,
                                        const CancelFlag* cancel);

// /tiles/{layer}/{z}/{x}/{y}.png with dimensions as WMTS's query parameters: the WMTS tile
// (z, row y, column x); 404 for an unknown layer or a tile outside the matrix, 400 for a bad
// dimension value.
HttpReply handleXyzTile(const Catalogue& catalogue, const QString& layer, const QString& z, const QString& x,
                        const QString& y, const QUrlQuery& query, const CancelFlag* cancel);

// The capabilities document; `serviceUrl` is /wmts as the client reached it.
QByteArray wmtsCapabilitiesXml(const Catalogue& catalogue, const QUrl& serviceUrl);

} // namespace firebeat::ogc
