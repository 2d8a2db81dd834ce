#include "wms_request.h"

#include <cmath>

namespace firebeat::ogc {
namespace {

void checkLayers(const WmsParameters& p, const QString& name) {
    for (const QString& layer : p.required(name).split(','))
        if (layer != kHeatmapLayerName)
            throw ServiceException("LayerNotDefined", name + ": no layer '" + layer + "' (this server has " +
                                                          kHeatmapLayerName + ")");
    for (const QString& style : p.value("STYLES").split(','))
        if (!style.isEmpty() && style.compare("default", Qt::CaseInsensitive) != 0)
            throw ServiceException("StyleNotDefined", "STYLES: no style '" + style + "' (use default)");
}

RequestCrs parseCrs(const WmsParameters& p, WmsVersion version, bool& latFirst) {
    const QString name = version == WmsVersion::V130 ? "CRS" : "SRS";
    const QString crs = p.required(name).toUpper();
    latFirst = false;
    if (crs == "EPSG:3857" || crs == "EPSG:900913")
        return RequestCrs::WebMercator;
    if (crs == "CRS:84")
        return RequestCrs::LonLat;
    if (crs == "EPSG:4326") {
        latFirst = version == WmsVersion::V130; // EPSG's own axis order in 1.3.0
        return RequestCrs::LonLat;
    }
    throw ServiceException(version == WmsVersion::V130 ? "InvalidCRS" : "InvalidSRS",
                           name + ": '" + crs + "' is not offered (EPSG:3857, EPSG:4326, CRS:84)");
}

Envelope parseBbox(const WmsParameters& p, RequestCrs crs, bool latFirst) {
    const QStringList parts = p.required("BBOX").split(',');
    double v[4] = {0, 0, 0, 0};
    bool ok = parts.size() == 4;
    for (int i = 0; ok && i < 4; ++i) {
        v[i] = parts[i].trimmed().toDouble(&ok);
        ok = ok && std::isfinite(v[i]);
    }
    if (!ok)
        throw ServiceException("InvalidParameterValue",
                               "BBOX: expected four finite numbers minx,miny,maxx,maxy");
    const Envelope e = latFirst ? Envelope{v[1], v[0], v[3], v[2]} : Envelope{v[0], v[1], v[2], v[3]};
    if (!(e.minX < e.maxX && e.minY < e.maxY))
        throw ServiceException("InvalidParameterValue",
                               "BBOX: the minimum must be below the maximum on both axes");
    const double limitX = crs == RequestCrs::LonLat ? 180 : kWebMercatorHalfWorld * 1.001;
    const double limitY = crs == RequestCrs::LonLat ? 90 : kWebMercatorHalfWorld * 1.001;
    if (e.minX < -limitX || e.maxX > limitX || e.minY < -limitY || e.maxY > limitY)
        throw ServiceException("InvalidParameterValue", "BBOX: outside the CRS's area of use");
    return e;
}

int parseSize(const WmsParameters& p, const QString& name) {
    bool ok = false;
    const int v = p.required(name).toInt(&ok);
    if (!ok || v < 1 || v > kMaxImageSize)
        throw ServiceException("InvalidParameterValue", name + ": expected a whole number from 1 to " +
                                                            QString::number(kMaxImageSize));
    return v;
}

} // namespace

WmsParameters::WmsParameters(const QUrlQuery& query) {
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded))
        values_.insert(name.toUpper(), value);
}

QString WmsParameters::required(const QString& name) const {
    const QString v = value(name);
    if (v.isEmpty())
        throw ServiceException("MissingParameterValue", name + " is required");
    return v;
}

WmsVersion requestVersion(const WmsParameters& p, bool negotiate) {
    const QString v = p.has("VERSION") ? p.value("VERSION") : p.value("WMTVER");
    if (v == "1.3.0")
        return WmsVersion::V130;
    if (v.startsWith("1.1."))
        return WmsVersion::V111;
    if (negotiate)
        return !v.isEmpty() && v < "1.3.0" ? WmsVersion::V111 : WmsVersion::V130;
    if (v.isEmpty())
        throw ServiceException("MissingParameterValue", "VERSION is required (1.3.0 or 1.1.1)");
    throw ServiceException("InvalidParameterValue", "VERSION: '" + v + "' is not offered (1.3.0 or 1.1.1)");
}

MapRequest parseMapRequest(const WmsParameters& p, WmsVersion version) {
    MapRequest r;
    checkLayers(p, "LAYERS");
    bool latFirst = false;
    r.crs = parseCrs(p, version, latFirst);
    r.bbox = parseBbox(p, r.crs, latFirst);
    r.width = parseSize(p, "WIDTH");
    r.height = parseSize(p, "HEIGHT");
    const QString transparent = p.value("TRANSPARENT").toUpper();
    if (!transparent.isEmpty() && transparent != "TRUE" && transparent != "FALSE")
        throw ServiceException("InvalidParameterValue", "TRANSPARENT: expected TRUE or FALSE");
    r.transparent = transparent != "FALSE";
    if (p.has("BGCOLOR")) {
        bool ok = false;
        const QString bg = p.value("BGCOLOR");
        const uint rgb =
            bg.startsWith("0x", Qt::CaseInsensitive) && bg.size() == 8 ? bg.mid(2).toUInt(&ok, 16) : 0;
        if (!ok)
            throw ServiceException("InvalidParameterValue", "BGCOLOR: expected 0xRRGGBB");
        r.background = qRgb(qRed(rgb), qGreen(rgb), qBlue(rgb));
    }
    return r;
}

} // namespace firebeat::ogc
