// The heatmap's colour scale (heatmap_scale.h): the nearest-rank percentile of the positive cells,
// the scale of points on QGIS's grid with hand-counted cells, the coarser grid of a huge extent and
// the class breaks of a style's template.
#include "firebeat/heatmap_scale.h"
#include "firebeat/progress.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace firebeat;

namespace {

// A uniform kernel of radius 100 m on a 50 m grid whose pixel centres sit at odd multiples of
// 25 m from the point (qgisWindow puts the top-left corner at the point minus the radius): the
// centres within 100 m are the 4 at (+-25, +-25) and the 8 at (+-25, +-75) and (+-75, +-25), 12
// cells of 2,500 m^2 that share the weight evenly.
constexpr double kRadius = 100;
constexpr double kCells = 12;
double uniformDensity(double weight, double pixelSize = 50, double cells = kCells) {
    return weight / (cells * pixelSize * pixelSize) * 1e6; // per km^2
}

// Densities are computed in single precision.
bool near(double a, double b) {
    return std::abs(a - b) <= 1e-6 * std::abs(b);
}

KdeOptions uniform() {
    KdeOptions o;
    o.kernel = Kernel::Uniform;
    return o;
}

} // namespace

class TestHeatmapScale : public QObject {
    Q_OBJECT

  private Q_SLOTS:
    // 1..100 among zeros, nodata, NaN and negatives: the p-th percentile is p (nearest rank:
    // the smallest value with at least p % of the 100 at or below it).
    void percentileIsTheNearestRankOfThePositiveCells() {
        std::vector<float> values{0, -9999, std::numeric_limits<float>::quiet_NaN(), -1,
                                  std::numeric_limits<float>::infinity()};
        for (int v = 100; v >= 1; --v)
            values.push_back(static_cast<float>(v));
        values.insert(values.end(), 50, 0.0f);
        QCOMPARE(densityPercentile(values, 99), 99.0);
        QCOMPARE(densityPercentile(values, 100), 100.0);
        QCOMPARE(densityPercentile(values, 50), 50.0);
        QCOMPARE(densityPercentile(values, 0.5), 1.0);   // rank ceil(0.5) = 1
        QCOMPARE(densityPercentile(values, 98.5), 99.0); // rank ceil(98.5) = 99
        QCOMPARE(densityPercentile(std::vector<float>{0, 0, -9999}, 99), 0.0);
        QCOMPARE(densityPercentile(std::vector<float>{}, 99), 0.0);
        QVERIFY_THROWS_EXCEPTION(InputError, densityPercentile(values, 0));
        QVERIFY_THROWS_EXCEPTION(InputError, densityPercentile(values, 100.5));
        QVERIFY_THROWS_EXCEPTION(InputError, densityPercentile(values, std::nan("")));
    }

    // Two far-apart points of weight 1 and 3: 12 cells of each density (hand-counted above);
    // ranks 1-12 are the lighter point's, 13-24 the heavier's.
    void scaleOfPointsOnTheAnalysisGrid() {
        const KdePointIndex index({{0, 0, 1, kRadius}, {5000, 3000, 3, kRadius}});
        const HeatmapScale p99 = heatmapScale(index, uniform());
        QCOMPARE(p99.pixelSize, 50.0);
        QCOMPARE(p99.percentile, 99.0);
        QCOMPARE(p99.cells, std::size_t{24});
        QVERIFY(near(p99.top, uniformDensity(3)));
        const HeatmapScale p50 = heatmapScale(index, uniform(), 50); // rank 12: the lighter point
        QVERIFY(near(p50.top, uniformDensity(1)));
        const HeatmapScale p51 = heatmapScale(index, uniform(), 51); // rank ceil(12.24) = 13
        QVERIFY(near(p51.top, uniformDensity(3)));
        // Another pixel size: centres at +-50 and +-150 from the point (origin at -100, a 100 m
        // pixel), so only the 4 at (+-50, +-50) are within 100 m.
        const HeatmapScale coarse = heatmapScale(index, uniform(), 99, 100);
        QCOMPARE(coarse.cells, std::size_t{8});
        QVERIFY(near(coarse.top, uniformDensity(3, 100, 4)));
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapScale(index, uniform(), 99, 0));
        QVERIFY_THROWS_EXCEPTION(InputError, heatmapScale(index, uniform(), 120));
    }

    // 300 km apart diagonally: 6,005 x 6,005 cells of 50 m exceed the limit, 3,003 x 3,003 of
    // 100 m do not; the scale is that of the 100 m grid.
    void hugeExtentsUseACoarserGrid() {
        const KdePointIndex index({{0, 0, 1, kRadius}, {300000, 300000, 1, kRadius}});
        QVERIFY(qgisWindow(index, 50).pixelCount() > kHeatmapScaleMaxCells);
        QVERIFY(qgisWindow(index, 100).pixelCount() <= kHeatmapScaleMaxCells);
        const HeatmapScale scale = heatmapScale(index, uniform());
        QCOMPARE(scale.pixelSize, 100.0);
        QCOMPARE(scale.cells, std::size_t{8});
        QVERIFY(near(scale.top, uniformDensity(1, 100, 4)));
    }

    void cancelling() {
        struct Cancel final : Progress {
            bool cancelled() const override { return true; }
        } cancel;
        const KdePointIndex index({{0, 0, 1, kRadius}});
        QVERIFY_THROWS_EXCEPTION(Cancelled, heatmapScale(index, uniform(), 99, 50, &cancel));
    }

    // The style's template 0, 2, 10, 20, 30, 40 stretched to a top of 100: x 2.5, the last exactly.
    void classBreaksStretchTheTemplate() {
        const std::vector<double> style{0, 2, 10, 20, 30, 40};
        QCOMPARE(heatmapClassBreaks(style, 100), (std::vector<double>{0, 5, 25, 50, 75, 100}));
        const double top = 0.1 + 0.2; // not a multiple of 1/40 in binary
        QCOMPARE(heatmapClassBreaks(style, top).back(), top);
        QCOMPARE(heatmapClassBreaks(style, 0), style); // nothing to stretch to
        QCOMPARE(heatmapClassBreaks(style, std::nan("")), style);
        QCOMPARE(heatmapClassBreaks(std::vector<double>{}, 10), std::vector<double>{});
    }
};

QTEST_MAIN(TestHeatmapScale)
#include "test_heatmap_scale.moc"
