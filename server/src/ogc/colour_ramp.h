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

  private:
    explicit ColourRamp(std::vector<Stop> stops);
    std::vector<Stop> stops_;
    int stepsPerSegment_;
    QList<QRgb> palette_;
};

} // namespace firebeat::ogc
