// Global empirical-Bayes smoothing against the formula worked by hand.
#include "firebeat/progress.h"
#include "firebeat/rates.h"

#include <QtTest>

#include <cmath>

using namespace firebeat;

class TestRates : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void smoothingByHand() {
        // y = 0, 8, 10, 1 over n = 10, 20, 50, 5.
        // b = 19/85; crude r = 0, 0.4, 0.2, 0.2.
        // s2 = [10 (0-b)^2 + 20 (0.4-b)^2 + 50 (0.2-b)^2 + 5 (0.2-b)^2] / 85; n-bar = 85/4.
        const std::vector<double> y{0, 8, 10, 1}, n{10, 20, 50, 5};
        const double b = 19.0 / 85;
        const double s2 = (10 * b * b + 20 * (0.4 - b) * (0.4 - b) + 55 * (0.2 - b) * (0.2 - b)) / 85;
        const double a = s2 - b / (85.0 / 4);
        QVERIFY(a > 0.00304 && a < 0.00305);
        const EmpiricalBayes eb = empiricalBayes(y, n);
        QVERIFY(std::abs(eb.b - b) < 1e-15);
        QVERIFY(std::abs(eb.s2 - s2) < 1e-15);
        QVERIFY(std::abs(eb.a - a) < 1e-15);
        const std::vector<double> crude{0, 0.4, 0.2, 0.2};
        for (std::size_t i = 0; i < 4; ++i) {
            const double w = a / (a + b / n[i]);
            QVERIFY(std::abs(eb.rates[i] - (w * crude[i] + (1 - w) * b)) < 1e-15);
        }
        QVERIFY(eb.rates[0] > 0); // a zero count over a small base does not stay at zero
    }

    void noExtraVarianceShrinksAllTheWay() {
        // Crude rates 0.1 each: s2 = 0 < b / n-bar, so a = 0 and every rate is b.
        const EmpiricalBayes eb =
            empiricalBayes(std::vector<double>{1, 2, 3}, std::vector<double>{10, 20, 30});
        QCOMPARE(eb.a, 0.0);
        for (double r : eb.rates)
            QVERIFY(std::abs(r - 0.1) < 1e-15);
    }

    void zeroBaseGetsTheOverallRate() {
        // The zero-base area is left out of b, s2 and n-bar, then given b.
        const EmpiricalBayes eb =
            empiricalBayes(std::vector<double>{0, 8, 10, 1, 3}, std::vector<double>{10, 20, 50, 5, 0});
        const EmpiricalBayes without =
            empiricalBayes(std::vector<double>{0, 8, 10, 1}, std::vector<double>{10, 20, 50, 5});
        QCOMPARE(eb.b, without.b);
        QCOMPARE(eb.a, without.a);
        QCOMPARE(eb.rates[4], eb.b);
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 empiricalBayes(std::vector<double>{1, 2}, std::vector<double>{0, 0}));
    }
};

QTEST_GUILESS_MAIN(TestRates)
#include "test_rates.moc"
