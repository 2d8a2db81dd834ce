// District sizing worked out by hand, and the largest-remainder allocation: exact totals, stable
// ties, the minimum per district and its error.
#include "test_coverage_fixture.h"

#include "firebeat/sizing.h"

#include <QtTest>

#include <cmath>
#include <numeric>
#include <random>

using namespace firebeat;

namespace {

DistrictCoverage counted(std::string id, double areaKm2, std::array<int, 5> units, int inspections,
                         int withHazards, int officers) {
    DistrictCoverage d;
    d.districtId = std::move(id);
    d.areaKm2 = areaKm2;
    d.unitsByCategory = units;
    d.unitsTotal = std::accumulate(units.begin(), units.end(), 0);
    d.inspections = inspections;
    d.inspectionsWithHazards = withHazards;
    d.officers = officers;
    return d;
}

// key_unit 2 visits x 60 min, small_venue 4 x 30, other (default) 1 x 30; half of the visits
// that find hazards need a return; 30 km/h, detour 1.25; 5 hours of capacity a person.
SizingParameters handParameters() {
    SizingParameters p;
    Norms& n = p.coverage.norms;
    n.categories[static_cast<std::size_t>(UnitCategory::KeyUnit)] = {365, 2, 60};
    n.categories[static_cast<std::size_t>(UnitCategory::SmallVenue)] = {180, 4, 30};
    n.reinspectionShare = 0.5;
    n.travel.speedKmh = 30;
    n.travel.detourFactor = 1.25;
    n.staffing.capacityHoursPerPerson = 5;
    return p;
}

CoverageResult handCoverage() {
    CoverageResult c;
    c.districts = {
        counted("S1", 4, {2, 2, 0, 0, 0}, 10, 4, 3),
        counted("S2", 9, {1, 0, 0, 0, 0}, 0, 0, 0),
        counted("S3", 1, {0, 0, 0, 0, 1}, 10, 1, 1),
        counted("S4", 4, {0, 0, 0, 0, 0}, 0, 0, 1),
    };
    return c;
}

std::vector<int> allocate(std::vector<double> weights, std::vector<std::string> ids, int total, int minimum) {
    return allocateLargestRemainder(weights, ids, total, minimum);
}

} // namespace

class TestSizing : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void workloadByHand() {
        const SizingResult r = sizeDistricts(handCoverage(), handParameters());
        QCOMPARE(r.districts.size(), std::size_t(4));
        QCOMPARE(r.overallHazardVisitRate, 0.25); // (4 + 1) / (10 + 10)

        // S1: 2 key x 2 + 2 small x 4 = 12 visits; 4 x 60 + 8 x 30 min = 8 h. Rate 4/10, half
        // return: 2.4 re-inspections, 1.6 h. Travel: (12 + 2.4) visits x 0.7124 sqrt(4 / 4) km
        // x 1.25 / 30 km/h = 0.42744 h. Workload 10.02744 h / 5 h = 2.005488 staff -> 3.
        const DistrictSizing& s1 = r.districts[0];
        QCOMPARE(s1.hazardVisitRate, 0.4);
        QCOMPARE(s1.visitsPerYear, 12.0);
        QCOMPARE(s1.visitHours, 8.0);
        QCOMPARE(s1.reinspectionsPerYear, 2.4);
        QCOMPARE(s1.reinspectionHours, 1.6);
        QCOMPARE(s1.travelHours, 0.42744);
        QCOMPARE(s1.workloadHours, 10.02744);
        QCOMPARE(s1.requiredStaff, 2.005488);
        QCOMPARE(s1.requiredStaffCeil, 3);
        QCOMPARE(s1.surplus, 0);

        // S2: no inspections, so the overall rate 0.25. 2 visits, 2 h; 0.25 re-inspections,
        // 0.25 h; travel 2.25 x 0.7124 x sqrt(9 / 1) x 1.25 / 30 = 0.2003625 h.
        const DistrictSizing& s2 = r.districts[1];
        QCOMPARE(s2.hazardVisitRate, 0.25);
        QCOMPARE(s2.reinspectionsPerYear, 0.25);
        QCOMPARE(s2.travelHours, 0.2003625);
        QCOMPARE(s2.workloadHours, 2.4503625);
        QCOMPARE(s2.requiredStaffCeil, 1);
        QCOMPARE(s2.surplus, -1); // no officers: a deficit of one

        // S3: 1 visit x 30 min; rate 0.1: 0.05 re-inspections; travel 1.05 x 0.7124 x 1.25 / 30.
        const DistrictSizing& s3 = r.districts[2];
        QCOMPARE(s3.workloadHours, 0.5 + 0.025 + 0.0311675);
        QCOMPARE(s3.requiredStaffCeil, 1);
        QCOMPARE(s3.surplus, 0);

        // S4: no units, no work; its officer is a surplus.
        const DistrictSizing& s4 = r.districts[3];
        QCOMPARE(s4.workloadHours, 0.0);
        QCOMPARE(s4.travelHours, 0.0);
        QCOMPARE(s4.requiredStaffCeil, 0);
        QCOMPARE(s4.surplus, 1);

