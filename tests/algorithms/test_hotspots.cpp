// The hot-spot pipeline on a small data set: values per village (counts, rates, attributes),
// hexagons, the result table and the errors a user can run into.
#include "firebeat/hex_grid.h"
#include "firebeat/hotspots.h"

#include "hotspots_villages.h"

#include <QtTest>

#include <cmath>

using namespace firebeat;

namespace {

// 3x3 villages of 100 m squares; village i (row-major) holds i + 1 hazards of severity 1,
// r2c2 also one of severity 3; one hazard lies outside. Village i has i units (r0c0 none),
// the even-numbered units inspected in March 2026, the odd ones in 2025; population 100 (i + 1).
// Every hazard was found on 1 March 2026. `extra` more hazards in r2c1 make rates vary.
Dataset sample(int extra = 0) {
    Dataset d;
    const std::vector<Area> squares = test::squareLattice(3, 3, 100);
    for (std::size_t i = 0; i < squares.size(); ++i) {
        Village v;
        v.id = squares[i].id;
        v.geometry = squares[i].geometry;
        v.population = 100 * static_cast<std::int64_t>(i + 1);
        d.villages.push_back(v);
        const double x = 100.0 * static_cast<double>(i % 3) + 50;
        const double y = 100.0 * static_cast<double>(i / 3) + 50;
        for (std::size_t h = 0; h <= i; ++h) {
            Hazard hz;
            hz.id = v.id + "-h" + std::to_string(h);
            hz.position = {x + static_cast<double>(h), y};
            hz.foundAt = makeTimestamp(2026, 3, 1);
            d.hazards.push_back(hz);
        }
        for (std::size_t u = 0; u < i; ++u) {
            Unit unit;
            unit.id = v.id + "-u" + std::to_string(u);
            unit.position = {x, y + static_cast<double>(u)};
            d.units.push_back(unit);
            Inspection in;
            in.unitId = unit.id;
            in.inspectedAt = u % 2 == 0 ? makeTimestamp(2026, 3, 10) : makeTimestamp(2025, 3, 10);
            d.inspections.push_back(in);
        }
    }
    Hazard major;
    major.id = "major";
    major.severity = 3;
    major.foundAt = makeTimestamp(2026, 3, 1);
    major.position = {250, 250};
    d.hazards.push_back(major);
    for (int e = 0; e < extra; ++e) {
        Hazard hz;
        hz.position = {150, 250};
        hz.foundAt = makeTimestamp(2026, 3, 1);
        d.hazards.push_back(hz);
    }
    Hazard outside;
    outside.id = "outside";
    outside.position = {-500, -500};
    d.hazards.push_back(outside);
    return d;
}

bool throwsNaming(const std::function<void()>& f, const std::string& text) {
    try {
        f();
    } catch (const InputError& e) {
        if (std::string(e.what()).find(text) != std::string::npos)
            return true;
        qWarning("message was: %s", e.what());
    }
    return false;
}

} // namespace

