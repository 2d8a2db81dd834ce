// District design on hand-checkable grids (the optimum found by exhaustive search), contiguity
// checked with GEOS unions, determinism across runs and thread counts, the lower bound, and bad
// input.
#include "firebeat/districts.h"

#include "districts_check.h"
#include "hotspots_villages.h"

#include <QtTest>

#include <numeric>
#include <random>

using namespace firebeat;

namespace {

DistrictDesign design(const std::vector<Area>& blocks, const std::vector<double>& w, int zones,
                      std::uint64_t seed = 1, int threads = 2,
                      const std::vector<DistrictStation>& stations = {}) {
    DistrictDesignOptions o;
    o.zones = zones;
    o.seed = seed;
    o.threads = threads;
    return designDistricts(blocks, w, stations, o);
}

bool throwsNaming(const std::function<void()>& f, const std::string& text) {
    try {
        f();
    } catch (const InputError& e) {
        if (std::string(e.what()).find(text) != std::string::npos)
            return true;
        qWarning("InputError without '%s': %s", text.c_str(), e.what());
    }
    return false;
}

// Every block in exactly one district 1..K, no district empty, the districts' workloads adding up.
void checkPartition(const DistrictDesign& d, const std::vector<double>& w) {
    QCOMPARE(d.district.size(), w.size());
    std::vector<std::size_t> count(static_cast<std::size_t>(d.zones), 0);
    for (int z : d.district) {
        QVERIFY(z >= 1 && z <= d.zones);
        ++count[static_cast<std::size_t>(z - 1)];
    }
    double total = 0;
    for (std::size_t z = 0; z < count.size(); ++z) {
        QVERIFY(count[z] > 0);
        QCOMPARE(d.districts[z].blocks, count[z]);
        total += d.districts[z].workload;
    }
    QVERIFY(std::abs(total - std::accumulate(w.begin(), w.end(), 0.0)) < 1e-6);
}

std::vector<double> gridWorkloads() {
    // Uneven, so that the optimum is not a plain halving of the grid.
    return {9, 1, 4, 7, 2, 8, 3, 6, 5, 5, 9, 1, 3, 7, 2, 8};
}

} // namespace

