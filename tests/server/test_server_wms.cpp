// `firebeat serve` as clients use it: a real server process on 127.0.0.1, WMS 1.3.0 and 1.1.1
// requests and XYZ tiles over HTTP, checked against the OGC rules and a hand computation.
#include "fixtures.h"

#include "firebeat/crs.h"

#include <gdal_priv.h>

#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <numbers>

using namespace firebeat::test;

namespace {

struct Reply {
    int status = 0;
    QString contentType;
    QByteArray body;
};

// Lone hazard H2 of the minimal data set: severity 3 (weight 4), 4-5 km from the others.
constexpr double kLoneLon = 102.72001;
constexpr double kLoneLat = 25.01001;
constexpr double kRadius = 500;
constexpr double kHalfWorld = 20037508.342789244;

// The attributes of the first element named `name` (with `attribute` = `value` when given).
QXmlStreamAttributes findElement(const QByteArray& xml, const QString& name, const QString& attribute = {},
                                 const QString& value = {}) {
    QXmlStreamReader r(xml);
    while (r.readNextStartElement() || !r.atEnd()) {
        if (r.isStartElement() && r.name() == name &&
            (attribute.isEmpty() || r.attributes().value(attribute) == value))
            return r.attributes();
        if (!r.isStartElement())
            r.readNext();
    }
    return {};
}

// Every leaf element's text by name, or {"error": message} when the document is not well-formed.
QMap<QString, QStringList> elementTexts(const QByteArray& xml) {
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

double attr(const QXmlStreamAttributes& a, const char* name) {
    return a.value(QString(name)).toDouble();
}

} // namespace

class TestServerWms : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QProcess server_;
    QString base_;
    QNetworkAccessManager net_;

