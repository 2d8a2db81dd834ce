// Kernel density: each kernel's shape, mass and centring checked against the formulas.
#include "firebeat/kde.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace firebeat;

Q_DECLARE_METATYPE(firebeat::Kernel)

namespace {

constexpr double kPixel = 10; // metres

// A lone point in a window with room for its whole kernel.
struct Lone {
    RasterWindow window;
    std::vector<float> values;
};

Lone lonePoint(const KdePoint& p, const KdeOptions& options) {
    const double margin = p.radius + 3 * kPixel;
    Lone l;
    l.window = windowForExtent(Envelope{p.x - margin, p.y - margin, p.x + margin, p.y + margin}, kPixel);
    // Shift the grid so the point is off the pixel centres by an arbitrary amount.
    l.window.grid.originX -= 3.3;
    l.window.grid.originY += 1.7;
    l.values.resize(l.window.pixelCount());
    computeWindow(KdePointIndex({p}), l.window, options, l.values);
    return l;
}

double sum(const std::vector<float>& v) {
    double s = 0;
    for (float x : v)
        s += x;
    return s;
}

double centreX(const RasterWindow& w, int col) {
    return w.minX() + (col + 0.5) * w.grid.pixelSize;
}
double centreY(const RasterWindow& w, int row) {
    return w.maxY() - (row + 0.5) * w.grid.pixelSize;
}

// The raw kernel shape at u = distance / radius.
double shape(Kernel k, double u, double decay, double cutoff) {
    if (u > 1)
        return 0;
    switch (k) {
    case Kernel::Uniform:
        return 1;
    case Kernel::Triangular:
        return 1 - (1 - decay) * u;
    case Kernel::Epanechnikov:
        return 1 - u * u;
    case Kernel::Quartic:
        return std::pow(1 - u * u, 2);
    case Kernel::Triweight:
        return std::pow(1 - u * u, 3);
    case Kernel::Gaussian:
        return std::exp(-u * u * cutoff * cutoff / 2);
    }
    return 0;
}

void allKernels() {
    QTest::addColumn<Kernel>("kernel");
    for (Kernel k : {Kernel::Quartic, Kernel::Triangular, Kernel::Uniform, Kernel::Triweight,
                     Kernel::Epanechnikov, Kernel::Gaussian})
        QTest::newRow(std::string(code(k)).c_str()) << k;
}

} // namespace

