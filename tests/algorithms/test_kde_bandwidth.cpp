// The automatic bandwidth (ArcGIS's spatial Silverman rule) against hand computations.
#include "firebeat/kde.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace firebeat;

class TestKdeBandwidth : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void standardDistanceWins() {
        // Corners of a 6 x 8 rectangle and its centre, unweighted: mean centre (3, 4); distances
        // 5, 5, 5, 5, 0; SD = sqrt(4 * 25 / 5) = sqrt(20) = 4.4721; Dm = 5, sqrt(1/ln 2) * 5 = 6.0056;
        // h = 0.9 * 4.4721 * 5^-0.2 = 2.917182.
        const std::vector<KdePoint> points{
            {0, 0, 1, 0}, {6, 0, 1, 0}, {0, 8, 1, 0}, {6, 8, 1, 0}, {3, 4, 1, 0}};
        QVERIFY(std::abs(silvermanBandwidth(points) - 2.917181874046973) < 1e-12);
    }

    void weightedMedianDistanceWins() {
        // A (0,0) w 3, B (2,0) w 1, C (0,2) w 1, D (40,40) w 0.5: n = 5.5, weighted mean centre
        // (22/5.5, 22/5.5) = (4, 4). Squared distances 32, 20, 20, 2592: SD = sqrt(1432 / 5.5) = 16.1358.
        // Sorted distances 4.472 (w 1), 4.472 (w 1), 5.657 (w 3), 50.91 (w 0.5): the cumulative weight
        // reaches 5.5 / 2 at A, Dm = sqrt(32); sqrt(1/ln 2) * Dm = 6.7946 < SD.
        // h = 0.9 * 6.7946 * 5.5^-0.2 = 4.348427.
        const std::vector<KdePoint> points{{0, 0, 3, 0}, {2, 0, 1, 0}, {0, 2, 1, 0}, {40, 40, 0.5, 0}};
        QVERIFY(std::abs(silvermanBandwidth(points) - 4.34842746561378) < 1e-12);
    }

    void evenCountTakesTheMiddleMean() {
        // Distances 1 and 3 from the centre (2, 0) with equal weights: Dm = 2, SD = sqrt(5);
        // h = 0.9 * min(sqrt(5), 2 * sqrt(1/ln 2)) * 2^-0.2.
        const std::vector<KdePoint> points{{1, 0, 1, 0}, {3, 0, 1, 0}, {-1, 0, 1, 0}, {5, 0, 1, 0}};
        const double expected =
            0.9 * std::min(std::sqrt(5.0), 2 * std::sqrt(1 / std::log(2.0))) * std::pow(4.0, -0.2);
        QVERIFY(std::abs(silvermanBandwidth(points) - expected) < 1e-12);
    }

    void undefinedCasesAreReported() {
        QVERIFY_THROWS_EXCEPTION(InputError, silvermanBandwidth({}));
        const std::vector<KdePoint> same{{1, 1, 1, 0}, {1, 1, 2, 0}};
        QVERIFY_THROWS_EXCEPTION(InputError, silvermanBandwidth(same));
        const std::vector<KdePoint> weightless{{0, 0, 0, 0}, {5, 1, 0, 0}};
        QVERIFY_THROWS_EXCEPTION(InputError, silvermanBandwidth(weightless));
    }
};

QTEST_GUILESS_MAIN(TestKdeBandwidth)
#include "test_kde_bandwidth.moc"
