// QGIS-compatible mode against a deliberately naive model of QGIS 3.22's heatmap (one pixel at a
// time, in double precision, as docs/statistics.md and README-kde.md describe it), so the fast engine is
// checked on machines without QGIS; test_qgis_parity checks the model against QGIS itself.
#include "firebeat/kde.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace firebeat;

Q_DECLARE_METATYPE(firebeat::Kernel)
Q_DECLARE_METATYPE(firebeat::OutputValue)

namespace {

double qgisKernel(Kernel k, OutputValue v, double d, double h, double decay) {
    const double u = d / h;
    const bool scaled = v == OutputValue::Scaled;
    switch (k) {
    case Kernel::Uniform:
        return scaled ? 1 / (M_PI * h * h) : 1;
    case Kernel::Quartic:
        return (scaled ? 116 / (5 * M_PI * h * h) * 15 / 16 : 1) * std::pow(1 - u * u, 2);
    case Kernel::Triweight:
        return (scaled ? 4 / (M_PI * h * h) : 1) * std::pow(1 - u * u, 3);
    case Kernel::Epanechnikov:
        return (scaled ? 2 / (M_PI * h * h) : 1) * (1 - u * u);
    case Kernel::Triangular:
        return (scaled && decay >= 0 ? 3 / ((1 + 2 * decay) * M_PI * h * h) : 1) * (1 - (1 - decay) * u);
    case Kernel::Gaussian:
        break;
    }
    return 0;
}

// Each point adds its kernel to a (2b+1)^2 block of pixels placed from the top of the bounds,
// evaluated at centres counted from the bottom of the bounds (the mirrored rows).
std::vector<float> naiveQgis(const std::vector<KdePoint>& points, double pixel, Kernel k, OutputValue v,
                             double decay, int& cols, int& rows) {
    Envelope e;
    double r = 0;
    for (const KdePoint& p : points) {
        e.expand(Point{p.x, p.y});
        r = std::max(r, p.radius);
    }
    const double xMin = e.minX - r, xMax = e.maxX + r, yMin = e.minY - r, yMax = e.maxY + r;
    rows = static_cast<int>(std::max(std::ceil((yMax - yMin) / pixel) + 1, 1.0));
    cols = static_cast<int>(std::max(std::ceil((xMax - xMin) / pixel) + 1, 1.0));
    std::vector<float> raster(static_cast<std::size_t>(rows * cols), -9999.0f);
    for (const KdePoint& p : points) {
        int b = static_cast<int>(p.radius / pixel);
        if (p.radius - pixel * b > 0.5)
            ++b;
        const long xPos = static_cast<long>((p.x - xMin) / pixel - b);
        const long yPos = static_cast<long>((p.y - yMin) / pixel - b);
        const long yPosIO = static_cast<long>((yMax - p.y) / pixel - b);
        if (xPos + 2 * b + 1 > cols || yPosIO + 2 * b + 1 > rows)
            continue;
        for (long xp = 0; xp <= 2 * b; ++xp)
            for (long yp = 0; yp <= 2 * b; ++yp) {
                const double cx = (static_cast<double>(xPos + xp) + 0.5) * pixel + xMin;
                const double cy = (static_cast<double>(yPos + yp) + 0.5) * pixel + yMin;
                const double d = std::sqrt((cx - p.x) * (cx - p.x) + (cy - p.y) * (cy - p.y));
                if (d > p.radius)
                    continue;
                float& px = raster[static_cast<std::size_t>((yPosIO + yp) * cols + xPos + xp)];
                if (px == -9999.0f)
                    px = 0;
                px = static_cast<float>(px + p.weight * qgisKernel(k, v, d, p.radius, decay));
            }
    }
    return raster;
}

std::vector<KdePoint> randomPoints(unsigned seed, bool radiusPerPoint) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> at(0, 800), weight(0, 4);
    const double radii[] = {60, 45.3, 80.2, 33.33, 100};
    std::vector<KdePoint> points;
    for (int i = 0; i < 120; ++i)
        points.push_back(
            {600000 + at(rng), 3000000 + at(rng), weight(rng), radiusPerPoint ? radii[i % 5] : 70});
    // With 10 m pixels and a 100 m largest radius, pixel centres are 10 m multiples away from
    // these points: some exactly at the radius (ties in QGIS's "distance > radius").
    for (int i = 0; i < 5; ++i)
        points.push_back({600005.0 + 100 * i, 3000005.0 + 60 * i, 1, radiusPerPoint ? 100.0 : 70.0});
    points.push_back({600000, 3000000, 1, 50}); // on the extent's corner
    points.push_back({600800, 3000800, 2, 50});
    return points;
}

} // namespace

