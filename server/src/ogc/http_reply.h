// What a handler answers, independent of the HTTP server that sends it.
#pragma once

#include <QByteArray>
#include <QImage>

namespace firebeat::ogc {

struct HttpReply {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
};

// `image` encoded as `format`, "image/png" or "image/jpeg" (which drops the alpha channel: draw
// JPEG images opaque), with `status`.
HttpReply imageReply(const QImage& image, const QByteArray& format = "image/png", int status = 200);

} // namespace firebeat::ogc
