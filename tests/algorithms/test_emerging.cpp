// Emerging hot spots, the cube and the whole analysis: CST months, events into polygons (boundary
// included, smallest id on ties), Gi* on a tiny cube worked by hand, the bad inputs named in
// docs/emerging.md, the reader on foreign layers (lon/lat, multipart, integer ids, Chinese field
// names, UTC offsets) and the GeoPackage written.
#include "firebeat/emerging.h"
#include "firebeat/emerging_writer.h"

#include "fixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>

using namespace firebeat;

namespace {

// A square of side 1000 m with its lower-left corner at (x, y) in EPSG:4543.
Area square(const std::string& id, double x, double y) {
    OGRGeometry* g = nullptr;
    const std::string wkt = "POLYGON((" + std::to_string(x) + " " + std::to_string(y) + "," +
                            std::to_string(x + 1000) + " " + std::to_string(y) + "," +
                            std::to_string(x + 1000) + " " + std::to_string(y + 1000) + "," +
                            std::to_string(x) + " " + std::to_string(y + 1000) + "," + std::to_string(x) +
                            " " + std::to_string(y) + "))";
    OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g);
    Area a;
    a.id = id;
    a.geometry.wkb.resize(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, a.geometry.wkb.data(), wkbVariantIso);
    OGREnvelope e;
    g->getEnvelope(&e);
    a.geometry.envelope = {e.MinX, e.MinY, e.MaxX, e.MaxY};
    OGRGeometryFactory::destroyGeometry(g);
    return a;
}

constexpr double kX = 500000, kY = 2770000;

void addEvents(EmergingInput& in, int n, double x, double y, Timestamp t) {
    for (int k = 0; k < n; ++k)
        in.events.push_back({static_cast<std::int64_t>(in.events.size()), {x, y}, t});
}

// Three squares in a row, ids 9, 10, 11 (as integers 9 < 10 < 11; as text "10" < "11" < "9"):
//   A = 9 | B = 10 | C = 11, so N(A) = {B}, N(B) = {A, C}, N(C) = {B}.
// Counts, months Jan-Mar 2026 (CST):  A: 1 0 2   B: 0 3 1   C: 2 0 0.
EmergingInput tinyCube() {
    EmergingInput in;
    in.crs = "EPSG:4543";
    in.locations = {square("11", kX + 2000, kY), square("9", kX, kY), square("10", kX + 1000, kY)};
    const Timestamp jan = makeTimestamp(2026, 1, 10), feb = makeTimestamp(2026, 2, 10),
                    mar = makeTimestamp(2026, 3, 10);
    // A's January event lies on the border of A and B: it goes to the smaller id, 9.
    addEvents(in, 1, kX + 1000, kY + 500, jan);
    addEvents(in, 2, kX + 500, kY + 500, mar);
    // B's first February event is 2026-01-31T16:30Z, 00:30 on 1 February in CST.
    addEvents(in, 1, kX + 1500, kY + 500, *parseTimestamp("2026-01-31T16:30:00Z"));
    addEvents(in, 2, kX + 1500, kY + 500, feb);
    addEvents(in, 1, kX + 1500, kY + 500, mar);
    addEvents(in, 2, kX + 2500, kY + 500, jan);
    // Left out: after the reference month, and outside every square.
    addEvents(in, 1, kX + 500, kY + 500, makeTimestamp(2026, 4, 1));
    addEvents(in, 1, kX - 5000, kY, feb);
    in.events.push_back({99, {kX + 500, kY + 500}, std::nullopt});
    return in;
}

EmergingOptions options(const char* reference = "2026-03-15") {
    EmergingOptions o;
    o.reference = *parseTimestamp(reference);
    return o;
}

void expectInputError(const std::function<void()>& f, const QString& fragment) {
    try {
        f();
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).contains(fragment), e.what());
        return;
    }
    QFAIL(qPrintable("no InputError containing " + fragment));
}

} // namespace

