// Emerging hot spots, the statistics on their own: the 17 rules on hand-built z series (given to
// the classifier directly, in the order the rules are tested, with the edge cases of
// docs/emerging.md), Mann-Kendall S, Var(S) with ties, z and p worked by hand, and
// Benjamini-Hochberg against a hand-sorted list.
#include "firebeat/emerging.h"

#include <QtTest>

#include <cmath>

using namespace firebeat;

namespace {

using Z = std::vector<std::optional<double>>;
using Bins = std::vector<std::int8_t>;

// A series whose significant bins are those with |z| >= 2 (as if FDR had cut there).
Bins binsOf(const Z& z) {
    Bins b;
    for (const auto& v : z)
        b.push_back(!v || std::fabs(*v) < 2 ? 0 : *v > 0 ? 1 : -1);
    return b;
}

EmergingPattern classify(const Z& z) {
    return classifyLocation(z, binsOf(z)).pattern;
}

Z negated(const Z& z) {
    Z out;
    for (const auto& v : z)
        out.push_back(v ? std::optional<double>(-*v) : std::nullopt);
    return out;
}

Z series(std::initializer_list<double> values) {
    return Z(values.begin(), values.end());
}

} // namespace

class TestEmergingRules : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void mannKendallByHand() {
        // 1 2 2 3 5: nine rising pairs, one tie (the two 2s); Var = (5*4*15 - 2*1*9)/18 = 282/18.
        const std::vector<double> a = {1, 2, 2, 3, 5};
        const MannKendall m = mannKendall(a);
        QCOMPARE(m.s, 9.0);
        QVERIFY(std::fabs(m.variance - 282.0 / 18.0) < 1e-12);
        QVERIFY(std::fabs(m.z - 8.0 / std::sqrt(282.0 / 18.0)) < 1e-12);
        QVERIFY(std::fabs(m.z - 2.0211646105596457) < 1e-12);
        QVERIFY(std::fabs(m.p - 0.043262727806910685) < 1e-12); // 2 Phi(-z)

        // A difference within 1e-9 is a tie, in S and in Var: S = 2, Var = (3*2*11 - 2*1*9)/18.
        const std::vector<double> b = {1, 1 + 5e-10, 2};
        const MannKendall t = mannKendall(b);
        QCOMPARE(t.s, 2.0);
        QVERIFY(std::fabs(t.variance - 48.0 / 18.0) < 1e-12);
        QVERIFY(std::fabs(t.z - 1 / std::sqrt(48.0 / 18.0)) < 1e-12);
        QVERIFY(std::fabs(t.p - 0.54029137460741994) < 1e-12);

        // Three tie groups (2,2,2), (1,1) and singles: S = -2, Var = (8*7*21 - 3*2*11 - 2*1*9)/18.
        const std::vector<double> c = {2.5, 2, 2, 2, 3, 1, 1, 4};
        const MannKendall g = mannKendall(c);
        QCOMPARE(g.s, -2.0);
        QVERIFY(std::fabs(g.variance - (8 * 7 * 21 - 66 - 18) / 18.0) < 1e-12);
        QVERIFY(std::fabs(g.z - (-1 / std::sqrt(1092.0 / 18.0))) < 1e-12); // (S + 1)/sqrt(Var)
        QVERIFY(std::fabs(g.p - 0.89784181025512444) < 1e-12);