class TestHotspots : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void countsBecomeOneRowPerVillage() {
        const Dataset d = sample();
        const HotspotResult r = analyseHotspots(d, {});
        QCOMPARE(r.rows.size(), std::size_t{9});
        std::vector<double> counts;
        for (std::size_t i = 0; i < 9; ++i) {
            QCOMPARE(r.rows[i].id, d.villages[i].id);
            QCOMPARE(r.areas[i].id, d.villages[i].id);
            counts.push_back(r.rows[i].value);
        }
        QCOMPARE(counts, (std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 10}));
        QCOMPARE(r.valueDescription, std::string("hazards"));
        QVERIFY(r.notes.at(0).find("1 of 47 selected hazards lie outside") != std::string::npos);
        // The table carries what Gi* and Local Moran's I say on these values and weights.
        const std::vector<GiStar> gi = getisOrdGiStar(counts, r.weights);
        for (std::size_t i = 0; i < 9; ++i) {
            QCOMPARE(r.rows[i].giZ, gi[i].z);
            QCOMPARE(r.rows[i].giBinFdr, gi[i].binFdr);
            QCOMPARE(r.rows[i].neighbours, r.weights.neighbours(i).size());
        }
        QCOMPARE(r.rows[4].flags, hotspot_flags::kWholeStudyArea); // queen centre of a 3x3
        QVERIFY(r.notes.at(1).find("1 features have every other feature as a neighbour") !=
                std::string::npos);
        QCOMPARE(r.weights.info().links, std::size_t{40});

        HotspotOptions major;
        major.hazards.minSeverity = 3;
        major.weights.kind = WeightsKind::Rook;
        const HotspotResult m = analyseHotspots(d, major);
        QCOMPARE(m.rows[8].value, 1.0);
        QCOMPARE(m.rows[0].value, 0.0);
    }

    void ratePerUnitNeedsUnitsOrSmoothing() {
        const Dataset flat = sample();
        HotspotOptions smooth;
        smooth.ratePer = RateBase::Units;
        smooth.ebSmoothing = true;
        // Rates 2, 1.5, 1.33 ... 1.25 vary less than Poisson noise would: EB flattens them all.
        QVERIFY(throwsNaming([&] { analyseHotspots(flat, smooth); }, "no variation beyond chance"));
        const Dataset d = sample(30);
        HotspotOptions o;
        o.ratePer = RateBase::Units;
        QVERIFY(throwsNaming([&] { analyseHotspots(d, o); }, "village 'r0c0': the denominator (units) is 0"));
        o.ebSmoothing = true;
        const HotspotResult r = analyseHotspots(d, o);
        QCOMPARE(r.rows[0].flags & hotspot_flags::kNoDenominator, hotspot_flags::kNoDenominator);
        QVERIFY(!r.rows[0].crudeRate);
        QCOMPARE(*r.rows[2].denominator, 2.0);
        QCOMPARE(*r.rows[2].crudeRate, 1.5);
        QCOMPARE(r.valueDescription, std::string("hazards per unit, empirical-Bayes smoothed"));
        // b = (46 + 30 - 1) / 36 over the villages with units: r0c0 gets exactly b.
        QCOMPARE(r.rows[0].value, 75.0 / 36.0);
    }

    void ratePerInspectedUnitUsesTheWindow() {
        const Dataset d = sample(30);
        HotspotOptions o;
        o.ratePer = RateBase::InspectedUnits;
        o.ebSmoothing = true;
        o.hazards.from = makeTimestamp(2026, 1, 1);
        const HotspotResult r = analyseHotspots(d, o);
        // Village r2c2 (i = 8) has units u0..u7; u0, u2, u4, u6 were inspected in 2026.
        QCOMPARE(*r.rows[8].denominator, 4.0);
        QCOMPARE(*r.rows[1].denominator, 1.0);
    }

    void ratePerThousandPeople() {
        Dataset d = sample();
        HotspotOptions o;
        o.ratePer = RateBase::Population;
        const HotspotResult r = analyseHotspots(d, o);
        QCOMPARE(r.rows[1].value, 1000.0 * 2 / 200); // 2 hazards, 200 people
        QCOMPARE(r.valueDescription, std::string("hazards per 1,000 people"));
        d.villages[5].population.reset();
        QVERIFY(throwsNaming([&] { analyseHotspots(d, o); }, "village 'r1c2': the population is missing"));
    }

    void attributeValues() {
        const Dataset d = sample();
        HotspotOptions o;
        o.attribute.emplace();
        for (const Village& v : d.villages)
            (*o.attribute)[v.id] = static_cast<double>(v.id.back() - '0');
        const HotspotResult r = analyseHotspots(d, o);
        QCOMPARE(r.rows[5].value, 2.0);
        (*o.attribute)["r1c1"] = std::nullopt;
        QVERIFY(throwsNaming([&] { analyseHotspots(d, o); }, "village 'r1c1': the value is null"));
        (*o.attribute)["r1c1"] = -3.0;
        QVERIFY(throwsNaming([&] { analyseHotspots(d, o); }, "village 'r1c1': the value -3 is negative"));
        o.attribute->erase("r1c1");
        QVERIFY(throwsNaming([&] { analyseHotspots(d, o); }, "village 'r1c1'"));
    }

    void refusesWhatCannotBeAnalysed() {
        Dataset d = sample();
        HotspotOptions smoothCounts;
        smoothCounts.ebSmoothing = true;
        QVERIFY(throwsNaming([&] { analyseHotspots(d, smoothCounts); }, "applies to rates"));
        HotspotOptions equal;
        equal.attribute.emplace();
        for (const Village& v : d.villages)
            (*equal.attribute)[v.id] = 7.0;
        QVERIFY(throwsNaming([&] { analyseHotspots(d, equal); }, "all 9 values are equal (7)"));
        d.villages.resize(1);
        QVERIFY(throwsNaming([&] { analyseHotspots(d, {}); }, "needs at least 3 features; 1 given"));
        d.villages.clear();
        QVERIFY(throwsNaming([&] { analyseHotspots(d, {}); }, "there are no villages"));
        Dataset bad = sample();
        bad.villages[3].geometry =
            test::areaFromWkt("x", "POLYGON((0 100,100 200,100 100,0 200,0 100))").geometry;
        QVERIFY(throwsNaming([&] { analyseHotspots(bad, {}); }, "'r1c0': invalid polygon"));
    }

    void hexagonGridOverTheDistricts() {
        Dataset d = sample();
        District district;
        district.id = "D1";
        district.geometry = test::areaFromWkt("D1", "POLYGON((0 0,300 0,300 300,0 300,0 0))").geometry;
        d.districts.push_back(district);
        const std::vector<Area> hexes = hexagonGrid(d.districts, 100);
        // Every hexagon intersects the district and has area 100^2 sqrt(3)/2.
        QVERIFY(hexes.size() > 9 && hexes.size() < 25);
        HotspotOptions o;
        o.hexSize = 100;
        const HotspotResult r = analyseHotspots(d, o);
        QCOMPARE(r.areas.size(), hexes.size());
        QCOMPARE(r.rows.front().id.rfind("hex_r", 0), std::size_t{0});
        double total = 0;
        std::size_t six = 0;
        for (const HotspotRow& row : r.rows) {
            total += row.value;
            six += row.neighbours == 6 ? 1 : 0;
        }
        QCOMPARE(total, 46.0); // every hazard inside the district, once
        QVERIFY(six > 0);      // interior hexagons see all six around them
        o.weights.kind = WeightsKind::Rook;
        const HotspotResult rook = analyseHotspots(d, o);
        for (std::size_t i = 0; i < r.rows.size(); ++i)
            QCOMPARE(rook.rows[i].neighbours, r.rows[i].neighbours); // hexagons only share edges
        o.ratePer = RateBase::Population;
        QVERIFY(throwsNaming([&] { analyseHotspots(d, o); }, "hexagons have none"));
        QVERIFY(throwsNaming([&] { hexagonGrid(d.districts, 0.001); }, "hexagons; use a larger size"));
    }
};

QTEST_GUILESS_MAIN(TestHotspots)
#include "test_hotspots.moc"
