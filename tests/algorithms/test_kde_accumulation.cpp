// Row-wise polynomial accumulation against direct evaluation (KdeOptions::polynomialAccumulation
// off), for every accumulated kernel: same pixels reached (QGIS mode's nodata mask identical,
// counts of a uniform kernel identical), values within 1e-6 of the peak; random points with odd
// radii, windows at odd offsets and grids far from the origin; and windows still joining bit for
// bit when accumulated.
#include "firebeat/kde.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

using namespace firebeat;

Q_DECLARE_METATYPE(firebeat::Kernel)
Q_DECLARE_METATYPE(firebeat::OutputValue)

namespace {

// Uniformly scattered and clustered points around (x0, y0), radii drawn from [rMin, rMax]
// (odd, non-integer pixel counts), weights from 0.5 to 3; a few on exact pixel centres with
// whole-pixel radii, so disc edges fall exactly on pixel centres.
std::vector<KdePoint> randomPoints(int n, unsigned seed, double x0, double y0, double rMin, double rMax,
                                   double pixel) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> where(0, 1500), radius(rMin, rMax), weight(0.5, 3);
    std::normal_distribution<double> spread(0, 60);
    std::vector<KdePoint> points;
    for (int i = 0; i < n; ++i) {
        if (i % 3 == 0 && i > 0) {
            const KdePoint& c = points[static_cast<std::size_t>(i - 1)];
            points.push_back({c.x + spread(rng), c.y + spread(rng), weight(rng), radius(rng)});
        } else {
            points.push_back({x0 + where(rng), y0 + where(rng), weight(rng), radius(rng)});
        }
    }
    for (int i = 0; i < 5; ++i) // pixel centres of the grid windowForExtent() makes below
        points.push_back({x0 + (100 + 7 * i + 0.5) * pixel, y0 + 1500 - (90 + 5 * i + 0.5) * pixel, 1,
                          std::round(rMin / pixel + i) * pixel});
    return points;
}

std::vector<float> compute(const KdePointIndex& index, const RasterWindow& w, KdeOptions o, bool accumulate) {
    o.polynomialAccumulation = accumulate;
    std::vector<float> out(w.pixelCount());
    computeWindow(index, w, o, out);
    return out;
}

bool bitIdentical(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) == 0;
}

} // namespace

