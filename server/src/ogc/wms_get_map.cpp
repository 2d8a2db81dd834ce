// GetMap: the requested layers drawn bottom to top, and exceptions drawn as images.
#include "wms_operations.h"

#include <QGuiApplication>
#include <QPainter>

namespace firebeat::ogc {
namespace {

enum class ExceptionMode { Xml, InImage, Blank };

// EXCEPTIONS: 1.3.0's names and 1.1.1's MIME types, in either version.
ExceptionMode exceptionMode(const WmsParameters& p) {
    const QString v = p.value("EXCEPTIONS").toLower();
    if (v.isEmpty() || v == "xml" || v == "application/vnd.ogc.se_xml")
        return ExceptionMode::Xml;
    if (v == "inimage" || v == "application/vnd.ogc.se_inimage")
        return ExceptionMode::InImage;
    if (v == "blank" || v == "application/vnd.ogc.se_blank")
        return ExceptionMode::Blank;
    throw ServiceException("InvalidParameterValue", "EXCEPTIONS: '" + p.value("EXCEPTIONS") +
                                                        "' is not offered (XML, INIMAGE, BLANK)");
}

// The empty map: transparent when asked and the format has alpha (PNG), else BGCOLOR.
QImage canvas(const MapRequest& r, const QByteArray& format) {
    const bool transparent = r.transparent && format == "image/png";
    QImage image(r.view.width, r.view.height, transparent ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    image.fill(transparent ? QColor(Qt::transparent) : QColor(r.background));
    return image;
}

// Qt's fonts need a QGuiApplication; without one the message is left out and the frame alone
// shows that something went wrong.
void drawMessage(QImage& image, const QString& text) {
    QPainter painter(&image);
    painter.setPen(QPen(Qt::red, 2));
    painter.drawRect(image.rect().adjusted(1, 1, -1, -1));
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        QFont font;
        font.setPixelSize(12);
        painter.setFont(font);
        constexpr int kMargin = 4;
        painter.drawText(image.rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::TextWordWrap, text);
    }
}

} // namespace

HttpReply getMap(const Catalogue& catalogue, const WmsParameters& p, WmsVersion version,
                 const CancelFlag* cancel) {
    exceptionMode(p);
    const MapRequest r = parseMapRequest(p, version, catalogue);
    const QByteArray format = imageFormat(p, "FORMAT");
    // One layer on a transparent map is the layer's own image, as its tiles are: no compositing
    // to round the colours of faint pixels.
    if (r.layers.size() == 1 && r.transparent && format == "image/png")
        return imageReply(r.layers.front()->render(r.view, r.selection, cancel), format);
    QImage image = canvas(r, format);
    QPainter painter(&image);
    for (const MapLayer* layer : r.layers)
        painter.drawImage(0, 0, layer->render(r.view, r.selection, cancel));
    painter.end();
    return imageReply(image, format);
}

std::optional<HttpReply> exceptionImage(const WmsParameters& p, const ServiceException& e) {
    try {
        const ExceptionMode mode = exceptionMode(p);
        const std::optional<MapRequest> r = parseCanvas(p);
        if (mode == ExceptionMode::Xml || !r)
            return std::nullopt;
        const QByteArray format = imageFormat(p, "FORMAT");
        QImage image = canvas(*r, format);
        if (mode == ExceptionMode::InImage)
            drawMessage(image, e.code() + ": " + QString::fromStdString(e.what()));
        return imageReply(image, format);
    } catch (const ServiceException&) {
        return std::nullopt;
    }
}

} // namespace firebeat::ogc
