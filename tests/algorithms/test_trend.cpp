// Counts over time (firebeat/trend.h) on the hand-made town of test_trend_fixture.h, every count
// worked out by hand below. The months also add up to the coverage analysis of the same window.
#include "test_trend_fixture.h"

#include "firebeat/coverage.h"
#include "firebeat/trend.h"

#include <QtTest>

using namespace firebeat;
using namespace firebeat::test;

namespace {

std::vector<TrendPoint> trend(TrendStep step, const std::string& district = {}) {
    Report report;
    return computeTrend(trendTown(), {kTrendFrom, kTrendTo, step, district}, report);
}

// {inspections, units inspected, found, rectified, open at the end}
using Counts = std::array<int, 5>;
Counts counts(const TrendPoint& p) {
    return {p.inspections, p.unitsInspected, p.hazardsFound, p.hazardsRectified, p.openHazards};
}

} // namespace

class TestTrend : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void monthsOfTheCity() {
        const auto t = trend(TrendStep::Month);
        QCOMPARE(t.size(), std::size_t{3});
        QCOMPARE(t[0].start, kTrendFrom);
        QCOMPARE(t[0].end, at(2, 1, 0, 0, 0) - 1);
        QCOMPARE(t[1].start, at(2, 1, 0, 0, 0));
        QCOMPARE(t[2].end, kTrendTo);
        // January: i1 i2 i3 (i3 refused: UA alone inspected); h1 h2 found (h6's severity 4 left
        // out); h5 rectified; open at the end: h1 h2.
        QCOMPARE(counts(t[0]), (Counts{3, 1, 2, 1, 2}));
        // February: i4 i5 (i6 outside, i7 unknown unit); UB UC; h3 h9 found (h7 outside); h1
        // rectified; open: h2 h3 h9.
        QCOMPARE(counts(t[1]), (Counts{2, 2, 2, 1, 3}));
        // March: i8 i9 (UC twice); h4 found; h3 rectified in the last second; open: h2 h4 h9.
        QCOMPARE(counts(t[2]), (Counts{2, 1, 1, 1, 3}));
    }

    void monthsOfOneDistrict() {
        const auto a = trend(TrendStep::Month, "A1");
        QCOMPARE(counts(a[0]), (Counts{3, 1, 2, 1, 2}));
        QCOMPARE(counts(a[1]), (Counts{1, 1, 1, 1, 2})); // i4; UB; h9; h1; open h2 h9
        QCOMPARE(counts(a[2]), (Counts{0, 0, 0, 0, 2}));
        const auto b = trend(TrendStep::Month, "B2");
        QCOMPARE(counts(b[0]), (Counts{0, 0, 0, 0, 0}));
        QCOMPARE(counts(b[1]), (Counts{1, 1, 1, 0, 1})); // i5; UC; h3; -; open h3
        QCOMPARE(counts(b[2]), (Counts{2, 1, 1, 1, 1})); // i8 i9; UC; h4 (by position); h3; open h4
    }

    // ISO weeks: Thursday 1 January to Sunday 4 January, then Monday-to-Sunday weeks up to the
    // two days of the week of 30 March.
    void weeksOfTheCity() {
        const auto t = trend(TrendStep::Week);
        QCOMPARE(t.size(), std::size_t{14});
        QCOMPARE(t[0].start, kTrendFrom);
        QCOMPARE(t[0].end, at(1, 5, 0, 0, 0) - 1);
        QCOMPARE(t[1].start, at(1, 5, 0, 0, 0));
        QCOMPARE(t[13].start, at(3, 30, 0, 0, 0));
        QCOMPARE(t[13].end, kTrendTo);
        QCOMPARE(counts(t[0]), (Counts{0, 0, 0, 0, 1})); // h5 still open on 4 January
        QCOMPARE(counts(t[1]), (Counts{1, 1, 0, 1, 0})); // 5-11 Jan: i1; h5 rectified on the 10th
        QCOMPARE(counts(t[3]), (Counts{1, 1, 2, 0, 2})); // 19-25 Jan: i2; h1 h2
        // 26 Jan - 1 Feb: i3 (refused, 31 Jan) and i4 (1 Feb): two visits, one unit inspected.
        QCOMPARE(counts(t[4]), (Counts{2, 1, 0, 0, 2}));
        QCOMPARE(counts(t[6]), (Counts{1, 1, 1, 1, 2})); // 9-15 Feb: i5; h3; h1 rectified; open h2 h3
        int found = 0, rectified = 0, inspections = 0;
        for (const TrendPoint& p : t) {
            found += p.hazardsFound;
            rectified += p.hazardsRectified;
            inspections += p.inspections;
        }
        QCOMPARE(found, 5);                               // h1 h2 h3 h4 h9
        QCOMPARE(rectified, 3);                           // h5 h1 h3
        QCOMPARE(inspections, 7);                         // i1-i5, i8, i9
        QCOMPARE(counts(t[13]), (Counts{0, 0, 0, 1, 3})); // h3 rectified 31 March 23:59:59
    }

    // The window of 90 days to 31 March is January to March: the coverage analysis of that window
    // counts what the months add up to, and the last month's open hazards.
    void agreesWithCoverage() {
        CoverageParameters p;
        p.referenceDate = kTrendTo;
        p.windowDays = 90;
        Report report;
        const CoverageResult c = computeCoverage(trendTown(), p, report);
        for (const DistrictCoverage& d : c.districts) {
            const auto t = trend(TrendStep::Month, d.districtId);
            int inspections = 0, found = 0;
            for (const TrendPoint& s : t) {
                inspections += s.inspections;
                found += s.hazardsFound;
            }
            QCOMPARE(inspections, d.inspections);
            QCOMPARE(found, d.hazardsFound);
            QCOMPARE(t.back().openHazards, d.openHazards);
        }
    }

    void openHazardsByCategoryAndSeverity() {
        Report report;
        const OpenHazardBreakdown b = openHazardBreakdown(trendTown(), kTrendTo, "", report);
        QCOMPARE(b.total(), 3); // h2 h4 h9
        QCOMPARE(b.counts[static_cast<std::size_t>(HazardCategory::EvacBlocked)][2], 1);
        QCOMPARE(b.counts[static_cast<std::size_t>(HazardCategory::EBike)][1], 1);
        QCOMPARE(b.counts[static_cast<std::size_t>(HazardCategory::FireLane)][0], 1);
        // On 31 January in B2: nothing open yet; in A1 h1 (severity 2) and h2 (3).
        const OpenHazardBreakdown a1 = openHazardBreakdown(trendTown(), at(1, 31, 23, 59, 59), "A1", report);
        QCOMPARE(a1.total(), 2);
        QCOMPARE(a1.counts[static_cast<std::size_t>(HazardCategory::Electrical)][1], 1);
        QCOMPARE(openHazardBreakdown(trendTown(), at(1, 31, 23, 59, 59), "B2", report).total(), 0);
    }

    void badParametersNameThemselves() {
        Report report;
        try {
            computeTrend(trendTown(), {kTrendFrom, kTrendTo, TrendStep::Month, "ZZ"}, report);
            QFAIL("unknown district accepted");
        } catch (const InputError& e) {
            QVERIFY2(QByteArray(e.what()).startsWith("district:"), e.what());
        }
        try {
            computeTrend(trendTown(), {kTrendTo, kTrendFrom, TrendStep::Month, ""}, report);
            QFAIL("to before from accepted");
        } catch (const InputError& e) {
            QVERIFY2(QByteArray(e.what()).startsWith("to:"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestTrend)
#include "test_trend.moc"
