// Kernels seen in a map CRS (ViewKernels): equal to the exact density at the pixel centres
// projected into the analysis CRS (quarticDensityAt) within the linearisation's 1e-4, exact in
// the analysis CRS itself, windows of one grid join bit for bit, and the pixel-mean rule
// (pixelDensity) still switches to footprints where pixels grow wider than half the bandwidth.
#include "firebeat/crs.h"
#include "firebeat/kde_pixel_density.h"
#include "firebeat/kde_point_density.h"
#include "firebeat/kde_view_kernels.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <random>
#include <vector>

using namespace firebeat;

namespace {

const std::string kAnalysisCrs = "EPSG:4543"; // CGCS2000 / 3-degree Gauss-Kruger CM 102E
constexpr double kRadius = 500;

// Clusters of hazards around Kunming (25.04 N, 102.71 E) in EPSG:4543, weights 1, 2 or 4.
std::vector<KdePoint> kunmingHazards(int clusters, int perCluster, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> spread(0, 250);
    std::uniform_real_distribution<double> centre(-3000, 3000);
    std::uniform_int_distribution<int> severity(0, 2);
    const Point kunming = cachedTransform("EPSG:4326", kAnalysisCrs).apply(Point{102.71, 25.04});
    std::vector<KdePoint> points;
    for (int c = 0; c < clusters; ++c) {
        const double cx = kunming.x + centre(rng), cy = kunming.y + centre(rng);
        for (int i = 0; i < perCluster; ++i)
            points.push_back({cx + spread(rng), cy + spread(rng), double(1 << severity(rng)), kRadius});
    }
    return points;
}

// A width x height window of `crs` centred on the hazard `p`, `pixel` map units a side.
MapWindow windowOver(const KdePoint& p, const std::string& crs, double pixel, int width, int height) {
    const Point c = cachedTransform(kAnalysisCrs, crs).apply(Point{p.x, p.y});
    return {crs,
            {c.x - pixel * width / 2, c.y - pixel * height / 2, c.x + pixel * width / 2,
             c.y + pixel * height / 2},
            width,
            height};
}

std::vector<double> viewDensity(const ViewKernels& kernels, const MapWindow& view) {
    std::vector<double> out(static_cast<std::size_t>(view.width) * static_cast<std::size_t>(view.height),
                            0.0);
    kernels.addDensity(view, 0, view.height, out);
    return out;
}

// The independent expectation: every pixel centre projected into the analysis CRS, then the
// exact quartic density there.
std::vector<double> projectedDensity(const KdePointIndex& index, const MapWindow& view) {
    std::vector<Point> centres = pixelCentres(view, 0, view.height);
    cachedTransform(view.crs, kAnalysisCrs).apply(centres);
    std::vector<double> out(centres.size());
    quarticDensityAt(index, centres, out);
    return out;
}

double maxAbs(const std::vector<double>& v) {
    double m = 0;
    for (const double x : v)
        m = std::max(m, std::abs(x));
    return m;
}

double maxDifference(const std::vector<double>& a, const std::vector<double>& b) {
    double m = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}

} // namespace

class TestKdeViewKernels : public QObject {
    Q_OBJECT

  private slots:
    void equalsProjectedCentres_data() {
        QTest::addColumn<QString>("crs");
        QTest::addColumn<double>("pixel");
        QTest::addColumn<double>("tolerance"); // of the largest density
        QTest::newRow("web mercator, zoom 15") << "EPSG:3857" << 4.777 << 1e-4;
        QTest::newRow("web mercator, zoom 12") << "EPSG:3857" << 38.22 << 1e-4;
        QTest::newRow("lat/lon (anisotropic)") << "EPSG:4326" << 5e-5 << 1e-4;
        QTest::newRow("CGCS2000 lat/lon") << "EPSG:4490" << 2e-4 << 1e-4;
        QTest::newRow("the analysis CRS itself") << QString::fromStdString(kAnalysisCrs) << 10.0 << 1e-12;
    }
    void equalsProjectedCentres() {
        QFETCH(QString, crs);
        QFETCH(double, pixel);
        QFETCH(double, tolerance);
        const auto points = kunmingHazards(12, 40, 7);
        const KdePointIndex index(points);
        const ViewKernels kernels(index, kAnalysisCrs, crs.toStdString());
        const MapWindow view = windowOver(points.front(), crs.toStdString(), pixel, 300, 220);
        const std::vector<double> got = viewDensity(kernels, view);
        const std::vector<double> expected = projectedDensity(index, view);
        const double peak = maxAbs(expected);
        QVERIFY2(peak > 10, qPrintable(QString::number(peak))); // the window is over the hazards
        QVERIFY2(
            maxDifference(got, expected) <= tolerance * peak,
            qPrintable(
                QString("max difference %1 of a peak of %2").arg(maxDifference(got, expected)).arg(peak)));
    }

