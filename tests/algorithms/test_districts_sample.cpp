// District design on the Kunming sample (153 villages, 12 police districts) with K = 12, the
// sizing model's workloads: every district contiguous (GEOS unions), every village in exactly one,
// the largest workload within 10 % of the mean or a bound proving it impossible, a lower CV than
// today's districts; the GeoPackage it writes; and foreign data (lon/lat layer, integer ids,
// Chinese field names, a numeric workload field).
#include "firebeat/districts.h"

#include "districts_check.h"

#include <QTemporaryDir>
#include <QtTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <set>

using namespace firebeat;

namespace {

const std::string kSample = FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite";

JobParameters sampleParameters(const std::string& zones) {
    JobParameters p(districtsJob());
    p.set("zones", zones);
    p.set("reference-date", "2025-12-31");
    return p;
}

struct Closer {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using OgrSource = std::unique_ptr<GDALDataset, Closer>;

OgrSource open(const std::string& path) {
    return OgrSource(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
}

} // namespace

class TestDistrictsSample : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void initTestCase() { GDALAllRegister(); }

    void sampleWithTwelveDistricts() {
        const DistrictJobResult r = designFromSource({kSample, {}, {}}, sampleParameters("12"));
        const DistrictDesign& d = r.design;
        QCOMPARE(r.blocks.blocks.size(), std::size_t{153});
        QCOMPARE(d.zones, 12);
        // Every village in exactly one district, ids unique.
        std::set<std::string> ids;
        for (const Area& a : r.blocks.blocks)
            ids.insert(a.id);
        QCOMPARE(ids.size(), std::size_t{153});
        QCOMPARE(d.district.size(), std::size_t{153});
        std::size_t blocks = 0;
        for (const DesignedDistrict& z : d.districts)
            blocks += z.blocks;
        QCOMPARE(blocks, std::size_t{153});
        // Contiguous: one queen-connected piece per district, unless the district holds a
        // village the queen graph leaves without neighbour (flagged, joined by distance). The
        // sample's villages leave sub-millimetre gaps between some neighbours: pieces closer than
        // the snapping tolerance (0.1 m) touch.
        const std::vector<int> pieces = test::piecesPerDistrict(r.blocks.blocks, d.district, 12, 0.1);
        std::vector<int> flaggedPerDistrict(12, 0);
        for (std::size_t i = 0; i < d.district.size(); ++i)
            if (d.flags[i] & (district_flags::kNoNeighbour | district_flags::kDetached))
                ++flaggedPerDistrict[static_cast<std::size_t>(d.district[i] - 1)];
        for (std::size_t z = 0; z < 12; ++z)
            QVERIFY2(pieces[z] <= 1 + flaggedPerDistrict[z],
                     qPrintable(QString("district %1: %2 pieces").arg(z + 1).arg(pieces[z])));
        // Balance: within 10 % of the mean, or a bound proving it impossible.
        const double pct = 100 * d.largestDeviation / d.meanWorkload;
        qInfo("sample K=12: mean %.1f h, largest deviation %.2f %%, CV %.4f (current CV %.4f), bound %.2f %% "
              "(%s)",
              d.meanWorkload, pct, d.cv, r.current ? r.current->cv : -1.0,
              100 * d.deviationLowerBound / d.meanWorkload, d.boundReason.c_str());
        QVERIFY(d.withinTenPercent || d.tenPercentImpossible);
        // Better balanced than today's 12 districts.
        QVERIFY(r.current.has_value());
        QCOMPARE(r.current->districts, 12);
        QVERIFY2(d.cv < r.current->cv,
                 qPrintable(QString("CV %1 vs current %2").arg(d.cv).arg(r.current->cv)));
        // The workloads add up to the sizing model's total of the villages.
        double total = 0;
        for (double w : r.workloads)
            total += w;
        QVERIFY(std::abs(total - 12 * d.meanWorkload) < 1e-6 * total);
    }

