// Drawing a style's symbols with QPainter, the same way on maps and in legends. Sizes in
// millimetres become pixels at OGC's standardised rendering pixel of 0.28 mm.
#pragma once

#include "qml_style.h"

#include <QImage>
#include <QPainter>
#include <QPointF>

#include <array>

namespace firebeat::ogc {

inline constexpr double kMillimetresPerPixel = 0.28;

// Sets the symbol's pen and brush (no pen / no brush where the style has none).
void useSymbol(QPainter& painter, const QmlSymbol& symbol);
// Draws a marker symbol centred at `centre` (pixels).
void drawMarker(QPainter& painter, const QmlSymbol& symbol, QPointF centre);
// Half the marker's size plus its outline, in pixels: how far from its centre it draws.
double markerReachPixels(const QmlSymbol& symbol);

// A marker symbol drawn once at 4 x 4 sub-pixel offsets, so thousands of markers are stamped
// instead of rasterised one by one; each lands within 1/8 pixel of where drawMarker() puts it.
class MarkerStamp {
  public:
    explicit MarkerStamp(const QmlSymbol& symbol);
    void draw(QPainter& painter, QPointF centre) const;

  private:
    static constexpr int kPhases = 4;
    int origin_; // the marker's pixel within each stamp, from its top-left corner
    std::array<QImage, kPhases * kPhases> stamps_;
};

} // namespace firebeat::ogc
