// Getis-Ord Gi*, its classes and the Benjamini–Hochberg FDR classes, checked against
// arithmetic done here by hand (the expected numbers never come from the code under test).
#include "firebeat/hotspot_statistics.h"

#include "hotspots_villages.h"

#include <QtTest>

#include <cmath>

using namespace firebeat;

namespace {

// Queen weights on the 3x3 lattice of unit squares, r0c0 .. r2c2 row-major.
SpatialWeights queen3x3() {
    return buildWeights(test::squareLattice(3, 3), WeightsOptions{});
}

// Gi* the long way: neighbours from the lattice indices, S from sum(x^2)/n - mean^2.
double giByHand(const std::vector<double>& x, int rows, int cols, int r, int c, bool queen) {
    const double n = static_cast<double>(x.size());
    double sum = 0, sumSq = 0;
    for (double v : x) {
        sum += v;
        sumSq += v * v;
    }
    const double mean = sum / n;
    const double s = std::sqrt(sumSq / n - mean * mean);
    double local = 0, w = 0;
    for (int rr = 0; rr < rows; ++rr)
        for (int cc = 0; cc < cols; ++cc) {
            const int dr = std::abs(rr - r), dc = std::abs(cc - c);
            const bool near = queen ? (dr <= 1 && dc <= 1) : (dr + dc <= 1);
            if (near) {
                local += x[static_cast<std::size_t>(rr * cols + cc)];
                w += 1;
            }
        }
    return (local - mean * w) / (s * std::sqrt((n * w - w * w) / (n - 1)));
}

} // namespace

