// Kernel density windows: tiles join without seams (bit for bit), threads do not change a bit,
// progress and cancellation, the grid rules and the point index.
#include "firebeat/kde.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

using namespace firebeat;

namespace {

// Clustered points with radii from 30 to 150 m and weights from 0.5 to 3.
std::vector<KdePoint> clustered(int n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> spread(0, 120);
    std::uniform_real_distribution<double> centre(0, 2000), radius(30, 150), weight(0.5, 3);
    std::vector<KdePoint> points;
    for (int c = 0; c < n / 50; ++c) {
        const double cx = centre(rng), cy = centre(rng);
        for (int i = 0; i < 50; ++i)
            points.push_back({cx + spread(rng), cy + spread(rng), weight(rng), radius(rng)});
    }
    return points;
}

std::vector<float> compute(const KdePointIndex& index, const RasterWindow& w, const KdeOptions& o,
                           Progress* progress = nullptr) {
    std::vector<float> out(w.pixelCount());
    computeWindow(index, w, o, out, progress);
    return out;
}

// The window's values assembled from a 3 x 3 mosaic of sub-windows of uneven sizes.
std::vector<float> mosaic(const KdePointIndex& index, const RasterWindow& big, const KdeOptions& o) {
    std::vector<float> out(big.pixelCount());
    const int xs[] = {0, big.width / 3 + 7, 2 * big.width / 3 - 5, big.width};
    const int ys[] = {0, big.height / 3 - 3, 2 * big.height / 3 + 11, big.height};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            const RasterWindow w = big.sub(xs[j], ys[i], xs[j + 1] - xs[j], ys[i + 1] - ys[i]);
            const std::vector<float> part = compute(index, w, o);
            for (int r = 0; r < w.height; ++r)
                std::memcpy(&out[static_cast<std::size_t>((ys[i] + r) * big.width + xs[j])],
                            &part[static_cast<std::size_t>(r * w.width)],
                            sizeof(float) * static_cast<std::size_t>(w.width));
        }
    return out;
}

bool bitIdentical(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(float) * a.size()) == 0;
}

class Recorder : public Progress {
  public:
    void report(double fraction, std::string_view) override {
        if (fraction < last)
            monotone = false;
        last = fraction;
        ++reports;
    }
    bool cancelled() const override { return cancelAfter >= 0 && reports > cancelAfter; }
    double last = 0;
    bool monotone = true;
    int reports = 0;
    int cancelAfter = -1;
};

} // namespace

