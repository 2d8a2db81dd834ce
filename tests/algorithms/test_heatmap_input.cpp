// The heatmap's lean read (readHeatmapInput): hazards streamed in chunks, only the fields the
// filters and weights need. Same points as whole records on the sample layers; fields it does
// not need are not looked at; the ones it needs are checked as readDataset checks them.
#include "firebeat/heatmap_job.h"
#include "firebeat/reader.h"
#include "fixtures.h"

#include <gdal_priv.h>

#include <QTemporaryDir>
#include <QtTest>

using namespace firebeat;
using namespace firebeat::test;

class TestHeatmapInput : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

    std::string writeFixture(const std::string& name, const std::function<void(MinimalLayer&)>& change) {
        auto layers = minimalDataset();
        MinimalLayer& hazards = layerNamed(layers, "hazards");
        hazards.fields.push_back({"weight", "real"});
        for (auto& [wkt, values] : hazards.features)
            values["weight"] = "2";
        change(hazards);
        const std::string path = dir_.filePath(QString::fromStdString(name)).toStdString();
        writeLayers(path, layers);
        return path;
    }

  private Q_SLOTS:
    void initTestCase() { GDALAllRegister(); }

    // The sample layers (SpatiaLite: the per-feature transport), open hazards since March 2026
    // weighted by severity: exactly the points heatmapPoints() makes from whole records.
    void sameAsWholeRecordsOnSampleLayers() {
        const std::string sample = FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite";
        HeatmapJob job;
        job.bandwidth.metres = 300;
        job.filter.status = HazardFilter::Status::Open;
        job.filter.from = makeTimestamp(2026, 3, 1);
        ReadOptions whole;
        whole.layers = {LayerKind::Hazards};
        whole.checkConsistency = false;
        const ReadResult read = readDataset(sample, whole);
        const HeatmapPoints expected =
            heatmapPoints(read.data.hazards, job.filter, job.weighting, job.bandwidth);
        const HeatmapInput lean = readHeatmapInput({sample, {}, "", ""}, job);
        QVERIFY(expected.points.size() > 100); // a real selection, not an empty one
        QCOMPARE(lean.read.data.crs, read.data.crs);
        QCOMPARE(lean.points.points.size(), expected.points.size());
        for (std::size_t i = 0; i < expected.points.size(); ++i) {
            QCOMPARE(lean.points.points[i].x, expected.points[i].x);
            QCOMPARE(lean.points.points[i].y, expected.points[i].y);
            QCOMPARE(lean.points.points[i].weight, expected.points[i].weight);
        }
        QVERIFY(lean.points.hazardIndex.empty()); // a stream keeps no hazards to point back to
        QVERIFY(!lean.points.sourceExtent);       // filtered: the layer's extent is not the points'
    }

    // Weights from a field: ids, codes and dates are not read, so a hazard without an id and with
    // an unknown category still counts (3 hazards x weight 2); the layer's extent comes along.
    void fieldsNotNeededAreNotRead() {
        const std::string path = writeFixture("lean.gpkg", [](MinimalLayer& hazards) {
            hazards.features[0].second.erase("hazard_id");
            hazards.features[1].second["category"] = "SMOKING";
        });
        HeatmapJob job;
        job.bandwidth.metres = 300;
        ReadOptions options;
        options.analysisCrs = "EPSG:4326"; // no reprojection: the layer's extent applies
        const HeatmapInput input = readHeatmapInput({path, options, "weight", ""}, job);
        QCOMPARE(input.read.report.count(Severity::Error), std::size_t{0});
        QCOMPARE(input.points.points.size(), std::size_t{3});
        double total = 0;
        for (const KdePoint& p : input.points.points)
            total += p.weight;
        QCOMPARE(total, 6.0);
        QVERIFY(input.points.sourceExtent);
        QCOMPARE(input.points.sourceExtent->minX, 102.67001); // H1, the westernmost
        QCOMPARE(input.points.sourceExtent->maxY, 25.04);     // H3, the northernmost
    }

    // A field the filter needs is checked: the unknown category is reported and its hazard left out.
    void fieldsNeededAreChecked() {
        const std::string path = writeFixture("checked.gpkg", [](MinimalLayer& hazards) {
            hazards.features[1].second["category"] = "SMOKING";
        });
        HeatmapJob job;
        job.bandwidth.metres = 300;
        job.filter.categories = {HazardCategory::EBike, HazardCategory::Electrical, HazardCategory::FireLane};
        const HeatmapInput input = readHeatmapInput({path, {}, "weight", ""}, job);
        QCOMPARE(input.read.report.count("invalid_value"), std::size_t{1});
        QCOMPARE(input.points.points.size(), std::size_t{2}); // H1 (EBIKE), H3 (ELECTRICAL)
    }

    // Positions only (no filter, no severity weighting, weights from a field): each part of a
    // multipoint counts with its feature's weight, a feature without geometry is reported by its
    // feature id and left out, and the layer's extent no longer stands for the points'.
    void positionsOnlyCountEveryPart() {
        const std::string path = writeFixture("parts.gpkg", [](MinimalLayer& hazards) {
            hazards.features[0].first = "MULTIPOINT((102.67 25.02),(102.68 25.03))";
            hazards.features[1].first = "";
        });
        HeatmapJob job;
        job.bandwidth.metres = 300;
        ReadOptions options;
        options.analysisCrs = "EPSG:4326";
        const HeatmapInput input = readHeatmapInput({path, options, "weight", ""}, job);
        const auto& points = input.points.points;
        QCOMPARE(points.size(), std::size_t{3});
        QCOMPARE(points[0].x, 102.67);
        QCOMPARE(points[0].y, 25.02);
        QCOMPARE(points[1].x, 102.68);
        QCOMPARE(points[1].y, 25.03);
        for (const KdePoint& p : points)
            QCOMPARE(p.weight, 2.0);
        const auto& problems = input.read.report.problems();
        QCOMPARE(problems.size(), std::size_t{1});
        QCOMPARE(problems[0].code, std::string("null_geometry"));
        QCOMPARE(problems[0].fid, std::optional<std::int64_t>(2));
        QVERIFY(!input.points.sourceExtent);
    }

    // Positions only on a layer unlike the data model: CGCS2000 Gauss-Krueger (EPSG:4545, kept as
    // the analysis CRS: it is projected in metres), an integer id and a Chinese-named weight field,
    // none of the data model's fields. Coordinates come through unchanged.
    void positionsOnlyOnAForeignLayer() {
        MinimalLayer layer{"hazards", "point", 4545, {{"编号", "integer"}, {"权重", "real"}}, {}};
        layer.features = {{"POINT(500000 2770000)", {{"编号", "7"}, {"权重", "1.5"}}},
                          {"MULTIPOINT((500100 2770200),(500300 2770400))", {{"编号", "8"}, {"权重", "3"}}}};
        const std::string path = dir_.filePath("foreign.gpkg").toStdString();
        writeLayers(path, {layer});
        HeatmapJob job;
        job.bandwidth.metres = 300;
        const HeatmapInput input = readHeatmapInput({path, {}, "权重", ""}, job);
        QCOMPARE(input.read.data.crs, std::string("EPSG:4545"));
        QCOMPARE(input.read.report.count(Severity::Error), std::size_t{0});
        const std::vector<KdePoint> expected = {
            {500000, 2770000, 1.5, 300}, {500100, 2770200, 3, 300}, {500300, 2770400, 3, 300}};
        QCOMPARE(input.points.points.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(input.points.points[i].x, expected[i].x);
            QCOMPARE(input.points.points[i].y, expected[i].y);
            QCOMPARE(input.points.points[i].weight, expected[i].weight);
            QCOMPARE(input.points.points[i].radius, expected[i].radius);
        }
    }

    // A null weight stops the job with the hazard named by its feature id.
    void nullWeightNamesTheHazard() {
        const std::string path = writeFixture(
            "null.gpkg", [](MinimalLayer& hazards) { hazards.features[2].second.erase("weight"); });
        HeatmapJob job;
        job.bandwidth.metres = 300;
        try {
            readHeatmapInput({path, {}, "weight", ""}, job);
            QFAIL("a null weight was accepted");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("weight field weight is null for hazard (feature 3)") !=
                         std::string::npos,
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestHeatmapInput)
#include "test_heatmap_input.moc"
