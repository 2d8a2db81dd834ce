// Local Moran's I: the statistic by hand, the permutation p against the exact conditional
// permutation distribution (enumerated here), quadrants, and reproducibility across threads.
#include "firebeat/hotspot_statistics.h"

#include "hotspots_villages.h"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace firebeat;

namespace {

SpatialWeights queen(int rows, int cols) {
    return buildWeights(test::squareLattice(rows, cols), WeightsOptions{});
}

// Number of k-subsets of `others` whose sum passes `counts`.
int countSubsets(const std::vector<double>& others, std::size_t k,
                 const std::function<bool(double)>& counts) {
    int hits = 0;
    const std::function<void(std::size_t, std::size_t, double)> walk = [&](std::size_t from, std::size_t left,
                                                                           double sum) {
        if (left == 0) {
            hits += counts(sum) ? 1 : 0;
            return;
        }
        for (std::size_t i = from; i + left <= others.size(); ++i)
            walk(i + 1, left - 1, sum + others[i]);
    };
    walk(0, k, 0);
    return hits;
}

// The pseudo p must be the folded exact tail probability P within sampling error.
void checkAgainstExact(double p, double tail, int nsim) {
    const double folded = std::min(tail, 1 - tail);
    const double expected = (folded * nsim + 1) / (nsim + 1);
    const double se = std::sqrt(folded * (1 - folded) / nsim);
    QVERIFY2(std::abs(p - expected) < 4 * se + 1e-12,
             qPrintable(QString("p %1, exact %2, se %3").arg(p).arg(expected).arg(se)));
}

} // namespace