class TestKdeAccumulation : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void matchesDirectEvaluation_data() {
        QTest::addColumn<Kernel>("kernel");
        QTest::addColumn<OutputValue>("value");
        QTest::addColumn<bool>("qgis");
        QTest::addColumn<double>("x0"); // far from the origin: global columns in the hundreds of thousands
        for (const Kernel k : {Kernel::Uniform, Kernel::Epanechnikov, Kernel::Quartic, Kernel::Triweight}) {
            const QByteArray name(code(k).data(), static_cast<qsizetype>(code(k).size()));
            QTest::newRow(name + " density") << k << OutputValue::Density << false << 0.0;
            QTest::newRow(name + " raw far") << k << OutputValue::Raw << false << 617'000.3;
            QTest::newRow(name + " scaled") << k << OutputValue::Scaled << false << -2'345.6;
            QTest::newRow(name + " qgis raw") << k << OutputValue::Raw << true << 0.0;
            QTest::newRow(name + " qgis scaled far") << k << OutputValue::Scaled << true << 493'211.7;
        }
    }
    void matchesDirectEvaluation() {
        QFETCH(Kernel, kernel);
        QFETCH(OutputValue, value);
        QFETCH(bool, qgis);
        QFETCH(double, x0);
        // 15 to 147 pixels per radius: most points are accumulated (beyond kAccumulateReach, 20),
        // the others evaluated directly into the same tiles.
        const double pixel = 1.1;
        const KdePointIndex index(randomPoints(600, 11, x0, 3'000'000.9, 16.3, 161.9, pixel));
        KdeOptions o;
        o.kernel = kernel;
        o.value = value;
        o.qgisCompatible = qgis;
        // A window at an odd offset of its grid (QGIS mode: of QGIS's grid).
        const RasterWindow grid =
            qgis ? qgisWindow(index, pixel)
                 : windowForExtent(Envelope{x0 - 200, 2'999'800.9, x0 + 1700, 3'002'700.9}, pixel);
        const RasterWindow w = grid.sub(37, 11, grid.width - 37 - 29, grid.height - 11 - 13);
        const std::vector<float> direct = compute(index, w, o, false);
        const std::vector<float> summed = compute(index, w, o, true);
        double peak = 0, worst = 0;
        std::size_t reached = 0;
        for (std::size_t i = 0; i < direct.size(); ++i) {
            if (qgis) {
                // The same pixels reached: nodata exactly where direct evaluation leaves it.
                QCOMPARE(summed[i] == kQgisNoData, direct[i] == kQgisNoData);
                if (direct[i] == kQgisNoData)
                    continue;
            }
            reached += direct[i] != 0;
            peak = std::max(peak, std::abs(double(direct[i])));
            worst = std::max(worst, std::abs(double(summed[i]) - double(direct[i])));
        }
        QVERIFY(reached > direct.size() / 4);
        QVERIFY2(worst <= 1e-6 * peak, qPrintable(QString("worst %1, peak %2").arg(worst).arg(peak)));
    }

    // Raw uniform values count the discs covering a pixel centre: integers, so any pixel put on
    // the wrong side of a disc edge shows as a difference of at least 1 (the worst is 0).
    void uniformCountsAreExact_data() {
        QTest::addColumn<bool>("qgis");
        QTest::newRow("grid") << false;
        QTest::newRow("qgis") << true;
    }
    void uniformCountsAreExact() {
        QFETCH(bool, qgis);
        const double pixel = 1.0;
        std::vector<KdePoint> points = randomPoints(1000, 5, 1000, 5000, 33, 90, pixel);
        for (KdePoint& p : points)
            p.weight = 1;
        const KdePointIndex index(std::move(points));
        KdeOptions o;
        o.kernel = Kernel::Uniform;
        o.value = OutputValue::Raw;
        o.qgisCompatible = qgis;
        const RasterWindow w = qgis ? qgisWindow(index, pixel) : windowForExtent(index.envelope(), pixel);
        QVERIFY(bitIdentical(compute(index, w, o, true), compute(index, w, o, false)));
    }

    // Windows of one grid join bit for bit when accumulated, whatever their offsets relative to
    // the blocks of the grid; and the thread count changes nothing.
    void windowsJoinBitForBit_data() {
        QTest::addColumn<Kernel>("kernel");
        QTest::addColumn<bool>("qgis");
        QTest::newRow("triweight density") << Kernel::Triweight << false;
        QTest::newRow("quartic density") << Kernel::Quartic << false;
        QTest::newRow("epanechnikov qgis") << Kernel::Epanechnikov << true;
    }
    void windowsJoinBitForBit() {
        QFETCH(Kernel, kernel);
        QFETCH(bool, qgis);
        const double pixel = 1.3;
        const KdePointIndex index(randomPoints(800, 3, -700, 4000, 30, 140, pixel));
        KdeOptions o;
        o.kernel = kernel;
        o.qgisCompatible = qgis;
        o.value = qgis ? OutputValue::Raw : OutputValue::Density;
        const RasterWindow big = qgis ? qgisWindow(index, pixel) : windowForExtent(index.envelope(), pixel);
        const std::vector<float> whole = compute(index, big, o, true);
        QVERIFY(big.width > 400 && big.height > 200);
        const int xs[] = {0, 13, 200, 201, big.width - 70, big.width};
        const int ys[] = {0, 3, 150, big.height};
        for (int i = 0; i + 1 < 4; ++i)
            for (int j = 0; j + 1 < 6; ++j) {
                const RasterWindow w = big.sub(xs[j], ys[i], xs[j + 1] - xs[j], ys[i + 1] - ys[i]);
                o.threads = 1 + static_cast<unsigned>(j % 2);
                const std::vector<float> part = compute(index, w, o, true);
                for (int r = 0; r < w.height; ++r)
                    QVERIFY(std::memcmp(&whole[static_cast<std::size_t>(ys[i] + r) * big.width + xs[j]],
                                        &part[static_cast<std::size_t>(r) * w.width],
                                        sizeof(float) * static_cast<std::size_t>(w.width)) == 0);
            }
    }
};

QTEST_APPLESS_MAIN(TestKdeAccumulation)
#include "test_kde_accumulation.moc"
