// `firebeat serve` as WMTS clients use it: WMTS 1.0.0 in KVP and RESTful encodings on
// GoogleMapsCompatible, checked against the standard's scale set, the XYZ tiles and GetMap,
// hand-computed densities under dimensions, OWS exception codes, OWSLib and GDAL's WMTS driver.
#include "fixtures.h"
#include "require_tool.h"
#include "server_test_client.h"

#include <gdal_priv.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <memory>
#include <numbers>

using namespace firebeat::test;

namespace {

constexpr double kRadius = 500;
const double kAtLoneHazard = 4 * 3 / (std::numbers::pi * kRadius * kRadius) * 1e6;

const QString kKvp = "/wmts?SERVICE=WMTS&VERSION=1.0.0&";
const QString kTileKvp = kKvp + "REQUEST=GetTile&LAYER=hazard_heatmap&STYLE=default&FORMAT=image/png"
                                "&TILEMATRIXSET=GoogleMapsCompatible&";

// The tile and pixel holding (lon, lat) at `zoom`.
struct TilePixel {
    qint64 row = 0, col = 0;
    int i = 0, j = 0;
};

TilePixel tilePixel(double lon, double lat, int zoom) {
    const double n = std::ldexp(1.0, zoom);
    const double phi = lat * std::numbers::pi / 180;
    const double x = (lon + 180) / 360 * n;
    const double y = (1 - std::asinh(std::tan(phi)) / std::numbers::pi) / 2 * n;
    TilePixel t{static_cast<qint64>(y), static_cast<qint64>(x), 0, 0};
    t.i = static_cast<int>((x - static_cast<double>(t.col)) * 256);
    t.j = static_cast<int>((y - static_cast<double>(t.row)) * 256);
    return t;
}

QString tilePath(int zoom, qint64 row, qint64 col) {
    return QString("/wmts/hazard_heatmap/default/GoogleMapsCompatible/%1/%2/%3").arg(zoom).arg(row).arg(col);
}

} // namespace

