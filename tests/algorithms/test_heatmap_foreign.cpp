// The heatmap on point layers unlike our data model (tests/fixtures/make_foreign_layers.py): a
// UTM 48N MultiPoint layer, the same features in a mixed Point/MultiPoint layer, a layer without
// any field. Every part counts once; a projected metric layer keeps its CRS; weights by severity
// only in the data-model workflow; QGIS-compatible weighs 1 in the layer's own CRS.
#include "firebeat/heatmap_job.h"
#include "firebeat/reader.h"
#include "fixtures.h"
#include "foreign_layers.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace firebeat;
using namespace firebeat::test;

namespace {

struct Expected {
    std::size_t parts = 0;
    double severityWeight = 0; // sum over parts of 1, 2, 4 by severity
    double fieldWeight = 0;    // sum over parts of w
};

// What the layer holds, counted with OGR alone (not through our reader).
Expected countWithOgr(const QString& gpkg, const char* layer) {
    Expected e;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    for (auto& f : ds->GetLayerByName(layer)) {
        const OGRGeometry* g = f->GetGeometryRef();
        const int n =
            wkbFlatten(g->getGeometryType()) == wkbMultiPoint ? g->toMultiPoint()->getNumGeometries() : 1;
        const int severity = f->GetFieldAsInteger("severity");
        e.parts += static_cast<std::size_t>(n);
        e.severityWeight += n * (severity == 1 ? 1.0 : severity == 2 ? 2.0 : 4.0);
        e.fieldWeight += n * f->GetFieldAsDouble("w");
    }
    return e;
}

double totalWeight(const HeatmapPoints& p) {
    double sum = 0;
    for (const KdePoint& k : p.points)
        sum += k.weight;
    return sum;
}

HeatmapSource sourceOf(const QString& gpkg, const char* layer, const std::string& weightField = {}) {
    HeatmapSource s{gpkg.toStdString(), {}, weightField, ""};
    s.read.mapping.setLayer(LayerKind::Hazards, layer);
    return s;
}

} // namespace

