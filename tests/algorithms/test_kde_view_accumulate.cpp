// The row-wise accumulation of wide view kernels (server tiles) against a brute-force sum at
// every pixel centre: elliptical kernels 25 to 150 pixels wide, some centred outside the window,
// a window three blocks wide with a partial last block and a band of rows starting mid-window.
// Values within 1e-12 of the peak, and exactly 0 wherever no kernel reaches.
#include "../../algorithms/src/tiles/view_band.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace firebeat;

namespace {

// A kernel t = a dx^2 + b2 dx dy + c dy^2 (t <= 1 on its ellipse), as ViewKernels makes them.
ViewKernels::Kernel ellipse(double x, double y, double rx, double ry, double shear, double scale) {
    ViewKernels::Kernel k;
    k.x = x;
    k.y = y;
    k.a = 1 / (rx * rx);
    k.c = 1 / (ry * ry);
    k.b2 = shear * 2 / (rx * ry); // |shear| < 1: positive definite
    const double det = 4 * k.a * k.c - k.b2 * k.b2;
    k.halfX = std::sqrt(4 * k.c / det);
    k.halfY = std::sqrt(4 * k.a / det);
    k.scale = scale;
    return k;
}

} // namespace

class TestKdeViewAccumulate : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void matchesBruteForce() {
        // 300 x 90 pixels of 2.5 map units from (1000, 9000); rows 17..76 as the band.
        const MapWindow view{"EPSG:3857", {1000, 9000 - 90 * 2.5, 1000 + 300 * 2.5, 9000}, 300, 90};
        const detail::Band band(view, 17, 60);
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> x(800, 1950), y(8550, 9250), r(25 * 2.5, 150 * 2.5),
            shear(-0.6, 0.6), scale(0.5, 3);
        std::vector<ViewKernels::Kernel> kernels;
        for (int i = 0; i < 14; ++i)
            kernels.push_back(ellipse(x(rng), y(rng), r(rng), r(rng), shear(rng), scale(rng)));
        std::vector<const ViewKernels::Kernel*> pointers;
        for (const auto& k : kernels)
            pointers.push_back(&k);
        std::vector<double> buffer(static_cast<std::size_t>(band.rows) * band.stride, 0.0);
        detail::accumulateKernels(pointers.data(), pointers.size(), band, buffer.data());

        double peak = 0, worst = 0;
        std::size_t empty = 0;
        for (int row = 0; row < band.rows; ++row)
            for (int col = 0; col < band.width; ++col) {
                const double px = 1000 + (col + 0.5) * 2.5, py = 9000 - (band.row0 + row + 0.5) * 2.5;
                double expected = 0;
                for (const auto& k : kernels) {
                    const double dx = px - k.x, dy = py - k.y;
                    const double t = k.a * dx * dx + k.b2 * dx * dy + k.c * dy * dy;
                    expected += t < 1 ? k.scale * (1 - t) * (1 - t) : 0;
                }
                const double got = buffer[static_cast<std::size_t>(row) * band.stride + col];
                if (expected == 0) {
                    ++empty;
                    QCOMPARE(got, 0.0); // no residue of the running sums where nothing reaches
                }
                peak = std::max(peak, expected);
                worst = std::max(worst, std::abs(got - expected));
            }
        QVERIFY(empty > 100); // the layout leaves uncovered pixels to check
        QVERIFY(peak > 2);
        QVERIFY2(worst <= 1e-12 * peak, qPrintable(QString("worst %1, peak %2").arg(worst).arg(peak)));
    }
};

QTEST_APPLESS_MAIN(TestKdeViewAccumulate)
#include "test_kde_view_accumulate.moc"
