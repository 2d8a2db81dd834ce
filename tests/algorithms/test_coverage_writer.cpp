// Writing coverage and sizing results: layers, fields, nulls, CRS, and no half-written files.
#include "test_coverage_fixture.h"

#include "firebeat/coverage_writer.h"

#include <QtTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <fstream>
#include <memory>

using namespace firebeat;
using namespace firebeat::test;

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using OpenDataset = std::unique_ptr<GDALDataset, DatasetCloser>;

OpenDataset openVector(const std::string& path) {
    return OpenDataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
}

CoverageResult townCoverage() {
    CoverageParameters p;
    p.referenceDate = kReference;
    p.windowDays = 100;
    p.norms = townNorms();
    Report report;
    return computeCoverage(town(), p, report);
}

// The feature of `layer` whose `field` equals `value`.
std::unique_ptr<OGRFeature> featureWhere(OGRLayer* layer, const char* field, const std::string& value) {
    layer->ResetReading();
    while (OGRFeature* f = layer->GetNextFeature()) {
        std::unique_ptr<OGRFeature> owned(f);
        if (value == owned->GetFieldAsString(field))
            return owned;
    }
    return nullptr;
}

std::vector<std::string> filesIn(const QString& dir) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir.toStdString()))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

class TestCoverageWriter : public QObject {
    Q_OBJECT
  private Q_SLOTS:
    void coverageGeoPackage() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("coverage.gpkg").toStdString();
        writeCoverageGpkg(townCoverage(), path, "EPSG:4543");
        QCOMPARE(filesIn(dir.path()), std::vector<std::string>{"coverage.gpkg"}); // no temporary left

        const OpenDataset ds = openVector(path);
        QVERIFY(ds);
        OGRLayer* districts = ds->GetLayerByName("district_coverage");
        QVERIFY(districts);
        QCOMPARE(districts->GetFeatureCount(), GIntBig(3));
        QCOMPARE(districts->GetSpatialRef()->GetAuthorityCode(nullptr), "4543");
        for (const char* field :
             {"district_id", "units_total", "units_inspected", "coverage_pct", "overdue_units",
              "never_inspected", "inspections", "open_hazards", "open_major_hazards",
              "overdue_rectifications", "officers", "units_per_officer", "blind_spot_villages",
              "units_in_reach_pct", "area_in_reach_pct", "gap_score", "gap_rank", "coverage_pct_three_in_one",
              "median_days_to_rectify"})
            QVERIFY2(districts->GetLayerDefn()->GetFieldIndex(field) >= 0, field);
        const auto a1 = featureWhere(districts, "district_id", "A1");
        QVERIFY(a1);
        QCOMPARE(a1->GetFieldAsInteger("units_total"), 4);
        QCOMPARE(a1->GetFieldAsDouble("coverage_pct"), 50.0);
        QCOMPARE(a1->GetFieldAsInteger("gap_rank"), 1);
        QCOMPARE(a1->GetFieldAsString("window_start"), "2025/09/22 16:00:00+00");
        QCOMPARE(a1->GetFieldAsDouble("gap_score"), 53.75);
        QCOMPARE(a1->GetGeometryRef()->getGeometryType(), wkbMultiPolygon);
        const auto c3 = featureWhere(districts, "district_id", "C3");
        QVERIFY(c3->IsFieldNull(c3->GetFieldIndex("coverage_pct"))); // no units: null
        QVERIFY(c3->IsFieldNull(c3->GetFieldIndex("units_per_officer")));

        // Overdue: U2, U3, U6 and never-inspected U4 (days_overdue null).
        OGRLayer* overdue = ds->GetLayerByName("overdue_units");
        QCOMPARE(overdue->GetFeatureCount(), GIntBig(4));
        const auto u4 = featureWhere(overdue, "unit_id", "U4");
        QVERIFY(u4);
        QVERIFY(u4->IsFieldNull(u4->GetFieldIndex("days_overdue")));
        QCOMPARE(u4->GetFieldAsInteger("never_inspected"), 1);
        QCOMPARE(featureWhere(overdue, "unit_id", "U3")->GetFieldAsInteger("days_overdue"), 90);
        // U2's last visit, d95 before R = 2026-01-01 00:00 +08:00, is stored in UTC.
        const auto u2 = featureWhere(overdue, "unit_id", "U2");
        QCOMPARE(u2->GetFieldAsString("last_inspection"), "2025/09/27 16:00:00+00");
        const OGRPoint* p = u2->GetGeometryRef()->toPoint();
        QCOMPARE(p->getX(), 1500.0);
        QCOMPARE(p->getY(), 500.0);