class TestKdeWindows : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void mosaicEqualsTheBigWindowBitForBit_data() {
        QTest::addColumn<int>("value");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<bool>("qgis");
        QTest::newRow("density quartic") << int(OutputValue::Density) << int(Kernel::Quartic) << false;
        QTest::newRow("density uniform") << int(OutputValue::Density) << int(Kernel::Uniform) << false;
        QTest::newRow("density gaussian") << int(OutputValue::Density) << int(Kernel::Gaussian) << false;
        QTest::newRow("scaled triangular") << int(OutputValue::Scaled) << int(Kernel::Triangular) << false;
        QTest::newRow("qgis raw quartic") << int(OutputValue::Raw) << int(Kernel::Quartic) << true;
        QTest::newRow("qgis scaled epanechnikov")
            << int(OutputValue::Scaled) << int(Kernel::Epanechnikov) << true;
    }
    void mosaicEqualsTheBigWindowBitForBit() {
        QFETCH(int, value);
        QFETCH(int, kernel);
        QFETCH(bool, qgis);
        KdeOptions o;
        o.value = static_cast<OutputValue>(value);
        o.kernel = static_cast<Kernel>(kernel);
        o.qgisCompatible = qgis;
        o.decay = 0.3;
        const KdePointIndex index(clustered(3000, 7));
        // Larger than one 512 x 128 engine tile, so the big window is itself tiled.
        const RasterWindow big =
            qgis ? qgisWindow(index, 3.7) : windowForExtent(Envelope{-300, -250, 2300, 2200}, 3.7);
        const std::vector<float> whole = compute(index, big, o);
        QVERIFY(bitIdentical(whole, mosaic(index, big, o)));
        double peak = 0;
        for (float v : whole)
            peak = std::max(peak, double(v));
        QVERIFY(peak > 0);
    }

    void threadsDoNotChangeABit() {
        const KdePointIndex index(clustered(2000, 11));
        const RasterWindow w = windowForExtent(Envelope{0, 0, 2000, 2000}, 2.5);
        KdeOptions o;
        o.threads = 1;
        const std::vector<float> one = compute(index, w, o);
        for (unsigned t : {2u, 3u, 8u}) {
            o.threads = t;
            QVERIFY(bitIdentical(one, compute(index, w, o)));
        }
    }

    void tilesOfAWebMapGridAgree() {
        // A tile matrix whose origin is far from the data, as for WebMercator tiles.
        const KdePointIndex index(clustered(1000, 3));
        const RasterGrid grid{-20037508.342789244, 20037508.342789244, 2.388657133911758};
        const std::int64_t col = static_cast<std::int64_t>(std::floor((0 - grid.originX) / grid.pixelSize));
        const std::int64_t row =
            static_cast<std::int64_t>(std::floor((grid.originY - 2000) / grid.pixelSize));
        const RasterWindow big{grid, col - 100, row - 100, 1024, 1024};
        KdeOptions o;
        QVERIFY(bitIdentical(compute(index, big, o), mosaic(index, big, o)));
    }

    void aWindowAwayFromThePointsIsZero() {
        const KdePointIndex index(clustered(500, 5));
        const RasterWindow w = windowForExtent(Envelope{10000, 10000, 10500, 10400}, 5);
        for (float v : compute(index, w, {}))
            QCOMPARE(v, 0.0f);
        const std::vector<float> empty = compute(KdePointIndex({}), w, {});
        QCOMPARE(std::count(empty.begin(), empty.end(), 0.0f), std::ptrdiff_t(empty.size()));
    }

    void progressIsMonotoneAndCancellationStops() {
        const KdePointIndex index(clustered(2000, 13));
        const RasterWindow w = windowForExtent(Envelope{0, 0, 2000, 2000}, 1);
        Recorder progress;
        compute(index, w, {}, &progress);
        QVERIFY(progress.monotone);
        QVERIFY(progress.reports > 5);
        QCOMPARE(progress.last, 1.0);
        Recorder cancelling;
        cancelling.cancelAfter = 2;
        QVERIFY_THROWS_EXCEPTION(Cancelled, compute(index, w, {}, &cancelling));
        QVERIFY(cancelling.reports < progress.reports);
    }

    void qgisWindowFollowsQgisRule() {
        // Points spanning 1000 x 350 m, radius 100, pixel 30: width 1200 -> ceil(40)+1 = 41 columns,
        // height 550 -> ceil(18.33)+1 = 20 rows, origin (xmin - r, ymax + r).
        const KdePointIndex index({{0, 0, 1, 100}, {1000, 350, 1, 60}});
        const RasterWindow w = qgisWindow(index, 30);
        QCOMPARE(w.width, 41);
        QCOMPARE(w.height, 20);
        QCOMPARE(w.grid.originX, -100.0);
        QCOMPARE(w.grid.originY, 450.0);
        QCOMPARE(w.geoTransform()[5], -30.0);
        const RasterWindow e = windowForExtent(Envelope{0, 0, 95, 40}, 10);
        QCOMPARE(e.width, 10);
        QCOMPARE(e.height, 4);
        QVERIFY_THROWS_EXCEPTION(InputError, qgisWindow(KdePointIndex({}), 10));
        QVERIFY_THROWS_EXCEPTION(InputError, windowForExtent(Envelope{0, 0, 10, 10}, 0));
        // A QGIS-compatible window must lie on QGIS's grid.
        KdeOptions o;
        o.qgisCompatible = true;
        o.value = OutputValue::Raw;
        RasterWindow shifted = w;
        shifted.grid.originX += 1;
        std::vector<float> out(shifted.pixelCount());
        QVERIFY_THROWS_EXCEPTION(InputError, computeWindow(index, shifted, o, out));
    }

    void indexQueriesFindEveryPointInside() {
        const std::vector<KdePoint> points = clustered(5000, 17);
        const KdePointIndex index(points);
        QCOMPARE(index.size(), points.size());
        std::mt19937 rng(1);
        std::uniform_real_distribution<double> at(-200, 2200), size(1, 600);
        for (int q = 0; q < 50; ++q) {
            const double x = at(rng), y = at(rng);
            const Envelope e{x, y, x + size(rng), y + size(rng)};
            std::size_t found = 0, inside = 0;
            for (const auto& r : index.query(e))
                for (std::size_t i = r.begin; i < r.end; ++i)
                    found += e.contains({index.points()[i].x, index.points()[i].y});
            for (const KdePoint& p : points)
                inside += e.contains({p.x, p.y});
            QCOMPARE(found, inside);
        }
    }
};

QTEST_GUILESS_MAIN(TestKdeWindows)
#include "test_kde_windows.moc"
