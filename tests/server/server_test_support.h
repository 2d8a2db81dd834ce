// Running `firebeat serve` (FIREBEAT_CLI, set by ctest) from a test and talking HTTP to it, and
// the PostGIS server of scripts/postgis-test-server.sh (FIREBEAT_TEST_PG).
#pragma once

#include "require_tool.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <numbers>

namespace firebeat::test {

// Starts `firebeat serve --listen 127.0.0.1:0 ARGUMENTS`; its base URL (http://127.0.0.1:PORT)
// once it listens, or empty (with its stderr as a warning) when it does not.
inline QString startServer(QProcess& process, const QStringList& arguments) {
    process.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                  QStringList{"serve", "--listen", "127.0.0.1:0"} + arguments);
    QString out;
    while (!out.contains("listening on") && process.waitForReadyRead(180000))
        out += QString::fromUtf8(process.readAllStandardOutput());
    const auto match = QRegularExpression("listening on (http://\\S+)/wms").match(out);
    if (!match.hasMatch())
        qWarning("%s", process.readAllStandardError().constData());
    return match.captured(1);
}

// The named layers of a WMS capabilities document (a Name directly inside a Layer).
inline QStringList capabilityLayers(const QByteArray& xml) {
    QStringList names;
    QStringList path;
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement()) {
            if (r.name() == QStringLiteral("Name") && path.endsWith("Layer"))
                names.push_back(r.readElementText());
            else
                path.push_back(r.name().toString());
        } else if (r.isEndElement()) {
            path.removeLast();
        }
    }
    return names;
}

inline void stopServer(QProcess& process) {
    process.terminate();
    process.waitForFinished(30000);
}

struct HttpResult {
    int status = 0;
    QString contentType;
    QByteArray body;
};

inline HttpResult httpGet(QNetworkAccessManager& net, const QString& url) {
    QNetworkReply* reply = net.get(QNetworkRequest(QUrl(url)));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                 reply->header(QNetworkRequest::ContentTypeHeader).toString(), reply->readAll()};
    reply->deleteLater();
    return r;
}

// The server's counters (GET /status).
inline QJsonObject serverStatus(QNetworkAccessManager& net, const QString& base) {
    return QJsonDocument::fromJson(httpGet(net, base + "/status").body).object();
}

inline qint64 cacheCounter(QNetworkAccessManager& net, const QString& base, const char* name) {
    return serverStatus(net, base)["cache"].toObject()[name].toInteger(-1);
}

// The heatmap density (hazards/km^2) the server reports at (lon, lat): the one pixel of a tiny
// map centred there; -1 when the request fails.
inline double densityAt(QNetworkAccessManager& net, const QString& base, double lon, double lat) {
    const double eps = 1e-7;
    const QString bbox = QString("%1,%2,%3,%4")
                             .arg(lon - eps, 0, 'g', 17)
                             .arg(lat - eps, 0, 'g', 17)
                             .arg(lon + eps, 0, 'g', 17)
                             .arg(lat + eps, 0, 'g', 17);
    const HttpResult r = httpGet(net, base +
                                          "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo"
                                          "&LAYERS=hazard_heatmap&QUERY_LAYERS=hazard_heatmap&STYLES="
                                          "&CRS=CRS:84&BBOX=" +
                                          bbox + "&WIDTH=1&HEIGHT=1&I=0&J=0&INFO_FORMAT=application/json");
    return r.status == 200 ? QJsonDocument::fromJson(r.body)
                                 .object()["features"][0]["properties"]["density_per_km2"]
                                 .toDouble(-1)
                           : -1;
}

// What one hazard of `weight` adds to the density at its own position: the quartic kernel's
// peak, weight x 3 / (pi r^2), per km^2.
inline double peakDensity(double weight, double radiusMetres) {
    return weight * 3 / (std::numbers::pi * radiusMetres * radiusMetres) * 1e6;
}

// libpq connection string of FIREBEAT_TEST_PG ("PG:host=... dbname=firebeat") with another
// database, for psql.
inline QString pgConnInfo(const QString& pg, const QString& database) {
    QString conninfo = pg.mid(3);
    conninfo.replace(QRegularExpression("dbname=\\S+"), "dbname=" + database);
    return conninfo;
}

// Runs one SQL statement with psql; its stderr (empty when it succeeded).
inline QString psql(const QString& conninfo, const QString& sql) {
    QProcess p;
    p.start("psql", {"-X", "-q", "-v", "ON_ERROR_STOP=1", conninfo, "-c", sql});
    if (!p.waitForFinished(120000))
        return "psql did not finish";
    const QString err = QString::fromUtf8(p.readAllStandardError());
    return p.exitCode() == 0 ? QString() : err.isEmpty() ? "psql failed" : err;
}

} // namespace firebeat::test

// The PostGIS tests need scripts/postgis-test-server.sh's server (run-tests.sh starts it): without
// FIREBEAT_TEST_PG they fail on CI (CI=true) and are skipped elsewhere.
#define FIREBEAT_REQUIRE_TEST_PG(pg)                                                                         \
    const QString pg = qEnvironmentVariable("FIREBEAT_TEST_PG");                                             \
    FIREBEAT_REQUIRE_TOOL(!pg.isEmpty(),                                                                     \
                          "FIREBEAT_TEST_PG is not set: start the PostGIS test server with "                 \
                          "eval \"$(scripts/postgis-test-server.sh start)\" (run-tests.sh does)")