class TestGetisOrd : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void latticeByHand() {
        // Values 1..9: n = 9, mean 5, S^2 = 285/9 - 25 = 20/3.
        const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9};
        const std::vector<GiStar> g = getisOrdGiStar(x, queen3x3());
        const double s = std::sqrt(20.0 / 3.0);
        // r2c2 (9) with 8, 6, 5: sum 28, W = 4: z = (28 - 20) / (S sqrt((36 - 16) / 8)).
        const double corner = 8 / (s * std::sqrt(2.5));
        QVERIFY(std::abs(corner - 1.9595917942265424) < 1e-12);
        QVERIFY(std::abs(*g[8].z - corner) < 1e-12);
        QVERIFY(std::abs(*g[0].z + corner) < 1e-12); // r0c0 (1) mirrors it
        // r0c1 (2) with 1, 3, 4, 5, 6: sum 21, W = 6: z = -9 / (S sqrt((54 - 36) / 8)).
        const double edge = -9 / (s * 1.5);
        QVERIFY(std::abs(*g[1].z - edge) < 1e-12);
        // p = 2 Phi(-|z|): 0.050044 for the corners, 0.020136 for r0c1.
        QVERIFY(std::abs(*g[8].p - 0.0500435) < 1e-6);
        QVERIFY(std::abs(*g[1].p - 0.0201365) < 1e-6);
        // |z| = 1.95959 < 1.959964: 90 %, not 95 % (a 1.96 cut-off would agree, 1.95 would not).
        QCOMPARE(g[8].bin, 1);
        QCOMPARE(g[0].bin, -1);
        QCOMPARE(g[1].bin, -2);
        QCOMPARE(g[7].bin, 2);
        QCOMPARE(g[3].bin, 0); // r1c0: z = -3 / (S 1.5) = -0.77
        // The centre's neighbourhood is all 9: n S1 - W^2 = 0.
        QVERIFY(!g[4].z && !g[4].p);
        QCOMPARE(g[4].bin, 0);
        QCOMPARE(g[4].flags, hotspot_flags::kWholeStudyArea);
    }

    void fdrByHand() {
        // The 8 tested z of latticeByHand: r0c0 -1.960, r0c1 -2.324, r0c2 -0.980 (3 with 2, 5,
        // 6: -4 / (S sqrt(2.5))), r1c0 -0.775, and their mirror images; m = 8.
        // Sorted p: 0.0201 0.0201 0.0500 0.0500 0.3272 0.3272 0.4386 0.4386.
        // alpha 0.10: p(4) = 0.050044 > 4 * 0.10 / 8 = 0.05, p(3) > 0.0375, p(2) = 0.0201 <= 0.025:
        //   cut-off 0.0201, so only r0c1 and r2c1 pass; the corners (90 % unadjusted) do not.
        // alpha 0.05: 0.0201 > 2 * 0.05 / 8 and > 0.05 / 8: nothing passes.
        const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9};
        const std::vector<GiStar> g = getisOrdGiStar(x, queen3x3());
        const std::vector<int> expected{0, -1, 0, 0, 0, 0, 0, 1, 0};
        for (std::size_t i = 0; i < g.size(); ++i)
            QCOMPARE(g[i].binFdr, expected[i]);
        std::vector<double> p;
        for (const GiStar& s : g)
            if (s.p)
                p.push_back(*s.p);
        QVERIFY(std::abs(*benjaminiHochbergCutoff(p, 0.10) - 0.0201365) < 1e-6);
        QVERIFY(!benjaminiHochbergCutoff(p, 0.05));
        // Step-up: p(4) = 0.05 <= 4 * 0.05 / 4 makes all four significant, although p(2) = 0.03
        // > 0.025 and p(3) = 0.04 > 0.0375 (a step-down procedure would stop after p(1)).
        QCOMPARE(*benjaminiHochbergCutoff(std::vector<double>{0.05, 0.04, 0.03, 0.001}, 0.05), 0.05);
    }

    void agreesWithTheLongWayOnA4x4() {
        const std::vector<double> x{3, 0, 7, 1, 12, 9, 2, 4, 8, 15, 11, 0, 1, 2, 6, 5};
        for (const bool queen : {true, false}) {
            WeightsOptions o;
            o.kind = queen ? WeightsKind::Queen : WeightsKind::Rook;
            const std::vector<GiStar> g = getisOrdGiStar(x, buildWeights(test::squareLattice(4, 4), o));
            for (int i = 0; i < 16; ++i) {
                const double z = giByHand(x, 4, 4, i / 4, i % 4, queen);
                QVERIFY(std::abs(*g[static_cast<std::size_t>(i)].z - z) < 1e-12);
                const double p = std::erfc(std::abs(z) / std::sqrt(2.0));
                const int level = p <= 0.01 ? 3 : p <= 0.05 ? 2 : p <= 0.10 ? 1 : 0;
                QCOMPARE(g[static_cast<std::size_t>(i)].bin, z > 0 ? level : -level);
            }
        }
    }

    void binsComeFromPNotRoundedZ() {
        // The exact cut-offs are 1.6448536, 1.9599640, 2.5758293.
        QCOMPARE(confidenceBin(1.644854, std::erfc(1.644854 / std::sqrt(2.0))), 1);
        QCOMPARE(confidenceBin(-1.644853, std::erfc(1.644853 / std::sqrt(2.0))), 0); // p > 0.10
        QCOMPARE(confidenceBin(1.959964, std::erfc(1.959964 / std::sqrt(2.0))), 2);
        QCOMPARE(confidenceBin(-2.575830, std::erfc(2.575830 / std::sqrt(2.0))), -3);
        QCOMPARE(confidenceBin(2.575828, std::erfc(2.575828 / std::sqrt(2.0))), 2);
    }

    void islandGetsNoScore() {
        std::vector<Area> a = test::squareLattice(2, 2);
        a.push_back(test::areaFromWkt("island", "POLYGON((50 50,51 50,51 51,50 51,50 50))"));
        const std::vector<GiStar> g =
            getisOrdGiStar(std::vector<double>{1, 2, 3, 4, 100}, buildWeights(a, {}));
        QVERIFY(!g[4].z && !g[4].p);
        QCOMPARE(g[4].bin, 0);
        QCOMPARE(g[4].binFdr, 0);
        QCOMPARE(g[4].flags, hotspot_flags::kNoNeighbours);
        QCOMPARE(describeFlags(g[4].flags), std::string("no_neighbours"));
        // The lattice squares each see all four lattice features but not the island: scored.
        QVERIFY(g[0].z && std::isfinite(*g[0].z));
    }

    void degenerateInputIsRefused() {
        const SpatialWeights w = queen3x3();
        try {
            getisOrdGiStar(std::vector<double>(9, 4.0), w);
            QFAIL("equal values accepted");
        } catch (const InputError& e) {
            QVERIFY(std::string(e.what()).find("all 9 values are equal (4)") != std::string::npos);
        }
        const std::vector<Area> two = test::squareLattice(1, 2);
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 getisOrdGiStar(std::vector<double>{1, 2}, buildWeights(two, {})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, getisOrdGiStar(std::vector<double>{1, 2, 3}, w));
    }
};

QTEST_GUILESS_MAIN(TestGetisOrd)
#include "test_getis_ord.moc"
