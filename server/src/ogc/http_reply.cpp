#include "http_reply.h"

#include <QBuffer>

namespace firebeat::ogc {

HttpReply imageReply(const QImage& image, const QByteArray& format, int status) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const bool jpeg = format == "image/jpeg";
    constexpr int kJpegQuality = 90;
    // Qt turns a PNG quality q into zlib level (100 - q) * 9 / 91: 89 is level 1, the fastest
    // that compresses (a tile's encoding took longer than computing its heatmap at the default).
    constexpr int kPngQuality = 89;
    image.save(&buffer, jpeg ? "JPEG" : "PNG", jpeg ? kJpegQuality : kPngQuality);
    return {status, format, bytes};
}

} // namespace firebeat::ogc
