// Coverage edge cases: missing layers, bad parameters, cancellation, bad geometry, ties in the
// gap ranking, bad per-unit intervals and duplicate ids.
#include "test_coverage_fixture.h"

#include "firebeat/coverage.h"

#include <QtTest>

using namespace firebeat;
using namespace firebeat::test;

namespace {

CoverageParameters townParameters() {
    CoverageParameters p;
    p.referenceDate = kReference;
    p.windowDays = 100;
    p.norms = townNorms();
    return p;
}

std::size_t countCode(const Report& report, const std::string& code) {
    return static_cast<std::size_t>(std::count_if(report.problems().begin(), report.problems().end(),
                                                  [&](const Problem& p) { return p.code == code; }));
}

class CancelAfter : public Progress {
  public:
    explicit CancelAfter(int reports) : left_(reports) {}
    void report(double fraction, std::string_view) override {
        fractions.push_back(fraction);
        --left_;
    }
    bool cancelled() const override { return left_ <= 0; }
    std::vector<double> fractions;

  private:
    int left_;
};

DistrictCoverage scored(std::string id, int units, int inspected) {
    DistrictCoverage d;
    d.districtId = std::move(id);
    d.unitsTotal = units;
    d.unitsInspected = inspected;
    d.unitsInReach = units;
    return d;
}

} // namespace

class TestCoverageEdges : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void noDistrictsReportsEveryPoint() {
        Dataset d = town();
        d.districts.clear();
        d.officers.clear();
        Report report;
        const CoverageResult r = computeCoverage(d, townParameters(), report);
        QVERIFY(r.districts.empty());
        for (const UnitCoverage& u : r.units)
            QVERIFY(!u.district.has_value());
        // All 8 units; the 12 hazards that get as far as being placed (H12 is found after R, H13
        // is left out); the 5 villages with units (V1, V2, V4, V6, V7).
        QCOMPARE(countCode(report, "outside_districts"), std::size_t(8 + 12 + 5));
    }

    void noStationsReachesNothing() {
        Dataset d = town();
        d.stations.clear();
        Report report;
        const CoverageResult r = computeCoverage(d, townParameters(), report);
        QCOMPARE(r.districts[0].unitsInReach, 0);
        QCOMPARE(*r.districts[0].unitsInReachPct, 0.0);
        QCOMPARE(*r.districts[0].areaInReachPct, 0.0);
        QVERIFY(!r.units[0].nearestStationM.has_value());
        QVERIFY(!r.units[0].inReach);
    }

    void noVillagesNoBlindSpots() {
        Dataset d = town();
        d.villages.clear();
        Report report;
        const CoverageResult r = computeCoverage(d, townParameters(), report);
        QVERIFY(r.blindSpots.empty());
        QCOMPARE(r.districts[0].villagesWithUnits, 0);
        QCOMPARE(r.districts[0].blindSpotVillages, 0);
    }

    void emptyDatasetGivesEmptyResult() {
        Report report;
        const CoverageResult r = computeCoverage(Dataset{}, townParameters(), report);
        QVERIFY(r.districts.empty() && r.units.empty() && r.officers.empty() && r.blindSpots.empty());
        QVERIFY(report.problems().empty());
    }

    void badParametersAreInputErrors() {
        Report report;
        CoverageParameters p = townParameters();
        p.windowDays = 0;
        QVERIFY_THROWS_EXCEPTION(InputError, computeCoverage(town(), p, report));
        p = townParameters();
        p.reachQuadrantSegments = 0;
        QVERIFY_THROWS_EXCEPTION(InputError, computeCoverage(town(), p, report));
    }

    void unreadableDistrictGeometryNamesTheDistrict() {
        Dataset d = town();
        d.districts[1].geometry.wkb = {1, 2, 3};
        Report report;
        try {
            computeCoverage(d, townParameters(), report);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("'B2'") != std::string::npos, e.what());
        }
    }

    void progressAndCancellation() {
        Report report;
        CancelAfter never(1000);
        computeCoverage(town(), townParameters(), report, &never);
        QVERIFY(std::is_sorted(never.fractions.begin(), never.fractions.end()));
        QCOMPARE(never.fractions.back(), 1.0);
        CancelAfter soon(2);
        QVERIFY_THROWS_EXCEPTION(Cancelled, computeCoverage(town(), townParameters(), report, &soon));
    }

    void badIntervalFallsBackToTheNorm() {
        Dataset d = town();
        d.units[2].inspectEveryDays = 0; // U3, small venue: norm 180 days
        Report report;
        const CoverageResult r = computeCoverage(d, townParameters(), report);
        QCOMPARE(r.units[2].inspectEveryDays, 180);
        // Last visit d120, due d-60: not overdue any more.
        QVERIFY(!r.units[2].daysOverdue.has_value());
        QCOMPARE(countCode(report, "bad_value"), std::size_t(2)); // and H13's severity
    }

    void duplicateUnitIdsUseTheFirst() {
        Dataset d = town();
        Unit copy = d.units[0];
        copy.districtId.clear();
        copy.position = {3900, 1900}; // in B2, but inspections of "U1" belong to the first U1
        d.units.push_back(copy);
        Report report;
        const CoverageResult r = computeCoverage(d, townParameters(), report);
        QCOMPARE(countCode(report, "duplicate_id"), std::size_t(1));
        QCOMPARE(r.units[0].inspectionsInWindow, 2);
        QCOMPARE(r.units[8].inspectionsInWindow, 0);
        QCOMPARE(r.districts[1].unitsTotal, 4); // the duplicate still counts as a unit of B2
    }

    void gapRankTiesGoToTheSmallerId() {
        std::vector<DistrictCoverage> ds = {scored("b", 4, 2), scored("a", 4, 2), scored("c", 4, 2),
                                            scored("z", 4, 0)};
        rankGaps(ds, GapWeights{});
        // Uncovered only: z 100 % x .25, the others 50 % x .25.
        QCOMPARE(ds[3].gapScore, 25.0);
        QCOMPARE(ds[0].gapScore, 12.5);
        QCOMPARE(ds[3].gapRank, 1);
        QCOMPARE(ds[1].gapRank, 2); // a
        QCOMPARE(ds[0].gapRank, 3); // b
        QCOMPARE(ds[2].gapRank, 4); // c
    }

    void gapScoreIsTheWeightedMean() {
        DistrictCoverage d = scored("a", 10, 4); // uncovered 0.6
        d.officersRequiredByNorm = 4;
        d.officers = 1; // staffing gap 0.75
        GapWeights w{};
        w.uncovered = 1;
        w.overdue = 0;
        w.overdueRectifications = 0;
        w.staffing = 3;
        w.outOfReach = 0;
        w.blindSpots = 0;
        QCOMPARE(gapScore(d, w), 100 * (1 * 0.6 + 3 * 0.75) / 4);
    }
};

QTEST_GUILESS_MAIN(TestCoverageEdges)
#include "test_coverage_edges.moc"