class TestKdeQgisMode : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void matchesTheNaiveModel_data() {
        QTest::addColumn<Kernel>("kernel");
        QTest::addColumn<OutputValue>("value");
        QTest::addColumn<double>("decay");
        QTest::addColumn<bool>("radiusPerPoint");
        QTest::addColumn<double>("pixel");
        for (Kernel k :
             {Kernel::Quartic, Kernel::Triangular, Kernel::Uniform, Kernel::Triweight, Kernel::Epanechnikov})
            for (OutputValue v : {OutputValue::Raw, OutputValue::Scaled})
                for (bool perPoint : {false, true})
                    QTest::newRow(qPrintable(QString("%1 %2%3")
                                                 .arg(QString::fromStdString(std::string(code(k))))
                                                 .arg(QString::fromStdString(std::string(code(v))))
                                                 .arg(perPoint ? " radius per point" : "")))
                        << k << v << 0.0 << perPoint << (perPoint ? 10.0 : 7.3);
        QTest::newRow("triangular decay 0.5")
            << Kernel::Triangular << OutputValue::Scaled << 0.5 << false << 10.0;
        QTest::newRow("triangular decay -1 scaled")
            << Kernel::Triangular << OutputValue::Scaled << -1.0 << true << 10.0;
    }
    void matchesTheNaiveModel() {
        QFETCH(Kernel, kernel);
        QFETCH(OutputValue, value);
        QFETCH(double, decay);
        QFETCH(bool, radiusPerPoint);
        QFETCH(double, pixel);
        const std::vector<KdePoint> points = randomPoints(9, radiusPerPoint);
        int cols = 0, rows = 0;
        const std::vector<float> expected = naiveQgis(points, pixel, kernel, value, decay, cols, rows);
        const KdePointIndex index(points);
        const RasterWindow w = qgisWindow(index, pixel);
        QCOMPARE(w.width, cols);
        QCOMPARE(w.height, rows);
        KdeOptions o;
        o.kernel = kernel;
        o.value = value;
        o.decay = decay;
        o.qgisCompatible = true;
        std::vector<float> ours(w.pixelCount());
        computeWindow(index, w, o, ours);
        double peak = 0, worst = 0;
        std::size_t maskDiffers = 0;
        for (std::size_t i = 0; i < ours.size(); ++i) {
            maskDiffers += (ours[i] == kQgisNoData) != (expected[i] == kQgisNoData);
            if (expected[i] != kQgisNoData)
                peak = std::max(peak, std::abs(double(expected[i])));
        }
        for (std::size_t i = 0; i < ours.size(); ++i)
            if (expected[i] != kQgisNoData && ours[i] != kQgisNoData)
                worst = std::max(worst, std::abs(double(ours[i]) - double(expected[i])));
        QCOMPARE(maskDiffers, std::size_t(0));
        QVERIFY2(worst <= 1e-5 * peak, qPrintable(QString("worst %1 of peak %2").arg(worst).arg(peak)));
    }
};

QTEST_GUILESS_MAIN(TestKdeQgisMode)
#include "test_kde_qgis_mode.moc"
