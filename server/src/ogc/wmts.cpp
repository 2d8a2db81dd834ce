#include "wmts.h"

#include "wms_dimensions.h"
#include "wms_exception.h"
#include "wms_feature_info.h"
#include "wmts_exception.h"
#include "wmts_tile_matrix.h"

#include "firebeat/progress.h"

#include <QMap>

#include <limits>

namespace firebeat::ogc {
namespace {

using Parameters = QMap<QString, QString>; // names upper-cased (OWS names are case-insensitive)

Parameters parameters(const QUrlQuery& query) {
    Parameters p;
    for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded))
        p.insert(name.toUpper(), value);
    return p;
}

QString required(const Parameters& p, const QString& name) {
    const QString v = p.value(name);
    if (v.isEmpty())
        throw OwsException("MissingParameterValue", name, name + " is required");
    return v;
}

[[noreturn]] void invalid(const QString& name, const QString& message) {
    throw OwsException("InvalidParameterValue", name, name + ": " + message);
}

void expect(const Parameters& p, const QString& name, const QString& value) {
    if (required(p, name) != value)
        invalid(name, "'" + p.value(name) + "' is not offered (" + value + ")");
}

// The layer's dimensions by identifier; their values are WMS's.
HazardSelection parseDimensions(const Parameters& p, const MapLayer& layer) {
    DimensionValues values;
    for (const LayerDimension& d : layer.dimensions())
        if (!p.value(d.name.toUpper()).isEmpty())
            values.insert(d.name, p.value(d.name.toUpper()));
    try {
        return parseSelection(values, {&layer});
    } catch (const ServiceException& e) {
        throw OwsException(e.code() == "MissingDimensionValue" ? "MissingParameterValue"
                                                               : "InvalidParameterValue",
                           e.locator(), QString::fromStdString(e.what()));
    }
}

struct Tile {
    const MapLayer* layer = nullptr;
    MapView view;
    HazardSelection selection;
};

qint64 tileIndex(const Parameters& p, const QString& name) {
    bool ok = false;
    const qint64 v = required(p, name).toLongLong(&ok);
    if (!ok)
        invalid(name, "'" + p.value(name) + "' is not a whole number");
    return v;
}

// LAYER, STYLE, TILEMATRIXSET, TILEMATRIX, TILEROW, TILECOL and the dimensions.
Tile parseTile(const Catalogue& catalogue, const Parameters& p) {
    Tile t;
    t.layer = catalogue.find(required(p, "LAYER"));
    if (!t.layer)
        invalid("LAYER", "no layer '" + p.value("LAYER") + "'");
    expect(p, "STYLE", "default");
    const TileMatrixSet* set = findTileMatrixSet(required(p, "TILEMATRIXSET"));
    if (!set) {
        QStringList offered;
        for (const TileMatrixSet& s : tileMatrixSets())
            offered.push_back(s.identifier);
        invalid("TILEMATRIXSET",
                "'" + p.value("TILEMATRIXSET") + "' is not offered (" + offered.join(", ") + ")");
    }
    bool ok = false;
    const int zoom = required(p, "TILEMATRIX").toInt(&ok);
    if (!ok || zoom < set->minZoom || zoom > set->maxZoom)
        invalid("TILEMATRIX", "'" + p.value("TILEMATRIX") + "' is not a matrix of " + set->identifier + " (" +
                                  QString::number(set->minZoom) + " to " + QString::number(set->maxZoom) +
                                  ")");
    const qint64 row = tileIndex(p, "TILEROW");
    const qint64 col = tileIndex(p, "TILECOL");
    const std::optional<MapView> view = set->tileView(zoom, row, col);
    if (!view) {
        const bool badCol = set->tileView(zoom, row, 0).has_value();
        const QString name = badCol ? "TILECOL" : "TILEROW";
        const QString range = "0 to " + QString::number((badCol ? set->columns(zoom) : set->rows(zoom)) - 1) +
                              " at matrix " + QString::number(zoom);
        throw OwsException("TileOutOfRange", name, name + ": '" + p.value(name) + "' is outside " + range);
    }
    t.view = *view;
    t.selection = parseDimensions(p, *t.layer);
    return t;
}

HttpReply getTile(const Catalogue& catalogue, const Parameters& p, const CancelFlag* cancel) {
    const Tile t = parseTile(catalogue, p);
    expect(p, "FORMAT", "image/png");
    return imageReply(t.layer->render(t.view, t.selection, cancel));
}

HttpReply getFeatureInfo(const Catalogue& catalogue, const Parameters& p) {
    const Tile t = parseTile(catalogue, p);
    if (!t.layer->queryable())
        invalid("LAYER", "layer '" + t.layer->name() + "' cannot be queried");
    const QString format = required(p, "INFOFORMAT");
    if (!infoFormats().contains(format))
        invalid("INFOFORMAT", "'" + format + "' is not offered (" + infoFormats().join(", ") + ")");
    int ij[2] = {0, 0};
    for (int k = 0; k < 2; ++k) {
        const QString name = k == 0 ? "I" : "J";
        bool ok = false;
        ij[k] = required(p, name).toInt(&ok);
        if (!ok || ij[k] < 0 || ij[k] >= kTileSize)
            throw OwsException("PointIJOutOfRange", name,
                               name + ": '" + p.value(name) + "' is not a pixel from 0 to " +
                                   QString::number(kTileSize - 1));
    }
    // WMTS has no FEATURE_COUNT: everything the layer finds at the pixel.
    return featureInfoReply({t.layer}, t.view, ij[0], ij[1], t.selection, format,
                            std::numeric_limits<int>::max());
}

