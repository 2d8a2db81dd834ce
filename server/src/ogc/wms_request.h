// Parsing WMS key-value requests: case-insensitive names, per-version CRS axis order, limits.
#pragma once

#include "heatmap_layer.h"
#include "wms_exception.h"

#include <QMap>
#include <QString>
#include <QUrlQuery>

namespace firebeat::ogc {

inline constexpr int kMaxImageSize = 4096; // MaxWidth and MaxHeight
inline const QString kHeatmapLayerName = QStringLiteral("hazard_heatmap");

class WmsParameters {
  public:
    explicit WmsParameters(const QUrlQuery& query); // names upper-cased; the last value wins
    bool has(const QString& name) const { return values_.contains(name); }
    QString value(const QString& name) const { return values_.value(name); }
    // The value; ServiceException MissingParameterValue when absent or empty.
    QString required(const QString& name) const;

  private:
    QMap<QString, QString> values_;
};

// VERSION (or 1.1's WMTVER): 1.3.0 or 1.1.x; for GetCapabilities, a missing or other version
// is negotiated (below 1.3.0 -> 1.1.1, else 1.3.0); otherwise InvalidParameterValue.
WmsVersion requestVersion(const WmsParameters& p, bool negotiate);

// GetMap's (and GetFeatureInfo's) map: the bbox in x = easting/lon order.
struct MapRequest {
    RequestCrs crs = RequestCrs::WebMercator;
    Envelope bbox;
    int width = 0;
    int height = 0;
    bool transparent = true;
    QRgb background = qRgb(255, 255, 255);
};
// Checks LAYERS, STYLES, CRS/SRS, BBOX, WIDTH, HEIGHT, TRANSPARENT and BGCOLOR (not FORMAT).
MapRequest parseMapRequest(const WmsParameters& p, WmsVersion version);

} // namespace firebeat::ogc
