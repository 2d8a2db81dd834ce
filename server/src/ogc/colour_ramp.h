// The heatmap's one colour scale: density (hazards/km^2) to colour at fixed breaks, the same
// for every tile and map (never normalised per request).
#pragma once

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
    // Transparent at 0, then yellow -> orange -> red, saturating at 50 hazards/km^2: the colours
    // of styles/hazard_heatmap.qml, but not its values, which are a template the QGIS plugin
    // stretches over each raster's maximum rather than densities.
    static ColourRamp defaults();
    // [{"density": 0, "colour": "#00ffffb2"}, ...] (colours as #AARRGGBB or #RRGGBB), densities
    // ascending; throws InputError otherwise.
    static ColourRamp fromJson(const QJsonArray& stops);

    // The colours maps are drawn in (8-bit indexed, so tiles compress small and fast): index 0
    // is transparent (no density), 1 to 255 sample the ramp at evenly spaced positions from the
    // first stop to the last, linear between stops. With the default 4 segments a step is 1/64
    // of a segment.
    const QList<QRgb>& palette() const { return palette_; }
    // The palette index of a density: 0 at or below zero, else the nearest sample of the ramp
    // (the first stop below it, the last above it).
    uchar index(double density) const;
    QRgb colour(double density) const { return palette_[index(density)]; }
    const std::vector<Stop>& stops() const { return stops_; }

  private:
    explicit ColourRamp(std::vector<Stop> stops);
    std::vector<Stop> stops_;
    QList<QRgb> palette_;
};

} // namespace firebeat::ogc