    // Starts `firebeat serve` on a free port of 127.0.0.1; its base URL once it listens, or empty.
    static QString startServer(QProcess& process, const QStringList& arguments) {
        process.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                      QStringList{"serve", "--listen", "127.0.0.1:0"} + arguments);
        // The server prints its address once it listens (port 0: the system picks a free one).
        QString out;
        while (!out.contains("listening on") && process.waitForReadyRead(120000))
            out += QString::fromUtf8(process.readAllStandardOutput());
        const auto match = QRegularExpression("listening on (http://\\S+)/wms").match(out);
        if (!match.hasMatch())
            qWarning("%s", process.readAllStandardError().constData());
        return match.captured(1);
    }

    Reply get(const QString& pathAndQuery, const QString& base = {}) {
        QNetworkReply* reply =
            net_.get(QNetworkRequest(QUrl((base.isEmpty() ? base_ : base) + pathAndQuery)));
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                reply->header(QNetworkRequest::ContentTypeHeader).toString(), reply->readAll()};
        reply->deleteLater();
        return r;
    }

    Reply wms(const QString& query, const QString& base = {}) { return get("/wms?" + query, base); }

    QString exceptionCode(const QString& query) {
        const Reply r = wms(query);
        if (r.status != 400)
            return "status " + QString::number(r.status);
        return findElement(r.body, "ServiceException").value("code").toString();
    }

    QImage image(const QString& pathAndQuery) {
        const Reply r = get(pathAndQuery);
        if (r.status != 200 || r.contentType != "image/png")
            return {};
        return QImage::fromData(r.body, "PNG").convertToFormat(QImage::Format_ARGB32);
    }

    // The density (hazards/km^2) the server reports at the centre of a 1 x 1 map over `bbox`.
    double densityAt(const QString& crs, double minx, double miny, double maxx, double maxy,
                     const QString& base = {}) {
        const QString bbox = QString("%1,%2,%3,%4")
                                 .arg(minx, 0, 'g', 17)
                                 .arg(miny, 0, 'g', 17)
                                 .arg(maxx, 0, 'g', 17)
                                 .arg(maxy, 0, 'g', 17);
        const Reply r =
            wms("SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo&LAYERS=hazard_heatmap&QUERY_"
                "LAYERS=hazard_heatmap"
                "&STYLES=&CRS=" +
                    crs + "&BBOX=" + bbox + "&WIDTH=1&HEIGHT=1&I=0&J=0&INFO_FORMAT=application/json",
                base);
        return r.status == 200
                   ? QJsonDocument::fromJson(r.body).object().value("density_per_km2").toDouble(-1)
                   : -1;
    }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        writeLayers(dir_.filePath("data.gpkg").toStdString(), minimalDataset());
        base_ = startServer(server_,
                            {"--input", dir_.filePath("data.gpkg"), "--radius", QString::number(kRadius)});
        QVERIFY(!base_.isEmpty());
    }

    void cleanupTestCase() {
        server_.terminate();
        server_.waitForFinished(30000);
    }

    void capabilities130ListsLayerWithLatLonBbox() {
        const Reply r = wms("SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");
        QCOMPARE(r.status, 200);
        const auto texts = elementTexts(r.body);
        QVERIFY2(!texts.contains("error"), qPrintable(texts.value("error").join("")));
        QVERIFY(texts["Name"].contains("hazard_heatmap"));
        QCOMPARE(texts["MaxWidth"], QStringList{"4096"});
        for (const char* crs : {"EPSG:3857", "EPSG:4326", "CRS:84"})
            QVERIFY2(texts["CRS"].contains(crs), crs);
        QCOMPARE(findElement(r.body, "WMS_Capabilities").value("version").toString(), QString("1.3.0"));
        const double west = texts["westBoundLongitude"].value(0).toDouble();
        const double south = texts["southBoundLatitude"].value(0).toDouble();
        // The hazards lie at 102.67-102.72 E, 25.01-25.04 N; the box adds the 500 m radius.
        QVERIFY(west > 102.65 && west < 102.67);
        QVERIFY(south > 25.0 && south < 25.01);
        const auto crs84 = findElement(r.body, "BoundingBox", "CRS", "CRS:84");
        const auto epsg4326 = findElement(r.body, "BoundingBox", "CRS", "EPSG:4326");
        QCOMPARE(attr(crs84, "minx"), west);
        QCOMPARE(attr(epsg4326, "minx"), south); // latitude first in 1.3.0
        QCOMPARE(attr(epsg4326, "miny"), west);
        const auto mercator = findElement(r.body, "BoundingBox", "CRS", "EPSG:3857");
        QVERIFY(attr(mercator, "minx") > 1.14e7 && attr(mercator, "maxy") < 2.9e6);
    }

    void capabilities111ListsLayerWithLonLatBbox() {
        const Reply r = wms("SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.1.1");
        QCOMPARE(r.status, 200);
        QVERIFY(!elementTexts(r.body).contains("error"));
        QCOMPARE(findElement(r.body, "WMT_MS_Capabilities").value("version").toString(), QString("1.1.1"));
        const auto latLon = findElement(r.body, "LatLonBoundingBox");
        const auto epsg4326 = findElement(r.body, "BoundingBox", "SRS", "EPSG:4326");
        QVERIFY(attr(latLon, "minx") > 102.65 && attr(latLon, "minx") < 102.67);
        QCOMPARE(attr(epsg4326, "minx"), attr(latLon, "minx")); // longitude first in 1.1.1
        QCOMPARE(attr(epsg4326, "miny"), attr(latLon, "miny"));
        QVERIFY(elementTexts(r.body)["SRS"].contains("EPSG:3857"));
    }

    void getMapIsTransparentPngOfRequestedSize() {
        const QImage v130 =
            image("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=EPSG:4326"
                  "&BBOX=25.0,102.66,25.05,102.73&WIDTH=300&HEIGHT=200&FORMAT=image/png&TRANSPARENT=TRUE");
        QCOMPARE(v130.size(), QSize(300, 200));
        QCOMPARE(qAlpha(v130.pixel(0, 0)), 0); // nothing there
        int coloured = 0;
        for (int y = 0; y < v130.height(); ++y)
            for (int x = 0; x < v130.width(); ++x)
                coloured += qAlpha(v130.pixel(x, y)) > 0;
        QVERIFY(coloured > 100);
        // The same map in 1.1.1, whose EPSG:4326 is in lon/lat order, and in CRS:84.
        const QImage v111 =
            image("/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&SRS=EPSG:4326"
                  "&BBOX=102.66,25.0,102.73,25.05&WIDTH=300&HEIGHT=200&FORMAT=image/png");
        const QImage crs84 =
            image("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=CRS:84"
                  "&BBOX=102.66,25.0,102.73,25.05&WIDTH=300&HEIGHT=200&FORMAT=image/png");
        QCOMPARE(v111, v130);
        QCOMPARE(crs84, v130);
        const QImage opaque =
            image("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=CRS:84"
                  "&BBOX=102.66,25.0,102.73,25.05&WIDTH=30&HEIGHT=20&FORMAT=image/png&TRANSPARENT=FALSE");
        QCOMPARE(opaque.pixel(0, 0), qRgb(255, 255, 255));
    }

    void clientMistakesAreServiceExceptions_data() {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("code");
        const QString map = "SERVICE=WMS&REQUEST=GetMap&STYLES=&FORMAT=image/png&";
        const QString ok130 = map + "VERSION=1.3.0&LAYERS=hazard_heatmap&CRS=EPSG:3857&";
        QTest::newRow("unknown layer") << ok130 + "LAYERS=roads&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
                                       << "LayerNotDefined";
        QTest::newRow("bad CRS 1.3.0")
            << map + "VERSION=1.3.0&LAYERS=hazard_heatmap&CRS=EPSG:99999&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
            << "InvalidCRS";
        QTest::newRow("bad SRS 1.1.1")
            << map + "VERSION=1.1.1&LAYERS=hazard_heatmap&SRS=EPSG:4543&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
            << "InvalidSRS";
        QTest::newRow("missing WIDTH") << ok130 + "BBOX=0,0,1,1&HEIGHT=10"
                                       << "MissingParameterValue";
        QTest::newRow("missing BBOX") << ok130 + "WIDTH=10&HEIGHT=10"
                                      << "MissingParameterValue";
        QTest::newRow("missing VERSION")
            << map + "LAYERS=hazard_heatmap&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
            << "MissingParameterValue";
        QTest::newRow("missing REQUEST") << "SERVICE=WMS&VERSION=1.3.0"
                                         << "MissingParameterValue";
        QTest::newRow("huge WIDTH") << ok130 + "BBOX=0,0,1,1&WIDTH=100000&HEIGHT=10"
                                    << "InvalidParameterValue";
        QTest::newRow("zero HEIGHT") << ok130 + "BBOX=0,0,1,1&WIDTH=10&HEIGHT=0"
                                     << "InvalidParameterValue";
        QTest::newRow("NaN bbox") << ok130 + "BBOX=0,0,nan,1&WIDTH=10&HEIGHT=10"
                                  << "InvalidParameterValue";
        QTest::newRow("inf bbox") << ok130 + "BBOX=0,0,inf,1&WIDTH=10&HEIGHT=10"
                                  << "InvalidParameterValue";
        QTest::newRow("inverted bbox") << ok130 + "BBOX=1,0,0,1&WIDTH=10&HEIGHT=10"
                                       << "InvalidParameterValue";
        QTest::newRow("three numbers") << ok130 + "BBOX=0,0,1&WIDTH=10&HEIGHT=10"
                                       << "InvalidParameterValue";
        QTest::newRow("huge bbox") << ok130 + "BBOX=-1e12,-1e12,1e12,1e12&WIDTH=10&HEIGHT=10"
                                   << "InvalidParameterValue";
        QTest::newRow("latitude 100")
            << map + "VERSION=1.3.0&LAYERS=hazard_heatmap&CRS=EPSG:4326&BBOX=0,0,100,1&WIDTH=10&HEIGHT=10"
            << "InvalidParameterValue";
        QTest::newRow("format")
            << "SERVICE=WMS&REQUEST=GetMap&STYLES=&FORMAT=image/gif&VERSION=1.3.0&LAYERS=hazard_heatmap"
               "&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
            << "InvalidFormat";
        QTest::newRow("style") << ok130 + "STYLES=fancy&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
                               << "StyleNotDefined";
        QTest::newRow("operation") << "SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphics"
                                   << "OperationNotSupported";
        QTest::newRow("version") << ok130 + "VERSION=2.0&BBOX=0,0,1,1&WIDTH=10&HEIGHT=10"
                                 << "InvalidParameterValue";
        QTest::newRow("feature info pixel")
            << ok130 + "REQUEST=GetFeatureInfo&QUERY_LAYERS=hazard_heatmap&BBOX=0,0,1,1"
                       "&WIDTH=10&HEIGHT=10&I=10&J=0"
            << "InvalidPoint";
    }

    void clientMistakesAreServiceExceptions() {
        QFETCH(QString, query);
        QFETCH(QString, code);
        QCOMPARE(exceptionCode(query), code);
    }

    void tilesOutsideTheMatrixAre404() {
        for (const char* tile :
             {"/tiles/hazard_heatmap/0/1/0.png", "/tiles/hazard_heatmap/25/0/0.png",
              "/tiles/hazard_heatmap/3/-1/0.png", "/tiles/hazard_heatmap/a/b/c.png",
              "/tiles/hazard_heatmap/1/0/99999999999999999999.png", "/tiles/roads/0/0/0.png"})
            QVERIFY2(get(tile).status == 404, tile);
        QCOMPARE(image("/tiles/hazard_heatmap/0/0/0.png").size(), QSize(256, 256));
    }

    // Four XYZ tiles equal the same window of one 512 x 512 GetMap: every pixel is evaluated at
    // its own centre, on one colour scale. The lone hazard sits near the tiles' shared corner.
    void tilesEqualTheSameWindowOfALargerMap() {
        const int zoom = 15;
        const double n = std::ldexp(1.0, zoom);
        const double lat = kLoneLat * std::numbers::pi / 180;
        const double fx = (kLoneLon + 180) / 360 * n;
        const double fy = (1 - std::asinh(std::tan(lat)) / std::numbers::pi) / 2 * n;
        const auto x0 = static_cast<qint64>(std::lround(fx)) - 1;
        const auto y0 = static_cast<qint64>(std::lround(fy)) - 1;
        const double size = 2 * kHalfWorld / n;
        const double minx = -kHalfWorld + static_cast<double>(x0) * size;
        const double maxy = kHalfWorld - static_cast<double>(y0) * size;
        const QImage big =
            image(QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES="
                          "&CRS=EPSG:3857&BBOX=%1,%2,%3,%4&WIDTH=512&HEIGHT=512&FORMAT=image/png")
                      .arg(minx, 0, 'g', 17)
                      .arg(maxy - 2 * size, 0, 'g', 17)
                      .arg(minx + 2 * size, 0, 'g', 17)
                      .arg(maxy, 0, 'g', 17));
        QCOMPARE(big.size(), QSize(512, 512));
        int coloured = 0, differing = 0, largest = 0;
        for (int ty = 0; ty < 2; ++ty)
            for (int tx = 0; tx < 2; ++tx) {
                const QImage tile =
                    image(QString("/tiles/hazard_heatmap/%1/%2/%3.png").arg(zoom).arg(x0 + tx).arg(y0 + ty));
                QCOMPARE(tile.size(), QSize(256, 256));
                for (int y = 0; y < 256; ++y)
                    for (int x = 0; x < 256; ++x) {
                        const QRgb a = tile.pixel(x, y);
                        const QRgb b = big.pixel(tx * 256 + x, ty * 256 + y);
                        coloured += qAlpha(a) > 0;
                        const int d =
                            std::max({std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)),
                                      std::abs(qBlue(a) - qBlue(b)), std::abs(qAlpha(a) - qAlpha(b))});
                        differing += d > 0;
                        largest = std::max(largest, d);
                    }
                QVERIFY2(coloured > 0 || tx + ty < 2, "the hazard's kernel should cover part of every tile");
            }
        // Pixel centres computed from different corners may differ in the last bit of a
        // coordinate, which can move a colour by one step at most.
        QVERIFY2(largest <= 1,
                 qPrintable(QString("largest difference %1 in %2 pixels").arg(largest).arg(differing)));
        QVERIFY(differing < 50);
    }

    // Quartic kernel normalised over the plane: weight x 3 / (pi r^2) x (1 - d^2/r^2)^2, per km^2.
    void densityNearALoneHazardMatchesHandComputation() {
        const double atHazard = 4 * 3 / (std::numbers::pi * kRadius * kRadius) * 1e6;
        const double eps = 1e-7;
        QVERIFY(std::abs(densityAt("CRS:84", kLoneLon - eps, kLoneLat - eps, kLoneLon + eps, kLoneLat + eps) -
                         atHazard) < 1e-6 * atHazard);

        // 200 m east of it (in EPSG:3857 metres), measured in the analysis CRS as the server does.
        const firebeat::CoordinateTransform toMercator("EPSG:4326", "EPSG:3857");
        const firebeat::Point hazard = toMercator.apply(firebeat::Point{kLoneLon, kLoneLat});
        const firebeat::Point pixel{hazard.x + 200, hazard.y};
        const firebeat::CoordinateTransform toLonLat("EPSG:3857", "EPSG:4326");
        const firebeat::CoordinateTransform toAnalysis("EPSG:4326", "EPSG:4543");
        const firebeat::Point a = toAnalysis.apply(toLonLat.apply(pixel));
        const firebeat::Point h = toAnalysis.apply(firebeat::Point{kLoneLon, kLoneLat});
        const double d2 = (a.x - h.x) * (a.x - h.x) + (a.y - h.y) * (a.y - h.y);
        QVERIFY(d2 > 150 * 150 && d2 < 200 * 200); // Web Mercator metres are longer than ground metres
        const double u = 1 - d2 / (kRadius * kRadius);
        const double expected = atHazard * u * u;
        const double got = densityAt("EPSG:3857", pixel.x - 0.5, pixel.y - 0.5, pixel.x + 0.5, pixel.y + 0.5);
        QVERIFY2(std::abs(got - expected) < 1e-6 * expected,
                 qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        // Beyond the radius of every hazard: nothing.
        QCOMPARE(densityAt("EPSG:3857", pixel.x + 2000, pixel.y - 0.5, pixel.x + 2001, pixel.y + 0.5), 0.0);
    }

    // GDAL's WMS driver, as QGIS and gdal_translate use it, reads a map in both versions.
    void gdalReadsTheMap() {
        const QString gdal = QStandardPaths::findExecutable("gdal_translate");
        if (gdal.isEmpty())
            QSKIP("gdal_translate not installed");
        const QStringList urls = {"/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=hazard_heatmap"
                                  "&SRS=EPSG:4326&BBOX=102.66,25.0,102.73,25.05&FORMAT=image/png",
                                  "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap"
                                  "&CRS=EPSG:4326&BBOX=25.0,102.66,25.05,102.73&FORMAT=image/png"};
        QList<QImage> images;
        for (const QString& url : urls) {
            const QString out = dir_.filePath(QString("gdal%1.png").arg(images.size()));
            QProcess p;
            p.start(gdal, {"-q", "-of", "PNG", "-outsize", "140", "100", "WMS:" + base_ + url, out});
            QVERIFY(p.waitForFinished(120000));
            QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
            images.push_back(QImage(out).convertToFormat(QImage::Format_RGB32));
            QCOMPARE(images.back().size(), QSize(140, 100));
        }
        QCOMPARE(images[0], images[1]); // the same place whatever the axis order
        int coloured = 0;
        for (int y = 0; y < 100; ++y)
            for (int x = 0; x < 140; ++x)
                coloured += images[0].pixel(x, y) != qRgb(255, 255, 255);
        QVERIFY(coloured > 10);
    }

    // OWSLib, the Python OGC client, parses the capabilities of both versions and gets a map.
    void owslibParsesCapabilities() {
        const QString script = R"(import sys
from owslib.wms import WebMapService
for v in ("1.3.0", "1.1.1"):
    w = WebMapService(sys.argv[1] + "/wms", version=v)
    l = w["hazard_heatmap"]
    west, south, east, north = l.boundingBoxWGS84
    assert 102.65 < west < 102.67 and 25.0 < south < 25.01, l.boundingBoxWGS84
    assert "EPSG:3857" in l.crsOptions and "EPSG:4326" in l.crsOptions
    img = w.getmap(layers=["hazard_heatmap"], styles=[""], srs="EPSG:4326", bbox=(west, south, east, north),
                   size=(64, 48), format="image/png", transparent=True)
    assert img.read()[:8] == b"\x89PNG\r\n\x1a\n"
print("ok")
)";
        QProcess probe;
        probe.start("/usr/bin/python3", {"-c", "import owslib"});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("python3-owslib not installed (apt install python3-owslib)");
        QProcess p;
        p.start("/usr/bin/python3", {"-c", script, base_});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("ok"));
    }

    // The config file sets the input (relative to it), the radius and the one colour scale.
    void configSetsInputRadiusAndColours() {
        QFile config(dir_.filePath("firebeat.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        const QJsonArray stops{QJsonObject{{"density", 0}, {"colour", "#00000000"}},
                               QJsonObject{{"density", 100}, {"colour", "#ff0000ff"}}};
        const QJsonObject heatmap{{"radius", 1000}, {"colour_stops", stops}};
        config.write(QJsonDocument(QJsonObject{{"input", "data.gpkg"}, {"heatmap", heatmap}}).toJson());
        config.close();
        QProcess other;
        const QString base = startServer(other, {"--config", config.fileName()});
        QVERIFY(!base.isEmpty());
        const double eps = 1e-7;
        const double expected = 4 * 3 / (std::numbers::pi * 1000 * 1000) * 1e6; // 12/pi, 3.82 per km^2
        const double got =
            densityAt("CRS:84", kLoneLon - eps, kLoneLat - eps, kLoneLon + eps, kLoneLat + eps, base);
        QVERIFY2(std::abs(got - expected) < 1e-6 * expected, qPrintable(QString::number(got)));
        const Reply map =
            get(QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES="
                        "&CRS=CRS:84&BBOX=%1,%2,%3,%4&WIDTH=1&HEIGHT=1&FORMAT=image/png")
                    .arg(kLoneLon - eps, 0, 'g', 17)
                    .arg(kLoneLat - eps, 0, 'g', 17)
                    .arg(kLoneLon + eps, 0, 'g', 17)
                    .arg(kLoneLat + eps, 0, 'g', 17),
                base);
        const QImage pixel = QImage::fromData(map.body, "PNG").convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(pixel.pixel(0, 0), qRgba(0, 0, 10, 10)); // 3.82 / 100 of the way to opaque blue
        other.terminate();
        QVERIFY(other.waitForFinished(30000));
    }

    void badStartOptionsExitWithAMessage_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("missing input") << QStringList{"--input", "/nonexistent/data.gpkg"};
        QTest::newRow("listen") << QStringList{"--listen", "localhost"};
        QTest::newRow("config") << QStringList{"--config", "/nonexistent/firebeat.json"};
        QTest::newRow("radius") << QStringList{"--radius", "-5"};
    }

    void badStartOptionsExitWithAMessage() {
        QFETCH(QStringList, arguments);
        QProcess p;
        p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                QStringList{"serve", "--input", dir_.filePath("data.gpkg")} + arguments);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("error"));
    }

    // Clients that hang up while their map is computed must not take the server down.
    void survivesClientsHangingUp() {
        const QUrl url(base_);
        for (int i = 0; i < 16; ++i) {
            QTcpSocket socket;
            socket.connectToHost("127.0.0.1", static_cast<quint16>(url.port()));
            QVERIFY(socket.waitForConnected(30000));
            socket.write(
                "GET /wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=CRS:84"
                "&BBOX=102.6,24.9,102.8,25.1&WIDTH=1024&HEIGHT=1024&FORMAT=image/png HTTP/1.1\r\n"
                "Host: 127.0.0.1\r\n\r\n");
            QVERIFY(socket.waitForBytesWritten(30000));
            socket.abort();
        }
        QCOMPARE(wms("SERVICE=WMS&REQUEST=GetCapabilities").status, 200);
        QCOMPARE(server_.state(), QProcess::Running);
    }
};

QTEST_MAIN(TestServerWms)
#include "test_server_wms.moc"