        // S = 0 or Var = 0: z = 0, p = 1.
        const std::vector<double> flat = {3, 3, 3};
        const MannKendall f = mannKendall(flat);
        QCOMPARE(f.s, 0.0);
        QCOMPARE(f.variance, 0.0);
        QCOMPARE(f.z, 0.0);
        QCOMPARE(f.p, 1.0);
    }

    void fdrAgainstAHandSortedList() {
        // m = 10 (the null p counts), alpha 0.10: p(k) is compared with k * 0.01.
        //   hand-sorted: .004 .012 .035 .038 .058 .061 .2 .5 .9 (null)
        //   k:              1    2    3    4    5    6   7  8  9  10
        //   passes:         y    y    n    y    n    n   n  n  n  n
        // k* = 4, cut-off .038; step-up, so .035 (k = 3) is significant all the same.
        const std::vector<std::optional<double>> p = {0.5,   0.035, 0.004, 0.2,   std::nullopt,
                                                      0.061, 0.038, 0.9,   0.012, 0.058};
        const std::vector<std::optional<double>> z = {1.0, -2.1, 2.9,  1.3,  std::nullopt,
                                                      1.9, 2.07, -0.1, -2.5, 1.9};
        const std::vector<std::int8_t> c = fdrBinClasses(z, p, 0.10);
        const std::vector<std::int8_t> expected = {0, -1, 1, 0, 0, 0, 1, 0, -1, 0};
        QCOMPARE(c, expected);

        // Nothing passes: no bin is significant.
        const std::vector<std::optional<double>> high = {0.5, 0.6};
        const std::vector<std::optional<double>> hz = {1.0, 1.0};
        QCOMPARE(fdrBinClasses(hz, high), (std::vector<std::int8_t>{0, 0}));
    }

    void hotRulesInOrder() {
        // T = 10: "90 %" is 9 months or more.
        // 1 New: only the final month hot; earlier cold bins do not block it.
        QCOMPARE(classify(series({0, 0, 0, 0, 0, 0, 0, 0, 0, 3})), EmergingPattern::NewHot);
        QCOMPARE(classify(series({-3, -3, 0, 0, 0, 0, 0, 0, 0, 3})), EmergingPattern::NewHot);
        // 2 Consecutive: the hot bins are one run ending at the final month, < 90 %; a cold bin
        // before the run does not block it.
        QCOMPARE(classify(series({0, 0, 0, 0, 0, 0, 0, 3, 3, 3})), EmergingPattern::ConsecutiveHot);
        QCOMPARE(classify(series({-3, 0, 0, 0, 0, 0, 0, 3, 3, 3})), EmergingPattern::ConsecutiveHot);
        // ...but a run of 9 of 10 is >= 90 %: rules 3-5 instead (rising: intensifying).
        QCOMPARE(classify(series({0, 3, 4, 5, 6, 7, 8, 9, 10, 11})), EmergingPattern::IntensifyingHot);
        // 3 Intensifying: all hot, rising (S = 45, z = 3.94).
        QCOMPARE(classify(series({2, 3, 4, 5, 6, 7, 8, 9, 10, 11})), EmergingPattern::IntensifyingHot);
        // 4 Persistent: all hot, no significant trend (S = 5, p = 0.68).
        QCOMPARE(classify(series({3, 4, 3, 4, 3, 4, 3, 4, 3, 4})), EmergingPattern::PersistentHot);
        // 5 Diminishing: all hot, falling.
        QCOMPARE(classify(series({11, 10, 9, 8, 7, 6, 5, 4, 3, 2})), EmergingPattern::DiminishingHot);
        // 6 Sporadic: final hot, hot bins not one run, < 90 %, never cold.
        QCOMPARE(classify(series({3, 0, 3, 0, 0, 0, 0, 0, 0, 3})), EmergingPattern::SporadicHot);
        // 7 Oscillating: the same with a cold bin.
        QCOMPARE(classify(series({3, -3, 3, 0, 0, 0, 0, 0, 0, 3})), EmergingPattern::OscillatingHot);
        // A consecutive run after a cold bin with an earlier hot one: not rule 2 (L != nH) -> 7.
        QCOMPARE(classify(series({3, -3, 0, 0, 0, 0, 0, 3, 3, 3})), EmergingPattern::OscillatingHot);
        // 8 Historical: final not hot, >= 90 % hot; the final month may even be cold.
        QCOMPARE(classify(series({3, 3, 3, 3, 3, 3, 3, 3, 3, 0})), EmergingPattern::HistoricalHot);
        QCOMPARE(classify(series({3, 3, 3, 3, 3, 3, 3, 3, 3, -3})), EmergingPattern::HistoricalHot);
        // Sporadic/oscillating need a significant final month: without it, no pattern.
        QCOMPARE(classify(series({3, 0, 3, 0, 0, 0, 0, 0, 3, 0})), EmergingPattern::NoPattern);
        QCOMPARE(classify(series({0, 0, 0, 0, 0, 0, 0, 0, 0, 0})), EmergingPattern::NoPattern);
    }

    void coldRulesMirrorTheHotOnes() {
        QCOMPARE(classify(negated(series({0, 0, 0, 0, 0, 0, 0, 0, 0, 3}))), EmergingPattern::NewCold);
        QCOMPARE(classify(negated(series({0, 0, 0, 0, 0, 0, 0, 3, 3, 3}))), EmergingPattern::ConsecutiveCold);
        // Intensifying cold: z falling further below 0 (trend down); diminishing cold: rising to 0.
        QCOMPARE(classify(negated(series({2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))),
                 EmergingPattern::IntensifyingCold);
        QCOMPARE(classify(negated(series({3, 4, 3, 4, 3, 4, 3, 4, 3, 4}))), EmergingPattern::PersistentCold);
        QCOMPARE(classify(negated(series({11, 10, 9, 8, 7, 6, 5, 4, 3, 2}))),
                 EmergingPattern::DiminishingCold);
        QCOMPARE(classify(negated(series({3, 0, 3, 0, 0, 0, 0, 0, 0, 3}))), EmergingPattern::SporadicCold);
        QCOMPARE(classify(negated(series({3, -3, 3, 0, 0, 0, 0, 0, 0, 3}))),
                 EmergingPattern::OscillatingCold);
        QCOMPARE(classify(negated(series({3, 3, 3, 3, 3, 3, 3, 3, 3, 0}))), EmergingPattern::HistoricalCold);
        // Historical cold with a hot final month: hot rules come first, and a hot final month
        // always matches one of 1-7 -> New Hot Spot, not Historical Cold.
        QCOMPARE(classify(series({-3, -3, -3, -3, -3, -3, -3, -3, -3, 3})), EmergingPattern::NewHot);
        // Historical hot (>= 90 % hot) is tested before any cold rule even with a cold final month.
        QCOMPARE(classify(series({3, 3, 3, 3, 3, 3, 3, 3, 3, -3})), EmergingPattern::HistoricalHot);
    }

    void edgeCases() {
        // Two months, both hot: nH = 2 >= 90 % of 2, so not consecutive; MK S = 1, Var = 1,
        // z = 0: no trend -> persistent.
        const LocationClass two = classifyLocation(series({3, 4}), Bins{1, 1});
        QCOMPARE(two.pattern, EmergingPattern::PersistentHot);
        QCOMPARE(two.trend.s, 1.0);
        QCOMPARE(two.trend.z, 0.0);
        // The 90 % rule in integers: 18 of 20 is >= 90 %, 17 of 20 is not (final month not hot).
        Z z18(20, 3.0), z17(20, 3.0);
        z18[1] = z18[19] = 0.0;
        z17[1] = z17[2] = z17[19] = 0.0;
        QCOMPARE(classifyLocation(z18, binsOf(z18)).hot, 18);
        QCOMPARE(classify(z18), EmergingPattern::HistoricalHot);
        QCOMPARE(classifyLocation(z17, binsOf(z17)).hot, 17);
        QCOMPARE(classify(z17), EmergingPattern::NoPattern);
        // A null z (denominator 0) counts as 0 in the trend and is never significant.
        const Z withNull = {std::nullopt, 1.0, 2.0};
        const LocationClass n = classifyLocation(withNull, Bins{0, 0, 0});
        const std::vector<double> asZero = {0, 1, 2};
        QCOMPARE(n.trend.s, mannKendall(asZero).s);
        QCOMPARE(n.pattern, EmergingPattern::NoPattern);
        // The trend counts only for >= 90 %: a consecutive run stays consecutive whatever the trend.
        QCOMPARE(classify(series({1, 1, 1, 1, 1, 1, 0, 3, 4, 5})), EmergingPattern::ConsecutiveHot);
        // Pattern names and codes as in the output.
        QCOMPARE(patternName(EmergingPattern::IntensifyingCold), std::string_view("Intensifying Cold Spot"));
        QCOMPARE(patternCode(EmergingPattern::HistoricalCold), -8);
        QCOMPARE(patternName(EmergingPattern::NoPattern), std::string_view("No Pattern Detected"));
    }
};

QTEST_APPLESS_MAIN(TestEmergingRules)
#include "test_emerging_rules.moc"
