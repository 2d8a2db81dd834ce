// Parsing WMS key-value requests: case-insensitive names, version negotiation, per-version CRS
// axis order, dimensions, limits.
#pragma once

#include "map_layer.h"
#include "wms_exception.h"

#include <QMap>
#include <QString>
#include <QUrlQuery>

namespace firebeat::ogc {

inline constexpr int kMaxImageSize = 4096; // MaxWidth and MaxHeight

class WmsParameters {
  public:
    explicit WmsParameters(const QUrlQuery& query); // names upper-cased; the last value wins
    bool has(const QString& name) const { return values_.contains(name); }
    QString value(const QString& name) const { return values_.value(name); }
    // The value; ServiceException MissingParameterValue when absent or empty.
    QString required(const QString& name) const;
    const QMap<QString, QString>& all() const { return values_; }

  private:
    QMap<QString, QString> values_;
};

// VERSION (or 1.0's WMTVER): 1.3.0 or 1.1.x. GetCapabilities negotiates (WMS 1.3.0 §6.2.4): no
// version or 1.3.0 and above -> 1.3.0, anything below -> 1.1.1. Other requests must name one
// (MissingParameterValue, InvalidParameterValue).
WmsVersion requestVersion(const WmsParameters& p, bool negotiate);

// The image formats GetMap and GetLegendGraphic return: image/png (also "png") or image/jpeg;
// ServiceException InvalidFormat naming `parameter` otherwise.
QByteArray imageFormat(const WmsParameters& p, const QString& parameter);

// A positive whole number up to `max`; InvalidParameterValue naming the parameter otherwise.
int boundedInt(const WmsParameters& p, const QString& name, int max);

// GetMap's (and GetFeatureInfo's) map.
struct MapRequest {
    std::vector<const MapLayer*> layers; // bottom to top
    MapView view;
    HazardSelection selection;
    bool transparent = true;
    QRgb background = qRgb(255, 255, 255);
};
// Checks LAYERS, STYLES, CRS/SRS, BBOX, WIDTH, HEIGHT, TRANSPARENT, BGCOLOR, TIME and DIM_*
// (not FORMAT).
MapRequest parseMapRequest(const WmsParameters& p, WmsVersion version, const Catalogue& catalogue);

// WIDTH, HEIGHT, TRANSPARENT and BGCOLOR alone, for drawing an exception into an image; nullopt
// when they are unusable.
std::optional<MapRequest> parseCanvas(const WmsParameters& p);

} // namespace firebeat::ogc