class TestHeatmapForeign : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString gpkg_;

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        gpkg_ = dir_.filePath("foreign.gpkg");
        const QString error = makeForeignLayers(gpkg_);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // Every part of a multipoint is a point with its feature's weight; the layer's own UTM CRS is
    // the analysis CRS (not the Gauss-Krueger zone EPSG:4545); weights by its severity field.
    void multipointsCountOncePerPart() {
        const Expected e = countWithOgr(gpkg_, "points");
        QVERIFY(e.parts > 600 + 36); // 36 features of 2-4 parts
        HeatmapJob job;
        job.bandwidth.metres = 300;
        const HeatmapInput input = readHeatmapInput(sourceOf(gpkg_, "points"), job);
        QCOMPARE(input.read.report.count(Severity::Error), std::size_t{0});
        QCOMPARE(input.read.data.crs, std::string("EPSG:32648"));
        QCOMPARE(input.points.points.size(), e.parts);
        QCOMPARE(job.weightDescription, std::string("severity"));
        QCOMPARE(totalWeight(input.points), e.severityWeight);
        QVERIFY(input.points.sourceExtent); // every feature became points: the layer's extent holds

        HeatmapJob weighted;
        weighted.bandwidth.metres = 300;
        const HeatmapInput byField = readHeatmapInput(sourceOf(gpkg_, "points", "w"), weighted);
        QCOMPARE(weighted.weightDescription, std::string("field w"));
        QVERIFY(std::abs(totalWeight(byField.points) - e.fieldWeight) < 1e-9 * e.fieldWeight);
    }

    // A layer of type GEOMETRY holding Points and MultiPoints gives the very same points.
    void mixedLayerGivesTheSamePoints() {
        HeatmapJob a, b;
        a.bandwidth.metres = b.bandwidth.metres = 300;
        const HeatmapInput multi = readHeatmapInput(sourceOf(gpkg_, "points", "w"), a);
        const HeatmapInput mixed = readHeatmapInput(sourceOf(gpkg_, "points_mixed", "w"), b);
        QCOMPARE(mixed.read.report.count(Severity::Error), std::size_t{0});
        QCOMPARE(mixed.points.points.size(), multi.points.points.size());
        for (std::size_t i = 0; i < multi.points.points.size(); ++i) {
            QCOMPARE(mixed.points.points[i].x, multi.points.points[i].x);
            QCOMPARE(mixed.points.points[i].y, multi.points.points[i].y);
            QCOMPARE(mixed.points.points[i].weight, multi.points.points[i].weight);
        }
    }

    // QGIS-compatible: 1 per point although the layer has a severity field.
    void qgisCompatibleWeighsOne() {
        HeatmapJob job;
        job.bandwidth.metres = 300;
        job.kde.qgisCompatible = true;
        job.kde.value = OutputValue::Raw;
        const HeatmapInput input = readHeatmapInput(sourceOf(gpkg_, "points"), job);
        QCOMPARE(input.read.data.crs, std::string("EPSG:32648"));
        QCOMPARE(totalWeight(input.points), double(countWithOgr(gpkg_, "points").parts));
        QCOMPARE(job.weightDescription, std::string("1 per point (QGIS-compatible)"));
    }

    // A layer with no field at all: 1 per point, and the description says why.
    void layerWithoutFieldsWeighsOne() {
        HeatmapJob job;
        job.bandwidth.metres = 300;
        const HeatmapInput input = readHeatmapInput(sourceOf(gpkg_, "lone"), job);
        QCOMPARE(input.read.report.count(Severity::Error), std::size_t{0});
        QCOMPARE(input.points.points.size(), std::size_t{1});
        QCOMPARE(input.points.points[0].weight, 1.0);
        QCOMPARE(input.points.points[0].x, 571234.5);
        QCOMPARE(job.weightDescription, std::string("1 per point (the layer has no field severity)"));
    }

    // QGIS-compatible keeps even a geographic layer's CRS, as QGIS works in the layer's units;
    // the data-model workflow takes the Gauss-Krueger zone for it.
    void qgisCompatibleKeepsAGeographicCrs() {
        const std::string path = dir_.filePath("minimal.gpkg").toStdString();
        writeLayers(path, minimalDataset());
        HeatmapJob qgis;
        qgis.bandwidth.metres = 0.003;
        qgis.kde.qgisCompatible = true;
        qgis.kde.value = OutputValue::Raw;
        QCOMPARE(readHeatmapInput({path, {}, "", ""}, qgis).read.data.crs, std::string("EPSG:4326"));
        HeatmapJob ours;
        ours.bandwidth.metres = 300;
        QCOMPARE(readHeatmapInput({path, {}, "", ""}, ours).read.data.crs, std::string("EPSG:4543"));
    }

    // The rule itself: projected CRSs in metres are kept (Web Mercator excepted); geographic ones
    // and projections in feet get the zone of their centre.
    void automaticAnalysisCrsRule() {
        QCOMPARE(automaticAnalysisCrs("EPSG:32648", {572000, 2944500}), std::string("EPSG:32648"));
        QCOMPARE(automaticAnalysisCrs("EPSG:4543", {500000, 2770000}), std::string("EPSG:4543"));
        // Guiyang, 106.7 E 26.6 N: CGCS2000 zone with central meridian 108 E.
        QCOMPARE(automaticAnalysisCrs("EPSG:4326", {106.7, 26.6}), std::string("EPSG:4545"));
        QCOMPARE(automaticAnalysisCrs("EPSG:3857", {11877870, 3074300}), std::string("EPSG:4545"));
        // North Carolina State Plane in US feet (-79 W, 35.8 N): UTM zone 17N.
        QCOMPARE(automaticAnalysisCrs("EPSG:2264", {2000000, 750000}), std::string("EPSG:32617"));
    }
};

QTEST_GUILESS_MAIN(TestHeatmapForeign)
#include "test_heatmap_foreign.moc"