    void writesTheThreeLayers() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("design.gpkg").toStdString();
        const DistrictJobResult r = designFromSource({kSample, {}, {}}, sampleParameters("12"));
        writeDistrictDesign(path, r);
        const OgrSource ds = open(path);
        QVERIFY(ds);
        OGRLayer* blocks = ds->GetLayerByName("district_design_blocks");
        OGRLayer* districts = ds->GetLayerByName("district_design");
        OGRLayer* summary = ds->GetLayerByName("district_design_summary");
        QVERIFY(blocks && districts && summary);
        QCOMPARE(blocks->GetFeatureCount(), GIntBig{153});
        QCOMPARE(districts->GetFeatureCount(), GIntBig{12});
        QCOMPARE(summary->GetFeatureCount(), GIntBig{2});
        // The villages' own fields under their own names, then the design's.
        OGRFeatureDefn* defn = blocks->GetLayerDefn();
        for (const char* name :
             {"village_id", "name", "district_id", "kind", "population", "district", "workload"})
            QVERIFY2(defn->GetFieldIndex(name) >= 0, name);
        for (const char* name :
             {"district", "workload", "officers_needed", "area_km2", "compactness", "station", "blocks"})
            QVERIFY2(districts->GetLayerDefn()->GetFieldIndex(name) >= 0, name);
        // The dissolved workloads are the sums over the blocks layer.
        std::map<int, double> sums;
        blocks->ResetReading();
        for (std::unique_ptr<OGRFeature> f(blocks->GetNextFeature()); f; f.reset(blocks->GetNextFeature()))
            sums[f->GetFieldAsInteger("district")] += f->GetFieldAsDouble("workload");
        districts->ResetReading();
        for (std::unique_ptr<OGRFeature> f(districts->GetNextFeature()); f;
             f.reset(districts->GetNextFeature()))
            QVERIFY(std::abs(sums[f->GetFieldAsInteger("district")] - f->GetFieldAsDouble("workload")) <
                    1e-6);
        summary->ResetReading();
        std::set<std::string> designs;
        for (std::unique_ptr<OGRFeature> f(summary->GetNextFeature()); f; f.reset(summary->GetNextFeature()))
            designs.insert(f->GetFieldAsString("design"));
        QCOMPARE(designs, (std::set<std::string>{"current", "proposed"}));
    }

    void foreignLayerWithFieldWorkload() {
        // A lon/lat layer of integer-id squares with Chinese field names, the workload in a field.
        QTemporaryDir dir;
        const std::string path = dir.filePath("foreign.gpkg").toStdString();
        {
            GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
            OgrSource ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            OGRSpatialReference wgs84;
            wgs84.importFromEPSG(4326);
            OGRLayer* layer = ds->CreateLayer("村", &wgs84, wkbMultiPolygon, nullptr);
            OGRFieldDefn id("编号", OFTInteger);
            OGRFieldDefn load("工作量", OFTReal);
            layer->CreateField(&id);
            layer->CreateField(&load);
            for (int r = 0; r < 4; ++r)
                for (int c = 0; c < 4; ++c) {
                    OGRFeature f(layer->GetLayerDefn());
                    f.SetField("编号", 100 + r * 4 + c);
                    f.SetField("工作量", 1.0);
                    const double x = 102.7 + c * 0.01, y = 25.0 + r * 0.01;
                    OGRPolygon poly;
                    OGRLinearRing ring;
                    ring.addPoint(x, y);
                    ring.addPoint(x + 0.01, y);
                    ring.addPoint(x + 0.01, y + 0.01);
                    ring.addPoint(x, y + 0.01);
                    ring.addPoint(x, y);
                    poly.addRing(&ring);
                    OGRMultiPolygon multi;
                    multi.addGeometry(&poly);
                    f.SetGeometry(&multi);
                    QCOMPARE(layer->CreateFeature(&f), OGRERR_NONE);
                }
        }
        JobParameters p(districtsJob());
        p.set("zones", "4");
        p.set("workload-field", "工作量");
        p.set("id-field", "编号");
        const DistrictJobResult r = designFromSource({path, {{"villages", "村"}}, {}}, p);
        QCOMPARE(r.crs, std::string("EPSG:4543"));
        QCOMPARE(r.blocks.blocks.front().id, std::string("100"));
        QCOMPARE(r.design.largestDeviation, 0.0);
        QCOMPARE(test::piecesPerDistrict(r.blocks.blocks, r.design.district, 4), std::vector<int>(4, 1));
        QVERIFY(!r.current);
        const std::string out = dir.filePath("out.gpkg").toStdString();
        writeDistrictDesign(out, r);
        const OgrSource written = open(out);
        OGRLayer* blocks = written->GetLayerByName("district_design_blocks");
        QVERIFY(blocks->GetLayerDefn()->GetFieldIndex("编号") >= 0);
        QVERIFY(blocks->GetLayerDefn()->GetFieldIndex("工作量") >= 0);

        // Bad input through the job: a missing field, K above the blocks, a layer not there.
        JobParameters bad(districtsJob());
        bad.set("zones", "4");
        bad.set("workload-field", "nope");
        QVERIFY_THROWS_EXCEPTION(InputError, designFromSource({path, {{"villages", "村"}}, {}}, bad));
        JobParameters many(districtsJob());
        many.set("zones", "17");
        many.set("workload-field", "工作量");
        QVERIFY_THROWS_EXCEPTION(InputError, designFromSource({path, {{"villages", "村"}}, {}}, many));
        QVERIFY_THROWS_EXCEPTION(InputError, designFromSource({path, {{"villages", "no_layer"}}, {}}, many));
        // No units layer and no workload field: the sizing model cannot run.
        JobParameters sizing(districtsJob());
        sizing.set("zones", "2");
        QVERIFY_THROWS_EXCEPTION(InputError, designFromSource({path, {{"villages", "村"}}, {}}, sizing));
    }
};

QTEST_GUILESS_MAIN(TestDistrictsSample)
#include "test_districts_sample.moc"
