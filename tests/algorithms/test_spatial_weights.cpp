// Spatial weights on hand-made polygons: what counts as a neighbour, and that the indexed
// builders agree with GEOS predicates on thousands of Voronoi cells.
#include "firebeat/geos_support.h"
#include "firebeat/spatial_weights.h"

#include "hotspots_villages.h"

#include <QtTest>

using namespace firebeat;
using firebeat::test::areaFromWkt;
using firebeat::test::neighbourIds;
using Ids = std::set<std::string>;

namespace {

SpatialWeights weights(const std::vector<Area>& areas, WeightsKind kind, double tolerance = 0.1) {
    WeightsOptions o;
    o.kind = kind;
    o.tolerance = tolerance;
    return buildWeights(areas, o);
}

std::string square(double x0, double y0, double x1, double y1) {
    const std::string a = std::to_string(x0), b = std::to_string(y0), c = std::to_string(x1),
                      d = std::to_string(y1);
    return "POLYGON((" + a + " " + b + "," + c + " " + b + "," + c + " " + d + "," + a + " " + d + "," + a +
           " " + b + "))";
}

bool throwsNaming(const std::function<void()>& f, const std::string& text) {
    try {
        f();
    } catch (const InputError& e) {
        return std::string(e.what()).find(text) != std::string::npos;
    }
    return false;
}

} // namespace

