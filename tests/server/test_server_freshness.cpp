// Freshness: rows another process adds to the served database show on the very next request,
// for SpatiaLite and PostGIS, and the reply cache never answers from the data as it was; or,
// answering while rebuilding, requests get the previous version until the rebuild is done.
#include "fixtures.h"
#include "server_test_support.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

using namespace firebeat::test;

namespace {

constexpr double kRadius = 500;
// A point of the sample layers (Kunming) with hazards around it.
constexpr double kSampleLon = 102.75;
constexpr double kSampleLat = 25.05;

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

// A small GetMap around (lon, lat) in EPSG:4326 (1.3.0: lat/lon axis order).
QString mapAround(double lon, double lat) {
    return QString("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=hazard_heatmap&STYLES=&CRS=EPSG:4326"
                   "&BBOX=%1,%2,%3,%4&WIDTH=64&HEIGHT=64&FORMAT=image/png&TRANSPARENT=TRUE")
        .arg(lat - 0.01)
        .arg(lon - 0.01)
        .arg(lat + 0.01)
        .arg(lon + 0.01);
}

} // namespace

class TestServerFreshness : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QNetworkAccessManager net_;

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        QVERIFY(dir_.isValid());
    }

    // A temporary SpatiaLite copy of the minimal data set; a hazard appended by another
    // connection at the lone hazard adds the kernel's peak there on the next request, and the
    // cached map of the old data is not served again. Drawn on fixed colour stops: the default
    // scale follows the data (its top at a percentile of the density), and doubling the densest
    // spot doubles the top too, so the map there may look the same.
    void spatialiteRowsShowOnTheNextRequest() {
        const QString path = dir_.filePath("fresh.sqlite");
        writeLayers(path.toStdString(), minimalDataset(), "SQLite");
        QFile config(dir_.filePath("fixed_colours.json"));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("{\"heatmap\": {\"colour_stops\": [{\"density\": 0, \"colour\": \"#00ffffb2\"}, "
                     "{\"density\": 50, \"colour\": \"#bd0026\"}]}}");
        config.close();
        QProcess server;
        const QString base = startServer(
            server, {"--input", path, "--radius", QString::number(kRadius), "--config", config.fileName()});
        QVERIFY(!base.isEmpty());

        QCOMPARE(densityAt(net_, base, kLoneLon, kLoneLat), peakDensity(4, kRadius));
        const HttpResult before = httpGet(net_, base + mapAround(kLoneLon, kLoneLat));
        QCOMPARE(before.status, 200);
        const qint64 hits = cacheCounter(net_, base, "hits");
        QCOMPARE(httpGet(net_, base + mapAround(kLoneLon, kLoneLat)).body, before.body);
        QCOMPARE(cacheCounter(net_, base, "hits"), hits + 1);

        const QString version = serverStatus(net_, base)["data_version"].toString();
        QCOMPARE(appendHazard(path, kLoneLon, kLoneLat), QString());

        const double expected = peakDensity(4, kRadius) + peakDensity(4, kRadius);
        const double got = densityAt(net_, base, kLoneLon, kLoneLat);
        QVERIFY2(std::abs(got - expected) < 1e-9 * expected,
                 qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        QVERIFY(serverStatus(net_, base)["data_version"].toString() != version);
        const qint64 hitsAfter = cacheCounter(net_, base, "hits");
        const HttpResult after = httpGet(net_, base + mapAround(kLoneLon, kLoneLat));
        QCOMPARE(after.status, 200);
        QVERIFY2(after.body != before.body, "the map should show the new hazard");
        QCOMPARE(cacheCounter(net_, base, "hits"), hitsAfter);
        stopServer(server);
    }

    // Answering while rebuilding: the request right after a change gets the data as it was while
    // the layers are rebuilt in the background (held for 5 s here, as a province's data would
    // take), and the change shows once they are.
    void answerWhileRebuildingServesThePreviousVersion() {
        const QString path = dir_.filePath("previous.sqlite");
        writeLayers(path.toStdString(), minimalDataset(), "SQLite");
        QProcess server;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("FIREBEAT_TEST_REBUILD_DELAY_MS", "5000");
        server.setProcessEnvironment(environment);
        const QString base = startServer(
            server, {"--input", path, "--radius", QString::number(kRadius), "--answer-while-rebuilding"});
        QVERIFY(!base.isEmpty());
        const double before = densityAt(net_, base, kLoneLon, kLoneLat);
        QCOMPARE(before, peakDensity(4, kRadius));
        const QString version = serverStatus(net_, base)["data_version"].toString();

        QCOMPARE(appendHazard(path, kLoneLon, kLoneLat), QString());
        QCOMPARE(densityAt(net_, base, kLoneLon, kLoneLat), before);
        QCOMPARE(serverStatus(net_, base)["data_version"].toString(), version);

        const double expected = before + peakDensity(4, kRadius);
        double got = before;
        QElapsedTimer waited;
        waited.start();
        while (got == before && waited.elapsed() < 60000) {
            QTest::qWait(250);
            got = densityAt(net_, base, kLoneLon, kLoneLat);
        }
        QVERIFY2(std::abs(got - expected) < 1e-9 * expected,
                 qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        QVERIFY(serverStatus(net_, base)["data_version"].toString() != version);
        stopServer(server);
    }

    // The same on a clone of the PostGIS sample database, the row inserted with psql.
    void postgisRowsShowOnTheNextRequest() {
        FIREBEAT_REQUIRE_TEST_PG(pg);
        const QString database = QString("firebeat_fresh_%1").arg(QCoreApplication::applicationPid());
        // (Two calls: CREATE DATABASE cannot share a transaction.)
        QCOMPARE(psql(pgConnInfo(pg, "postgres"), "DROP DATABASE IF EXISTS " + database), QString());
        QCOMPARE(
            psql(pgConnInfo(pg, "postgres"), "CREATE DATABASE " + database + " TEMPLATE firebeat_template"),
            QString());
        QProcess server;
        const QString base = startServer(server, {"--input", "PG:" + pgConnInfo(pg, database)});
        QVERIFY(!base.isEmpty());

        const double before = densityAt(net_, base, kSampleLon, kSampleLat);
        QVERIFY(before > 0);
        const QString insert =
            QString("INSERT INTO hazards (hazard_id, category, severity, found_at, source, "
                    "geometry) VALUES ('H_NEW', 'EBIKE', 3, '2026-08-01T08:00:00+08:00', "
                    "'inspection', ST_SetSRID(ST_MakePoint(%1, %2), 4326))")
                .arg(kSampleLon, 0, 'g', 17)
                .arg(kSampleLat, 0, 'g', 17);
        QCOMPARE(psql(pgConnInfo(pg, database), insert), QString());

        const double expected = before + peakDensity(4, kRadius);
        const double got = densityAt(net_, base, kSampleLon, kSampleLat);
        QVERIFY2(std::abs(got - expected) < 1e-9 * expected,
                 qPrintable(QString("%1 vs %2").arg(got).arg(expected)));
        stopServer(server);
        QCOMPARE(psql(pgConnInfo(pg, "postgres"), "DROP DATABASE " + database), QString());
    }
};

QTEST_MAIN(TestServerFreshness)
#include "test_server_freshness.moc"
