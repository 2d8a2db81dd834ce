#include "http_reply.h"

#include <QBuffer>

namespace firebeat::ogc {

HttpReply pngReply(const QImage& image) {
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return {200, "image/png", png};
}

} // namespace firebeat::ogc
