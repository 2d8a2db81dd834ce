#include "wms_request.h"

#include "map_crs.h"
#include "wms_dimensions.h"

#include <QVersionNumber>

#include <cmath>

namespace firebeat::ogc {
namespace {

std::vector<const MapLayer*> parseLayers(const WmsParameters& p, const Catalogue& catalogue) {
    std::vector<const MapLayer*> layers;
    for (const QString& name : p.required("LAYERS").split(',')) {
        const MapLayer* layer = catalogue.find(name);
        if (!layer)
            throw ServiceException("LayerNotDefined", "LAYERS: no layer '" + name + "'");
        layers.push_back(layer);
    }
    for (const QString& style : p.value("STYLES").split(','))
        if (!style.isEmpty() && style.compare("default", Qt::CaseInsensitive) != 0)
            throw ServiceException("StyleNotDefined", "STYLES: no style '" + style + "' (use default)");
    return layers;
}

const OfferedCrs& parseCrs(const WmsParameters& p, WmsVersion version, const Catalogue& catalogue) {
    const QString parameter = version == WmsVersion::V130 ? "CRS" : "SRS";
    QString name = p.required(parameter).toUpper();
    if (name == "EPSG:900913") // the name Web Mercator had before EPSG gave it a code
        name = "EPSG:3857";
    QStringList names;
    for (const OfferedCrs& crs : offeredCrss(catalogue.analysisCrs, catalogue.moreCrs)) {
        if (QString::fromStdString(crs.name) == name)
            return crs;
        names << QString::fromStdString(crs.name);
    }
    throw ServiceException(version == WmsVersion::V130 ? "InvalidCRS" : "InvalidSRS",
                           parameter + ": '" + name + "' is not offered (" + names.join(", ") + ")");
}

Envelope parseBbox(const WmsParameters& p, const OfferedCrs& crs, bool northingFirst) {
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
    const Envelope e = northingFirst ? Envelope{v[1], v[0], v[3], v[2]} : Envelope{v[0], v[1], v[2], v[3]};
    if (!(e.minX < e.maxX && e.minY < e.maxY))
        throw ServiceException("InvalidParameterValue",
                               "BBOX: the minimum must be below the maximum on both axes");
    // A thousandth of slack: clients compute the world's edge with their own rounding.
    const Envelope& d = crs.domain;
    const double slackX = d.width() * 1e-3;
    const double slackY = d.height() * 1e-3;
    if (e.minX < d.minX - slackX || e.maxX > d.maxX + slackX || e.minY < d.minY - slackY ||
        e.maxY > d.maxY + slackY) {
        const auto n = [](double x) { return QString::number(x, 'f', 6); };
        throw ServiceException("InvalidParameterValue",
                               "BBOX: outside " + QString::fromStdString(crs.name) + "'s area of use (" +
                                   (northingFirst
                                        ? n(d.minY) + "," + n(d.minX) + "," + n(d.maxY) + "," + n(d.maxX)
                                        : n(d.minX) + "," + n(d.minY) + "," + n(d.maxX) + "," + n(d.maxY)) +
                                   ")");
    }
    return e;
}

// TIME and DIM_<NAME> by dimension name; an empty value counts as omitted (the default).
DimensionValues dimensionValues(const WmsParameters& p) {
    DimensionValues values;
    for (auto it = p.all().begin(); it != p.all().end(); ++it) {
        if (it.value().isEmpty())
            continue;
        if (it.key() == "TIME")
            values.insert("time", it.value());
        else if (it.key().startsWith("DIM_"))
            values.insert(it.key().mid(4).toLower(), it.value());
    }
    return values;
}

std::optional<QRgb> parseColour(const QString& text) {
    bool ok = false;
    const uint rgb =
        text.startsWith("0x", Qt::CaseInsensitive) && text.size() == 8 ? text.mid(2).toUInt(&ok, 16) : 0;
    return ok ? std::optional<QRgb>(qRgb(qRed(rgb), qGreen(rgb), qBlue(rgb))) : std::nullopt;
}

// WIDTH, HEIGHT, TRANSPARENT and BGCOLOR into `r`.
void readCanvas(const WmsParameters& p, MapRequest& r) {
    r.view.width = boundedInt(p, "WIDTH", kMaxImageSize);
    r.view.height = boundedInt(p, "HEIGHT", kMaxImageSize);
    const QString transparent = p.value("TRANSPARENT").toUpper();
    if (!transparent.isEmpty() && transparent != "TRUE" && transparent != "FALSE")
        throw ServiceException("InvalidParameterValue", "TRANSPARENT: expected TRUE or FALSE");
    r.transparent = transparent == "TRUE"; // FALSE by default (WMS 1.3.0 7.3.3.9)
    if (p.has("BGCOLOR")) {
        const std::optional<QRgb> colour = parseColour(p.value("BGCOLOR"));
        if (!colour)
            throw ServiceException("InvalidParameterValue", "BGCOLOR: expected 0xRRGGBB");
        r.background = *colour;
    }
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
    if (v == "1.1.1" || v == "1.1.0")
        return WmsVersion::V111;
    if (negotiate) {
        // Versions compare part by part as numbers (1.10.0 is above 1.3.0); an unreadable one
        // gets the highest.
        const QVersionNumber asked = QVersionNumber::fromString(v);
        return asked.isNull() || asked >= QVersionNumber(1, 3, 0) ? WmsVersion::V130 : WmsVersion::V111;
    }
    if (v.isEmpty())
        throw ServiceException("MissingParameterValue", "VERSION is required (1.3.0 or 1.1.1)");
    throw ServiceException("InvalidParameterValue", "VERSION: '" + v + "' is not offered (1.3.0 or 1.1.1)");
}

QByteArray imageFormat(const WmsParameters& p, const QString& parameter) {
    const QString format = p.required(parameter).toLower();
    if (format == "image/png" || format == "png")
        return "image/png";
    if (format == "image/jpeg" || format == "jpeg")
        return "image/jpeg";
    throw ServiceException("InvalidFormat", parameter + ": '" + p.value(parameter) +
                                                "' is not offered (image/png, image/jpeg)");
}

int boundedInt(const WmsParameters& p, const QString& name, int max) {
    bool ok = false;
    const int v = p.required(name).toInt(&ok);
    if (!ok || v < 1 || v > max)
        throw ServiceException("InvalidParameterValue",
                               name + ": expected a whole number from 1 to " + QString::number(max));
    return v;
}

MapRequest parseMapRequest(const WmsParameters& p, WmsVersion version, const Catalogue& catalogue) {
    MapRequest r;
    r.layers = parseLayers(p, catalogue);
    const OfferedCrs& crs = parseCrs(p, version, catalogue);
    r.view.crs = crs.crs;
    r.view.bbox = parseBbox(p, crs, version == WmsVersion::V130 && crs.northingFirst);
    readCanvas(p, r);
    r.selection = parseSelection(dimensionValues(p), r.layers);
    return r;
}

std::optional<MapRequest> parseCanvas(const WmsParameters& p) {
    try {
        MapRequest r;
        readCanvas(p, r);
        return r;
    } catch (const ServiceException&) {
        return std::nullopt;
    }
}

} // namespace firebeat::ogc
