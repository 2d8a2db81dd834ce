// What the OGC protocol tests need beyond server_test_support.h: a server process that stops
// itself, image decoding, reading XML answers, WebMercatorQuad tile blocks, Python clients.
#pragma once

#include "server_test_support.h"

#include <QImage>
#include <QMap>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace firebeat::test {

// `firebeat serve --listen 127.0.0.1:0 ARGUMENTS`, stopped when destroyed.
class ServerProcess {
  public:
    explicit ServerProcess(const QStringList& arguments) : base_(startServer(process_, arguments)) {}
    ~ServerProcess() { stopServer(process_); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // "http://127.0.0.1:PORT", empty when the server did not start.
    const QString& base() const { return base_; }
    bool running() const { return process_.state() == QProcess::Running; }

  private:
    QProcess process_;
    QString base_;
};

inline HttpResult httpGet(const QString& url) {
    QNetworkAccessManager net;
    return httpGet(net, url);
}

// The image of a 200 answer of `format` ("image/png", "image/jpeg") as ARGB32; null otherwise.
inline QImage decodedImage(const HttpResult& r, const QString& format = "image/png") {
    if (r.status != 200 || r.contentType != format)
        return {};
    return QImage::fromData(r.body, format == "image/png" ? "PNG" : "JPEG")
        .convertToFormat(QImage::Format_ARGB32);
}

// The attributes of the first element named `name` (with `attribute` = `value` when given) after
// the first text `after` (e.g. a layer's name) when given.
inline QXmlStreamAttributes findElement(const QByteArray& xml, const QString& name,
                                        const QString& attribute = {}, const QString& value = {},
                                        const QString& after = {}) {
    QXmlStreamReader r(xml);
    bool passed = after.isEmpty();
    while (!r.atEnd()) {
        r.readNext();
        passed = passed || (r.isCharacters() && r.text() == after);
        if (passed && r.isStartElement() && r.name() == name &&
            (attribute.isEmpty() || r.attributes().value(attribute) == value))
            return r.attributes();
    }
    return {};
}

// Every leaf element's text by name, or {"error": message} when the document is not well-formed.
inline QMap<QString, QStringList> elementTexts(const QByteArray& xml) {
    QMap<QString, QStringList> out;
    QXmlStreamReader r(xml);
    QString text;
    bool leaf = false;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement()) {
            text.clear();
            leaf = true;
        } else if (r.isCharacters()) {
            text += r.text();
        } else if (r.isEndElement()) {
            if (leaf)
                out[r.name().toString()].push_back(text.trimmed());
            leaf = false;
        }
    }
    return r.hasError() ? QMap<QString, QStringList>{{"error", {r.errorString()}}} : out;
}

inline double attr(const QXmlStreamAttributes& a, const char* name) {
    return a.value(QString(name)).toDouble();
}

inline constexpr double kWebMercatorHalfWorld = 20037508.342789244;

// The 2 x 2 block of WebMercatorQuad tiles at `zoom` whose shared corner is nearest (lon, lat),
// with its EPSG:3857 box.
struct TileBlock {
    qint64 col0 = 0, row0 = 0;
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
};

inline TileBlock tileBlockAround(double lon, double lat, int zoom) {
    const double n = std::ldexp(1.0, zoom);
    const double phi = lat * std::numbers::pi / 180;
    TileBlock b;
    b.col0 = static_cast<qint64>(std::lround((lon + 180) / 360 * n)) - 1;
    b.row0 = static_cast<qint64>(std::lround((1 - std::asinh(std::tan(phi)) / std::numbers::pi) / 2 * n)) - 1;
    const double size = 2 * kWebMercatorHalfWorld / n;
    b.minX = -kWebMercatorHalfWorld + static_cast<double>(b.col0) * size;
    b.maxY = kWebMercatorHalfWorld - static_cast<double>(b.row0) * size;
    b.maxX = b.minX + 2 * size;
    b.minY = b.maxY - 2 * size;
    return b;
}

// The largest difference of a colour channel between `part` and the same-sized window of `whole`
// at (left, top), counting fully transparent pixels as equal whatever their colour.
inline int largestDifference(const QImage& part, const QImage& whole, int left, int top) {
    int largest = 0;
    for (int y = 0; y < part.height(); ++y)
        for (int x = 0; x < part.width(); ++x) {
            const QRgb a = qPremultiply(part.pixel(x, y));
            const QRgb b = qPremultiply(whole.pixel(left + x, top + y));
            largest = std::max({largest, std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                std::abs(qBlue(a) - qBlue(b)), std::abs(qAlpha(a) - qAlpha(b))});
        }
    return largest;
}

// Debian's Python (/usr/bin/python3, not another one on PATH) runs the Python clients.
inline const QString kSystemPython = QStringLiteral("/usr/bin/python3");

inline bool systemPythonHas(const QString& module) {
    QProcess probe;
    probe.start(kSystemPython, {"-c", "import " + module});
    return probe.waitForFinished(120000) && probe.exitCode() == 0;
}

} // namespace firebeat::test
