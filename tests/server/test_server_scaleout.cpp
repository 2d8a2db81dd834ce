// Several `firebeat serve` processes behind caches: replies carry ETag, Last-Modified and
// Cache-Control from the data version, conditional requests answer 304; two servers on one
// PostGIS database behind nginx (run here as this user, on loopback, with its own files) both show
// a hazard inserted with psql, nginx's cache revalidates with them, and MapProxy seeds tiles from
// the WMS through nginx that equal FireBeat's own XYZ tiles.
#include "fixtures.h"
#include "server_test_client.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace firebeat::test;

namespace {

constexpr double kRadius = 500;
// A point of the sample layers (Kunming) with hazards around it.
constexpr double kSampleLon = 102.75;
constexpr double kSampleLat = 25.05;

struct Reply {
    int status = 0;
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
};

Reply fetch(QNetworkAccessManager& net, const QString& url,
            const QList<QPair<QByteArray, QByteArray>>& headers = {}) {
    QNetworkRequest request{QUrl(url)};
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = net.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(), {}};
    for (const auto& [name, value] : reply->rawHeaderPairs())
        r.headers.insert(name.toLower(), value);
    reply->deleteLater();
    return r;
}

// The value of `name` (lower case) in a raw answer's header.
QByteArray rawHeader(const QByteArray& raw, const QByteArray& name) {
    for (const QByteArray& line : raw.left(raw.indexOf("\r\n\r\n")).split('\n'))
        if (line.toLower().startsWith(name + ":"))
            return line.mid(name.size() + 1).trimmed();
    return {};
}

// The raw answer (status line and headers, then whatever body came) to a GET with extra headers.
// `host`: the Host header sent (default: the server's own address).
QByteArray rawAnswer(const QString& base, const QByteArray& target, const QByteArray& headers,
                     const QByteArray& host = {}) {
    const QUrl url(base);
    QTcpSocket socket;
    socket.connectToHost(url.host(), static_cast<quint16>(url.port()));
    if (!socket.waitForConnected(10000))
        return {};
    socket.write("GET " + target +
                 " HTTP/1.1\r\nHost: " + (host.isEmpty() ? url.authority().toUtf8() : host) + "\r\n" +
                 headers + "Connection: close\r\n\r\n");
    // Read to the end of the header and the body its Content-Length announces (none for a 304):
    // the server keeps the connection open.
    QByteArray data;
    qsizetype headerEnd = -1, length = 0;
    while (headerEnd < 0 || data.size() < headerEnd + 4 + length) {
        if (!socket.waitForReadyRead(60000))
            break;
        data += socket.readAll();
        if (headerEnd < 0 && (headerEnd = data.indexOf("\r\n\r\n")) >= 0)
            length = rawHeader(data, "content-length").toLongLong();
    }
    return data;
}

// An IMF-fixdate ("Mon, 07 Dec 2026 05:43:11 GMT"), invalid when it is not one.
QDateTime httpDate(const QByteArray& text) {
    QDateTime t =
        QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
    t.setTimeZone(QTimeZone::utc());
    return t;
}

// Appends a severity-3 hazard at (lon, lat) through OGR: a connection of this process, not the
// server's.
QString appendHazard(const QString& path, double lon, double lat) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    OGRLayer* layer = ds ? ds->GetLayerByName("hazards") : nullptr;
    if (!layer)
        return "cannot open the hazards of " + path + " for writing";
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("hazard_id", "H_NEW");
    feature.SetField("category", "EBIKE");
    feature.SetField("severity", 3);
    feature.SetField("found_at", "2026-08-01T08:00:00+08:00");
    feature.SetField("source", "inspection");
    OGRPoint point(lon, lat);
    feature.SetGeometry(&point);
    return layer->CreateFeature(&feature) == OGRERR_NONE ? QString() : "CreateFeature failed";
}

// A free loopback port (bound and released: nginx binds it next).
quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The XYZ tile holding (lon, lat) at `zoom`.
QPoint xyzTile(double lon, double lat, int zoom) {
    const double n = std::ldexp(1.0, zoom);
    const double phi = lat * std::numbers::pi / 180;
    return {static_cast<int>((lon + 180) / 360 * n),
            static_cast<int>((1 - std::asinh(std::tan(phi)) / std::numbers::pi) / 2 * n)};
}

