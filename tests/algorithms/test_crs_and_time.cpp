// Automatic metric CRS choice, coordinate transforms and ISO 8601 parsing.
#include "firebeat/crs.h"
#include "firebeat/progress.h"
#include "firebeat/time.h"

#include <QtTest>

using namespace firebeat;

class TestCrsAndTime : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void gaussKrugerZoneInChina() {
        QCOMPARE(metricCrsFor(102.7, 25.0), std::string("EPSG:4543")); // Kunming, CM 102E
        QCOMPARE(metricCrsFor(116.4, 39.9), std::string("EPSG:4548")); // Beijing, CM 117E
        QCOMPARE(metricCrsFor(121.2, 31.2), std::string("EPSG:4549")); // Shanghai, CM 120E
        QCOMPARE(metricCrsFor(75.9, 39.5), std::string("EPSG:4534"));  // Kashgar, CM 75E
    }
    void utmOutsideChina() {
        QCOMPARE(metricCrsFor(2.35, 48.85), std::string("EPSG:32631"));
        QCOMPARE(metricCrsFor(151.2, -33.9), std::string("EPSG:32756"));
    }
    void transformIsEastingNorthingWhateverTheAxisOrder() {
        // EPSG:4543 declares northing first; we always hand out x = easting.
        const CoordinateTransform ct("EPSG:4326", "EPSG:4543");
        const Point p = ct.apply(Point{102.0, 25.0}); // on the central meridian
        QVERIFY(std::abs(p.x - 500000.0) < 1e-6);
        QVERIFY(p.y > 2700000 && p.y < 2800000);
        const Point back = CoordinateTransform("EPSG:4543", "EPSG:4326").apply(p);
        QVERIFY(std::abs(back.x - 102.0) < 1e-9 && std::abs(back.y - 25.0) < 1e-9);
    }
    void unknownCrsIsAnInputError() {
        QVERIFY(!isKnownCrs("EPSG:999999"));
        QVERIFY_THROWS_EXCEPTION(InputError, CoordinateTransform("EPSG:4326", "EPSG:999999"));
    }

    void parsesIso8601() {
        const Timestamp t = makeTimestamp(2026, 3, 1, 9, 30, 0, 8 * 60);
        QCOMPARE(parseTimestamp("2026-03-01T09:30:00+08:00"), std::optional<Timestamp>(t));
        QCOMPARE(parseTimestamp("2026-03-01T01:30:00Z"), std::optional<Timestamp>(t));
        QCOMPARE(parseTimestamp("2026-03-01 09:30"), std::optional<Timestamp>(t)); // naive = CST
        QCOMPARE(parseTimestamp("2026-03-01T09:30:00.250+0800"), std::optional<Timestamp>(t));
        QCOMPARE(parseTimestamp("2026-03-01"), std::optional<Timestamp>(makeTimestamp(2026, 3, 1)));
        // 2026-03-01T00:00 CST is 2026-02-28T16:00Z: 1772294400 s since the epoch.
        QCOMPARE(*parseTimestamp("2026-03-01"), Timestamp{1772294400});
    }
    void rejectsWhatIsNotADate() {
        for (const char* bad : {"", "yesterday", "2026-02-30", "2026-13-01", "2026-3-1", "2026-03-01T25:00",
                                "2026-03-01T09:30:00+08:00 junk", "01/03/2026"})
            QVERIFY2(!parseTimestamp(bad), bad);
    }
    void formatsInChinaStandardTime() {
        const Timestamp t = makeTimestamp(2025, 12, 31, 23, 59, 59, 8 * 60);
        QCOMPARE(formatTimestamp(t), std::string("2025-12-31T23:59:59+08:00"));
        QCOMPARE(formatDate(t), std::string("2025-12-31"));
        QCOMPARE(daysBetween(makeTimestamp(2026, 1, 1), makeTimestamp(2026, 3, 1)), std::int64_t{59});
        QCOMPARE(daysBetween(makeTimestamp(2026, 3, 1), makeTimestamp(2026, 1, 1, 12)), std::int64_t{-59});
    }
};

QTEST_GUILESS_MAIN(TestCrsAndTime)
#include "test_crs_and_time.moc"
