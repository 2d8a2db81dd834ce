#include "symbol_painter.h"

#include <cmath>

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

MarkerStamp::MarkerStamp(const QmlSymbol& symbol)
    : origin_(static_cast<int>(std::ceil(markerReachPixels(symbol))) + 1) {
    const int size = 2 * origin_ + 2;
    for (int i = 0; i < kPhases; ++i)
        for (int j = 0; j < kPhases; ++j) {
            QImage& stamp = stamps_[static_cast<std::size_t>(j * kPhases + i)];
            stamp = QImage(size, size, QImage::Format_ARGB32_Premultiplied);
            stamp.fill(Qt::transparent);
            QPainter painter(&stamp);
            painter.setRenderHint(QPainter::Antialiasing);
            drawMarker(painter, symbol,
                       QPointF(origin_ + (i + 0.5) / kPhases, origin_ + (j + 0.5) / kPhases));
        }
}

void MarkerStamp::draw(QPainter& painter, QPointF centre) const {
    const double x = std::floor(centre.x()), y = std::floor(centre.y());
    const auto phase = [](double fraction) {
        return std::min(kPhases - 1, static_cast<int>(fraction * kPhases));
    };
    const int i = phase(centre.x() - x), j = phase(centre.y() - y);
    painter.drawImage(QPoint(static_cast<int>(x) - origin_, static_cast<int>(y) - origin_),
                      stamps_[static_cast<std::size_t>(j * kPhases + i)]);
}

} // namespace firebeat::ogc