class TestServerWmts : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;

    HttpResult get(const QString& pathAndQuery) { return httpGet(server_->base() + pathAndQuery); }

    // The heatmap's density at the pixel holding the lone hazard at zoom 22 (3.5 cm pixels),
    // through KVP GetFeatureInfo with `extra` parameters; -1 when the server refused.
    double densityAtLoneHazard(const QString& extra) {
        const TilePixel t = tilePixel(kLoneLon, kLoneLat, 22);
        const HttpResult r =
            get(kKvp +
                "REQUEST=GetFeatureInfo&LAYER=hazard_heatmap&STYLE=default&FORMAT=image/png"
                "&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=22&INFOFORMAT=application/json" +
                QString("&TILEROW=%1&TILECOL=%2&I=%3&J=%4").arg(t.row).arg(t.col).arg(t.i).arg(t.j) + extra);
        return r.status == 200 ? QJsonDocument::fromJson(r.body)
                                     .object()["features"][0]["properties"]["density_per_km2"]
                                     .toDouble(-1)
                               : -1;
    }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        writeLayers(dir_.filePath("data.gpkg").toStdString(), minimalDataset());
        server_ = std::make_unique<ServerProcess>(
            QStringList{"--input", dir_.filePath("data.gpkg"), "--radius", QString::number(kRadius)});
        QVERIFY(!server_->base().isEmpty());
    }

    void cleanupTestCase() { server_.reset(); }

    void capabilitiesGiveTheWellKnownScaleSet() {
        const HttpResult kvp = get(kKvp + "REQUEST=GetCapabilities");
        const HttpResult rest = get("/wmts/1.0.0/WMTSCapabilities.xml");
        QCOMPARE(kvp.status, 200);
        QCOMPARE(rest.body, kvp.body);
        const auto texts = elementTexts(kvp.body);
        QVERIFY2(!texts.contains("error"), qPrintable(texts.value("error").join("")));
        QVERIFY(texts["Identifier"].contains("hazard_heatmap"));
        QCOMPARE(texts["ServiceTypeVersion"], QStringList{"1.0.0"});
        QCOMPARE(texts["WellKnownScaleSet"], QStringList{"urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible"});
        // WMTS 1.0.0 Annex E.4: 559082264.0287178 at zoom 0 (the equator's 2 pi 6378137 m over 256
        // pixels of 0.28 mm), halving at each zoom; matrices 2^z tiles wide.
        // GoogleMapsCompatible comes first, CGCS2000's 20 levels after it.
        QCOMPARE(texts["ScaleDenominator"].size(), 23 + 20);
        const QStringList scales = texts["ScaleDenominator"].mid(0, 23);
        QCOMPARE(scales.size(), 23);
        const double zoom0 = 2 * std::numbers::pi * 6378137 / 256 / 0.00028;
        for (int z = 0; z < scales.size(); ++z)
            QVERIFY2(std::abs(scales[z].toDouble() - zoom0 / std::ldexp(1.0, z)) < 1e-9 * zoom0,
                     qPrintable(scales[z]));
        QCOMPARE(texts["MatrixWidth"][22], QString::number(1 << 22));
        QCOMPARE(texts["TopLeftCorner"].front(), QString("-20037508.342789244 20037508.342789244"));
        const auto resource = findElement(kvp.body, "ResourceURL", "resourceType", "tile");
        QCOMPARE(resource.value("template").toString(),
                 server_->base() +
                     "/wmts/hazard_heatmap/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png");
        QVERIFY(texts["Default"].contains("all")); // the status dimension's default
        QVERIFY(texts["Identifier"].contains("time"));
        QVERIFY(texts["InfoFormat"].contains("text/html"));
    }

    // A tile is the same PNG whichever way it is asked for (KVP, REST, XYZ), and the same
    // dimensions select the same hazards in each.
    void encodingsGiveTheSameTile() {
        const TilePixel t = tilePixel(kLoneLon, kLoneLat, 15);
        const QString at = QString("TILEMATRIX=15&TILEROW=%1&TILECOL=%2").arg(t.row).arg(t.col);
        const HttpResult kvp = get(kTileKvp + at);
        QCOMPARE(kvp.status, 200);
        QCOMPARE(kvp.contentType, QString("image/png"));
        QCOMPARE(get(tilePath(15, t.row, t.col) + ".png").body, kvp.body);
        QCOMPARE(get(QString("/tiles/hazard_heatmap/15/%1/%2.png").arg(t.col).arg(t.row)).body, kvp.body);
        QVERIFY(qAlpha(decodedImage(kvp).pixel(t.i, t.j)) > 0);
        // June has no hazard here: empty, in every encoding.
        const HttpResult june = get(kTileKvp + at + "&TIME=2026-06-01/2026-06-30");
        const QImage empty = decodedImage(june);
        QCOMPARE(empty.size(), QSize(256, 256));
        QCOMPARE(qAlpha(empty.pixel(t.i, t.j)), 0);
        QCOMPARE(get(tilePath(15, t.row, t.col) + ".png?time=2026-06-01/2026-06-30").body, june.body);
        QCOMPARE(get(QString("/tiles/hazard_heatmap/15/%1/%2.png?time=2026-06-01/2026-06-30")
                         .arg(t.col)
                         .arg(t.row))
                     .body,
                 june.body);
    }

    // Four WMTS tiles equal the same window of one 512 x 512 GetMap.
    void tilesEqualTheSameWindowOfALargerMap() {
        const int zoom = 15;
        const TileBlock block = tileBlockAround(kLoneLon, kLoneLat, zoom);
        const QImage big = decodedImage(get(
            QString(
                "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=EPSG:3857"
                "&FORMAT=image/png&TRANSPARENT=TRUE&WIDTH=512&HEIGHT=512&BBOX=%1,%2,%3,%4")
                .arg(block.minX, 0, 'g', 17)
                .arg(block.minY, 0, 'g', 17)
                .arg(block.maxX, 0, 'g', 17)
                .arg(block.maxY, 0, 'g', 17)));
        QCOMPARE(big.size(), QSize(512, 512));
        for (int ty = 0; ty < 2; ++ty)
            for (int tx = 0; tx < 2; ++tx) {
                const QImage tile =
                    decodedImage(get(tilePath(zoom, block.row0 + ty, block.col0 + tx) + ".png"));
                QCOMPARE(tile.size(), QSize(256, 256));
                QVERIFY(largestDifference(tile, big, tx * 256, ty * 256) <= 1);
            }
    }

    // At the lone hazard the density is its kernel's peak when the dimensions select it, else 0.
    void dimensionsSelectHazards_data() {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("selected");
        QTest::newRow("defaults") << "" << true;
        QTest::newRow("May") << "&TIME=2026-05-01/2026-05-31" << true;
        QTest::newRow("June") << "&TIME=2026-06-01/2026-06-30" << false;
        QTest::newRow("severity 3") << "&SEVERITY=3" << true;
        QTest::newRow("severity 1,2") << "&SEVERITY=1,2" << false;
        QTest::newRow("rectified") << "&STATUS=rectified" << false;
        QTest::newRow("FIRE_LANE") << "&CATEGORY=FIRE_LANE" << true;
        QTest::newRow("EBIKE") << "&CATEGORY=EBIKE" << false;
    }

    void dimensionsSelectHazards() {
        QFETCH(QString, filter);
        QFETCH(bool, selected);
        const double d = densityAtLoneHazard(filter);
        QVERIFY2(std::abs(d - (selected ? kAtLoneHazard : 0)) <= 1e-6 * kAtLoneHazard,
                 qPrintable(QString::number(d)));
    }

    void featureInfoInEveryFormat() {
        const TilePixel t = tilePixel(kLoneLon, kLoneLat, 22);
        const QString rest = tilePath(22, t.row, t.col) + QString("/%1/%2.").arg(t.j).arg(t.i);
        const HttpResult json = get(rest + "json");
        QCOMPARE(json.contentType, QString("application/json"));
        const double d = QJsonDocument::fromJson(json.body)
                             .object()["features"][0]["properties"]["density_per_km2"]
                             .toDouble(-1);
        QVERIFY(std::abs(d - kAtLoneHazard) < 1e-6 * kAtLoneHazard);
        QCOMPARE(densityAtLoneHazard({}), d);
        QVERIFY(get(rest + "txt").body.contains("hazard_heatmap density_per_km2 = "));
        QVERIFY(get(rest + "html").body.contains("<th>density_per_km2</th>"));
    }

    void clientMistakesAreOwsExceptions_data() {
        QTest::addColumn<QString>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("locator");
        const QString tile = kTileKvp + "TILEMATRIX=1&TILEROW=0&TILECOL=0";
        const QString info = kKvp +
                             "REQUEST=GetFeatureInfo&LAYER=hazard_heatmap&STYLE=default&FORMAT=image/png"
                             "&TILEMATRIXSET=GoogleMapsCompatible&TILEMATRIX=1&TILEROW=0&TILECOL=0"
                             "&INFOFORMAT=application/json&";
        QTest::newRow("no service") << "/wmts?REQUEST=GetCapabilities" << 400 << "MissingParameterValue"
                                    << "SERVICE";
        QTest::newRow("no request") << "/wmts?SERVICE=WMTS" << 400 << "MissingParameterValue"
                                    << "REQUEST";
        QTest::newRow("operation") << kKvp + "REQUEST=GetMap" << 400 << "OperationNotSupported"
                                   << "REQUEST";
        QTest::newRow("accept versions") << "/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&ACCEPTVERSIONS=2.0.0"
                                         << 400 << "VersionNegotiationFailed"
                                         << "ACCEPTVERSIONS";
        QTest::newRow("version") << tile + "&VERSION=0.9" << 400 << "InvalidParameterValue"
                                 << "VERSION";
        QTest::newRow("no layer") << kKvp + "REQUEST=GetTile&STYLE=default" << 400 << "MissingParameterValue"
                                  << "LAYER";
        QTest::newRow("layer") << tile + "&LAYER=roads" << 400 << "InvalidParameterValue"
                               << "LAYER";
        QTest::newRow("style") << tile + "&STYLE=fancy" << 400 << "InvalidParameterValue"
                               << "STYLE";
        QTest::newRow("format") << tile + "&FORMAT=image/gif" << 400 << "InvalidParameterValue"
                                << "FORMAT";
        QTest::newRow("matrix set") << tile + "&TILEMATRIXSET=EPSG:4326" << 400 << "InvalidParameterValue"
                                    << "TILEMATRIXSET";
        QTest::newRow("matrix 23") << tile + "&TILEMATRIX=23" << 400 << "InvalidParameterValue"
                                   << "TILEMATRIX";
        QTest::newRow("row") << tile + "&TILEROW=2" << 400 << "TileOutOfRange"
                             << "TILEROW";
        QTest::newRow("column") << tile + "&TILECOL=-1" << 400 << "TileOutOfRange"
                                << "TILECOL";
        QTest::newRow("row text") << tile + "&TILEROW=x" << 400 << "InvalidParameterValue"
                                  << "TILEROW";
        QTest::newRow("time") << tile + "&TIME=2026-02-30" << 400 << "InvalidParameterValue"
                              << "time";
        // Outside the extent the layer advertises (2026-03-01/2026-07-01; severities 1, 2, 3): WMTS
        // 1.0.0 has no InvalidDimensionValue, so its InvalidParameterValue naming the dimension.
        QTest::newRow("time before the data") << tile + "&TIME=1800-01-01" << 400 << "InvalidParameterValue"
                                              << "time";
        QTest::newRow("time after the data")
            << tile + "&TIME=2026-08-01/2026-12-31" << 400 << "InvalidParameterValue"
            << "time";
        QTest::newRow("severity outside") << tile + "&SEVERITY=0" << 400 << "InvalidParameterValue"
                                          << "severity";
        QTest::newRow("REST time outside")
            << "/wmts/hazard_heatmap/default/GoogleMapsCompatible/0/0/0.png?time=2030-01-01" << 400
            << "InvalidParameterValue"
            << "time";
        QTest::newRow("severity SQL") << tile + "&SEVERITY=3)%20OR%201=1--" << 400 << "InvalidParameterValue"
                                      << "severity";
        QTest::newRow("I") << info + "I=256&J=0" << 400 << "PointIJOutOfRange"
                           << "I";
        QTest::newRow("J") << info + "I=0&J=-3" << 400 << "PointIJOutOfRange"
                           << "J";
        QTest::newRow("info format") << info + "I=0&J=0&INFOFORMAT=image/png" << 400
                                     << "InvalidParameterValue"
                                     << "INFOFORMAT";
        QTest::newRow("REST layer") << "/wmts/roads/default/GoogleMapsCompatible/0/0/0.png" << 400
                                    << "InvalidParameterValue"
                                    << "LAYER";
        QTest::newRow("REST row") << "/wmts/hazard_heatmap/default/GoogleMapsCompatible/0/1/0.png" << 400
                                  << "TileOutOfRange"
                                  << "TILEROW";
        QTest::newRow("REST time") << "/wmts/hazard_heatmap/default/GoogleMapsCompatible/0/0/0.png?time=never"
                                   << 400 << "InvalidParameterValue"
                                   << "time";
    }

    void clientMistakesAreOwsExceptions() {
        QFETCH(QString, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, locator);
        const HttpResult r = get(request);
        QCOMPARE(r.status, status);
        const auto exception = findElement(r.body, "Exception");
        QCOMPARE(exception.value("exceptionCode").toString(), code);
        QCOMPARE(exception.value("locator").toString(), locator);
    }

    void unknownPathsAre404() {
        for (const char* path : {"/wmts/hazard_heatmap/default/GoogleMapsCompatible/0/0.png",
                                 "/wmts/1.0.0/Capabilities.xml", "/wmts/hazard_heatmap/default/x/0/0/0.gif"})
            QVERIFY2(get(path).status == 404, path);
    }

    // OWSLib parses the capabilities and fetches tiles and feature info.
    void owslibReadsTheService() {
        FIREBEAT_REQUIRE_TOOL(systemPythonHas("owslib"),
                              "python3-owslib not installed (apt install python3-owslib)");
        const TilePixel t = tilePixel(kLoneLon, kLoneLat, 15);
        const QString script = R"(import sys
from owslib.wmts import WebMapTileService
w = WebMapTileService(sys.argv[1] + "/wmts")
assert "hazard_heatmap" in w.contents, list(w.contents)
matrices = w.tilematrixsets["GoogleMapsCompatible"].tilematrix
assert len(matrices) == 23 and matrices["15"].matrixwidth == 2 ** 15
layer = w.contents["hazard_heatmap"]
assert "GoogleMapsCompatible" in layer.tilematrixsetlinks
tile = w.gettile(layer="hazard_heatmap", tilematrixset="GoogleMapsCompatible", tilematrix="15",
                 row=int(sys.argv[2]), column=int(sys.argv[3]), format="image/png")
sys.stdout.buffer.write(tile.read())
)";
        QProcess p;
        p.start(kSystemPython,
                {"-c", script, server_->base(), QString::number(t.row), QString::number(t.col)});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(p.readAllStandardOutput(), get(tilePath(15, t.row, t.col) + ".png").body);
    }

    // GDAL's WMTS driver reads a 2 x 2 tile window at zoom 15 (nearest neighbour, the zoom's own
    // resolution): pixel for pixel the XYZ tiles.
    // CGCS2000: the national lon/lat grid on EPSG:4490 (Tianditu's "c" set): top left (-180, 90)
    // in EPSG:4490's latitude-first order, level 1 = 2 x 1 tiles of 180 degrees, each level
    // halving the resolution: scale 279541132.0143589 at level 1 (180 / 256 degrees a pixel, a
    // degree being 2 pi 6378137 / 360 m, 0.28 mm pixels), offered for every layer.
    void cgcs2000MatrixSetIsTheNationalGrid() {
        const QByteArray caps = get(kKvp + "REQUEST=GetCapabilities").body;
        QXmlStreamReader r(caps);
        QStringList sets, links, scales, tops, widths, heights, path;
        bool inCgcs = false;
        while (!r.atEnd()) {
            r.readNext();
            if (r.isEndElement())
                path.removeLast();
            if (!r.isStartElement())
                continue;
            const QString name = r.name().toString();
            const QString parent = path.isEmpty() ? QString() : path.back();
            // Text elements are read whole (their end too): only the others enter the path.
            if (name == "TileMatrixSet" && parent == "TileMatrixSetLink") {
                links.push_back(r.readElementText());
            } else if (name == "Identifier" && parent == "TileMatrixSet") {
                sets.push_back(r.readElementText());
                inCgcs = sets.back() == "CGCS2000";
            } else if (inCgcs && parent == "TileMatrixSet" && name == "SupportedCRS") {
                QCOMPARE(r.readElementText(), QString("urn:ogc:def:crs:EPSG::4490"));
            } else if (inCgcs && parent == "TileMatrix") {
                const QString text = r.readElementText();
                if (name == "ScaleDenominator")
                    scales.push_back(text);
                else if (name == "TopLeftCorner")
                    tops.push_back(text);
                else if (name == "MatrixWidth")
                    widths.push_back(text);
                else if (name == "MatrixHeight")
                    heights.push_back(text);
            } else {
                path.push_back(name);
            }
        }
        QVERIFY2(!r.hasError(), qPrintable(r.errorString()));
        QVERIFY2(sets.contains("CGCS2000"), qPrintable(sets.join(',')));
        QCOMPARE(scales.size(), 20);
        const double level1 = 2 * std::numbers::pi * 6378137 / 360 * (180.0 / 256) / 0.00028;
        QVERIFY(std::abs(level1 - 279541132.0143589) < 1e-3);
        for (int z = 1; z <= 20; ++z) {
            const auto k = static_cast<qsizetype>(z - 1);
            QVERIFY2(std::abs(scales[k].toDouble() - level1 / std::ldexp(1.0, z - 1)) < 1e-9 * level1,
                     qPrintable(scales[k]));
            QCOMPARE(tops[k], QString("90 -180"));
            QCOMPARE(widths[k].toLongLong(), qint64{1} << z);
            QCOMPARE(heights[k].toLongLong(), qint64{1} << (z - 1));
        }
        QCOMPARE(widths.front(), QString("2"));
        QCOMPARE(heights.front(), QString("1"));
        QVERIFY(links.contains("CGCS2000") && links.contains("GoogleMapsCompatible"));
        // Level 0 and rows past the matrix are not tiles.
        QCOMPARE(get("/wmts/hazard_heatmap/default/CGCS2000/0/0/0.png").status, 400);
        QCOMPARE(get("/wmts/hazard_heatmap/default/CGCS2000/1/1/0.png").status, 400);
        QCOMPARE(get("/wmts/hazard_heatmap/default/CGCS2000/1/0/1.png").status, 200);
    }

    // A CGCS2000 tile, by KVP and REST, equals the same window of a WMS GetMap in EPSG:4490.
    void cgcs2000TileEqualsGetMap() {
        const int level = 15;
        const double span = 180 / std::ldexp(1.0, level - 1);
        const auto col = static_cast<qint64>(std::floor((kLoneLon + 180) / span));
        const auto row = static_cast<qint64>(std::floor((90 - kLoneLat) / span));
        const double west = -180 + static_cast<double>(col) * span;
        const double north = 90 - static_cast<double>(row) * span;
        const HttpResult rest =
            get(QString("/wmts/hazard_heatmap/default/CGCS2000/%1/%2/%3.png").arg(level).arg(row).arg(col));
        QCOMPARE(rest.status, 200);
        const HttpResult kvp =
            get(kKvp + QString("REQUEST=GetTile&LAYER=hazard_heatmap&STYLE=default&FORMAT=image/png"
                               "&TILEMATRIXSET=CGCS2000&TILEMATRIX=%1&TILEROW=%2&TILECOL=%3")
                           .arg(level)
                           .arg(row)
                           .arg(col));
        QCOMPARE(kvp.body, rest.body);
        const QImage tile = decodedImage(rest);
        const QImage map = decodedImage(get(
            QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES="
                    "&CRS=EPSG:4490&BBOX=%1,%2,%3,%4&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE")
                .arg(north - span, 0, 'g', 17)
                .arg(west, 0, 'g', 17)
                .arg(north, 0, 'g', 17)
                .arg(west + span, 0, 'g', 17)));
        QCOMPARE(tile.size(), QSize(256, 256));
        QCOMPARE(largestDifference(tile, map, 0, 0), 0);
        int coloured = 0;
        for (int y = 0; y < 256; ++y)
            for (int x = 0; x < 256; ++x)
                coloured += qAlpha(tile.pixel(x, y)) > 0;
        QVERIFY(coloured > 100); // the lone hazard's kernel is on it
    }

    // OWSLib reads the CGCS2000 set and fetches its tiles; GDAL's WMTS driver reads a 2 x 2 block
    // of them pixel for pixel.
    void clientsReadCgcs2000Tiles() {
        const int level = 15;
        const double span = 180 / std::ldexp(1.0, level - 1);
        const auto col0 = static_cast<qint64>(std::floor((kLoneLon + 180) / span));
        const auto row0 = static_cast<qint64>(std::floor((90 - kLoneLat) / span));
        FIREBEAT_REQUIRE_TOOL(systemPythonHas("owslib"), "python3-owslib is not installed");
        const QString script = R"(import sys
from owslib.wmts import WebMapTileService
w = WebMapTileService(sys.argv[1] + "/wmts")
s = w.tilematrixsets["CGCS2000"]
assert s.crs == "urn:ogc:def:crs:EPSG::4490", s.crs
assert len(s.tilematrix) == 20
one = s.tilematrix["1"]
assert (one.matrixwidth, one.matrixheight, one.topleftcorner) == (2, 1, (90.0, -180.0)), vars(one)
assert "CGCS2000" in w.contents["hazard_heatmap"].tilematrixsetlinks
tile = w.gettile(layer="hazard_heatmap", tilematrixset="CGCS2000", tilematrix=sys.argv[2],
                 row=int(sys.argv[3]), column=int(sys.argv[4]), format="image/png")
sys.stdout.buffer.write(tile.read())
)";
        QProcess p;
        p.start(kSystemPython, {"-c", script, server_->base(), QString::number(level), QString::number(row0),
                                QString::number(col0)});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(
            p.readAllStandardOutput(),
            get(QString("/wmts/hazard_heatmap/default/CGCS2000/%1/%2/%3.png").arg(level).arg(row0).arg(col0))
                .body);

        const QString gdal = QStandardPaths::findExecutable("gdal_translate");
        FIREBEAT_REQUIRE_TOOL(!gdal.isEmpty(), "gdal_translate is not installed");
        const double west = -180 + static_cast<double>(col0) * span;
        const double north = 90 - static_cast<double>(row0) * span;
        const QString out = dir_.filePath("cgcs2000.png");
        QProcess g;
        g.start(gdal, {"-q", "-of", "PNG", "-oo", "EXTENT_METHOD=TILE_MATRIX_SET", "-oo",
                       "TILEMATRIX=" + QString::number(level), "-r", "nearest", "-outsize", "512", "512",
                       "-projwin", QString::number(west, 'g', 17), QString::number(north, 'g', 17),
                       QString::number(west + 2 * span, 'g', 17), QString::number(north - 2 * span, 'g', 17),
                       "WMTS:" + server_->base() +
                           "/wmts/1.0.0/WMTSCapabilities.xml,layer=hazard_heatmap,tilematrixset=CGCS2000",
                       out});
        QVERIFY(g.waitForFinished(120000));
        QVERIFY2(g.exitCode() == 0, g.readAllStandardError().constData());
        const QImage read = QImage(out).convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(read.size(), QSize(512, 512));
        for (int ty = 0; ty < 2; ++ty)
            for (int tx = 0; tx < 2; ++tx) {
                const QImage tile =
                    decodedImage(get(QString("/wmts/hazard_heatmap/default/CGCS2000/%1/%2/%3.png")
                                         .arg(level)
                                         .arg(row0 + ty)
                                         .arg(col0 + tx)));
                QCOMPARE(largestDifference(tile, read, tx * 256, ty * 256), 0);
            }
    }

    void gdalReadsTheTiles() {
        const QString gdal = QStandardPaths::findExecutable("gdal_translate");
        GDALAllRegister();
        FIREBEAT_REQUIRE_TOOL(!gdal.isEmpty() && GDALGetDriverByName("WMTS"),
                              "gdal_translate or GDAL's WMTS driver missing (apt install gdal-bin)");
        const int zoom = 15;
        const TileBlock block = tileBlockAround(kLoneLon, kLoneLat, zoom);
        const QString out = dir_.filePath("wmts.png");
        QProcess p;
        // The raster spans the whole matrix set, so its overviews' pixels are the tiles' pixels.
        p.start(gdal,
                {"-q", "-of", "PNG", "-oo", "EXTENT_METHOD=TILE_MATRIX_SET", "-r", "nearest", "-outsize",
                 "512", "512", "-projwin", QString::number(block.minX, 'g', 17),
                 QString::number(block.maxY, 'g', 17), QString::number(block.maxX, 'g', 17),
                 QString::number(block.minY, 'g', 17),
                 "WMTS:" + server_->base() + "/wmts/1.0.0/WMTSCapabilities.xml,layer=hazard_heatmap", out});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QImage read = QImage(out).convertToFormat(QImage::Format_ARGB32);
        QCOMPARE(read.size(), QSize(512, 512));
        for (int ty = 0; ty < 2; ++ty)
            for (int tx = 0; tx < 2; ++tx) {
                const QImage tile = decodedImage(get(QString("/tiles/hazard_heatmap/%1/%2/%3.png")
                                                         .arg(zoom)
                                                         .arg(block.col0 + tx)
                                                         .arg(block.row0 + ty)));
                QCOMPARE(largestDifference(tile, read, tx * 256, ty * 256), 0);
            }
    }
};

QTEST_MAIN(TestServerWmts)
#include "test_server_wmts.moc"
