// GetLegendGraphic (the SLD 1.1.0 profile's operation clients use for LegendURL).
#include "wms_operations.h"

#include <QPainter>

namespace firebeat::ogc {

HttpReply getLegendGraphic(const Catalogue& catalogue, const WmsParameters& p) {
    const QString name = p.required("LAYER");
    const MapLayer* layer = catalogue.find(name);
    if (!layer)
        throw ServiceException("LayerNotDefined", "LAYER: no layer '" + name + "'");
    const QString style = p.value("STYLE");
    if (!style.isEmpty() && style.compare("default", Qt::CaseInsensitive) != 0)
        throw ServiceException("StyleNotDefined", "STYLE: no style '" + style + "' (use default)");
    if (p.has("SLD_VERSION") && p.value("SLD_VERSION") != "1.1.0")
        throw ServiceException("InvalidParameterValue",
                               "SLD_VERSION: '" + p.value("SLD_VERSION") + "' is not offered (1.1.0)");
    const QByteArray format = imageFormat(p, "FORMAT");
    QImage legend = layer->legend();
    if (legend.isNull()) { // a layer without a legend: one transparent pixel
        legend = QImage(1, 1, QImage::Format_ARGB32);
        legend.fill(Qt::transparent);
    }
    if (format == "image/jpeg") { // opaque: on white
        QImage opaque(legend.size(), QImage::Format_RGB32);
        opaque.fill(Qt::white);
        QPainter(&opaque).drawImage(0, 0, legend);
        legend = opaque;
    }
    return imageReply(legend, format);
}

} // namespace firebeat::ogc