    // A lone hazard of weight 4: 4 x 3 / (pi r^2) per m^2 at the hazard, whatever the CRS.
    void loneHazardPeak() {
        const Point at = cachedTransform("EPSG:4326", kAnalysisCrs).apply(Point{102.71, 25.04});
        const KdePointIndex index(std::vector<KdePoint>{{at.x, at.y, 4, kRadius}});
        const Point centre = cachedTransform(kAnalysisCrs, "EPSG:3857").apply(at);
        const ViewKernels kernels(index, kAnalysisCrs, "EPSG:3857");
        const MapWindow view{
            "EPSG:3857", {centre.x - 0.5, centre.y - 0.5, centre.x + 0.5, centre.y + 0.5}, 1, 1};
        const double expected = 4 * 3 / (std::numbers::pi * kRadius * kRadius) * 1e6;
        QVERIFY(std::abs(viewDensity(kernels, view)[0] - expected) < 1e-9 * expected);
    }

    // Map tiles of one grid (exactly representable bounds, as tile matrices have) join the big
    // window bit for bit: each pixel sums its kernels in one order whatever the window.
    void tilesJoinBitForBit() {
        const KdePointIndex index(kunmingHazards(12, 40, 11));
        const ViewKernels kernels(index, kAnalysisCrs, "EPSG:3857");
        const Point c = cachedTransform(kAnalysisCrs, "EPSG:3857").apply(index.envelope().centre());
        const double pixel = 8, x0 = std::floor(c.x / 1024) * 1024 - 1024,
                     y1 = std::floor(c.y / 1024) * 1024 + 1024;
        const MapWindow big{"EPSG:3857", {x0, y1 - 512 * pixel, x0 + 512 * pixel, y1}, 512, 512};
        const std::vector<double> whole = viewDensity(kernels, big);
        QVERIFY(maxAbs(whole) > 10);
        std::vector<double> mosaic(whole.size(), -1);
        for (int ty = 0; ty < 4; ++ty)
            for (int tx = 0; tx < 4; ++tx) {
                const double minX = x0 + tx * 128 * pixel, maxY = y1 - ty * 128 * pixel;
                const MapWindow tile{
                    "EPSG:3857", {minX, maxY - 128 * pixel, minX + 128 * pixel, maxY}, 128, 128};
                const std::vector<double> part = viewDensity(kernels, tile);
                for (int r = 0; r < 128; ++r)
                    std::memcpy(&mosaic[static_cast<std::size_t>((ty * 128 + r) * 512 + tx * 128)],
                                &part[static_cast<std::size_t>(r * 128)], 128 * sizeof(double));
            }
        QVERIFY(std::memcmp(whole.data(), mosaic.data(), whole.size() * sizeof(double)) == 0);
        // Bands of rows add up to the same as the whole window.
        std::vector<double> banded(whole.size(), 0.0);
        for (int row0 = 0; row0 < 512; row0 += 100) {
            const int rows = std::min(100, 512 - row0);
            kernels.addDensity(big, row0, rows,
                               std::span(banded).subspan(static_cast<std::size_t>(row0) * 512,
                                                         static_cast<std::size_t>(rows) * 512));
        }
        QVERIFY(std::memcmp(whole.data(), banded.data(), whole.size() * sizeof(double)) == 0);
    }

    // Pixels a few metres wide show the centre value; pixels wider than the bandwidth their
    // footprint's mean, which keeps the hazards' mass: sum(density x ground area) = total weight.
    void pixelMeansKeepTheMass() {
        const auto points = kunmingHazards(6, 30, 5);
        double total = 0;
        for (const KdePoint& p : points)
            total += p.weight;
        const DensityField field(std::make_shared<const KdePointIndex>(points), kAnalysisCrs, kRadius);
        // Fine pixels: pixelDensity is ViewKernels' centre value.
        const MapWindow fine = windowOver(points.front(), "EPSG:3857", 20, 64, 64);
        QCOMPARE(pixelDensity(field, fine, 0, 64), viewDensity(field.kernelsIn("EPSG:3857"), fine));
        // Coarse analysis-CRS pixels 2 km a side over everything: the mass is the hazards' weight.
        const Envelope e = field.points().envelope();
        const MapWindow coarse{
            kAnalysisCrs, {e.minX - 4000, e.minY - 4000, e.minX + 12000, e.minY + 12000}, 8, 8};
        const std::vector<double> d = pixelDensity(field, coarse, 0, 8);
        double mass = 0;
        for (const double v : d)
            mass += v * 4.0; // km^2 per pixel
        QVERIFY2(std::abs(mass - total) < 1e-6 * total, qPrintable(QString("%1 vs %2").arg(mass).arg(total)));
    }
};

QTEST_APPLESS_MAIN(TestKdeViewKernels)
#include "test_kde_view_kernels.moc"
