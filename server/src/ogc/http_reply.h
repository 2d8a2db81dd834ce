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

HttpReply pngReply(const QImage& image);

} // namespace firebeat::ogc