        QCOMPARE(r.totalWorkloadHours, 10.02744 + 2.4503625 + 0.5561675);
        QCOMPARE(r.totalRequiredStaff, (10.02744 + 2.4503625 + 0.5561675) / 5);
        QVERIFY(!s1.allocated.has_value());
    }

    void headcountAllocatedByWorkload() {
        SizingParameters p = handParameters();
        p.headcount = 10;
        p.minimumPerDistrict = 1;
        const SizingResult r = sizeDistricts(handCoverage(), p);
        // Quotas of 10 by workload: S3 0.43 and S4 0 fall below 1 and get 1 each; the other 8
        // go by workload to S1 (6.43) and S2 (1.57): floors 6 + 1, the last seat to S2's .57.
        const int expected[] = {6, 2, 1, 1};
        const int change[] = {3, 2, 0, 0};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(*r.districts[i].allocated, expected[i]);
            QCOMPARE(*r.districts[i].allocationChange, change[i]);
        }
    }

    void computeSizingRunsCoverageFirst() {
        SizingParameters p;
        p.coverage.referenceDate = test::kReference;
        p.coverage.windowDays = 100;
        p.coverage.norms = test::townNorms();
        Report a, b;
        const SizingResult direct = computeSizing(test::town(), p, a);
        const SizingResult composed = sizeDistricts(computeCoverage(test::town(), p.coverage, b), p);
        QCOMPARE(direct.districts.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i)
            QCOMPARE(direct.districts[i].workloadHours, composed.districts[i].workloadHours);
        // A1: 1 of its 4 window visits found hazards.
        QCOMPARE(direct.districts[0].hazardVisitRate, 0.25);
        QCOMPARE(a.problems().size(), b.problems().size());
    }

    void hamiltonClassic() {
        // Quotas 3.5, 2.1, 1.4: floors 3, 2, 1 and the last seat to the largest remainder.
        QCOMPARE(allocate({5, 3, 2}, {"a", "b", "c"}, 7, 0), (std::vector<int>{4, 2, 1}));
    }

    void tiesGoToTheSmallerIdThenTheEarlierPosition() {
        QCOMPARE(allocate({1, 1, 1}, {"c", "a", "b"}, 4, 0), (std::vector<int>{1, 2, 1}));
        QCOMPARE(allocate({1, 1, 1}, {"c", "a", "b"}, 5, 0), (std::vector<int>{1, 2, 2}));
        QCOMPARE(allocate({1, 1}, {"x", "x"}, 1, 0), (std::vector<int>{1, 0}));
        // All weights zero: equal quotas 5/3.
        QCOMPARE(allocate({0, 0, 0}, {"a", "b", "c"}, 5, 0), (std::vector<int>{2, 2, 1}));
    }

    void minimumRespected() {
        // 0.098 < 2: both small districts are held at 2 and the first takes the other 6.
        QCOMPARE(allocate({100, 1, 1}, {"a", "b", "c"}, 10, 2), (std::vector<int>{6, 2, 2}));
        // Quotas 5.29, 3.18, 0.53: c is held at 2; 7 left for a, b: 4.375, 2.625 -> 4, 3.
        QCOMPARE(allocate({10, 6, 1}, {"a", "b", "c"}, 9, 2), (std::vector<int>{4, 3, 2}));
        // A cascade: 6.875, 3.4375, 0.6875 -> c held at 3; then 5.33, 2.67 -> b held at 3; a 5.
        QCOMPARE(allocate({10, 5, 1}, {"a", "b", "c"}, 11, 3), (std::vector<int>{5, 3, 3}));
        // Exactly the minimum for everyone.
        QCOMPARE(allocate({9, 1, 0}, {"a", "b", "c"}, 6, 2), (std::vector<int>{2, 2, 2}));
    }

    void totalsExactAndWithinQuota() {
        std::mt19937 rng(20260101);
        std::uniform_real_distribution<double> weight(0, 1000);
        for (int round = 0; round < 200; ++round) {
            const std::size_t n = 1 + rng() % 300;
            std::vector<double> w(n);
            std::vector<std::string> ids(n);
            for (std::size_t i = 0; i < n; ++i) {
                w[i] = round % 7 == 0 ? std::floor(weight(rng) / 250) : weight(rng); // many ties
                ids[i] = "d" + std::to_string(i);
            }
            const int minimum = round % 3;
            const int total = static_cast<int>(n) * minimum + static_cast<int>(rng() % 1000);
            const std::vector<int> seats = allocateLargestRemainder(w, ids, total, minimum);
            QCOMPARE(std::accumulate(seats.begin(), seats.end(), 0), total);
            for (int s : seats)
                QVERIFY(s >= minimum);
            if (minimum == 0) { // Hamilton stays within one seat of the quota
                const double sum = std::accumulate(w.begin(), w.end(), 0.0);
                for (std::size_t i = 0; i < n; ++i) {
                    const double q = sum > 0 ? total * w[i] / sum : static_cast<double>(total) / n;
                    QVERIFY(seats[i] >= std::floor(q) - 1e-9 && seats[i] <= std::ceil(q) + 1e-9);
                }
            }
        }
        // The example: 505 people.
        std::vector<double> w(37);
        std::vector<std::string> ids(37);
        for (std::size_t i = 0; i < w.size(); ++i) {
            w[i] = weight(rng);
            ids[i] = "d" + std::to_string(i);
        }
        const std::vector<int> seats = allocateLargestRemainder(w, ids, 505, 3);
        QCOMPARE(std::accumulate(seats.begin(), seats.end(), 0), 505);
    }

    void tooSmallHeadcountIsAnError() {
        try {
            allocate({1, 2, 3}, {"a", "b", "c"}, 5, 2);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("needs 6") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(InputError, allocate({1, -2}, {"a", "b"}, 5, 0));
        QVERIFY_THROWS_EXCEPTION(InputError, allocate({1}, {"a", "b"}, 5, 0));
        QVERIFY_THROWS_EXCEPTION(InputError, allocate({}, {}, 5, 0));
        SizingParameters p = handParameters();
        p.headcount = 3;
        p.minimumPerDistrict = 1; // 4 districts
        QVERIFY_THROWS_EXCEPTION(InputError, sizeDistricts(handCoverage(), p));
    }
};

QTEST_GUILESS_MAIN(TestSizing)
#include "test_sizing.moc"
