// The same sample layers served from PostGIS (loaded by scripts/postgis-test-server.sh) and from
// the SpatiaLite file give the same layers, byte-equal tiles and pixel-equal maps.
#include "server_test_support.h"

#include <QImage>

using namespace firebeat::test;

namespace {

// The middle of the sample layers (Kunming).
constexpr double kLon = 102.75;
constexpr double kLat = 25.025;

// The XYZ tile holding (lon, lat) at `zoom`, and its neighbours to the east and south.
QList<QString> tilesAround(int zoom) {
    const double n = std::pow(2.0, zoom);
    const int x = static_cast<int>((kLon + 180) / 360 * n);
    const double lat = kLat * std::numbers::pi / 180;
    const int y = static_cast<int>((1 - std::asinh(std::tan(lat)) / std::numbers::pi) / 2 * n);
    QList<QString> out;
    for (const auto& [dx, dy] : {std::pair{0, 0}, {1, 0}, {0, 1}, {1, 1}})
        out.push_back(QString("%1/%2/%3.png").arg(zoom).arg(x + dx).arg(y + dy));
    return out;
}

} // namespace

class TestServerPostgis : public QObject {
    Q_OBJECT
    QProcess postgis_, spatialite_;
    QString postgisBase_, spatialiteBase_;
    QStringList layers_;
    QNetworkAccessManager net_;

    // `path` from both servers: both 200 with the same content type.
    std::pair<HttpResult, HttpResult> both(const QString& path) {
        return {httpGet(net_, postgisBase_ + path), httpGet(net_, spatialiteBase_ + path)};
    }

  private Q_SLOTS:
    void initTestCase() {
        FIREBEAT_REQUIRE_TEST_PG(pg);
        postgisBase_ = startServer(postgis_, {"--input", pg});
        spatialiteBase_ = startServer(spatialite_, {}); // the sample layers
        QVERIFY(!postgisBase_.isEmpty());
        QVERIFY(!spatialiteBase_.isEmpty());
    }

    void cleanupTestCase() {
        stopServer(postgis_);
        stopServer(spatialite_);
    }

    void sameLayers() {
        const auto [pg, sl] = both("/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0");
        QCOMPARE(pg.status, 200);
        layers_ = capabilityLayers(sl.body);
        QVERIFY(layers_.contains("hazard_heatmap"));
        QCOMPARE(capabilityLayers(pg.body), layers_);
    }

    void tilesAreByteEqual() {
        for (const QString& layer : layers_)
            for (int zoom = 11; zoom <= 14; ++zoom)
                for (const QString& tile : tilesAround(zoom)) {
                    const QString path = "/tiles/" + layer + "/" + tile;
                    const auto [pg, sl] = both(path);
                    QVERIFY2(pg.status == 200 && sl.status == 200, qPrintable(path));
                    QVERIFY2(pg.body == sl.body, qPrintable(path + " differs"));
                }
    }

    void mapsArePixelEqual_data() {
        QTest::addColumn<QString>("query");
        QTest::newRow("1.3.0 EPSG:4326") << "VERSION=1.3.0&CRS=EPSG:4326&BBOX=24.9,102.6,25.15,102.9";
        QTest::newRow("1.1.1 EPSG:3857")
            << "VERSION=1.1.1&SRS=EPSG:3857&BBOX=11421000,2864000,11454000,2895000";
        QTest::newRow("1.3.0 EPSG:4543") << "VERSION=1.3.0&CRS=EPSG:4543&BBOX=2758000,563000,2780000,589000";
    }

    void mapsArePixelEqual() {
        QFETCH(QString, query);
        for (const QString& layer : layers_) {
            const QString path = "/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=" + layer + "&STYLES=&" + query +
                                 "&WIDTH=300&HEIGHT=250&FORMAT=image/png&TRANSPARENT=TRUE";
            const auto [pg, sl] = both(path);
            QVERIFY2(pg.status == 200 && pg.contentType == "image/png",
                     qPrintable(layer + ": " + pg.body.left(300)));
            QVERIFY2(sl.status == 200 && sl.contentType == "image/png",
                     qPrintable(layer + ": " + sl.body.left(300)));
            const QImage a = QImage::fromData(pg.body, "PNG").convertToFormat(QImage::Format_ARGB32);
            const QImage b = QImage::fromData(sl.body, "PNG").convertToFormat(QImage::Format_ARGB32);
            QVERIFY2(!a.isNull() && a == b, qPrintable(layer + " differs"));
            if (layer == "hazard_heatmap")
                QVERIFY2(a.pixelColor(150, 125).alpha() > 0, "the city centre should show some density");
        }
    }

    // The density itself (not only its colour) agrees, up to the order of the sums.
    void densitiesAgree() {
        for (const auto& [lon, lat] : {std::pair{kLon, kLat}, {102.70, 25.00}, {102.80, 25.10}}) {
            const double pg = densityAt(net_, postgisBase_, lon, lat);
            const double sl = densityAt(net_, spatialiteBase_, lon, lat);
            QVERIFY(sl >= 0);
            QVERIFY2(std::abs(pg - sl) <= 1e-9 * std::max(1.0, sl),
                     qPrintable(QString("%1 vs %2").arg(pg).arg(sl)));
        }
    }
};

QTEST_MAIN(TestServerPostgis)
#include "test_server_postgis.moc"
