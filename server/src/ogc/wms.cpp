#include "wms.h"

#include "wms_request.h"

#include "firebeat/progress.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>

namespace firebeat::ogc {
namespace {

HttpReply getMap(const HeatmapLayer& layer, const WmsParameters& p, WmsVersion version) {
    const MapRequest r = parseMapRequest(p, version);
    const QString format = p.required("FORMAT");
    if (format != "image/png" && format != "png")
        throw ServiceException("InvalidFormat", "FORMAT: '" + format + "' is not offered (image/png)");
    QImage image = layer.render(r.bbox, r.crs, r.width, r.height);
    if (!r.transparent) {
        QImage opaque(image.size(), QImage::Format_RGB32);
        opaque.fill(r.background);
        QPainter(&opaque).drawImage(0, 0, image);
        image = opaque;
    }
    return pngReply(image);
}

int pixelParameter(const WmsParameters& p, const QString& name, int size, WmsVersion version) {
    bool ok = false;
    const int v = p.required(name).toInt(&ok);
    if (!ok || v < 0 || v >= size)
        throw ServiceException(version == WmsVersion::V130 ? "InvalidPoint" : "InvalidParameterValue",
                               name + ": expected a pixel from 0 to " + QString::number(size - 1));
    return v;
}

// The density at one pixel of the map, evaluated at that pixel's centre as GetMap does.
HttpReply getFeatureInfo(const HeatmapLayer& layer, const WmsParameters& p, WmsVersion version) {
    const MapRequest r = parseMapRequest(p, version);
    for (const QString& name : p.required("QUERY_LAYERS").split(','))
        if (name != kHeatmapLayerName)
            throw ServiceException("LayerNotDefined", "QUERY_LAYERS: no layer '" + name + "'");
    const bool v130 = version == WmsVersion::V130;
    const int i = pixelParameter(p, v130 ? "I" : "X", r.width, version);
    const int j = pixelParameter(p, v130 ? "J" : "Y", r.height, version);
    const QString format = p.value("INFO_FORMAT").isEmpty() ? "application/json" : p.value("INFO_FORMAT");
    if (format != "application/json" && format != "text/plain")
        throw ServiceException("InvalidFormat", "INFO_FORMAT: '" + format +
                                                    "' is not offered (application/json, "
                                                    "text/plain)");
    const double density = layer.density(r.bbox, r.crs, r.width, r.height, j, 1)[static_cast<std::size_t>(i)];
    if (format == "text/plain")
        return {
            200, "text/plain; charset=utf-8",
            QString("%1 density_per_km2 = %2\n").arg(kHeatmapLayerName).arg(density, 0, 'g', 17).toUtf8()};
    const QJsonObject o{{"layer", kHeatmapLayerName}, {"density_per_km2", density}};
    return {200, "application/json", QJsonDocument(o).toJson(QJsonDocument::Compact)};
}

} // namespace

HttpReply handleWms(const HeatmapLayer& layer, const QUrlQuery& query, const QUrl& onlineResource) {
    const WmsParameters p(query);
    WmsVersion version = WmsVersion::V130;
    try {
        const QString request = p.required("REQUEST");
        if (p.has("SERVICE") && p.value("SERVICE").compare("WMS", Qt::CaseInsensitive) != 0)
            throw ServiceException("InvalidParameterValue", "SERVICE: this is a WMS");
        const bool capabilities = request.compare("GetCapabilities", Qt::CaseInsensitive) == 0 ||
                                  request.compare("capabilities", Qt::CaseInsensitive) == 0;
        version = requestVersion(p, capabilities);
        if (capabilities)
            return {200, version == WmsVersion::V130 ? "text/xml" : "application/vnd.ogc.wms_xml",
                    capabilitiesXml(layer, version, onlineResource)};
        if (request.compare("GetMap", Qt::CaseInsensitive) == 0 ||
            request.compare("map", Qt::CaseInsensitive) == 0)
            return getMap(layer, p, version);
        if (request.compare("GetFeatureInfo", Qt::CaseInsensitive) == 0)
            return getFeatureInfo(layer, p, version);
        throw ServiceException("OperationNotSupported",
                               "REQUEST: '" + request +
                                   "' is not offered (GetCapabilities, GetMap, GetFeatureInfo)");
    } catch (const ServiceException& e) {
        return exceptionReport(version, e.code(), QString::fromStdString(e.what()));
    } catch (const InputError& e) { // e.g. coordinates PROJ cannot transform
        return exceptionReport(version, "InvalidParameterValue", QString::fromStdString(e.what()));
    }
}

HttpReply handleTile(const HeatmapLayer& layer, const QString& z, const QString& x, const QString& y) {
    bool okZ = false, okX = false, okY = false;
    const int zoom = z.toInt(&okZ);
    const qint64 col = x.toLongLong(&okX);
    const qint64 row = y.toLongLong(&okY);
    constexpr int kMaxZoom = 24;
    if (!okZ || !okX || !okY || zoom < 0 || zoom > kMaxZoom || col < 0 || row < 0 ||
        col >= (qint64{1} << zoom) || row >= (qint64{1} << zoom))
        return {404, "text/plain", "no such tile: zoom 0-24, column and row 0 to 2^zoom - 1\n"};
    const double size = 2 * kWebMercatorHalfWorld / static_cast<double>(qint64{1} << zoom);
    const double minX = -kWebMercatorHalfWorld + static_cast<double>(col) * size;
    const double maxY = kWebMercatorHalfWorld - static_cast<double>(row) * size;
    constexpr int kTileSize = 256;
    return pngReply(
        layer.render({minX, maxY - size, minX + size, maxY}, RequestCrs::WebMercator, kTileSize, kTileSize));
}

} // namespace firebeat::ogc