class TestSpatialWeights : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void latticeQueenAndRook() {
        const std::vector<Area> grid = test::squareLattice(3, 3);
        const SpatialWeights queen = weights(grid, WeightsKind::Queen);
        const SpatialWeights rook = weights(grid, WeightsKind::Rook);
        // 12 shared edges and 8 diagonal corner contacts, each counted both ways.
        QCOMPARE(rook.info().links, std::size_t{24});
        QCOMPARE(queen.info().links, std::size_t{40});
        QCOMPARE(neighbourIds(rook, grid, "r0c0"), (Ids{"r0c1", "r1c0"}));
        QCOMPARE(neighbourIds(queen, grid, "r0c0"), (Ids{"r0c1", "r1c0", "r1c1"}));
        QCOMPARE(neighbourIds(queen, grid, "r1c1").size(), std::size_t{8});
        QCOMPARE(neighbourIds(rook, grid, "r1c1"), (Ids{"r0c1", "r1c0", "r1c2", "r2c1"}));
        QCOMPARE(queen.info().islands, std::size_t{0});
        QCOMPARE(queen.info().minNeighbours, std::size_t{3});
        QCOMPARE(queen.info().maxNeighbours, std::size_t{8});
    }

    void pointContactIsQueenNotRook() {
        const std::vector<Area> a{areaFromWkt("a", square(0, 0, 1, 1)), areaFromWkt("b", square(1, 1, 2, 2))};
        QCOMPARE(neighbourIds(weights(a, WeightsKind::Queen), a, "a"), Ids{"b"});
        QCOMPARE(neighbourIds(weights(a, WeightsKind::Rook), a, "a"), Ids{});
    }

    void twoSeparateCornersAreNotAnEdge() {
        // b sits on the mouth of a's notch, touching it at (1,3) and (2,3) only.
        const std::vector<Area> a{areaFromWkt("a", "POLYGON((0 0,3 0,3 3,2 3,2 1,1 1,1 3,0 3,0 0))"),
                                  areaFromWkt("b", "POLYGON((1 3,2 3,1.5 4,1 3))")};
        QCOMPARE(neighbourIds(weights(a, WeightsKind::Queen), a, "a"), Ids{"b"});
        QCOMPARE(neighbourIds(weights(a, WeightsKind::Rook), a, "a"), Ids{});
    }

    void sliverWithinToleranceTouches() {
        // A 5 cm gap; b's vertices fall on a's edge and not on its vertices.
        const std::vector<Area> a{areaFromWkt("a", square(0, 0, 10, 10)),
                                  areaFromWkt("b", square(10.05, 2, 20, 8))};
        QCOMPARE(neighbourIds(weights(a, WeightsKind::Rook, 0.1), a, "a"), Ids{"b"});
        QCOMPARE(neighbourIds(weights(a, WeightsKind::Queen, 0.1), a, "a"), Ids{"b"});
        QCOMPARE(neighbourIds(weights(a, WeightsKind::Queen, 0.01), a, "a"), Ids{});
        // Offset sliver: each side's vertices lie on the other's edge.
        const std::vector<Area> s{areaFromWkt("a", "POLYGON((0 0,10 0,10 6,0 6,0 0))"),
                                  areaFromWkt("b", "POLYGON((10.04 -3,20 -3,20 9,10.04 9,10.04 -3))"),
                                  areaFromWkt("c", "POLYGON((0 6.03,10 6.03,10 12,0 12,0 6.03))")};
        const SpatialWeights rook = weights(s, WeightsKind::Rook, 0.1);
        QCOMPARE(neighbourIds(rook, s, "a"), (Ids{"b", "c"}));
        QCOMPARE(neighbourIds(rook, s, "b"), (Ids{"a", "c"}));
    }

    void tJunctionIsAnEdge() {
        // b and c meet a at (10,5), in the middle of a's edge, where a has no vertex.
        const std::vector<Area> t{areaFromWkt("a", square(0, 0, 10, 10)),
                                  areaFromWkt("b", square(10, 0, 20, 5)),
                                  areaFromWkt("c", square(10, 5, 20, 10))};
        const SpatialWeights rook = weights(t, WeightsKind::Rook, 0);
        QCOMPARE(neighbourIds(rook, t, "a"), (Ids{"b", "c"}));
        QCOMPARE(neighbourIds(rook, t, "b"), (Ids{"a", "c"}));
        // On a slanted edge the junction is not representable exactly: the tolerance takes it.
        const double x = 10.0 / 3;
        const double y = 0.3 * x;
        const std::vector<Area> s{
            areaFromWkt("a", "POLYGON((0 0,10 3,10 -5,0 -5,0 0))"),
            areaFromWkt("b", "POLYGON((0 0," + std::to_string(x) + " " + std::to_string(y) + ",0 5,0 0))"),
            areaFromWkt("c", "POLYGON((" + std::to_string(x) + " " + std::to_string(y) + ",10 3,10 8,0 5," +
                                 std::to_string(x) + " " + std::to_string(y) + "))")};
        QCOMPARE(neighbourIds(weights(s, WeightsKind::Rook, 1e-6), s, "a"), (Ids{"b", "c"}));
    }

    void multipartIsContiguousThroughAnyPart() {
        const std::vector<Area> m{
            areaFromWkt("m", "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((10 0,11 0,11 1,10 1,10 0)))"),
            areaFromWkt("x", square(1, 0, 2, 1)), areaFromWkt("y", square(9, 0, 10, 1))};
        const SpatialWeights rook = weights(m, WeightsKind::Rook);
        QCOMPARE(neighbourIds(rook, m, "m"), (Ids{"x", "y"}));
        QCOMPARE(neighbourIds(rook, m, "x"), Ids{"m"});
    }

    void islandHasNoNeighbour() {
        std::vector<Area> a = test::squareLattice(2, 2);
        a.push_back(areaFromWkt("island", square(100, 100, 101, 101)));
        const SpatialWeights queen = weights(a, WeightsKind::Queen);
        QCOMPARE(neighbourIds(queen, a, "island"), Ids{});
        QCOMPARE(queen.info().islands, std::size_t{1});
        QCOMPARE(queen.info().minNeighbours, std::size_t{0});
    }

    void holesAndOverlaps() {
        // A village filling another's hole is its neighbour; overlapping villages are too.
        const std::vector<Area> a{areaFromWkt("ring", "POLYGON((0 0,9 0,9 9,0 9,0 0),(3 3,6 3,6 6,3 6,3 3))"),
                                  areaFromWkt("core", square(3, 3, 6, 6)),
                                  areaFromWkt("over", square(8, 8, 12, 12))};
        const SpatialWeights rook = weights(a, WeightsKind::Rook);
        QCOMPARE(neighbourIds(rook, a, "ring"), (Ids{"core", "over"}));
        QCOMPARE(neighbourIds(rook, a, "core"), Ids{"ring"});
    }

    void distanceBandIsInclusiveOnAreaWeightedCentroids() {
        // m's centroid: parts of area 1 at (0.5,0.5) and 9 at (11.5,1.5) -> (10.4, 1.4).
        const std::vector<Area> a{
            areaFromWkt("m", "MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0)),((10 0,13 0,13 3,10 3,10 0)))"),
            areaFromWkt("p", square(10.3, 2.3, 10.5, 2.5)), // centroid (10.4, 2.4): 1 away
            areaFromWkt("q", square(14.3, 2.3, 14.5, 2.5))};
        WeightsOptions o;
        o.kind = WeightsKind::DistanceBand;
        o.threshold = 1.0;
        QCOMPARE(neighbourIds(buildWeights(a, o), a, "m"), Ids{"p"});
        o.threshold = 0.999;
        QCOMPARE(neighbourIds(buildWeights(a, o), a, "m"), Ids{});
    }

    void defaultBandGivesEveryoneANeighbour() {
        std::vector<Area> a = test::squareLattice(3, 3);
        a.push_back(areaFromWkt("far", square(10, 0, 11, 1))); // centroid 8 from r0c2's
        a.push_back(areaFromWkt("twin", square(0, 0, 1, 1)));  // r0c0's centroid: distance 0
        WeightsOptions o;
        o.kind = WeightsKind::DistanceBand;
        const SpatialWeights w = buildWeights(a, o);
        QVERIFY(w.info().thresholdDefault);
        QCOMPARE(w.info().threshold, 8.0);
        QCOMPARE(w.info().islands, std::size_t{0});
        QCOMPARE(neighbourIds(w, a, "far"), Ids{"r0c2"}); // r1c2 is sqrt(65) away
        QVERIFY(neighbourIds(w, a, "twin").contains("r0c0"));
        QVERIFY(w.info().describe().find("8 m (largest nearest-neighbour distance)") != std::string::npos);
    }

    void knnBreaksTiesById() {
        // Four villages at distance 2 from "o", ids deliberately out of row order.
        const std::vector<Area> a{
            areaFromWkt("o", square(0, 0, 1, 1)),   areaFromWkt("d", square(2, 0, 3, 1)),
            areaFromWkt("b", square(-2, 0, -1, 1)), areaFromWkt("c", square(0, 2, 1, 3)),
            areaFromWkt("a", square(0, -2, 1, -1)), areaFromWkt("z", square(9, 0, 10, 1))};
        WeightsOptions o;
        o.kind = WeightsKind::KNearest;
        o.k = 2;
        const SpatialWeights w = buildWeights(a, o);
        QCOMPARE(neighbourIds(w, a, "o"), (Ids{"a", "b"}));
        QCOMPARE(neighbourIds(w, a, "z"), (Ids{"d", "o"})); // asymmetric: o does not list z
        QCOMPARE(w.info().links, std::size_t{12});
        // Row order must not matter.
        std::vector<Area> reversed(a.rbegin(), a.rend());
        QCOMPARE(neighbourIds(buildWeights(reversed, o), reversed, "o"), (Ids{"a", "b"}));
    }

    void pairsExportJoinsOnIds() {
        const std::vector<Area> a{areaFromWkt("a", square(0, 0, 1, 1)), areaFromWkt("b", square(1, 0, 2, 1))};
        const auto pairs = neighbourPairs(weights(a, WeightsKind::Rook), a);
        QCOMPARE(pairs.size(), std::size_t{2});
        QCOMPARE(pairs[0], (std::pair<std::string, std::string>{"a", "b"}));
        QCOMPARE(pairs[1], (std::pair<std::string, std::string>{"b", "a"}));
    }

    void badInput() {
        const std::vector<Area> bowtie{areaFromWkt("ok", square(0, 0, 1, 1)),
                                       areaFromWkt("V7", "POLYGON((0 0,1 1,1 0,0 1,0 0))")};
        QVERIFY(throwsNaming([&] { weights(bowtie, WeightsKind::Queen); }, "'V7': invalid polygon"));
        const std::vector<Area> twice{areaFromWkt("a", square(0, 0, 1, 1)),
                                      areaFromWkt("a", square(1, 0, 2, 1))};
        QVERIFY(throwsNaming([&] { weights(twice, WeightsKind::Queen); }, "'a' occurs more than once"));
        WeightsOptions o;
        o.kind = WeightsKind::KNearest;
        o.k = 2;
        QVERIFY(throwsNaming([&] { buildWeights(bowtie, o); }, "more than k features"));
        QVERIFY(parseWeightsKind("knn") == WeightsKind::KNearest);
        QVERIFY(!parseWeightsKind("bishop"));
    }

    // Independent check with GEOS on every pair whose envelopes meet: queen = distance within
    // the tolerance; rook = after snapping, the boundaries share a line (DE-9IM B/B dimension 1).
    void agreesWithGeosOnVoronoiCells() {
        const std::vector<Area> cells = test::voronoiVillages(2000, 20000, 7);
        const SpatialWeights queen = weights(cells, WeightsKind::Queen, 1e-6);
        const SpatialWeights rook = weights(cells, WeightsKind::Rook, 1e-6);
        GEOSContextHandle_t ctx = geosContext();
        std::vector<GeosGeometry> g;
        for (const Area& a : cells)
            g.push_back(geosFromWkb(a.geometry.wkb));
        std::size_t queenPairs = 0, rookPairs = 0;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const auto q = queen.neighbours(i);
            const auto r = rook.neighbours(i);
            for (std::size_t j = 0; j < cells.size(); ++j) {
                const Envelope& a = cells[i].geometry.envelope;
                const Envelope& b = cells[j].geometry.envelope;
                if (i == j || a.maxX < b.minX - 1 || b.maxX < a.minX - 1 || a.maxY < b.minY - 1 ||
                    b.maxY < a.minY - 1)
                    continue;
                double d = 0;
                GEOSDistance_r(ctx, g[i].get(), g[j].get(), &d);
                const bool touches = d <= 1e-6;
                // Clipping to the frame computes the cells' shared frame points separately.
                const GeosGeometry snapped(GEOSSnap_r(ctx, g[i].get(), g[j].get(), 1e-6));
                const bool shareLine = GEOSRelatePattern_r(ctx, snapped.get(), g[j].get(), "****1****") == 1;
                const bool inQueen = std::binary_search(q.begin(), q.end(), static_cast<std::uint32_t>(j));
                const bool inRook = std::binary_search(r.begin(), r.end(), static_cast<std::uint32_t>(j));
                QVERIFY2(touches == inQueen, (cells[i].id + " / " + cells[j].id + " queen").c_str());
                QVERIFY2(shareLine == inRook, (cells[i].id + " / " + cells[j].id + " rook").c_str());
                queenPairs += inQueen;
                rookPairs += inRook;
            }
        }
        QCOMPARE(queenPairs, queen.info().links);
        QCOMPARE(rookPairs, rook.info().links);
    }
};

QTEST_GUILESS_MAIN(TestSpatialWeights)
#include "test_spatial_weights.moc"
