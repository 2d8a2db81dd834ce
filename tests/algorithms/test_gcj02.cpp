// GCJ-02 against published reference pairs (eviltransform's test suite) and round trips.
#include "firebeat/gcj02.h"

#include <QtTest>

#include <cmath>

using namespace firebeat;

namespace {

// Metres between two lon/lat points (local equirectangular; fine for metre-level errors).
double metres(Point a, Point b) {
    constexpr double kR = 6371008.8, kDeg = M_PI / 180;
    const double dx = (a.x - b.x) * kDeg * std::cos(a.y * kDeg) * kR;
    const double dy = (a.y - b.y) * kDeg * kR;
    return std::hypot(dx, dy);
}

} // namespace

class TestGcj02 : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void forwardMatchesPublishedPairs_data() {
        QTest::addColumn<double>("wgsLon");
        QTest::addColumn<double>("wgsLat");
        QTest::addColumn<double>("gcjLon");
        QTest::addColumn<double>("gcjLat");
        QTest::newRow("shanghai") << 121.5272106 << 31.1774276 << 121.531541859215 << 31.17530398364597;
        QTest::newRow("shenzhen") << 113.912316 << 22.543847 << 113.9171764808363 << 22.540796131694766;
        QTest::newRow("beijing") << 116.377817 << 39.911954 << 116.38404722455657 << 39.91334545536069;
        QTest::newRow("tiananmen") << 116.404 << 39.915 << 116.41024449916938 << 39.91640428150164;
    }
    void forwardMatchesPublishedPairs() {
        QFETCH(double, wgsLon);
        QFETCH(double, wgsLat);
        QFETCH(double, gcjLon);
        QFETCH(double, gcjLat);
        const Point g = wgs84ToGcj02({wgsLon, wgsLat});
        QVERIFY2(std::abs(g.x - gcjLon) < 1e-9 && std::abs(g.y - gcjLat) < 1e-9,
                 qPrintable(QString("got %1 %2").arg(g.x, 0, 'f', 12).arg(g.y, 0, 'f', 12)));
        const Point back = gcj02ToWgs84({gcjLon, gcjLat});
        QVERIFY(metres(back, {wgsLon, wgsLat}) < 0.01);
    }

    void roundTripOverYunnanIsBelowOneCentimetre() {
        double worst = 0;
        for (double lon = 97.5; lon <= 106.2; lon += 0.25)
            for (double lat = 21.2; lat <= 29.2; lat += 0.25) {
                const Point wgs{lon, lat};
                worst = std::max(worst, metres(gcj02ToWgs84(wgs84ToGcj02(wgs)), wgs));
            }
        QVERIFY2(worst < 0.01, qPrintable(QString("worst round trip %1 m").arg(worst)));
    }

    void offsetInKunmingIsAbout360Metres() {
        const Point wgs{102.71, 25.04};
        const Point gcj = wgs84ToGcj02(wgs);
        const double d = metres(wgs, gcj);
        QVERIFY2(d > 300 && d < 420, qPrintable(QString::number(d)));
        QVERIFY(gcj.x > wgs.x); // east
        QVERIFY(gcj.y < wgs.y); // south
    }

    void outsideChinaIsUnchanged() {
        const Point paris{2.35, 48.85};
        QCOMPARE(wgs84ToGcj02(paris), paris);
        QCOMPARE(gcj02ToWgs84(paris), paris);
        QVERIFY(outsideChina(72.0, 30));
        QVERIFY(!outsideChina(102.7, 25));
    }
};

QTEST_GUILESS_MAIN(TestGcj02)
#include "test_gcj02.moc"
