// Coverage gaps on the hand-built town (test_coverage_fixture.h): every metric is worked out by
// hand in the comments, from the fixture, and compared with what computeCoverage returns.
#include "test_coverage_fixture.h"

#include "firebeat/coverage.h"

#include <QtTest>

#include <cmath>
#include <numbers>
#include <set>

using namespace firebeat;
using namespace firebeat::test;

#define COMPARE_SOME(actual, expected)                                                                       \
    do {                                                                                                     \
        QVERIFY2((actual).has_value(), #actual " is null");                                                  \
        QCOMPARE(*(actual), expected);                                                                       \
    } while (false)
#define COMPARE_NULL(actual) QVERIFY2(!(actual).has_value(), #actual " is not null")

namespace {

constexpr int kWindowDays = 100; // the window is (R - 100 days, R]

CoverageResult computeTown(Report& report) {
    CoverageParameters p;
    p.referenceDate = kReference;
    p.windowDays = kWindowDays;
    p.norms = townNorms();
    return computeCoverage(town(), p, report);
}

// A GEOS circle of radius r with 4 x 32 segments has its vertices on the axes, so a quarter of it
// is cut off exactly by a district corner: 16 r^2 sin(pi / 64) (the 128-gon's area is
// 128 / 2 r^2 sin(2 pi / 128)).
double quarterCircleM2(double r) {
    return 16 * r * r * std::sin(std::numbers::pi / 64);
}

// Planned visits in the window, W / interval per unit.
const double kPlannedA1 =
    100.0 / 365 + 100.0 / 90 + 100.0 / 30 + 100.0 / 365;          // U1 key, U2 3-in-1, U3 own 30 d, U4
const double kPlannedB2 = 100.0 / 365 + 100.0 / 90 + 100.0 / 365; // U5 residential, U6 3-in-1, U8 key

} // namespace

class TestCoverage : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void window() {
        Report report;
        const CoverageResult r = computeTown(report);
        QCOMPARE(r.windowStart, kReference - 100 * kSecondsPerDay);
        QCOMPARE(r.windowEnd, kReference);
    }

    void unitsAssignedAndCounted() {
        Report report;
        const CoverageResult r = computeTown(report);
        QCOMPARE(r.units.size(), std::size_t(8));
        // U2, U6 have no district_id and are placed by position; U4 lies on the A1/B2 border
        // and goes to the lower index (A1); U7 is outside everything; U8's district_id "ZZ" is
        // unknown so it is placed by position on B2's outer edge.
        const std::optional<std::size_t> expected[] = {0, 0, 0, 0, 1, 1, std::nullopt, 1};
        for (std::size_t i = 0; i < 8; ++i)
            QCOMPARE(r.units[i].district, expected[i]);

        const DistrictCoverage &a = r.districts[0], &b = r.districts[1], &c = r.districts[2];
        QCOMPARE(a.districtId, std::string("A1"));
        QCOMPARE(a.areaKm2, 4.0);
        QCOMPARE(b.areaKm2, 4.0);
        QCOMPARE(c.areaKm2, 4.0);
        // Categories in enum order: key_unit, small_venue, three_in_one, residential_property, other.
        QCOMPARE(a.unitsTotal, 4);
        QCOMPARE(a.unitsByCategory, (std::array<int, 5>{1, 1, 1, 0, 1}));
        QCOMPARE(b.unitsTotal, 3);
        QCOMPARE(b.unitsByCategory, (std::array<int, 5>{1, 0, 1, 1, 0}));
        QCOMPARE(c.unitsTotal, 0);
    }

    void inspectionsAndCoverage() {
        Report report;
        const CoverageResult r = computeTown(report);
        const DistrictCoverage &a = r.districts[0], &b = r.districts[1], &c = r.districts[2];
        // A1: U1 (I1 d10), U2 (I3 d95) inspected; U3's only visit in the window was refused; U4 never.
        QCOMPARE(a.unitsInspected, 2);
        QCOMPARE(a.inspectedByCategory, (std::array<int, 5>{1, 0, 1, 0, 0}));
        COMPARE_SOME(a.coveragePct, 50.0);
        COMPARE_SOME(a.coveragePctByCategory[0], 100.0);
        COMPARE_SOME(a.coveragePctByCategory[1], 0.0);
        COMPARE_SOME(a.coveragePctByCategory[2], 100.0);
        COMPARE_NULL(a.coveragePctByCategory[3]);
        COMPARE_SOME(a.coveragePctByCategory[4], 0.0);
        // Window visits of A1's units, any outcome: I1, I3, I5 (refused), I14 (no officer).
        QCOMPARE(a.inspections, 4);
        QCOMPARE(a.inspectionsWithHazards, 1); // I3
        QCOMPARE(a.plannedVisits, kPlannedA1);

        // B2: U5 (I7 d5) and U8 (I10 d99, I13 d50) inspected; U6's I9 is exactly at R - 100 d,
        // outside the half-open window; I8 is after R.
        QCOMPARE(b.unitsInspected, 2);
        QCOMPARE(b.inspectedByCategory, (std::array<int, 5>{1, 0, 0, 1, 0}));
        COMPARE_SOME(b.coveragePct, 200.0 / 3);
        COMPARE_SOME(b.coveragePctByCategory[0], 100.0);
        COMPARE_NULL(b.coveragePctByCategory[1]);
        COMPARE_SOME(b.coveragePctByCategory[2], 0.0);
        COMPARE_SOME(b.coveragePctByCategory[3], 100.0);
        COMPARE_NULL(b.coveragePctByCategory[4]);
        QCOMPARE(b.inspections, 3); // I7, I10, I13
        QCOMPARE(b.inspectionsWithHazards, 1);
        QCOMPARE(b.plannedVisits, kPlannedB2);

        // C3 has no units: percentages are null, not a division by zero.
        QCOMPARE(c.unitsInspected, 0);
        COMPARE_NULL(c.coveragePct);
        for (const auto& pct : c.coveragePctByCategory)
            COMPARE_NULL(pct);
        QCOMPARE(c.inspections, 0);
        QCOMPARE(c.plannedVisits, 0.0);
    }

    void overdueUnits() {
        Report report;
        const CoverageResult r = computeTown(report);
        const auto& u = r.units;
        // U1: last visit I1 d10 (I14 d60 is older), key unit every 365 d: not overdue.
        COMPARE_SOME(u[0].lastInspection, daysBefore(10));
        COMPARE_NULL(u[0].daysOverdue);
        QCOMPARE(u[0].inspectionsInWindow, 2);
        // U2: last d95, three-in-one every 90 d: due d5, 5 days overdue.
        COMPARE_SOME(u[1].lastInspection, daysBefore(95));
        COMPARE_SOME(u[1].daysOverdue, std::int64_t(5));
        // U3: refused I5 does not count; last I6 d120, own interval 30 d: due d90, 90 days overdue.
        QCOMPARE(u[2].inspectEveryDays, 30);
        COMPARE_SOME(u[2].lastInspection, daysBefore(120));
        COMPARE_SOME(u[2].daysOverdue, std::int64_t(90));
        QCOMPARE(u[2].inspectionsInWindow, 1);
        QVERIFY(!u[2].inspectedInWindow);
        // U4: never inspected.
        QVERIFY(u[3].neverInspected());
        QVERIFY(u[3].needsVisit());
        COMPARE_NULL(u[3].daysOverdue);
        // U5: I8 is after R and ignored; last I7 d5.
        COMPARE_SOME(u[4].lastInspection, daysBefore(5));
        QCOMPARE(u[4].inspectionsInWindow, 1);
        // U6: last I9 d100 (outside the window, but it is a visit), every 90 d: 10 days overdue.
        COMPARE_SOME(u[5].lastInspection, daysBefore(100));
        COMPARE_SOME(u[5].daysOverdue, std::int64_t(10));
        QCOMPARE(u[5].inspectionsInWindow, 0);
        // U8: I13 (closed, d50) is newer than I10 (d99).
        COMPARE_SOME(u[7].lastInspection, daysBefore(50));
        QCOMPARE(u[7].inspectionsInWindow, 2);

        QCOMPARE(r.districts[0].overdueUnits, 2);   // U2, U3
        QCOMPARE(r.districts[0].neverInspected, 1); // U4
        QCOMPARE(r.districts[1].overdueUnits, 1);   // U6
        QCOMPARE(r.districts[1].neverInspected, 0);
        QCOMPARE(r.districts[2].overdueUnits, 0);
    }

    void hazards() {
        Report report;
        const CoverageResult r = computeTown(report);
        const DistrictCoverage &a = r.districts[0], &b = r.districts[1], &c = r.districts[2];
        // A1 holds H1-H7 (by unit) and H9 (unknown unit, placed at (1000, 1000)).
        // Found in the window: H2, H3, H5 (d95), H4 (d30), H6 (d10), H7 (d60), H9 (d10); H1 is d200.
        QCOMPARE(a.hazardsFound, 7);
        // Open at R: H2 (sev 3), H4 (sev 2), H5 (sev 2, rectified only after R).
        QCOMPARE(a.openHazards, 3);
        QCOMPARE(a.openBySeverity, (std::array<int, 3>{0, 2, 1}));
        QCOMPARE(a.openMajorHazards(), 1);
        // Past the deadline: H2 (d60), H5 (d80); H4's deadline is after R.
        QCOMPARE(a.overdueRectifications, 2);
        // Rectified in the window: H3 0 days, H6 10 days (rectified exactly at R), H9 3 days;
        // H1 was rectified before the window, H7's dates are impossible. Median of 0, 3, 10.
        COMPARE_SOME(a.medianDaysToRectify, 3.0);

        // B2: H8 (hotline, placed at (2500, 500)), H11, H14 (U5); H12 is found after R; H13 has
        // severity 4 and is left out.
        QCOMPARE(b.hazardsFound, 2); // H8 d20, H11 d5
        QCOMPARE(b.openHazards, 2);
        QCOMPARE(b.openBySeverity, (std::array<int, 3>{0, 1, 1}));
        QCOMPARE(b.overdueRectifications, 1); // H11, deadline d1
        COMPARE_NULL(b.medianDaysToRectify);  // H14 was rectified at d290, before the window

        QCOMPARE(c.hazardsFound, 0);
        QCOMPARE(c.openHazards, 0);
        COMPARE_NULL(c.medianDaysToRectify);
    }

    void staffing() {
        Report report;
        const CoverageResult r = computeTown(report);
        const DistrictCoverage &a = r.districts[0], &b = r.districts[1], &c = r.districts[2];
        // A1: officers field 2; 4 units, norm 1 per 2 units: needs 2, met.
        QCOMPARE(a.officers, 2);
        COMPARE_SOME(a.unitsPerOfficer, 2.0);
        QCOMPARE(a.unitsPerOfficerNorm, 2);
        QCOMPARE(a.officersRequiredByNorm, 2);
        QVERIFY(a.staffingNormMet);
        // B2: no officers field, the officers layer lists O3 only; 3 units need 2.
        QCOMPARE(b.officers, 1);
        COMPARE_SOME(b.unitsPerOfficer, 3.0);
        QCOMPARE(b.officersRequiredByNorm, 2);
        QVERIFY(!b.staffingNormMet);
        // C3: officers field 0 wins over the listed O5; no units, nothing required.
        QCOMPARE(c.officers, 0);
        COMPARE_NULL(c.unitsPerOfficer);
        QCOMPARE(c.officersRequiredByNorm, 0);
        QVERIFY(c.staffingNormMet);
    }

    void blindSpots() {
        Report report;
        const CoverageResult r = computeTown(report);
        // Units per village: V1 U1, V2 U3, V4 U5 + U6 + U8 (U5 on its edge, U8 on the V4/V5
        // corner: lower index), V6 U7 (outside every district), V7 U4; V3 and V5 none.
        // Not visited in the window: V2 (U3 refused) and V7 (U4 never).
        QCOMPARE(r.blindSpots.size(), std::size_t(2));
        QCOMPARE(r.blindSpots[0].villageId, std::string("V2"));
        QCOMPARE(r.blindSpots[0].districtId, std::string("A1")); // no district_id: by position
        QCOMPARE(r.blindSpots[0].units, 1);
        QCOMPARE(r.blindSpots[0].areaKm2, 1.0);
        QCOMPARE(r.blindSpots[1].villageId, std::string("V7"));
        QCOMPARE(r.blindSpots[1].districtId, std::string("B2"));
        QCOMPARE(r.blindSpots[1].areaKm2, 0.08); // 400 m x 200 m

        QCOMPARE(r.districts[0].villagesWithUnits, 2); // V1, V2
        QCOMPARE(r.districts[0].blindSpotVillages, 1);
        QCOMPARE(r.districts[0].blindSpotAreaKm2, 1.0);
        QCOMPARE(r.districts[1].villagesWithUnits, 2); // V4, V7
        QCOMPARE(r.districts[1].blindSpotVillages, 1);
        QCOMPARE(r.districts[1].blindSpotAreaKm2, 0.06); // the part of V7 east of x = 2000: 300 m x 200 m
        QCOMPARE(r.districts[2].villagesWithUnits, 0);
        QCOMPARE(r.districts[2].blindSpotAreaKm2, 0.0);
    }

    void stationReach() {
        Report report;
        const CoverageResult r = computeTown(report);
        // Radii: S1 micro at (0, 0) 1200 m, S2 small at (4000, 0) 1000 m, S3 far away.
        const auto& u = r.units;
        QVERIFY(u[0].inReach); // 707 m from S1
        COMPARE_SOME(u[0].nearestStationM, 500 * std::sqrt(2.0));
        QVERIFY(!u[1].inReach); // 1581 m from S1
        COMPARE_SOME(u[1].nearestStationM, std::sqrt(1500.0 * 1500 + 500 * 500));
        QVERIFY(!u[2].inReach);
        QVERIFY(!u[3].inReach);
        QVERIFY(!u[4].inReach); // 1118 m from S2
        QVERIFY(u[5].inReach);  // 707 m from S2
        QVERIFY(u[7].inReach);  // exactly 1000 m from S2: the radius counts as reached
        COMPARE_SOME(u[7].nearestStationM, 1000.0);

        QCOMPARE(r.districts[0].unitsInReach, 1);
        COMPARE_SOME(r.districts[0].unitsInReachPct, 25.0);
        QCOMPARE(r.districts[1].unitsInReach, 2);
        COMPARE_SOME(r.districts[1].unitsInReachPct, 200.0 / 3);
        COMPARE_NULL(r.districts[2].unitsInReachPct);
        // Each station sits on an outer corner: a quarter of its circle lies in the district.
        COMPARE_SOME(r.districts[0].areaInReachPct, 100 * quarterCircleM2(1200) / 4e6);
        COMPARE_SOME(r.districts[1].areaInReachPct, 100 * quarterCircleM2(1000) / 4e6);
        COMPARE_SOME(r.districts[2].areaInReachPct, 0.0);
    }

    void gapScoreAndRank() {
        Report report;
        const CoverageResult r = computeTown(report);
        // Default weights .25 uncovered, .25 overdue, .15 overdue rectifications, .15 staffing,
        // .10 out of reach, .10 blind spots (sum 1).
        // A1: uncovered 2/4, overdue (2 + 1)/4, rectifications 2/3, staffing 0, reach 3/4, blind 1/2
        //     -> .125 + .1875 + .1 + 0 + .075 + .05 = .5375
        // B2: 1/3, 1/3, 1/2, 1 - 1/2, 1/3, 1/2 -> (.25 + .25 + .1)/3 + .075 + .075 + .05 = .4
        // C3: nothing to miss -> 0
        QCOMPARE(r.districts[0].gapScore, 53.75);
        QCOMPARE(r.districts[1].gapScore, 40.0);
        QCOMPARE(r.districts[2].gapScore, 0.0);
        QCOMPARE(r.districts[0].gapRank, 1);
        QCOMPARE(r.districts[1].gapRank, 2);
        QCOMPARE(r.districts[2].gapRank, 3);
    }

    void officerWorkload() {
        Report report;
        const CoverageResult r = computeTown(report);
        QCOMPARE(r.officers.size(), std::size_t(6));
        const auto& o = r.officers;
        const std::string ids[] = {"O1", "O2", "O3", "O4", "O5", "OX"};
        for (std::size_t i = 0; i < 6; ++i)
            QCOMPARE(o[i].officerId, ids[i]);
        // O1: I1 (U1) and the refused I5 (U3); H6 was found at I1.
        QCOMPARE(o[0].inspections, 2);
        QCOMPARE(o[0].unitsVisited, 2);
        QCOMPARE(o[0].hazardsFound, 1);
        COMPARE_SOME(o[0].targetVisits, kPlannedA1 / 2); // A1 has 2 officers
        COMPARE_SOME(o[0].completionPct, 100 * 2 / (kPlannedA1 / 2));
        // O2: I3 (U2), which found H2, H3, H5.
        QCOMPARE(o[1].inspections, 1);
        QCOMPARE(o[1].hazardsFound, 3);
        COMPARE_SOME(o[1].completionPct, 100 * 1 / (kPlannedA1 / 2));
        // O3: I7 (U5), I10 (U8), I12 (U7, outside every district); I8 after R, I11 unknown unit.
        QCOMPARE(o[2].inspections, 3);
        QCOMPARE(o[2].unitsVisited, 3);
        QCOMPARE(o[2].hazardsFound, 1); // H11
        COMPARE_SOME(o[2].targetVisits, kPlannedB2);
        COMPARE_SOME(o[2].completionPct, 100 * 3 / kPlannedB2);
        // O4's district is unknown, O5's district has 0 officers: no target.
        QCOMPARE(o[3].inspections, 0);
        COMPARE_NULL(o[3].targetVisits);
        COMPARE_NULL(o[4].targetVisits);
        // OX only appears in inspections: I13 in the window (I9 is not).
        QVERIFY(!o[5].listed);
        QCOMPARE(o[5].inspections, 1);
        QCOMPARE(o[5].unitsVisited, 1);
        QVERIFY(o[5].districtId.empty());
        COMPARE_NULL(o[5].completionPct);
        QVERIFY(o[0].listed);
    }

    void problemsReported() {
        Report report;
        computeTown(report);
        std::set<std::tuple<std::string, std::string, std::string>> got;
        for (const Problem& p : report.problems())
            got.emplace(p.layer, p.code, p.featureId);
        const std::set<std::tuple<std::string, std::string, std::string>> expected = {
            {"units", "outside_districts", "U7"},
            {"units", "unknown_district", "U8"},
            {"inspections", "unknown_unit", "I11"},
            {"inspections", "missing_value", ""}, // I14 has no officer
            {"inspections", "unknown_officer", "I13"},
            {"officers", "unknown_district", "O4"},
            {"hazards", "rectified_before_found", "H7"},
            {"hazards", "unknown_unit", "H9"},
            {"hazards", "outside_districts", "H10"},
            {"hazards", "bad_value", "H13"},
            {"hazards", "unknown_inspection", "H14"},
            {"villages", "outside_districts", "V6"},
        };
        QCOMPARE(got, expected);
        QCOMPARE(report.problems().size(), expected.size());     // each reported once
        QCOMPARE(report.count(Severity::Error), std::size_t(1)); // impossible dates are bad input
    }
};

QTEST_GUILESS_MAIN(TestCoverage)
#include "test_coverage.moc"