class TestKdeKernels : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void densityIntegratesToTheWeight_data() { allKernels(); }
    void densityIntegratesToTheWeight() {
        QFETCH(Kernel, kernel);
        KdeOptions o;
        o.kernel = kernel;
        o.decay = 0.2;
        // Bandwidths of 5+ pixels at several sub-pixel positions (beyond 48 pixels the polynomial
        // kernels are normalised in closed form); density is per km^2.
        for (double radius : {50.0, 73.0, 200.0, 410.0, 700.0, 1503.3})
            for (double dx : {0.0, 2.5, 4.9, 7.1}) {
                const double weight = 2.5;
                const Lone l = lonePoint({1000 + dx, 5000 - dx / 2, weight, radius}, o);
                const double mass = sum(l.values) * kPixel * kPixel / 1e6;
                QVERIFY2(std::abs(mass / weight - 1) < 1e-5,
                         qPrintable(QString("radius %1 dx %2: mass %3").arg(radius).arg(dx).arg(mass)));
            }
    }

    void lonePointIsCentredOnThePoint_data() { allKernels(); }
    void lonePointIsCentredOnThePoint() {
        QFETCH(Kernel, kernel);
        KdeOptions o;
        o.kernel = kernel;
        for (double dx : {0.0, 1.3, 5.0, 8.8}) {
            const KdePoint p{2000 + dx, 3000 + 2 * dx, 1, 60};
            const Lone l = lonePoint(p, o);
            double sx = 0, sy = 0, s = 0, peak = -1;
            int peakCol = 0, peakRow = 0;
            for (int r = 0; r < l.window.height; ++r)
                for (int c = 0; c < l.window.width; ++c) {
                    const double v = l.values[static_cast<std::size_t>(r * l.window.width + c)];
                    sx += v * centreX(l.window, c);
                    sy += v * centreY(l.window, r);
                    s += v;
                    if (v > peak) {
                        peak = v;
                        peakCol = c;
                        peakRow = r;
                    }
                }
            // The centroid is the point to a hundredth of a pixel; the peak is in the point's pixel.
            // The uniform kernel is a disc of lattice points, whose centroid wanders by up to about
            // a pixel as the disc moves (and it has no peak).
            const double tolerance = (kernel == Kernel::Uniform ? 1.0 : 0.01) * kPixel;
            QVERIFY2(std::abs(sx / s - p.x) < tolerance && std::abs(sy / s - p.y) < tolerance,
                     qPrintable(QString("centroid off by %1, %2").arg(sx / s - p.x).arg(sy / s - p.y)));
            if (kernel != Kernel::Uniform) {
                QVERIFY(std::abs(centreX(l.window, peakCol) - p.x) <= kPixel / 2);
                QVERIFY(std::abs(centreY(l.window, peakRow) - p.y) <= kPixel / 2);
            }
        }
    }

    void rawValuesFollowTheShape_data() { allKernels(); }
    void rawValuesFollowTheShape() {
        QFETCH(Kernel, kernel);
        KdeOptions o;
        o.kernel = kernel;
        o.value = OutputValue::Raw;
        o.decay = 0.25;
        const KdePoint p{500.3, 700.9, 1.5, 87};
        const Lone l = lonePoint(p, o);
        double worst = 0;
        for (int r = 0; r < l.window.height; ++r)
            for (int c = 0; c < l.window.width; ++c) {
                const double u =
                    std::hypot(centreX(l.window, c) - p.x, centreY(l.window, r) - p.y) / p.radius;
                if (std::abs(u - 1) < 1e-6)
                    continue; // on the rim: in or out is a matter of rounding
                const double expected = p.weight * shape(kernel, u, o.decay, o.gaussianCutoffSd);
                worst = std::max(
                    worst, std::abs(l.values[static_cast<std::size_t>(r * l.window.width + c)] - expected));
            }
        QVERIFY2(worst < 1e-5, qPrintable(QString("worst difference %1").arg(worst)));
    }

    void scaledUsesTheRightConstants_data() { allKernels(); }
    void scaledUsesTheRightConstants() {
        QFETCH(Kernel, kernel);
        KdeOptions o;
        o.kernel = kernel;
        o.value = OutputValue::Scaled;
        o.decay = 0.5;
        // Sampled at 40 pixels per radius, the scaled kernel's sum x pixel area is close to 1.
        const Lone l = lonePoint({0.4, 0.2, 1, 400}, o);
        const double integral = sum(l.values) * kPixel * kPixel;
        QVERIFY2(std::abs(integral - 1) < 2e-3, qPrintable(QString("integral %1").arg(integral)));
    }

    void densityIsLinearInTheWeights() {
        const std::vector<KdePoint> a{{0, 0, 1, 100}, {55, 30, 2, 80}, {-40, 20, 0.5, 120}};
        std::vector<KdePoint> b = a;
        for (KdePoint& p : b)
            p.weight *= 3;
        const RasterWindow w = windowForExtent(Envelope{-200, -200, 200, 200}, kPixel);
        std::vector<float> va(w.pixelCount()), vb(w.pixelCount());
        computeWindow(KdePointIndex(a), w, {}, va);
        computeWindow(KdePointIndex(b), w, {}, vb);
        for (std::size_t i = 0; i < va.size(); ++i)
            QVERIFY(std::abs(vb[i] - 3 * va[i]) <= 1e-6f * std::abs(vb[i]) + 1e-12f);
    }

    void gaussianRadiusIsTheCutoff() {
        // radius 120 at 4 SDs: sigma = 30, zero beyond 120 metres.
        KdeOptions o;
        o.kernel = Kernel::Gaussian;
        o.gaussianCutoffSd = 4;
        o.value = OutputValue::Raw;
        const KdePoint p{5, 5, 1, 120};
        const Lone l = lonePoint(p, o);
        for (int r = 0; r < l.window.height; ++r)
            for (int c = 0; c < l.window.width; ++c) {
                const double d = std::hypot(centreX(l.window, c) - p.x, centreY(l.window, r) - p.y);
                const double v = l.values[static_cast<std::size_t>(r * l.window.width + c)];
                if (d > 120.001)
                    QCOMPARE(v, 0.0);
                else if (d < 119.999)
                    QVERIFY(std::abs(v - std::exp(-d * d / (2 * 30.0 * 30.0))) < 1e-6);
            }
    }

    void inconsistentOptionsAreRejected() {
        const KdePointIndex index({{0, 0, 1, 50}});
        const RasterWindow w = qgisWindow(index, 10);
        std::vector<float> out(w.pixelCount());
        KdeOptions o;
        o.qgisCompatible = true; // with density
        QVERIFY_THROWS_EXCEPTION(InputError, computeWindow(index, w, o, out));
        o.value = OutputValue::Raw;
        o.kernel = Kernel::Gaussian;
        QVERIFY_THROWS_EXCEPTION(InputError, computeWindow(index, w, o, out));
        o = {};
        o.kernel = Kernel::Triangular;
        o.decay = -0.5;
        QVERIFY_THROWS_EXCEPTION(InputError, computeWindow(index, w, o, out));
        o.value = OutputValue::Raw; // a negative decay is fine for raw output, as in QGIS
        computeWindow(index, w, o, out);
        std::vector<float> tooSmall(3);
        QVERIFY_THROWS_EXCEPTION(InputError, computeWindow(index, w, {}, tooSmall));
        QVERIFY_THROWS_EXCEPTION(InputError, KdePointIndex({{0, NAN, 1, 50}}));
        QVERIFY_THROWS_EXCEPTION(InputError, KdePointIndex({{0, 0, 1, -5}}));
    }

    void namesRoundTrip() {
        for (Kernel k : {Kernel::Quartic, Kernel::Triangular, Kernel::Uniform, Kernel::Triweight,
                         Kernel::Epanechnikov, Kernel::Gaussian})
            QCOMPARE(parseKernel(code(k)), std::optional<Kernel>(k));
        for (OutputValue v : {OutputValue::Density, OutputValue::Raw, OutputValue::Scaled})
            QCOMPARE(parseOutputValue(code(v)), std::optional<OutputValue>(v));
        QCOMPARE(parseKernel("cubic"), std::optional<Kernel>());
    }
};

QTEST_GUILESS_MAIN(TestKdeKernels)
#include "test_kde_kernels.moc"
