// writeDataset: the seven layers with their canonical names and types, values, nulls, dates and
// geometries through a round trip in plain OGR, the GCJ-02 option, and failures that leave
// nothing behind.
#include "firebeat/dataset_writer.h"
#include "firebeat/gcj02.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

using namespace firebeat;

namespace {

Polygon polygonFromWkt(const char* wkt) {
    OGRGeometry* g = nullptr;
    if (OGRGeometryFactory::createFromWkt(wkt, nullptr, &g) != OGRERR_NONE)
        throw std::runtime_error("bad WKT in the test");
    Polygon p;
    p.wkb.resize(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, p.wkb.data(), wkbVariantIso);
    OGREnvelope e;
    g->getEnvelope(&e);
    p.envelope = {e.MinX, e.MinY, e.MaxX, e.MaxY};
    OGRGeometryFactory::destroyGeometry(g);
    return p;
}

// A small data set with every kind of value: nulls, a population above 2^31, a district with
// a hole and one made of two parts, open and rectified hazards, a hotline report.
Dataset smallDataset() {
    Dataset d;
    d.crs = "EPSG:4326";
    District a;
    a.id = "D01";
    a.name = "盘龙区拓东派出所辖区";
    a.station = "盘龙区拓东派出所";
    a.officers = 7;
    a.geometry = polygonFromWkt("POLYGON((102.70 25.00,102.75 25.00,102.75 25.05,102.70 25.05,102.70 25.00),"
                                "(102.72 25.02,102.73 25.02,102.73 25.03,102.72 25.02))");
    District b;
    b.id = "D02";
    b.name = "官渡区阿拉派出所辖区";
    b.station = "官渡区阿拉派出所";
    b.kind = DistrictKind::Township;
    b.geometry = polygonFromWkt("MULTIPOLYGON(((102.75 25.00,102.80 25.00,102.80 25.05,102.75 25.00)),"
                                "((102.85 25.00,102.86 25.00,102.86 25.01,102.85 25.00)))");
    d.districts = {a, b};
    Village v;
    v.id = "V001";
    v.name = "福德村";
    v.districtId = "D01";
    v.kind = VillageKind::UrbanVillage;
    v.population = 3'000'000'000LL;
    v.geometry = polygonFromWkt("POLYGON((102.70 25.00,102.71 25.00,102.71 25.01,102.70 25.00))");
    Village w = v;
    w.id = "V002";
    w.name = "金马社区";
    w.kind = VillageKind::Community;
    w.population.reset();
    d.villages = {v, w};
    Unit u1;
    u1.id = "U000001";
    u1.name = "鑫源便利店";
    u1.category = UnitCategory::SmallVenue;
    u1.districtId = "D01";
    u1.inspectEveryDays = 60;
    u1.position = {102.7123456789012, 25.0123456789012};
    Unit u2;
    u2.id = "U000002";
    u2.name = "滇池仓库";
    u2.category = UnitCategory::KeyUnit;
    u2.position = {102.76, 25.01};
    d.units = {u1, u2};
    Inspection i;
    i.id = "I0000001";
    i.unitId = "U000001";
    i.officerId = "O001";
    i.inspectedAt = makeTimestamp(2026, 3, 1, 9, 30, 15);
    i.outcome = Outcome::Hazards;
    i.position = {102.71235, 25.01234};
    d.inspections = {i};
    Hazard open;
    open.id = "H0000001";
    open.inspectionId = "I0000001";
    open.unitId = "U000001";
    open.category = HazardCategory::EBike;
    open.severity = 2;
    open.foundAt = i.inspectedAt;
    open.deadline = makeTimestamp(2026, 3, 16, 18, 0, 0);
    open.position = {102.71236, 25.01235};
    Hazard hotline;
    hotline.id = "H0000002";
    hotline.unitId = "U000002";
    hotline.category = HazardCategory::FireLane;
    hotline.foundAt = makeTimestamp(2026, 1, 1, 0, 5, 0); // still 2025-12-31 in UTC
    hotline.rectifiedAt = makeTimestamp(2026, 1, 1, 23, 59, 59);
    hotline.source = HazardSource::Hotline96119;
    hotline.position = {102.7601, 25.0101};
    d.hazards = {open, hotline};
    FireStation s;
    s.id = "S01";
    s.name = "拓东消防救援站";
    s.kind = StationKind::Micro;
    s.position = {102.72, 25.03};
    d.stations = {s};
    d.officers = {{-1, "O001", "张伟", "D01"}, {-1, "O002", "李娜", ""}};
    return d;
}

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;
struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

DatasetPtr openVector(const std::string& path) {
    return DatasetPtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

std::vector<FeaturePtr> features(GDALDataset& ds, const char* layer) {
    std::vector<FeaturePtr> out;
    OGRLayer* l = ds.GetLayerByName(layer);
    if (!l)
        return out;
    l->ResetReading();
    while (OGRFeature* f = l->GetNextFeature())
        out.emplace_back(f);
    return out;
}

QString text(const OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    if (i < 0)
        return "<missing>";
    return f.IsFieldSetAndNotNull(i) ? QString::fromUtf8(f.GetFieldAsString(i)) : QString("<null>");
}

// The instant of a date-time field and its OGR time zone flag.
std::pair<std::optional<Timestamp>, int> instant(const OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    if (i < 0 || !f.IsFieldSetAndNotNull(i))
        return {std::nullopt, 0};
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float s = 0;
    f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &s, &tz);
    return {makeTimestamp(y, mo, d, h, mi, static_cast<int>(s), (tz - 100) * 15), tz};
}

std::vector<std::uint8_t> multiWkb(const Polygon& p) {
    OGRGeometry* g = nullptr;
    OGRGeometryFactory::createFromWkb(p.wkb.data(), nullptr, &g, p.wkb.size());
    g = OGRGeometryFactory::forceToMultiPolygon(g);
    std::vector<std::uint8_t> wkb(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    OGRGeometryFactory::destroyGeometry(g);
    return wkb;
}

std::vector<std::uint8_t> wkbOf(const OGRGeometry* g) {
    std::vector<std::uint8_t> wkb(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
}

double metres(Point a, Point b) {
    const double dx = (a.x - b.x) * 100908.0, dy = (a.y - b.y) * 110773.0; // near 25 N
    return std::hypot(dx, dy);
}

QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden);
}

// Cancels after `after` progress reports.
class CancelAfter : public Progress {
  public:
    explicit CancelAfter(int after) : after_(after) {}
    void report(double, std::string_view) override { ++reports_; }
    bool cancelled() const override { return reports_ >= after_; }

