// The heatmap's one colour scale: density (hazards/km^2) to colour at fixed breaks, the same
// for every tile and map (never normalised per request).
#pragma once

#include <QColor>
#include <QJsonArray>

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

    // Linear between stops, clamped to the first and last; 0 (transparent) at or below zero.
    QRgb colour(double density) const;
    const std::vector<Stop>& stops() const { return stops_; }

  private:
    explicit ColourRamp(std::vector<Stop> stops) : stops_(std::move(stops)) {}
    std::vector<Stop> stops_;
};

} // namespace firebeat::ogc
