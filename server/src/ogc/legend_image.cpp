#include "legend_image.h"

#include "symbol_painter.h"

#include <QFontMetrics>
#include <QGuiApplication>

#include <algorithm>
#include <limits>

namespace firebeat::ogc {
namespace {

constexpr int kMargin = 4;
constexpr int kRowHeight = 20;
constexpr int kSwatchWidth = 20;
constexpr int kSwatchHeight = 14;
constexpr int kLabelX = kMargin + kSwatchWidth + 6;
constexpr int kBarHeight = 160;
constexpr double kLabelSpacing = 13; // pixels between the ramp's labels

bool canDrawText() {
    return qobject_cast<QGuiApplication*>(QCoreApplication::instance()) != nullptr;
}

QFont legendFont() {
    QFont font;
    font.setPixelSize(12);
    return font;
}

int textWidth(const QString& text) {
    return canDrawText() ? QFontMetrics(legendFont()).horizontalAdvance(text) : 0;
}

QImage blank(int width, int height) {
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    return image;
}

void drawLabel(QPainter& painter, const QRectF& box, const QString& text) {
    if (!canDrawText())
        return;
    painter.setFont(legendFont());
    painter.setPen(Qt::black);
    painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
}

void drawSwatch(QPainter& painter, const QmlSymbol& symbol, int top) {
    const QRectF box(kMargin, top + (kRowHeight - kSwatchHeight) / 2.0, kSwatchWidth, kSwatchHeight);
    if (symbol.kind == QmlSymbol::Kind::Marker) {
        drawMarker(painter, symbol, box.center());
        return;
    }
    useSymbol(painter, symbol);
    painter.drawRect(box);
}

} // namespace

QImage stackLegends(const QImage& top, const QImage& bottom) {
    QImage image = blank(std::max(top.width(), bottom.width()), top.height() + bottom.height());
    QPainter painter(&image);
    painter.drawImage(0, 0, top);
    painter.drawImage(0, top.height(), bottom);
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

QImage classLegend(const QmlStyle& style, const QString& title) {
    // A single symbol is labelled with the title; classes get a title row above them.
    const bool single = style.renderer == QmlStyle::Renderer::SingleSymbol;
    const int titleRows = !single && !title.isEmpty() ? 1 : 0;
    int labelWidth = textWidth(title);
    for (const QmlClass& c : style.classes)
        labelWidth = std::max(labelWidth, textWidth(c.label));
    const int rows = titleRows + static_cast<int>(style.classes.size());
    QImage image = blank(kLabelX + labelWidth + kMargin, rows * kRowHeight + 2 * kMargin);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    if (titleRows)
        drawLabel(painter, QRectF(kMargin, kMargin, image.width(), kRowHeight), title);
    int top = kMargin + titleRows * kRowHeight;
    for (const QmlClass& c : style.classes) {
        drawSwatch(painter, c.symbol, top);
        drawLabel(painter, QRectF(kLabelX, top, labelWidth + kMargin, kRowHeight), single ? title : c.label);
        top += kRowHeight;
    }
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

QImage rampLegend(const ColourRamp& ramp, const QString& units) {
    const auto& stops = ramp.stops();
    // The bar spans 0 to the last stop (to 1 for a ramp ending at or below 0, all transparent).
    const double top = stops.back().density > 0 ? stops.back().density : 1.0;
    const auto label = [](double density) { return QString::number(density, 'g', 4); };
    int labelWidth = 0;
    for (const ColourRamp::Stop& s : stops)
        labelWidth = std::max(labelWidth, textWidth(label(s.density)));
    const int barTop = kMargin + kRowHeight;
    const int width = std::max(kLabelX + labelWidth, textWidth(units)) + kMargin;
    QImage image = blank(width, barTop + kBarHeight + kRowHeight / 2 + kMargin);
    for (int y = 0; y < kBarHeight; ++y) {
        const QColor colour = QColor::fromRgba(ramp.colour(top * (1 - (y + 0.5) / kBarHeight)));
        for (int x = kMargin; x < kMargin + kSwatchWidth; ++x)
            image.setPixelColor(x, barTop + y, colour);
    }
    QPainter painter(&image);
    painter.setPen(Qt::gray);
    painter.drawRect(QRectF(kMargin - 0.5, barTop - 0.5, kSwatchWidth, kBarHeight));
    drawLabel(painter, QRectF(kMargin, kMargin, width, kRowHeight), units);
    // Every stop gets a tick; labels from the bottom up, leaving out those that would overlap.
    double lastLabel = std::numeric_limits<double>::infinity();
    for (const ColourRamp::Stop& s : stops) {
        const double y = barTop + kBarHeight * (1 - s.density / top);
        painter.setPen(Qt::gray);
        painter.drawLine(QPointF(kMargin + kSwatchWidth, y), QPointF(kMargin + kSwatchWidth + 4, y));
        if (lastLabel - y < kLabelSpacing)
            continue;
        drawLabel(painter, QRectF(kLabelX, y - kRowHeight / 2.0, labelWidth + kMargin, kRowHeight),
                  label(s.density));
        lastLabel = y;
    }
    painter.end();
    return image.convertToFormat(QImage::Format_ARGB32);
}

} // namespace firebeat::ogc
