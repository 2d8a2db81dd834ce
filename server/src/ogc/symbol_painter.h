// Drawing a style's symbols with QPainter, the same way on maps and in legends. Sizes in
// millimetres become pixels at OGC's standardised rendering pixel of 0.28 mm.
#pragma once

#include "qml_style.h"

#include <QPainter>
#include <QPointF>

namespace firebeat::ogc {

inline constexpr double kMillimetresPerPixel = 0.28;

// Sets the symbol's pen and brush (no pen / no brush where the style has none).
void useSymbol(QPainter& painter, const QmlSymbol& symbol);
// Draws a marker symbol centred at `centre` (pixels).
void drawMarker(QPainter& painter, const QmlSymbol& symbol, QPointF centre);
// Half the marker's size plus its outline, in pixels: how far from its centre it draws.
double markerReachPixels(const QmlSymbol& symbol);

} // namespace firebeat::ogc