        // Out of reach: U2, U3, U4, U5 and U7 (outside every district, district_id null).
        OGRLayer* unreached = ds->GetLayerByName("unreached_units");
        QCOMPARE(unreached->GetFeatureCount(), GIntBig(5));
        const auto u7 = featureWhere(unreached, "unit_id", "U7");
        QVERIFY(u7->IsFieldNull(u7->GetFieldIndex("district_id")));

        OGRLayer* blind = ds->GetLayerByName("blind_spots");
        QCOMPARE(blind->GetFeatureCount(), GIntBig(2));
        QCOMPARE(featureWhere(blind, "village_id", "V7")->GetFieldAsDouble("area_km2"), 0.08);

        OGRLayer* officers = ds->GetLayerByName("officer_workload");
        QCOMPARE(officers->GetFeatureCount(), GIntBig(6));
        QCOMPARE(officers->GetGeomType(), wkbNone);
        QCOMPARE(featureWhere(officers, "officer_id", "O2")->GetFieldAsInteger("hazards_found"), 3);
    }

    void replacesAnExistingFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("coverage.gpkg").toStdString();
        std::ofstream(path) << "not a geopackage";
        writeCoverageGpkg(townCoverage(), path, "EPSG:4543");
        QVERIFY(openVector(path));
    }

    void failuresLeaveNothing() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("coverage.gpkg").toStdString();
        QVERIFY_THROWS_EXCEPTION(InputError, writeCoverageGpkg(townCoverage(), path, "EPSG:999999"));
        QVERIFY_THROWS_EXCEPTION(
            InputError, writeCoverageGpkg(townCoverage(), dir.filePath("c.shp").toStdString(), "EPSG:4543"));
        QVERIFY(filesIn(dir.path()).empty());
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            writeCoverageGpkg(townCoverage(), dir.filePath("no/such/dir.gpkg").toStdString(), "EPSG:4543"));
        QVERIFY(filesIn(dir.path()).empty());
    }

    void sizingGeoPackageAndCsv() {
        SizingParameters p;
        p.coverage.referenceDate = kReference;
        p.coverage.windowDays = 100;
        p.coverage.norms = townNorms();
        p.headcount = 7;
        Report report;
        const SizingResult r = computeSizing(town(), p, report);

        QTemporaryDir dir;
        const std::string gpkg = dir.filePath("sizing.gpkg").toStdString();
        writeSizing(r, gpkg, "EPSG:4543");
        const OpenDataset ds = openVector(gpkg);
        OGRLayer* layer = ds->GetLayerByName("district_sizing");
        QCOMPARE(layer->GetFeatureCount(), GIntBig(3));
        int allocated = 0;
        layer->ResetReading();
        while (OGRFeature* f = layer->GetNextFeature()) {
            allocated += f->GetFieldAsInteger("allocated");
            OGRFeature::DestroyFeature(f);
        }
        QCOMPARE(allocated, 7);

        const std::string csv = dir.filePath("sizing.csv").toStdString();
        writeSizing(r, csv, "EPSG:4543");
        std::ifstream in(csv);
        std::string header;
        std::getline(in, header);
        QVERIFY2(header.rfind("WKT,district_id,", 0) == 0, header.c_str());
        QVERIFY(header.find("workload_hours") != std::string::npos);
        int lines = 0;
        for (std::string line; std::getline(in, line);)
            ++lines;
        QCOMPARE(lines, 3);
        QCOMPARE(filesIn(dir.path()), (std::vector<std::string>{"sizing.csv", "sizing.gpkg"}));
    }
};

QTEST_GUILESS_MAIN(TestCoverageWriter)
#include "test_coverage_writer.moc"
