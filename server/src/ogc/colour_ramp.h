// The heatmap's one colour scale: density (hazards/km^2) to colour at fixed breaks, the same
// for every tile and map (never normalised per request): the configuration's stops, or the ramp
// of styles/hazard_heatmap.qml stretched once per data version (firebeat/heatmap_scale.h).
#pragma once

#include "qml_style.h"

#include <QColor>
#include <QJsonArray>
#include <QList>

#include <vector>

namespace firebeat::ogc {

class ColourRamp {
  public:
    struct Stop {
        double density = 0;
        QColor colour;
    };
    // The ramp of a raster style (styles/hazard_heatmap.qml): its items' values (a template, not
    // densities) and colours, their alpha times the layer's opacity as QGIS draws it. Throws
    // InputError when the style has no ramp.
    static ColourRamp fromStyle(const QmlStyle& style);
    // [{"density": 0, "colour": "#00ffffb2"}, ...] (colours as #AARRGGBB or #RRGGBB), densities
    // ascending, at most 255 stops; throws InputError otherwise.
    static ColourRamp fromJson(const QJsonArray& stops);

    // The colours maps are drawn in (8-bit indexed, so tiles compress small and fast): index 0
    // is transparent (no density), then the ramp in 254 steps shared by its segments, linear
    // between stops, each stop on an entry of its own (the default ramp: 63 steps a segment).
    const QList<QRgb>& palette() const { return palette_; }
    // The palette index of a density: 0 at or below zero, else the nearest sample of the ramp
    // (the first stop below it, the last above it).
    uchar index(double density) const;
    QRgb colour(double density) const { return palette_[index(density)]; }
    const std::vector<Stop>& stops() const { return stops_; }
    // The same colours at the class breaks of heatmapClassBreaks(): the last stop at `top`.
    ColourRamp stretchedTo(double top) const;

  private:
    explicit ColourRamp(std::vector<Stop> stops);
    std::vector<Stop> stops_;
    int stepsPerSegment_;
    QList<QRgb> palette_;
};

} // namespace firebeat::ogc