  private:
    int after_;
    int reports_ = 0;
};

class Recorder : public Progress {
  public:
    std::vector<double> fractions;
    void report(double fraction, std::string_view) override { fractions.push_back(fraction); }
};

} // namespace

class TestDatasetWriter : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    Dataset data_ = smallDataset();

    std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        QVERIFY(dir_.isValid());
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("driver");
        QTest::newRow("spatialite") << "rt.sqlite"
                                    << "SQLite";
        QTest::newRow("spatialite .db") << "rt.db"
                                        << "SQLite";
        QTest::newRow("geopackage") << "rt.gpkg"
                                    << "GPKG";
    }
    void roundTrip() {
        QFETCH(QString, file);
        QFETCH(QString, driver);
        const std::string out = path(file.toUtf8().constData());
        writeDataset(data_, out);
        const DatasetPtr ds = openVector(out);
        QVERIFY(ds);
        QCOMPARE(QString(ds->GetDriver()->GetDescription()), driver);
        const bool gpkg = driver == "GPKG";
        // OGR lists no geometry-less table of a SpatiaLite file (officers), but opens it by name.
        QCOMPARE(ds->GetLayerCount(), gpkg ? 7 : 6);

        // Layers, geometry types, CRS and field types.
        struct Expect {
            const char* layer;
            OGRwkbGeometryType geometry;
            std::vector<std::pair<const char*, OGRFieldType>> fields;
        };
        const std::vector<Expect> expected = {
            {"police_districts",
             wkbMultiPolygon,
             {{"district_id", OFTString},
              {"name", OFTString},
              {"station", OFTString},
              {"officers", OFTInteger},
              {"kind", OFTString}}},
            {"villages",
             wkbMultiPolygon,
             {{"village_id", OFTString},
              {"name", OFTString},
              {"district_id", OFTString},
              {"kind", OFTString},
              {"population", OFTInteger64}}},
            {"units",
             wkbPoint,
             {{"unit_id", OFTString},
              {"name", OFTString},
              {"category", OFTString},
              {"district_id", OFTString},
              {"inspect_every_days", OFTInteger}}},
            {"inspections",
             wkbPoint,
             {{"inspection_id", OFTString},
              {"unit_id", OFTString},
              {"officer_id", OFTString},
              {"inspected_at", OFTDateTime},
              {"outcome", OFTString}}},
            {"hazards",
             wkbPoint,
             {{"hazard_id", OFTString},
              {"inspection_id", OFTString},
              {"unit_id", OFTString},
              {"category", OFTString},
              {"severity", OFTInteger},
              {"found_at", OFTDateTime},
              {"deadline", OFTDateTime},
              {"rectified_at", OFTDateTime},
              {"source", OFTString}}},
            {"fire_stations",
             wkbPoint,
             {{"station_id", OFTString}, {"name", OFTString}, {"kind", OFTString}}},
            {"officers",
             wkbNone,
             {{"officer_id", OFTString}, {"name", OFTString}, {"district_id", OFTString}}},
        };
        for (const Expect& e : expected) {
            OGRLayer* layer = ds->GetLayerByName(e.layer);
            QVERIFY2(layer, e.layer);
            QCOMPARE(wkbFlatten(layer->GetGeomType()), e.geometry);
            OGRFeatureDefn* defn = layer->GetLayerDefn();
            for (const auto& [name, type] : e.fields) {
                const int i = defn->GetFieldIndex(name);
                QVERIFY2(i >= 0, name);
                QCOMPARE(defn->GetFieldDefn(i)->GetType(), type);
            }
            if (e.geometry != wkbNone) {
                const OGRSpatialReference* srs = layer->GetSpatialRef();
                QVERIFY(srs);
                QCOMPARE(QString(srs->GetAuthorityCode(nullptr)), QString("4326"));
            }
        }
        if (!gpkg) { // SpatiaLite metadata, not the FDO flavour of the SQLite driver
            OGRLayer* meta = ds->ExecuteSQL(
                "SELECT spatial_index_enabled FROM geometry_columns WHERE f_table_name = 'hazards'", nullptr,
                nullptr);
            QVERIFY(meta);
            const FeaturePtr f(meta->GetNextFeature());
            QVERIFY(f);
            QCOMPARE(f->GetFieldAsInteger(0), 1);
            ds->ReleaseResultSet(meta);
        }

        // Values and nulls.
        const auto districts = features(*ds, "police_districts");
        QCOMPARE(districts.size(), std::size_t(2));
        QCOMPARE(text(*districts[0], "name"), QString("盘龙区拓东派出所辖区"));
        QCOMPARE(text(*districts[0], "officers"), QString("7"));
        QCOMPARE(text(*districts[0], "kind"), QString("urban"));
        QCOMPARE(text(*districts[1], "officers"), QString("<null>"));
        QCOMPARE(text(*districts[1], "kind"), QString("township"));
        for (std::size_t i = 0; i < 2; ++i)
            QVERIFY(wkbOf(districts[i]->GetGeometryRef()) == multiWkb(data_.districts[i].geometry));

        const auto villages = features(*ds, "villages");
        QCOMPARE(text(*villages[0], "population"), QString("3000000000"));
        QCOMPARE(text(*villages[0], "kind"), QString("urban_village"));
        QCOMPARE(text(*villages[1], "population"), QString("<null>"));
        QVERIFY(wkbOf(villages[1]->GetGeometryRef()) == multiWkb(data_.villages[1].geometry));

        const auto units = features(*ds, "units");
        QCOMPARE(text(*units[0], "inspect_every_days"), QString("60"));
        QCOMPARE(text(*units[0], "category"), QString("small_venue"));
        QCOMPARE(text(*units[1], "district_id"), QString("<null>"));
        QCOMPARE(text(*units[1], "inspect_every_days"), QString("<null>"));
        const OGRPoint* p = units[0]->GetGeometryRef()->toPoint();
        QVERIFY(p->getX() == data_.units[0].position.x); // x = lon, bit for bit
        QVERIFY(p->getY() == data_.units[0].position.y);

        // Date-times: the same instants; +08:00 in SpatiaLite, UTC in GeoPackage (its rule).
        const int tz = gpkg ? 100 : 132;
        const auto inspections = features(*ds, "inspections");
        QCOMPARE(instant(*inspections[0], "inspected_at").first,
                 std::optional(data_.inspections[0].inspectedAt));
        QCOMPARE(instant(*inspections[0], "inspected_at").second, tz);
        QCOMPARE(text(*inspections[0], "outcome"), QString("hazards"));
        const auto hazards = features(*ds, "hazards");
        QCOMPARE(instant(*hazards[0], "found_at").first, std::optional(data_.hazards[0].foundAt));
        QCOMPARE(instant(*hazards[0], "deadline").first, data_.hazards[0].deadline);
        QCOMPARE(instant(*hazards[0], "rectified_at").first, std::optional<Timestamp>());
        QCOMPARE(text(*hazards[0], "category"), QString("EBIKE"));
        QCOMPARE(text(*hazards[0], "severity"), QString("2"));
        QCOMPARE(text(*hazards[1], "inspection_id"), QString("<null>"));
        QCOMPARE(text(*hazards[1], "deadline"), QString("<null>"));
        QCOMPARE(instant(*hazards[1], "found_at").first, std::optional(data_.hazards[1].foundAt));
        QCOMPARE(instant(*hazards[1], "found_at").second, tz);
        QCOMPARE(instant(*hazards[1], "rectified_at").first, data_.hazards[1].rectifiedAt);
        QCOMPARE(text(*hazards[1], "source"), QString("hotline_96119"));
        if (!gpkg)
            QCOMPARE(text(*hazards[1], "found_at"), QString("2026/01/01 00:05:00+08"));

        const auto stations = features(*ds, "fire_stations");
        QCOMPARE(text(*stations[0], "kind"), QString("micro"));
        const auto officers = features(*ds, "officers");
        QCOMPARE(officers.size(), std::size_t(2));
        QVERIFY(!officers[0]->GetGeometryRef());
        QCOMPARE(text(*officers[0], "name"), QString("张伟"));
        QCOMPARE(text(*officers[1], "district_id"), QString("<null>"));
    }

    void gcj02MovesPointLayersOnly() {
        const std::string out = path("gcj.gpkg");
        WriteOptions options;
        options.gcj02PointLayers = true;
        writeDataset(data_, out, options);
        const DatasetPtr ds = openVector(out);
        QVERIFY(ds);
        const auto units = features(*ds, "units");
        const OGRPoint* p = units[0]->GetGeometryRef()->toPoint();
        const Point written{p->getX(), p->getY()};
        QVERIFY(written == wgs84ToGcj02(data_.units[0].position));
        const double shift = metres(written, data_.units[0].position);
        QVERIFY2(shift > 300 && shift < 600, qPrintable(QString::number(shift)));
        for (const char* layer : {"inspections", "hazards", "fire_stations"}) {
            const auto fs = features(*ds, layer);
            const OGRPoint* q = fs[0]->GetGeometryRef()->toPoint();
            QVERIFY2(q->getX() > 102.7 && std::abs(q->getY() - 25.0) < 0.05, layer);
        }
        const auto hazards = features(*ds, "hazards");
        const OGRPoint* h = hazards[0]->GetGeometryRef()->toPoint();
        QVERIFY((Point{h->getX(), h->getY()}) == wgs84ToGcj02(data_.hazards[0].position));
        const auto districts = features(*ds, "police_districts");
        QVERIFY(wkbOf(districts[0]->GetGeometryRef()) == multiWkb(data_.districts[0].geometry));
    }

    void gcj02NeedsLongitudeLatitude() {
        Dataset projected = data_;
        projected.crs = "EPSG:4543";
        WriteOptions options;
        options.gcj02PointLayers = true;
        QVERIFY_THROWS_EXCEPTION(InputError, writeDataset(projected, path("projected.gpkg"), options));
        QVERIFY(!QFile::exists(dir_.filePath("projected.gpkg")));
    }

    void explicitDriverWins() {
        WriteOptions options;
        options.driver = "GPKG";
        const std::string out = path("explicit.data");
        writeDataset(data_, out, options);
        const DatasetPtr ds = openVector(out);
        QVERIFY(ds);
        QCOMPARE(QString(ds->GetDriver()->GetDescription()), QString("GPKG"));
    }

    void badPathsAreInputErrors() {
        QVERIFY_THROWS_EXCEPTION(InputError, writeDataset(data_, path("out.shp.zip")));
        QVERIFY_THROWS_EXCEPTION(InputError, writeDataset(data_, path("no/such/dir/out.gpkg")));
        WriteOptions unknown;
        unknown.driver = "NoSuchDriver";
        QVERIFY_THROWS_EXCEPTION(InputError, writeDataset(data_, path("x.gpkg"), unknown));
        Dataset badCrs = data_;
        badCrs.crs = "EPSG:999999";
        QVERIFY_THROWS_EXCEPTION(InputError, writeDataset(badCrs, path("x.gpkg")));
        QVERIFY(!QFile::exists(dir_.filePath("x.gpkg")));
    }

    void progressRisesToOne() {
        Recorder recorder;
        writeDataset(data_, path("progress.sqlite"), {}, &recorder);
        QVERIFY(!recorder.fractions.empty());
        QVERIFY(std::is_sorted(recorder.fractions.begin(), recorder.fractions.end()));
        QCOMPARE(recorder.fractions.back(), 1.0);
    }

    // A cancelled or failed write leaves neither a temporary file nor a changed target.
    void cancelLeavesNothingBehind_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("spatialite") << "cancel.sqlite";
        QTest::newRow("geopackage") << "cancel.gpkg";
    }
    void cancelLeavesNothingBehind() {
        QFETCH(QString, file);
        QTemporaryDir dir;
        const QString target = dir.filePath(file);
        {
            std::ofstream old(target.toStdString());
            old << "previous content";
        }
        Dataset big = data_;
        for (int i = 0; i < 20000; ++i) { // enough features for several progress reports
            Hazard h = big.hazards[0];
            h.id = "H" + std::to_string(i + 10);
            big.hazards.push_back(h);
        }
        CancelAfter cancel(2);
        QVERIFY_THROWS_EXCEPTION(Cancelled, writeDataset(big, target.toStdString(), {}, &cancel));
        QCOMPARE(filesIn(dir.path()), QStringList{file});
        std::ifstream old(target.toStdString());
        std::string content;
        std::getline(old, content);
        QCOMPARE(content, std::string("previous content"));

        writeDataset(big, target.toStdString());
        QCOMPARE(filesIn(dir.path()), QStringList{file});
        const DatasetPtr ds = openVector(target.toStdString());
        QVERIFY(ds);
        QCOMPARE(ds->GetLayerByName("hazards")->GetFeatureCount(), GIntBig(20002));
    }

    // The point layers' R*Trees are bulk-loaded: they must pass SQLite's own check, hold every
    // feature, answer window queries like a scan, and keep their triggers for later edits.
    void spatialIndexesAreComplete_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("rtree");
        QTest::newRow("spatialite") << "index.sqlite"
                                    << "idx_hazards_GEOMETRY";
        QTest::newRow("geopackage") << "index.gpkg"
                                    << "rtree_hazards_geom";
    }
    void spatialIndexesAreComplete() {
        QFETCH(QString, file);
        QFETCH(QString, rtree);
        Dataset many = data_;
        many.hazards.clear();
        for (int i = 0; i < 6000; ++i) { // three levels of 51-cell nodes
            Hazard h = data_.hazards[0];
            h.id = "H" + std::to_string(i);
            h.position = {102.6 + 0.3 * std::fmod(i * 0.618034, 1.0),
                          24.9 + 0.25 * std::fmod(i * 0.414214, 1.0)};
            many.hazards.push_back(h);
        }
        const std::string out = path(file.toUtf8().constData());
        writeDataset(many, out);
        DatasetPtr ds(GDALDataset::Open(out.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
        QVERIFY(ds);
        const auto scalar = [&](const QString& sql) {
            OGRLayer* result = ds->ExecuteSQL(sql.toUtf8().constData(), nullptr, nullptr);
            if (!result)
                return QString("<no result>");
            const FeaturePtr f(result->GetNextFeature());
            const QString value = f ? QString::fromUtf8(f->GetFieldAsString(0)) : QString("<no row>");
            ds->ReleaseResultSet(result);
            return value;
        };
        QCOMPARE(scalar("SELECT rtreecheck('" + rtree + "')"), QString("ok"));
        QCOMPARE(scalar("SELECT count(*) FROM \"" + rtree + "_rowid\""), QString("6000"));
        const QString units = rtree.startsWith("idx_") ? "idx_units_GEOMETRY" : "rtree_units_geom";
        QCOMPARE(scalar("SELECT count(*) FROM \"" + units + "_rowid\""), QString("2"));

        OGRLayer* hazards = ds->GetLayerByName("hazards");
        const std::array<std::array<double, 4>, 3> windows = {
            {{102.61, 24.91, 102.65, 24.95}, {102.7, 25.0, 102.9, 25.02}, {102.0, 24.0, 103.0, 26.0}}};
        for (const auto& w : windows) {
            std::set<GIntBig> expected, found;
            hazards->SetSpatialFilter(nullptr);
            hazards->ResetReading();
            while (OGRFeature* f = hazards->GetNextFeature()) {
                const OGRPoint* p = f->GetGeometryRef()->toPoint();
                if (p->getX() >= w[0] && p->getX() <= w[2] && p->getY() >= w[1] && p->getY() <= w[3])
                    expected.insert(f->GetFID());
                OGRFeature::DestroyFeature(f);
            }
            hazards->SetSpatialFilterRect(w[0], w[1], w[2], w[3]);
            hazards->ResetReading();
            while (OGRFeature* f = hazards->GetNextFeature()) {
                found.insert(f->GetFID());
                OGRFeature::DestroyFeature(f);
            }
            QVERIFY(!expected.empty());
            QCOMPARE(found, expected);
        }
        hazards->SetSpatialFilter(nullptr);

        // The insert trigger is back: a new feature goes into the index.
        const FeaturePtr extra(OGRFeature::CreateFeature(hazards->GetLayerDefn()));
        OGRPoint at(102.75, 25.05);
        extra->SetGeometry(&at);
        QCOMPARE(hazards->CreateFeature(extra.get()), OGRERR_NONE);
        QCOMPARE(scalar("SELECT count(*) FROM \"" + rtree + "_rowid\""), QString("6001"));
    }

    void emptyDatasetHasAllLayers() {
        Dataset empty;
        empty.crs = "EPSG:4326";
        const std::string out = path("empty.gpkg");
        writeDataset(empty, out);
        const DatasetPtr ds = openVector(out);
        QVERIFY(ds);
        QCOMPARE(ds->GetLayerCount(), 7);
        QCOMPARE(ds->GetLayerByName("hazards")->GetFeatureCount(), GIntBig(0));
    }
};

QTEST_GUILESS_MAIN(TestDatasetWriter)
#include "test_dataset_writer.moc"
