#include "symbol_painter.h"

namespace firebeat::ogc {
namespace {

double pixels(double millimetres) {
    return millimetres / kMillimetresPerPixel;
}

} // namespace

void useSymbol(QPainter& painter, const QmlSymbol& symbol) {
    if (symbol.stroke.isValid())
        painter.setPen(QPen(symbol.stroke, pixels(symbol.strokeWidthMm)));
    else
        painter.setPen(Qt::NoPen);
    painter.setBrush(symbol.fill.isValid() ? QBrush(symbol.fill) : QBrush(Qt::NoBrush));
}

void drawMarker(QPainter& painter, const QmlSymbol& symbol, QPointF centre) {
    useSymbol(painter, symbol);
    const double r = pixels(symbol.sizeMm) / 2;
    if (symbol.shape == QmlSymbol::Shape::Square)
        painter.drawRect(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r));
    else
        painter.drawEllipse(centre, r, r);
}

double markerReachPixels(const QmlSymbol& symbol) {
    return pixels(symbol.sizeMm) / 2 + (symbol.stroke.isValid() ? pixels(symbol.strokeWidthMm) / 2 : 0);
}

} // namespace firebeat::ogc