class TestLocalMoran : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void statisticByHand() {
        // Values 1..9 on 3x3 queen: z = x - 5, m2 = 60/9.
        const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9};
        LocalMoranOptions o;
        o.permutations = 99;
        const std::vector<LocalMoran> m = localMoran(x, queen(3, 3), o);
        // r0c0: z = -4, neighbours z = -3, -1, 0: lag -4/3; I = (-4 / (60/9)) (-4/3) = 0.8.
        QVERIFY(std::abs(*m[0].i - 0.8) < 1e-12);
        // r0c1: z = -3, neighbours -4, -2, -1, 0, 1: lag -6/5; I = -0.45 * -1.2 = 0.54.
        QVERIFY(std::abs(*m[1].i - 0.54) < 1e-12);
        // The centre sits at the mean (I = 0) and its neighbourhood is everyone: no p.
        QVERIFY(std::abs(*m[4].i) < 1e-15);
        QVERIFY(!m[4].p);
        QCOMPARE(m[4].flags, hotspot_flags::kWholeStudyArea);
    }

    void pseudoPMatchesTheExactPermutationDistribution() {
        const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9};
        LocalMoranOptions o;
        o.permutations = 9999;
        const std::vector<LocalMoran> m = localMoran(x, queen(3, 3), o);
        // r0c0 (z < 0): neighbours 2, 4, 5 sum to 11; I_sim >= I iff a draw of 3 of the other
        // eight values sums to <= 11: {2,3,4}, {2,3,5}, {2,3,6}, {2,4,5} -> 4 of C(8,3) = 56.
        const std::vector<double> others0{2, 3, 4, 5, 6, 7, 8, 9};
        QCOMPARE(countSubsets(others0, 3, [](double s) { return s <= 11; }), 4);
        checkAgainstExact(*m[0].p, 4.0 / 56, o.permutations);
        // r1c0 (4, z < 0): neighbours 1, 2, 5, 7, 8 sum to 23; draws of 5 from the other 8.
        const std::vector<double> others3{1, 2, 3, 5, 6, 7, 8, 9};
        const int l3 = countSubsets(others3, 5, [](double s) { return s <= 23; });
        checkAgainstExact(*m[3].p, l3 / 56.0, o.permutations);
        // r2c1 (8, z > 0): neighbours 4, 5, 6, 7, 9 sum to 31; I_sim >= I iff a draw sums >= 31.
        const std::vector<double> others7{1, 2, 3, 4, 5, 6, 7, 9};
        const int l7 = countSubsets(others7, 5, [](double s) { return s >= 31; });
        checkAgainstExact(*m[7].p, l7 / 56.0, o.permutations);
    }

    void everyNeighbourCountInItsOwnPass() {
        // So many permutations that the running sums of one neighbour count fill the memory
        // budget: the counts of a 4 x 4 queen lattice (3, 5, 8) are then tested one pass each,
        // and every area's p must still be its exact conditional tail (within 4 standard errors
        // of 2^21 draws, so to about 1e-3).
        std::vector<double> x(16);
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = static_cast<double>((i * 7) % 16 + 1); // 1..16, shuffled
        LocalMoranOptions o;
        o.permutations = (1 << 21) + 1;
        const SpatialWeights w = queen(4, 4);
        const std::vector<LocalMoran> m = localMoran(x, w, o);
        for (std::size_t i = 0; i < x.size(); ++i) {
            std::vector<double> others;
            for (std::size_t j = 0; j < x.size(); ++j)
                if (j != i)
                    others.push_back(x[j]);
            double sum = 0;
            for (std::uint32_t j : w.neighbours(i))
                sum += x[j];
            const std::size_t k = w.neighbours(i).size();
            const bool high = x[i] > 8.5;
            const int hits = countSubsets(others, k, [&](double s) { return high ? s >= sum : s <= sum; });
            const int all = countSubsets(others, k, [](double) { return true; });
            checkAgainstExact(*m[i].p, static_cast<double>(hits) / all, o.permutations);
        }
    }

    void pseudoPFormulaOnAnExtremeFeature() {
        // A feature whose neighbours are the only high values: no draw can beat it (L = 0),
        // so p = (min(0, nsim) + 1) / (nsim + 1) = 1 / 1000 exactly.
        std::vector<double> x(36, 5);
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c) {
                x[static_cast<std::size_t>(r * 6 + c)] = 10;          // a high block, south-west
                x[static_cast<std::size_t>((r + 3) * 6 + c + 3)] = 0; // a low block, north-east
            }
        const std::vector<LocalMoran> m = localMoran(x, queen(6, 6), LocalMoranOptions{});
        QCOMPARE(*m[7].p, 1.0 / 1000); // r1c1, all eight neighbours 10
        QCOMPARE(m[7].quadrant, LisaQuadrant::HighHigh);
        QCOMPARE(*m[28].p, 1.0 / 1000); // r4c4, all eight neighbours 0
        QCOMPARE(m[28].quadrant, LisaQuadrant::LowLow);
        QCOMPARE(code(m[28].quadrant), std::string_view("LL"));
        for (const LocalMoran& f : m)
            QVERIFY(f.quadrant == LisaQuadrant::NotSignificant || *f.p <= 0.05);
    }

    void sameSeedSameResultWhateverTheThreads() {
        std::vector<double> x;
        for (int i = 0; i < 144; ++i)
            x.push_back((i * 37) % 11 + (i / 12 < 4 ? 6 : 0));
        const SpatialWeights w = queen(12, 12);
        LocalMoranOptions one;
        one.threads = 1;
        LocalMoranOptions two = one;
        two.threads = 2;
        LocalMoranOptions five = one;
        five.threads = 5;
        const std::vector<LocalMoran> a = localMoran(x, w, one), b = localMoran(x, w, two),
                                      c = localMoran(x, w, five);
        bool differsWithSeed = false;
        LocalMoranOptions other = one;
        other.seed = 99;
        const std::vector<LocalMoran> d = localMoran(x, w, other);
        for (std::size_t i = 0; i < x.size(); ++i) {
            QCOMPARE(*a[i].p, *b[i].p);
            QCOMPARE(*a[i].p, *c[i].p);
            QCOMPARE(a[i].quadrant, b[i].quadrant);
            differsWithSeed = differsWithSeed || *a[i].p != *d[i].p;
        }
        QVERIFY(differsWithSeed);
    }

    void islandsAndBadInput() {
        std::vector<Area> a = test::squareLattice(2, 2);
        a.push_back(test::areaFromWkt("island", "POLYGON((50 50,51 50,51 51,50 51,50 50))"));
        const std::vector<LocalMoran> m =
            localMoran(std::vector<double>{1, 2, 3, 4, 100}, buildWeights(a, {}), {});
        QVERIFY(!m[4].i && !m[4].p);
        QCOMPARE(m[4].flags, hotspot_flags::kNoNeighbours);
        QCOMPARE(m[4].quadrant, LisaQuadrant::NotSignificant);
        QVERIFY_THROWS_EXCEPTION(InputError, localMoran(std::vector<double>(9, 2.0), queen(3, 3), {}));
        LocalMoranOptions none;
        none.permutations = 0;
        QVERIFY_THROWS_EXCEPTION(
            InputError, localMoran(std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}, queen(3, 3), none));
    }

    void cancellationStopsTheWork() {
        struct Cancel : Progress {
            bool cancelled() const override { return true; }
        } cancel;
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, localMoran(std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9}, queen(3, 3), {}, &cancel));
    }
};

QTEST_GUILESS_MAIN(TestLocalMoran)
#include "test_local_moran.moc"