class TestEmerging : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void cstMonths() {
        QCOMPARE(monthLabel(cstMonthIndex(*parseTimestamp("2026-02-28T15:59:59Z"))), std::string("2026-02"));
        QCOMPARE(monthLabel(cstMonthIndex(*parseTimestamp("2026-02-28T16:00:00Z"))), std::string("2026-03"));
        QCOMPARE(monthLabel(cstMonthIndex(*parseTimestamp("2026-03-31T23:59:59"))), std::string("2026-03"));
        QCOMPARE(monthLabel(cstMonthIndex(*parseTimestamp("1969-12-31T23:00:00+08:00"))),
                 std::string("1969-12"));
        QCOMPARE(cstMonthIndex(makeTimestamp(1970, 1, 1)), 0);
    }

    void tinyCubeByHand() {
        const EmergingInput in = tinyCube();
        const EmergingResult r = analyseEmerging(in, options());
        QCOMPARE(r.months, std::size_t{3});
        QCOMPARE(monthLabel(r.firstMonth), std::string("2026-01"));
        // Rows in id order 9, 10, 11 (integers), i.e. input positions 1, 2, 0.
        QCOMPARE(r.order, (std::vector<std::size_t>{1, 2, 0}));
        QCOMPARE(r.counts, (std::vector<std::uint32_t>{1, 0, 2, 0, 3, 1, 2, 0, 0}));
        QCOMPARE(r.eventsUsed, std::size_t{9});
        QCOMPARE(r.afterReference, std::size_t{1});
        QCOMPARE(r.outsideLocations, std::size_t{1});

        // n = 9, mean 1, sum of squared deviations 10: S = sqrt(10 / 9).
        // (A, Mar): {A, B} x {Feb, Mar} = 0 + 2 + 3 + 1 = 6, W = 4:
        //   z = (6 - 4) / (S sqrt((9*4 - 16) / 8)) = 2 / (5/3) = 1.2.
        // (A, Jan): {A, B} x {Jan} = 1, W = 2: z = -1 / (S sqrt(14 / 8)) = -sqrt(18 / 35).
        // (B, Feb): {A, B, C} x {Jan, Feb} = 6, W = 6: z = 0. (C, Jan): {B, C} x {Jan} = 2, W = 2: 0.
        // (C, Mar): {B, C} x {Feb, Mar} = 3 + 1 + 0 + 0 = 4, W = 4: 0.
        // (B, Jan): {A, B, C} x {Jan} = 3, W = 3: z = 0. (C, Feb): {B, C} x {Jan, Feb} = 5, W = 4:
        //   z = 1 / (5/3) = 0.6.
        auto z = [&](std::size_t row, std::size_t t) { return *r.gi.z[row * 3 + t]; };
        QVERIFY(std::fabs(z(0, 2) - 1.2) < 1e-12);
        QVERIFY(std::fabs(z(0, 0) + std::sqrt(18.0 / 35.0)) < 1e-12);
        QVERIFY(std::fabs(z(1, 1)) < 1e-12);
        QVERIFY(std::fabs(z(1, 0)) < 1e-12);
        QVERIFY(std::fabs(z(2, 0)) < 1e-12);
        QVERIFY(std::fabs(z(2, 1) - 0.6) < 1e-12);
        QVERIFY(std::fabs(z(2, 2)) < 1e-12);
        QVERIFY(std::fabs(*r.gi.p[2] - std::erfc(1.2 / std::sqrt(2.0))) < 1e-12);
        // Nothing reaches FDR significance in a cube this small: no pattern anywhere.
        for (const EmergingRow& row : r.rows) {
            QCOMPARE(row.cls.pattern, EmergingPattern::NoPattern);
            QCOMPARE(row.cls.hot, 0);
        }
        QCOMPARE(r.rows[0].neighbours, std::size_t{1});
        QCOMPARE(r.rows[1].neighbours, std::size_t{2});
        QVERIFY(std::fabs(*r.rows[0].finalZ - 1.2) < 1e-12);
    }

    void kStepsWidenTheWindow() {
        // k = 2: (A, Mar) takes {A, B} x {Jan, Feb, Mar} = 1 + 0 + 2 + 0 + 3 + 1 = 7, W = 6:
        //   z = (7 - 6) / (S sqrt((54 - 36) / 8)) = 1 / (sqrt(10/9) * 1.5) = 0.6324555...
        EmergingOptions o = options();
        o.neighbourhoodSteps = 2;
        const EmergingResult r = analyseEmerging(tinyCube(), o);
        QVERIFY(std::fabs(*r.gi.z[2] - 1 / (std::sqrt(10.0 / 9.0) * 1.5)) < 1e-12);
    }

    void wholeCubeNeighbourhoodIsNull() {
        // One location, two months, k = 1: the second bin's neighbourhood is the whole cube
        // (W = n = 2): z is null, not significant, 0 in the trend.
        EmergingInput in;
        in.crs = "EPSG:4543";
        in.locations = {square("only", kX, kY)};
        addEvents(in, 3, kX + 500, kY + 500, makeTimestamp(2026, 1, 5));
        addEvents(in, 1, kX + 500, kY + 500, makeTimestamp(2026, 2, 5));
        const EmergingResult r = analyseEmerging(in, options("2026-02-20"));
        QVERIFY(r.gi.z[0].has_value());
        QVERIFY(!r.gi.z[1].has_value());
        QCOMPARE(r.binClass[1], std::int8_t{0});
        QVERIFY(!r.rows[0].finalZ);
        // An island is flagged, never scored silently.
        QCOMPARE(r.islands, std::vector<std::string>{"only"});
        QCOMPARE(r.rows[0].neighbours, std::size_t{0});
    }

    void badInput() {
        expectInputError([] { analyseEmerging(tinyCube(), options("2025-12-31")); }, "no event on or before");
        expectInputError([] { analyseEmerging(tinyCube(), options("2026-01-20")); }, "at least two months");
        // All counts equal: S = 0.
        EmergingInput flat;
        flat.crs = "EPSG:4543";
        flat.locations = {square("1", kX, kY), square("2", kX + 1000, kY)};
        for (int m = 1; m <= 2; ++m) {
            addEvents(flat, 1, kX + 500, kY + 500, makeTimestamp(2026, m, 3));
            addEvents(flat, 1, kX + 1500, kY + 500, makeTimestamp(2026, m, 3));
        }
        expectInputError([&] { analyseEmerging(flat, options("2026-02-28")); }, "S = 0");
        EmergingInput dup = tinyCube();
        dup.locations[0].id = "9";
        expectInputError([&] { analyseEmerging(dup, options()); }, "id 9");
        EmergingInput none;
        expectInputError([&] { analyseEmerging(none, options()); }, "no polygons");
    }

    void foreignLayersAndOutput() {
        // Lon/lat polygons near Kunming, one multipart, integer ids under a Chinese field name;
        // events in a text field with and without UTC offsets, one empty.
        QTemporaryDir dir;
        const std::string source = dir.filePath("foreign.gpkg").toStdString();
        {
            test::FixtureSource f(source);
            f.addLayer("村", "multipolygon", 4326, {{"编号", "integer"}, {"名称", "text"}, {"code", "text"}});
            f.addFeature("村",
                         "MULTIPOLYGON(((102.70 25.00,102.71 25.00,102.71 25.01,102.70 25.01,102.70 25.00)))",
                         {{"编号", "7"}, {"名称", "甲村"}, {"code", "A"}});
            f.addFeature("村",
                         "MULTIPOLYGON(((102.71 25.00,102.72 25.00,102.72 25.01,102.71 25.01,102.71 25.00)),"
                         "((102.75 25.05,102.76 25.05,102.76 25.06,102.75 25.06,102.75 25.05)))",
                         {{"编号", "3"}, {"名称", "乙村"}, {"code", "B"}});
            f.addLayer("事件", "point", 4326, {{"时间", "text"}});
            f.addFeature("事件", "POINT(102.705 25.005)", {{"时间", "2026-01-05T10:00:00+00:00"}});
            f.addFeature("事件", "POINT(102.705 25.005)", {{"时间", "2026-02-05 10:00"}});
            f.addFeature("事件", "POINT(102.755 25.055)", {{"时间", "2026-02-06"}});
            f.addFeature("事件", "POINT(102.755 25.055)", {{"时间", "2026-02-07"}});
            f.addFeature("事件", "POINT(102.755 25.055)", {{"时间", ""}});
            f.close();
        }
        JobParameters p(emergingJob());
        p.set("id-field", "编号");
        p.set("time-field", "时间");
        p.set("reference-date", "2026-02-28");
        JobSource named{source};
        named.read.mapping.setLayer(LayerKind::Villages, "村");
        named.read.mapping.setLayer(LayerKind::Hazards, "事件");
        const EmergingInput in = readEmergingInput(named, p);
        QCOMPARE(in.crs, std::string("EPSG:4543"));
        QCOMPARE(in.locations.size(), std::size_t{2});
        QCOMPARE(in.locations[1].id, std::string("3"));
        QCOMPARE(in.events.size(), std::size_t{4});
        QCOMPARE(in.emptyStamps, std::size_t{1});
        QCOMPARE(in.fields.size(), std::size_t{3});
        const EmergingResult r = analyseEmerging(in, emergingOptions(p));
        QCOMPARE(r.months, std::size_t{2});
        // id 3 (input position 1) first; its multipart second part holds the February pair.
        QCOMPARE(r.counts, (std::vector<std::uint32_t>{0, 2, 1, 1}));

        const std::string out = dir.filePath("emerging.gpkg").toStdString();
        writeEmerging(out, in, r);
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR));
        QVERIFY(ds);
        OGRLayer* layer = ds->GetLayerByName("emerging_hotspots");
        QVERIFY(layer);
        QCOMPARE(layer->GetFeatureCount(), GIntBig{2});
        OGRFeatureDefn* defn = layer->GetLayerDefn();
        QVERIFY(defn->GetFieldIndex("编号") >= 0);
        QVERIFY(defn->GetFieldIndex("名称") >= 0);
        QVERIFY(defn->GetFieldIndex("input_code") >= 0); // clashes with the output's code
        for (const char* f : kEmergingOutputFields)
            QVERIFY2(defn->GetFieldIndex(f) >= 0, f);
        std::unique_ptr<OGRFeature> first(layer->GetNextFeature());
        QCOMPARE(first->GetFieldAsInteger64("编号"), GIntBig{7});
        QCOMPARE(QString::fromUtf8(first->GetFieldAsString("名称")), QStringLiteral("甲村"));
        QCOMPARE(QString(first->GetFieldAsString("pattern")), QStringLiteral("No Pattern Detected"));
        OGRLayer* bins = ds->GetLayerByName("emerging_bins");
        QVERIFY(bins);
        QCOMPARE(bins->GetFeatureCount(), GIntBig{4});
        std::unique_ptr<OGRFeature> bin(bins->GetNextFeature());
        QCOMPARE(QString(bin->GetFieldAsString("village_id")), QStringLiteral("3"));
        QCOMPARE(QString(bin->GetFieldAsString("month")), QStringLiteral("2026-01"));
        QCOMPARE(bin->GetFieldAsInteger("count"), 0);
        QCOMPARE(QString(bin->GetFieldAsString("class")), QStringLiteral("none"));
        ds.reset();
        // Nothing but the output in the directory: the temporary name is gone.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2);

        // An unparseable time names its feature.
        {
            test::FixtureSource f(source);
            f.addLayer("villages", "polygon", 4326, {{"id", "text"}});
            f.addFeature("villages",
                         "POLYGON((102.70 25.00,102.71 25.00,102.71 25.01,102.70 25.01,102.70 25.00))",
                         {{"id", "v1"}});
            f.addLayer("hazards", "point", 4326, {{"found_at", "text"}});
            f.addFeature("hazards", "POINT(102.705 25.005)", {{"found_at", "2026-01-05"}});
            f.addFeature("hazards", "POINT(102.705 25.005)", {{"found_at", "yesterday"}});
            f.close();
        }
        JobParameters plain(emergingJob());
        plain.set("reference-date", "2026-02-28");
        expectInputError([&] { readEmergingInput(JobSource{source}, plain); }, "feature 2");
        // A missing field is named.
        plain.set("time-field", "when");
        expectInputError([&] { readEmergingInput(JobSource{source}, plain); }, "no field when");
    }
};

QTEST_GUILESS_MAIN(TestEmerging)
#include "test_emerging.moc"