HttpReply capabilities(const Catalogue& catalogue, const QUrl& serviceUrl) {
    return {200, "application/xml", wmtsCapabilitiesXml(catalogue, serviceUrl)};
}

HttpReply answerKvp(const Catalogue& catalogue, const Parameters& p, const QUrl& serviceUrl,
                    const CancelFlag* cancel) {
    expect(p, "SERVICE", "WMTS");
    const QString request = required(p, "REQUEST");
    if (request == "GetCapabilities") {
        const QString accepted = p.value("ACCEPTVERSIONS");
        if (!accepted.isEmpty() && !accepted.split(',').contains("1.0.0"))
            throw OwsException("VersionNegotiationFailed", "ACCEPTVERSIONS",
                               "ACCEPTVERSIONS: none of '" + accepted + "' is offered (1.0.0)");
        return capabilities(catalogue, serviceUrl);
    }
    expect(p, "VERSION", "1.0.0");
    if (request == "GetTile")
        return getTile(catalogue, p, cancel);
    if (request == "GetFeatureInfo")
        return getFeatureInfo(catalogue, p);
    throw OwsException("OperationNotSupported", "REQUEST",
                       "REQUEST: '" + request +
                           "' is not offered (GetCapabilities, GetTile, GetFeatureInfo)");
}

// Client mistakes as exception reports; PROJ's refusals are the request's too.
template <class F> HttpReply reportingMistakes(F&& answer) {
    try {
        return answer();
    } catch (const OwsException& e) {
        return owsExceptionReport(e);
    } catch (const InputError& e) {
        return owsExceptionReport(
            OwsException("InvalidParameterValue", {}, QString::fromStdString(e.what())));
    }
}

} // namespace

HttpReply handleWmtsKvp(const Catalogue& catalogue, const QUrlQuery& query, const QUrl& serviceUrl,
                        const CancelFlag* cancel) {
    return reportingMistakes([&] { return answerKvp(catalogue, parameters(query), serviceUrl, cancel); });
}

std::optional<HttpReply> handleWmtsRest(const Catalogue& catalogue, const QStringList& path,
                                        const QUrlQuery& query, const QUrl& serviceUrl,
                                        const CancelFlag* cancel) {
    if (path == QStringList{"1.0.0", "WMTSCapabilities.xml"})
        return capabilities(catalogue, serviceUrl);
    static const QMap<QString, QString> infoExtensions{
        {"json", "application/json"}, {"txt", "text/plain"}, {"html", "text/html"}};
    const QString extension = path.isEmpty() ? QString() : path.back().section('.', -1);
    const bool tile = path.size() == 6 && extension == "png";
    const bool info = path.size() == 8 && infoExtensions.contains(extension);
    if (!tile && !info)
        return std::nullopt;
    Parameters p = parameters(query); // the dimensions
    const QStringList names{"LAYER", "STYLE", "TILEMATRIXSET", "TILEMATRIX", "TILEROW", "TILECOL", "J", "I"};
    for (qsizetype k = 0; k < path.size(); ++k)
        p.insert(names[k], k + 1 == path.size() ? path[k].chopped(extension.size() + 1) : path[k]);
    if (tile) {
        p.insert("FORMAT", "image/png");
        return reportingMistakes([&] { return getTile(catalogue, p, cancel); });
    }
    p.insert("INFOFORMAT", infoExtensions.value(extension));
    return reportingMistakes([&] { return getFeatureInfo(catalogue, p); });
}

HttpReply handleXyzTile(const Catalogue& catalogue, const QString& layer, const QString& z, const QString& x,
                        const QString& y, const QUrlQuery& query, const CancelFlag* cancel) {
    const MapLayer* found = catalogue.find(layer);
    if (!found)
        return {404, "text/plain", "no layer '" + layer.toUtf8() + "'\n"};
    bool okZ = false, okX = false, okY = false;
    const std::optional<MapView> view = tileView(z.toInt(&okZ), y.toLongLong(&okY), x.toLongLong(&okX));
    if (!okZ || !okX || !okY || !view)
        return {404, "text/plain",
                "no such tile: zoom 0-" + QByteArray::number(kMaxTileZoom) + ", x and y 0 to 2^zoom - 1\n"};
    try {
        return imageReply(found->render(*view, parseDimensions(parameters(query), *found), cancel));
    } catch (const OwsException& e) {
        return {400, "text/plain", QByteArray(e.what()) + "\n"};
    }
}

} // namespace firebeat::ogc
