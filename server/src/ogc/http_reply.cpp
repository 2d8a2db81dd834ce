#include "http_reply.h"

#include <QBuffer>

namespace firebeat::ogc {

HttpReply imageReply(const QImage& image, const QByteArray& format, int status) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const bool jpeg = format == "image/jpeg";
    constexpr int kJpegQuality = 90;
    image.save(&buffer, jpeg ? "JPEG" : "PNG", jpeg ? kJpegQuality : -1);
    return {status, format, bytes};
}

} // namespace firebeat::ogc