class TestDistricts : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void gridOptimumUnitWorkloads() {
        const std::vector<Area> grid = test::squareLattice(4, 4, 1000);
        const std::vector<double> ones(16, 1.0);
        for (int k : {2, 4}) {
            const DistrictDesign d = design(grid, ones, k);
            checkPartition(d, ones);
            // 16 equal blocks split into 2 x 8 or 4 x 4: a perfect balance exists and is found.
            QCOMPARE(d.largestDeviation, 0.0);
            QCOMPARE(d.cv, 0.0);
            for (int pieces : test::piecesPerDistrict(grid, d.district, k))
                QCOMPARE(pieces, 1);
        }
    }

    void gridOptimumUnevenWorkloads() {
        const std::vector<Area> grid = test::squareLattice(4, 4, 1000);
        const std::vector<double> w = gridWorkloads();
        for (int k : {2, 3, 4}) {
            const double optimum = test::optimalGridDeviation(4, 4, w, k);
            const DistrictDesign d = design(grid, w, k);
            checkPartition(d, w);
            qInfo("K=%d: largest deviation %.4f, exhaustive optimum %.4f", k, d.largestDeviation, optimum);
            QVERIFY(std::abs(d.largestDeviation - optimum) < 1e-9);
            QVERIFY(d.deviationLowerBound <= optimum + 1e-9);
            for (int pieces : test::piecesPerDistrict(grid, d.district, k))
                QCOMPARE(pieces, 1);
        }
    }

    void cornerContactCountsAsContiguous() {
        // Two blocks touching only at a corner are queen neighbours; the GEOS check agrees.
        std::vector<Area> blocks = {
            test::areaFromWkt("a", "POLYGON((0 0,1000 0,1000 1000,0 1000,0 0))"),
            test::areaFromWkt("b", "POLYGON((1000 1000,2000 1000,2000 2000,1000 2000,1000 1000))")};
        const DistrictDesign d = design(blocks, {1, 1}, 1);
        QCOMPARE(d.flags[0] & district_flags::kNoNeighbour, 0u);
        QCOMPARE(test::piecesPerDistrict(blocks, d.district, 1), std::vector<int>{1});
        // The union is two polygons meeting at a point.
        GEOSContextHandle_t ctx = geosContext();
        std::vector<GEOSGeometry*> parts = {geosFromWkb(blocks[0].geometry.wkb).release(),
                                            geosFromWkb(blocks[1].geometry.wkb).release()};
        const GeosGeometry c(GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(), 2));
        const GeosGeometry u(GEOSUnaryUnion_r(ctx, c.get()));
        QCOMPARE(GEOSGetNumGeometries_r(ctx, u.get()), 2);
    }

    void voronoiContiguityAndDeterminism() {
        const std::vector<Area> villages = test::voronoiVillages(600, 20000, 7);
        std::mt19937_64 rng(3);
        std::vector<double> w;
        for (std::size_t i = 0; i < villages.size(); ++i)
            w.push_back(std::floor(1 + 99 * test::unit(rng)));
        const int k = 12;
        const DistrictDesign a = design(villages, w, k, 5, 1);
        const DistrictDesign b = design(villages, w, k, 5, 1);
        const DistrictDesign c = design(villages, w, k, 5, 4);
        checkPartition(a, w);
        QCOMPARE(a.district, b.district);
        QCOMPARE(a.district, c.district);
        QCOMPARE(a.largestDeviation, c.largestDeviation);
        const std::vector<int> pieces = test::piecesPerDistrict(villages, a.district, k);
        QCOMPARE(pieces, std::vector<int>(static_cast<std::size_t>(k), 1));
        // Many small blocks: balance well within 10 % (here within 2 %).
        QVERIFY2(a.largestDeviation <= 0.02 * a.meanWorkload,
                 qPrintable(QString::number(100 * a.largestDeviation / a.meanWorkload)));
        QVERIFY(a.withinTenPercent);
        // The dissolved districts tile the blocks: their areas add up to the blocks' area.
        double area = 0;
        for (const DesignedDistrict& d : a.districts) {
            area += d.areaKm2;
            QVERIFY(d.polsbyPopper > 0 && d.polsbyPopper <= 1);
            QVERIFY(d.momentCompactness > 0 && d.momentCompactness <= 1);
            QCOMPARE(d.officersNeededCeil, static_cast<int>(std::ceil(d.workload / 1200 - 1e-9)));
        }
        QVERIFY(std::abs(area - 400.0) < 1e-6);
        // Another seed may give other districts, but equally valid ones.
        const DistrictDesign other = design(villages, w, k, 6, 2);
        checkPartition(other, w);
        QCOMPARE(test::piecesPerDistrict(villages, other.district, k),
                 std::vector<int>(static_cast<std::size_t>(k), 1));
    }

    void lowerBoundProofs() {
        // One block heavier than the mean: it alone bounds the deviation, and the design meets it.
        const std::vector<Area> grid = test::squareLattice(2, 2, 1000);
        std::string reason;
        QCOMPARE(deviationLowerBound({10, 1, 1, 1}, 2, &reason), 3.5);
        QVERIFY(reason.find("largest block alone") != std::string::npos);
        const DistrictDesign d = design(grid, {10, 1, 1, 1}, 2);
        QCOMPARE(d.largestDeviation, 3.5);
        QCOMPARE(d.deviationLowerBound, 3.5);
        // Three blocks of 10 and K = 2: two of them share a district (20 against a mean of 15).
        QCOMPARE(deviationLowerBound({10, 10, 10, 0}, 2, &reason), 5.0);
        QVERIFY(reason.find("3 largest blocks") != std::string::npos);
        const DistrictDesign e = design(grid, {10, 10, 10, 0}, 2);
        QCOMPARE(e.largestDeviation, 5.0);
        QVERIFY(e.tenPercentImpossible);
        QVERIFY(!e.withinTenPercent);
        // Small blocks: no bound.
        QCOMPARE(deviationLowerBound(std::vector<double>(16, 1.0), 4), 0.0);
    }

    void stationsAnchorTheirDistricts() {
        const std::vector<Area> grid = test::squareLattice(4, 4, 1000);
        const std::vector<double> ones(16, 1.0);
        const std::vector<DistrictStation> stations = {{"S1", {500, 500}}, {"S2", {3500, 3500}}};
        const DistrictDesign d = design(grid, ones, 2, 1, 2, stations);
        checkPartition(d, ones);
        QCOMPARE(d.largestDeviation, 0.0);
        QCOMPARE(d.district[0], 1);  // r0c0 holds S1: district 1
        QCOMPARE(d.district[15], 2); // r3c3 holds S2: district 2
        QCOMPARE(d.districts[0].station, std::string("S1"));
        QCOMPARE(d.districts[1].station, std::string("S2"));
        QVERIFY(d.flags[0] & district_flags::kStationBlock);
        // A maximum travel of 2.5 km from each station: every block within it stays within it.
        DistrictDesignOptions o;
        o.zones = 2;
        o.maxTravelM = 2500;
        const DistrictDesign t = designDistricts(grid, ones, stations, o);
        for (std::size_t i = 0; i < grid.size(); ++i) {
            const Point c = grid[i].geometry.envelope.centre();
            const Point s = stations[static_cast<std::size_t>(t.district[i] - 1)].position;
            if (!(t.flags[i] & district_flags::kBeyondTravel))
                QVERIFY(std::hypot(c.x - s.x, c.y - s.y) <= 2500);
        }
        // Three stations need three districts.
        QVERIFY(throwsNaming(
            [&] {
                design(grid, ones, 2, 1, 2, {{"A", {500, 500}}, {"B", {1500, 500}}, {"C", {2500, 500}}});
            },
            "3 stations"));
    }

    void islandsJoinTheNearestDistrict() {
        std::vector<Area> blocks = test::squareLattice(4, 4, 1000);
        // A block 1.5 km east of r1c3 (x 3000-4000, y 1000-2000), touching nothing.
        blocks.push_back(
            test::areaFromWkt("island", "POLYGON((5500 1000,6500 1000,6500 2000,5500 2000,5500 1000))"));
        std::vector<double> w(17, 1.0);
        const DistrictDesign d = design(blocks, w, 2);
        checkPartition(d, w);
        QVERIFY(d.flags[16] & district_flags::kNoNeighbour);
        for (std::size_t i = 0; i < 16; ++i)
            QCOMPARE(d.flags[i] & district_flags::kNoNeighbour, 0u);
        // Nearest block by centroid: r1c3 (index 7); the island is in its district.
        QCOMPARE(d.district[16], d.district[7]);
        QVERIFY(!d.notes.empty() && d.notes.front().find("no neighbour") != std::string::npos);
    }

    void badInput() {
        const std::vector<Area> grid = test::squareLattice(2, 2, 1000);
        QVERIFY(throwsNaming([&] { design(grid, {1, 1, 1, 1}, 5); }, "zones: 5 districts"));
        QVERIFY(throwsNaming([&] { design(grid, {1, 1, 1, 1}, 0); }, "at least 1"));
        QVERIFY(throwsNaming([&] { design(grid, {1, -2, 1, 1}, 2); }, "block 'r0c1'"));
        QVERIFY(throwsNaming([&] { design(grid, {1, std::nan(""), 1, 1}, 2); }, "block 'r0c1'"));
        QVERIFY(throwsNaming([&] { design(grid, {0, 0, 0, 0}, 2); }, "workload of 0"));
        QVERIFY(throwsNaming(
            [&] {
                design(grid, {1, 1, 1, 1}, 2, 1, 2, {{"far", {9000, 9000}}});
            },
            "station 'far' lies outside every block"));
        QVERIFY(throwsNaming(
            [&] {
                design(grid, {1, 1, 1, 1}, 2, 1, 2, {{"A", {100, 100}}, {"B", {200, 200}}});
            },
            "same block 'r0c0'"));
        DistrictDesignOptions o;
        o.zones = 2;
        o.maxTravelM = 100;
        QVERIFY(throwsNaming(
            [&] {
                designDistricts(grid, {1, 1, 1, 1}, {}, o, nullptr);
            },
            "needs the stations"));
        DistrictDesignOptions both;
        both.zones = 2;
        both.targetHours = 1;
        QVERIFY(throwsNaming([&] { designDistricts(grid, {1, 1, 1, 1}, {}, both, nullptr); }, "either"));
        std::vector<Area> duplicate = grid;
        duplicate[1].id = "r0c0";
        QVERIFY(throwsNaming([&] { design(duplicate, {1, 1, 1, 1}, 2); }, "'r0c0' occurs more than once"));
    }

    void targetHoursChoosesK() {
        const std::vector<Area> grid = test::squareLattice(4, 4, 1000);
        DistrictDesignOptions o;
        o.targetHours = 5; // 16 hours: ceil(16 / 5) = 4 districts
        const DistrictDesign d = designDistricts(grid, std::vector<double>(16, 1.0), {}, o);
        QCOMPARE(d.zones, 4);
        QCOMPARE(d.largestDeviation, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestDistricts)
#include "test_districts.moc"
