// QGIS's WMS provider (QGIS 3.22 through its Python bindings, offscreen) as a real client of
// `firebeat serve`: it reads the capabilities, accepts the layer, and its render shows the
// heatmap where the hazard is and nothing where there is none.
#include "fixtures.h"
#include "require_tool.h"
#include "server_test_client.h"

#include "firebeat/crs.h"

#include <gdal_priv.h>

#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace firebeat::test;

class TestServerQgisClient : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;

  private Q_SLOTS:
    void initTestCase() {
        FIREBEAT_REQUIRE_TOOL(systemPythonHas("qgis.core"),
                              "QGIS's Python bindings not installed (apt install python3-qgis)");
        GDALAllRegister();
        writeLayers(dir_.filePath("data.gpkg").toStdString(), minimalDataset());
        server_ = std::make_unique<ServerProcess>(
            QStringList{"--input", dir_.filePath("data.gpkg"), "--radius", "500"});
        QVERIFY(!server_->base().isEmpty());
    }

    void cleanupTestCase() { server_.reset(); }

    // A 200 x 200 map, 3 km wide, centred on the lone hazard H2 (4-5 km from the others).
    void qgisRendersTheHeatmap() {
        const firebeat::Point h = firebeat::CoordinateTransform("EPSG:4326", "EPSG:3857")
                                      .apply(firebeat::Point{102.72001, 25.01001});
        const double half = 1500;
        const QString out = dir_.filePath("qgis.png");
        QTemporaryDir runtime; // QGIS wants its own 0700 XDG_RUNTIME_DIR
        QVERIFY(
            QFile::setPermissions(runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_RUNTIME_DIR", runtime.path());
        env.insert("HOME", dir_.path()); // a fresh QGIS profile
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(kSystemPython,
                {QString(FIREBEAT_SOURCE_DIR) + "/tests/server/qgis_wms_client.py", server_->base() + "/wms",
                 "hazard_heatmap", QString::number(h.x - half, 'f', 3), QString::number(h.y - half, 'f', 3),
                 QString::number(h.x + half, 'f', 3), QString::number(h.y + half, 'f', 3), "200", "200",
                 out});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QImage map = QImage(out).convertToFormat(QImage::Format_RGB32);
        QCOMPARE(map.size(), QSize(200, 200));
        // At the hazard the density is highest: the ramp's strongest colour, far from white.
        const QRgb centre = map.pixel(100, 100);
        QVERIFY2(qGreen(centre) < 200 || qBlue(centre) < 200, qPrintable(QString::number(centre, 16)));
        // Its kernel reaches 500 m (33 pixels); the corners, 2.1 km away, are the white background.
        for (const QPoint corner : {QPoint(0, 0), QPoint(199, 0), QPoint(0, 199), QPoint(199, 199)})
            QCOMPARE(map.pixel(corner), qRgb(255, 255, 255));
        int coloured = 0;
        for (int y = 0; y < 200; ++y)
            for (int x = 0; x < 200; ++x)
                coloured += map.pixel(x, y) != qRgb(255, 255, 255);
        // A disc of radius ~33 pixels (500 m of ground in 15 m Web Mercator pixels, 7% longer
        // than ground metres at 25 N) is about 3,000 pixels; its faint rim may blend into white.
        QVERIFY2(coloured > 1500 && coloured < 4500, qPrintable(QString::number(coloured)));
    }
};

QTEST_MAIN(TestServerQgisClient)
#include "test_server_qgis_client.moc"