QString writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return "cannot write " + path;
    return {};
}

const QString kNginx = QStringLiteral("/usr/sbin/nginx");

// nginx in the foreground, stopped however the test ends: SIGTERM, which its workers follow (a
// QProcess destroyed while running would SIGKILL the master and leave the workers behind).
struct NginxProcess {
    QProcess process;
    ~NginxProcess() {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            process.waitForFinished(30000);
        }
    }
};
const QString kMapProxySeed = QStringLiteral("/usr/bin/mapproxy-seed");

} // namespace

class TestServerScaleOut : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QNetworkAccessManager net_;

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        QVERIFY(dir_.isValid());
    }

    // One server: 200 replies of maps, tiles, capabilities and the JSON API carry the validators
    // (cache.max_age_seconds gives max-age); If-None-Match and If-Modified-Since answer 304 without
    // a body while the data is unchanged; new data, new tags; errors and /status carry none.
    void conditionalRequestsAnswer304() {
        const QString data = dir_.filePath("data.sqlite");
        writeLayers(data.toStdString(), minimalDataset(), "SQLite");
        const QString configPath = dir_.filePath("firebeat.json");
        QCOMPARE(writeFile(configPath, R"({"input": "data.sqlite", "cache": {"max_age_seconds": 30}})"),
                 QString());
        ServerProcess server({"--config", configPath});
        QVERIFY(!server.base().isEmpty());
        const QPoint t = xyzTile(kLoneLon, kLoneLat, 14);
        const QString tile =
            server.base() + QString("/tiles/hazard_heatmap/14/%1/%2.png").arg(t.x()).arg(t.y());
        const QString map = server.base() +
                            "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES="
                            "&CRS=CRS:84&BBOX=102.7,25.0,102.74,25.02&WIDTH=64&HEIGHT=32&FORMAT=image/png";
        const QString capabilities = server.base() + "/wms?SERVICE=WMS&REQUEST=GetCapabilities";
        const QString api = server.base() + "/api/hazards";
        QSet<QByteArray> tags;
        for (const QString& url : {tile, map, capabilities, api}) {
            const Reply first = fetch(net_, url);
            QVERIFY2(first.status == 200, qPrintable(url + ": " + QString::number(first.status)));
            const QByteArray etag = first.headers.value("etag");
            QVERIFY2(etag.size() == 34 && etag.startsWith('"') && etag.endsWith('"'), etag.constData());
            tags.insert(etag);
            QCOMPARE(first.headers.value("cache-control"), QByteArray("public, max-age=30"));
            const QByteArray lastModified = first.headers.value("last-modified");
            const QDateTime modified = httpDate(lastModified);
            QVERIFY2(modified.isValid(), lastModified.constData());
            QVERIFY(std::abs(modified.secsTo(QDateTime::currentDateTimeUtc())) < 600);
            QVERIFY(!first.headers.contains("vary")); // no access control: every caller sees the same
            // The same request again: the same validators.
            QCOMPARE(fetch(net_, url).headers.value("etag"), etag);

            const Reply byTag = fetch(net_, url, {{"If-None-Match", etag}});
            QCOMPARE(byTag.status, 304);
            QVERIFY(byTag.body.isEmpty());
            QCOMPARE(byTag.headers.value("etag"), etag);
            QCOMPARE(byTag.headers.value("cache-control"), QByteArray("public, max-age=30"));
            QCOMPARE(fetch(net_, url, {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
            QCOMPARE(fetch(net_, url, {{"If-None-Match", "*"}}).status, 304);
            QCOMPARE(fetch(net_, url, {{"If-None-Match", "\"other\""}}).status, 200);
            QCOMPARE(fetch(net_, url, {{"If-Modified-Since", lastModified}}).status, 304);
            QCOMPARE(fetch(net_, url, {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}}).status, 200);
            // If-None-Match decides alone when both are sent.
            QCOMPARE(fetch(net_, url, {{"If-None-Match", "\"other\""}, {"If-Modified-Since", lastModified}})
                         .status,
                     200);
        }
        QCOMPARE(tags.size(), 4); // one tag per reply
        // A 304 on the wire: no body, no Content-Length.
        const QByteArray raw =
            rawAnswer(server.base(), QUrl(tile).path().toUtf8(),
                      "If-None-Match: " + fetch(net_, tile).headers.value("etag") + "\r\n");
        QVERIFY2(raw.startsWith("HTTP/1.1 304"), raw.constData());
        QVERIFY2(raw.endsWith("\r\n\r\n") && !raw.toLower().contains("content-length"), raw.constData());

        // Errors and the counters carry no validators.
        const Reply bad = fetch(net_, server.base() + "/tiles/hazard_heatmap/99/0/0.png");
        QVERIFY(bad.status >= 400);
        QVERIFY(!bad.headers.contains("etag") && !bad.headers.contains("cache-control"));
        QVERIFY(!fetch(net_, server.base() + "/status").headers.contains("etag"));

        // New data (another connection adds a hazard at the lone one): the old tag no longer
        // matches. (The tile itself may look the same: the colour scale follows the data, and the
        // densest spot doubling doubles the scale's top too; the density doubles.)
        const Reply before = fetch(net_, tile);
        const double densityBefore = densityAt(net_, server.base(), kLoneLon, kLoneLat);
        QCOMPARE(appendHazard(data, kLoneLon, kLoneLat), QString());
        const Reply changed = fetch(net_, tile, {{"If-None-Match", before.headers.value("etag")}});
        QCOMPARE(changed.status, 200);
        QVERIFY(changed.headers.value("etag") != before.headers.value("etag"));
        QVERIFY(std::abs(densityAt(net_, server.base(), kLoneLon, kLoneLat) - 2 * densityBefore) <
                1e-9 * densityBefore);
        QCOMPARE(fetch(net_, tile, {{"If-None-Match", changed.headers.value("etag")}}).status, 304);

        // Without max_age_seconds: caches keep the replies but revalidate every time.
        ServerProcess plain({"--input", data});
        QVERIFY(!plain.base().isEmpty());
        // With access control the replies vary with the Authorization header, and those for a
        // caller with a token are private (no shared cache keeps them) and tagged apart.
        const QByteArray token = "scale-out-test-token";
        const QString accessPath = dir_.filePath("access.json");
        QCOMPARE(writeFile(
                     accessPath,
                     QJsonDocument(
                         QJsonObject{
                             {"input", "data.sqlite"},
                             {"access",
                              QJsonObject{
                                  {"tokens",
                                   QJsonArray{QString::fromLatin1(
                                       QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex())}},
                                  {"layers", QJsonObject{{"hazards", QJsonObject{{"access", "token"}}}}}}}})
                         .toJson()),
                 QString());
        ServerProcess guarded({"--config", accessPath});
        QVERIFY(!guarded.base().isEmpty());
        const QString guardedCapabilities = guarded.base() + "/wms?SERVICE=WMS&REQUEST=GetCapabilities";
        const Reply anonymous = fetch(net_, guardedCapabilities);
        QCOMPARE(anonymous.headers.value("cache-control"), QByteArray("public, no-cache"));
        QCOMPARE(anonymous.headers.value("vary"), QByteArray("Authorization"));
        const Reply withToken = fetch(net_, guardedCapabilities, {{"Authorization", "Bearer " + token}});
        QCOMPARE(withToken.status, 200);
        QCOMPARE(withToken.headers.value("cache-control"), QByteArray("private, no-cache"));
        QCOMPARE(withToken.headers.value("vary"), QByteArray("Authorization"));
        QVERIFY(withToken.headers.value("etag") != anonymous.headers.value("etag"));
        QVERIFY(withToken.body != anonymous.body); // the private layer is listed
        QCOMPARE(fetch(net_, plain.base() + "/wms?SERVICE=WMS&REQUEST=GetCapabilities")
                     .headers.value("cache-control"),
                 QByteArray("public, no-cache"));
    }

    // Two servers on one PostGIS database behind nginx: the same ETags from both (they come from
    // the data), both used through nginx, whose cache serves its copy while fresh and revalidates
    // it (304) once stale; a hazard inserted with psql shows through both servers and nginx.
    // Then MapProxy seeds the heatmap's tiles from the WMS through nginx, and each equals
    // FireBeat's own XYZ tile.
    void twoServersBehindNginx() {
        FIREBEAT_REQUIRE_TEST_PG(pg);
        FIREBEAT_REQUIRE_TOOL(QFile::exists(kNginx), "nginx is not installed (scripts/install-deps.sh)");
        FIREBEAT_REQUIRE_TOOL(QFile::exists(kMapProxySeed),
                              "mapproxy is not installed (scripts/install-deps.sh)");
        const QString database = QString("firebeat_scale_%1").arg(QCoreApplication::applicationPid());
        QCOMPARE(psql(pgConnInfo(pg, "postgres"), "DROP DATABASE IF EXISTS " + database), QString());
        QCOMPARE(
            psql(pgConnInfo(pg, "postgres"), "CREATE DATABASE " + database + " TEMPLATE firebeat_template"),
            QString());
        constexpr int kMaxAge = 2;
        const QString configPath = dir_.filePath("pg.json");
        QCOMPARE(writeFile(configPath,
                           QJsonDocument(QJsonObject{{"input", "PG:" + pgConnInfo(pg, database)},
                                                     {"cache", QJsonObject{{"max_age_seconds", kMaxAge}}},
                                                     {"heatmap", QJsonObject{{"radius", kRadius}}}})
                               .toJson()),
                 QString());
        ServerProcess a({"--config", configPath});
        ServerProcess b({"--config", configPath});
        QVERIFY(!a.base().isEmpty() && !b.base().isEmpty());

        // nginx in the foreground, on loopback, everything in a temporary directory of its own.
        QTemporaryDir nginxDir;
        const QString d = nginxDir.path();
        const quint16 port = freePort();
        QCOMPARE(writeFile(d + "/nginx.conf", QString(R"(%1
worker_processes 1;
daemon off;
pid %2/nginx.pid;
error_log %2/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path %2/body; proxy_temp_path %2/proxy; fastcgi_temp_path %2/fastcgi;
  uwsgi_temp_path %2/uwsgi; scgi_temp_path %2/scgi;
  proxy_cache_path %2/cache keys_zone=firebeat:10m;
  upstream firebeat { server %3; server %4; keepalive 8; }
  server {
    listen 127.0.0.1:%5;
    location / {
      proxy_pass http://firebeat;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_cache firebeat;
      proxy_cache_revalidate on;
      proxy_cache_lock on;
      add_header X-Cache $upstream_cache_status;
      add_header X-Upstream $upstream_addr;
    }
  }
}
)")
                                                  // As root nginx would hand its workers to nobody.
                                                  .arg(getuid() == 0 ? "user root root;" : "")
                                                  .arg(d)
                                                  .arg(QUrl(a.base()).authority())
                                                  .arg(QUrl(b.base()).authority())
                                                  .arg(port)
                                                  .toUtf8()),
                 QString());
        NginxProcess running;
        QProcess& nginx = running.process;
        nginx.setProcessChannelMode(QProcess::MergedChannels);
        nginx.start(kNginx, {"-p", d, "-e", d + "/error.log", "-c", d + "/nginx.conf"});
        const QString front = QString("http://127.0.0.1:%1").arg(port);
        QVERIFY2(QTest::qWaitFor([&] { return fetch(net_, front + "/status").status == 200; }, 30000),
                 qPrintable(nginx.readAll()));

        // Both servers answer through nginx (round robin).
        QSet<QByteArray> upstreams;
        for (int i = 0; i < 6; ++i)
            upstreams.insert(fetch(net_, front + "/status").headers.value("x-upstream"));
        QCOMPARE(upstreams.size(), 2);
        // Both give the same tag for the same reply, asked with the same Host (as nginx asks; the
        // capabilities name that address, so it is part of every request's identity), and either
        // answers 304 to the other's tag.
        const QPoint t = xyzTile(kSampleLon, kSampleLat, 13);
        const QString tile = QString("/tiles/hazard_heatmap/13/%1/%2.png").arg(t.x()).arg(t.y());
        const QByteArray host = QUrl(front).authority().toUtf8();
        const QByteArray rawA = rawAnswer(a.base(), tile.toUtf8(), {}, host);
        const QByteArray rawB = rawAnswer(b.base(), tile.toUtf8(), {}, host);
        QVERIFY2(rawA.startsWith("HTTP/1.1 200") && rawB.startsWith("HTTP/1.1 200"),
                 rawA.left(300).constData());
        const QByteArray etag = rawHeader(rawA, "etag");
        QVERIFY(!etag.isEmpty());
        QCOMPARE(rawHeader(rawB, "etag"), etag);
        QVERIFY(rawAnswer(b.base(), tile.toUtf8(), "If-None-Match: " + etag + "\r\n", host)
                    .startsWith("HTTP/1.1 304"));
        const Reply fromA = fetch(net_, a.base() + tile);
        QCOMPARE(fromA.status, 200);
        QCOMPARE(fetch(net_, b.base() + tile).body, fromA.body);

        // nginx: a miss, then its copy while fresh, then a revalidation (304 from a server) once stale.
        QCOMPARE(fetch(net_, front + tile).headers.value("x-cache"), QByteArray("MISS"));
        const Reply hit = fetch(net_, front + tile);
        QCOMPARE(hit.headers.value("x-cache"), QByteArray("HIT"));
        QCOMPARE(hit.body, fromA.body);
        QTest::qWait(kMaxAge * 1000 + 1200); // past max-age: the copy is stale
        const Reply revalidated = fetch(net_, front + tile);
        QCOMPARE(revalidated.headers.value("x-cache"), QByteArray("REVALIDATED"));
        QCOMPARE(revalidated.body, fromA.body);

        // A hazard inserted with psql shows through both servers, with new tags, and through nginx
        // once its copy is stale.
        const double before = densityAt(net_, a.base(), kSampleLon, kSampleLat);
        QVERIFY(before > 0);
        QCOMPARE(densityAt(net_, b.base(), kSampleLon, kSampleLat), before);
        const QString insert =
            QString("INSERT INTO hazards (hazard_id, category, severity, found_at, source, geometry) VALUES "
                    "('H_SCALE', 'EBIKE', 3, '2026-08-01T08:00:00+08:00', 'inspection', "
                    "ST_SetSRID(ST_MakePoint(%1, %2), 4326))")
                .arg(kSampleLon, 0, 'g', 17)
                .arg(kSampleLat, 0, 'g', 17);
        QCOMPARE(psql(pgConnInfo(pg, database), insert), QString());
        const double expected = before + peakDensity(4, kRadius);
        for (const QString& base : {a.base(), b.base()}) {
            const double got = densityAt(net_, base, kSampleLon, kSampleLat);
            QVERIFY2(std::abs(got - expected) < 1e-9 * expected,
                     qPrintable(QString("%1: %2 vs %3").arg(base).arg(got).arg(expected)));
            QCOMPARE(serverStatus(net_, base)["data_version"].toString(), QString("2"));
        }
        const QByteArray newEtag = rawHeader(rawAnswer(a.base(), tile.toUtf8(), {}, host), "etag");
        QVERIFY(!newEtag.isEmpty() && newEtag != etag);
        QCOMPARE(rawHeader(rawAnswer(b.base(), tile.toUtf8(), {}, host), "etag"), newEtag);
        QVERIFY(rawAnswer(b.base(), tile.toUtf8(), "If-None-Match: " + etag + "\r\n", host)
                    .startsWith("HTTP/1.1 200"));
        const Reply newA = fetch(net_, a.base() + tile);
        QVERIFY(newA.body != fromA.body);
        QTest::qWait(kMaxAge * 1000 + 1200); // nginx's copy is stale again
        const Reply after = fetch(net_, front + tile);
        QCOMPARE(after.status, 200);
        QCOMPARE(after.headers.value("x-cache"), QByteArray("EXPIRED")); // revalidated: changed
        QCOMPARE(after.body, newA.body);

        // MapProxy seeds the heatmap's tiles from FireBeat's WMS (through nginx) into a file
        // cache, with its default meta tiles (4 x 4 tiles and an 80-pixel buffer per request)
        // and without reducing the colours to a palette of its own.
        const QString mp = dir_.filePath("mapproxy");
        QVERIFY(QDir().mkpath(mp));
        QCOMPARE(writeFile(mp + "/mapproxy.yaml", QString(R"(services:
  demo:
layers:
  - name: heatmap
    title: heatmap
    sources: [heatmap_cache]
caches:
  heatmap_cache:
    grids: [GLOBAL_WEBMERCATOR]
    sources: [firebeat]
    format: image/png
    cache:
      type: file
      directory_layout: tms
      directory: %1/tiles
sources:
  firebeat:
    type: wms
    req:
      url: %2/wms
      layers: hazard_heatmap
      transparent: true
    supported_srs: ['EPSG:3857']
globals:
  image:
    paletted: false
)")
                                                      .arg(mp, front)
                                                      .toUtf8()),
                 QString());
        QCOMPARE(writeFile(mp + "/seed.yaml", QString(R"(seeds:
  heatmap:
    caches: [heatmap_cache]
    grids: [GLOBAL_WEBMERCATOR]
    coverages: [city]
    levels:
      from: 12
      to: 14
coverages:
  city:
    bbox: [%1, %2, %3, %4]
    srs: 'EPSG:4326'
)")
                                                  .arg(kSampleLon - 0.02)
                                                  .arg(kSampleLat - 0.02)
                                                  .arg(kSampleLon + 0.02)
                                                  .arg(kSampleLat + 0.02)
                                                  .toUtf8()),
                 QString());
        QElapsedTimer seeding;
        seeding.start();
        QProcess seeder;
        seeder.setProcessChannelMode(QProcess::MergedChannels);
        seeder.start(kMapProxySeed, {"-f", mp + "/mapproxy.yaml", "-s", mp + "/seed.yaml", "-c", "1"});
        QVERIFY(seeder.waitForFinished(300000));
        const QByteArray seedLog = seeder.readAll();
        qInfo("mapproxy-seed took %.1f s", seeding.elapsed() / 1000.0);
        QVERIFY2(seeder.exitStatus() == QProcess::NormalExit && seeder.exitCode() == 0, seedLog.constData());
        // directory_layout tms: tiles/z/x/y.png, y counted from the grid's origin, the north-west
        // corner in MapProxy's GLOBAL_WEBMERCATOR (as in XYZ).
        int compared = 0, differing = 0, largest = 0;
        QDirIterator files(mp + "/tiles", {"*.png"}, QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString file = files.next();
            const QStringList parts = QDir(mp + "/tiles").relativeFilePath(file).chopped(4).split('/');
            QCOMPARE(parts.size(), 3);
            const int z = parts[0].toInt(), x = parts[1].toInt(), y = parts[2].toInt();
            const QImage seeded = QImage(file).convertToFormat(QImage::Format_ARGB32);
            const Reply own =
                fetch(net_, a.base() + QString("/tiles/hazard_heatmap/%1/%2/%3.png").arg(z).arg(x).arg(y));
            QCOMPARE(own.status, 200);
            const QImage ownImage = QImage::fromData(own.body, "PNG").convertToFormat(QImage::Format_ARGB32);
            QCOMPARE(seeded.size(), QSize(256, 256));
            QCOMPARE(ownImage.size(), QSize(256, 256));
            const int difference = largestDifference(seeded, ownImage, 0, 0);
            largest = std::max(largest, difference);
            differing += difference > 0;
            ++compared;
        }
        qInfo("MapProxy: %d tiles compared, %d not pixel-equal, largest channel difference %d", compared,
              differing, largest);
        QVERIFY2(compared >= 6, seedLog.constData()); // zooms 12-14 over the 4 x 4 km box
        // The meta tiles are drawn as larger GetMaps: pixel centres computed from another corner
        // may differ in the last bit of a coordinate, which can move a colour by one step of the
        // palette (as between a tile and a larger map of FireBeat's own).
        QVERIFY2(largest <= 1, qPrintable(QString::number(largest)));

        nginx.terminate();
        QVERIFY(nginx.waitForFinished(30000));
        // The servers still hold connections to it.
        QCOMPARE(psql(pgConnInfo(pg, "postgres"), "DROP DATABASE " + database + " WITH (FORCE)"), QString());
    }
};

QTEST_MAIN(TestServerScaleOut)
#include "test_server_scaleout.moc"
