// firebeat:hazardheatmap through QGIS's processing registry, headless, against `firebeat heatmap`.
#include "fixtures.h"
#include "output_styles.h"
#include "plugin_test_support.h"
#include "raster_compare.h"
#include "require_tool.h"

#include "firebeat/gcj02.h"

#include <gdal.h>
#include <qgscolorrampshader.h>
#include <qgscoordinatetransform.h>
#include <qgsfeature.h>
#include <qgsproject.h>
#include <qgsrastershader.h>
#include <qgssinglebandpseudocolorrenderer.h>
#include <qgsvectorlayer.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTranslator>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace firebeat::test;

namespace {

// The values of the ramp items the plugin's style gives the raster at `path`.
std::vector<double> styledBreaks(const QString& path) {
    QgsRasterLayer layer(path, "heatmap");
    QgsProcessingContext context;
    std::unique_ptr<QgsProcessingLayerPostProcessorInterface> style(
        firebeat::qgis::stylePostProcessor("hazard_heatmap"));
    if (!style)
        return {};
    style->postProcessLayer(&layer, context, nullptr);
    const auto* renderer = dynamic_cast<QgsSingleBandPseudoColorRenderer*>(layer.renderer());
    if (!renderer)
        return {};
    const auto items = dynamic_cast<const QgsColorRampShader*>(renderer->shader()->rasterShaderFunction())
                           ->colorRampItemList();
    std::vector<double> values;
    for (const auto& item : items)
        values.push_back(item.value);
    if (items.first().color.alpha() != 0 || renderer->classificationMax() != values.back() ||
        renderer->classificationMin() != values.front())
        return {}; // the lowest class is transparent; the bounds are the breaks'
    return values;
}

} // namespace

class TestHeatmapAlgorithm : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString clean_, hazards_;

  private Q_SLOTS:
    void initTestCase() {
        startQgisWithProvider();
        clean_ = dir_.filePath("clean.gpkg");
        writeLayers(clean_.toStdString(), minimalDataset());
        hazards_ = clean_ + "|layername=hazards";
    }
    void cleanupTestCase() { QgsApplication::exitQgis(); }

    void everyAlgorithmIsRegistered() {
        for (const char* id :
             {"firebeat:validatelayers", "firebeat:hazardheatmap", "firebeat:coveragegaps",
              "firebeat:villagehotspots", "firebeat:districtsizing", "firebeat:emerginghotspots"})
            QVERIFY2(QgsApplication::processingRegistry()->algorithmById(id), id);
        const QgsProcessingAlgorithm* alg =
            QgsApplication::processingRegistry()->algorithmById("firebeat:hazardheatmap");
        QVERIFY(!alg->shortHelpString().isEmpty());
        QVERIFY(QFile::exists(alg->provider()->svgIconPath())); // the icons are linked in
        QVERIFY(QFile::exists(":/firebeat/icons/heatmap.svg"));
        QVERIFY(alg->parameterDefinition("QGIS_COMPATIBLE")->flags() &
                QgsProcessingParameterDefinition::FlagAdvanced);
        QCOMPARE(alg->parameterDefinition("HAZARDS_SEVERITY_FIELD")->defaultValue().toString(),
                 QString("severity"));
    }

    void rasterEqualsTheCommandLine_data() {
        QTest::addColumn<QVariantMap>("extra");
        QTest::addColumn<QStringList>("cliExtra");
        QTest::newRow("defaults") << QVariantMap{} << QStringList{};
        QTest::newRow("triangular raw, open only, severity 2+")
            << QVariantMap{{"KERNEL", 1}, {"OUTPUT_VALUE", 1}, {"OPEN_ONLY", true}, {"MIN_SEVERITY", 2}}
            << QStringList{"--kernel",       "triangular", "--output-value", "raw", "--open-only",
                           "--min-severity", "2"};
        // The fixture's hazards lie in 567-572 km E, 2767-2771 km N of EPSG:4543 (CGCS2000 GK 102E).
        QTest::newRow("extent in the analysis CRS")
            << QVariantMap{{"EXTENT", "565000,573000,2765000,2772000 [EPSG:4543]"}}
            << QStringList{"--extent", "565000,2765000,573000,2772000"};
        QTest::newRow("cloud-optimized") << QVariantMap{{"COG", true}} << QStringList{"--cog"};
        QTest::newRow("half-life and weights")
            << QVariantMap{{"SEVERITY_WEIGHTS", "1,3,9"},
                           {"HALF_LIFE_DAYS", 30},
                           {"REFERENCE_DATE", "2026-08-01"}}
            << QStringList{"--severity-weights", "1,3,9",     "--half-life-days", "30",
                           "--reference-date",   "2026-08-01"};
    }
    void rasterEqualsTheCommandLine() {
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        QFETCH(QVariantMap, extra);
        QFETCH(QStringList, cliExtra);
        const QString plugin =
            dir_.filePath(QString("plugin_%1.tif").arg(QTest::currentDataTag()).replace(' ', '_'));
        const QString cli =
            dir_.filePath(QString("cli_%1.tif").arg(QTest::currentDataTag()).replace(' ', '_'));
        QVariantMap parameters{
            {"HAZARDS", hazards_}, {"RADIUS", 800}, {"PIXEL_SIZE", 100}, {"OUTPUT", plugin}};
        parameters.insert(extra);
        const AlgorithmRun run = runAlgorithm("firebeat:hazardheatmap", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        QCOMPARE(run.outputs.value("OUTPUT").toString(), plugin);
        const auto [code, out] = runCli(QStringList{"heatmap", "--quiet", "--input", clean_, "--output", cli,
                                                    "--radius", "800", "--pixel-size", "100"} +
                                        cliExtra);
        QVERIFY2(code == 0, qPrintable(out));
        const QString diff = compareRasters(plugin, cli);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void extentIsHonoured() {
        const QString projected = dir_.filePath("extent_projected.tif");
        const AlgorithmRun run =
            runAlgorithm("firebeat:hazardheatmap", {{"HAZARDS", hazards_},
                                                    {"RADIUS", 800},
                                                    {"PIXEL_SIZE", 100},
                                                    {"EXTENT", "565000,573000,2765000,2772000 [EPSG:4543]"},
                                                    {"OUTPUT", projected}});
        QVERIFY2(run.ok, qPrintable(run.errors));
        QgsRasterLayer exact(projected, "exact");
        QCOMPARE(exact.width(), 80); // 8 km / 100 m
        QCOMPARE(exact.height(), 70);
        QVERIFY(qgsDoubleNear(exact.extent().xMinimum(), 565000, 1e-6));
        QVERIFY(qgsDoubleNear(exact.extent().yMaximum(), 2772000, 1e-6));

        // A canvas extent in degrees is transformed: the raster covers each corner, plus at most a pixel.
        const QString geographic = dir_.filePath("extent_geographic.tif");
        const AlgorithmRun degrees =
            runAlgorithm("firebeat:hazardheatmap", {{"HAZARDS", hazards_},
                                                    {"RADIUS", 800},
                                                    {"PIXEL_SIZE", 100},
                                                    {"EXTENT", "102.66,102.73,25.0,25.05 [EPSG:4326]"},
                                                    {"OUTPUT", geographic}});
        QVERIFY2(degrees.ok, qPrintable(degrees.errors));
        QgsRasterLayer covering(geographic, "covering");
        QCOMPARE(covering.crs().authid(), QString("EPSG:4543"));
        const QgsCoordinateTransform toAnalysis(QgsCoordinateReferenceSystem("EPSG:4326"), covering.crs(),
                                                QgsProject::instance());
        QgsRectangle corners;
        corners.setMinimal();
        for (const QgsPointXY& c : {QgsPointXY(102.66, 25.0), QgsPointXY(102.73, 25.0),
                                    QgsPointXY(102.66, 25.05), QgsPointXY(102.73, 25.05)})
            corners.combineExtentWith(toAnalysis.transform(c));
        const QgsRectangle e = covering.extent();
        QVERIFY2(e.contains(corners), qPrintable(e.toString() + " vs " + corners.toString()));
        QVERIFY2(e.width() < corners.width() + 200 && e.height() < corners.height() + 200,
                 qPrintable(e.toString() + " vs " + corners.toString()));

        const AlgorithmRun empty =
            runAlgorithm("firebeat:hazardheatmap", {{"HAZARDS", hazards_},
                                                    {"EXTENT", "565000,565000,2765000,2772000 [EPSG:4543]"},
                                                    {"OUTPUT", dir_.filePath("empty_extent.tif")}});
        QVERIFY(!empty.ok);
        QVERIFY2(empty.errors.contains("EXTENT:"), qPrintable(empty.errors));
    }

    void overviewsAndCogAsGdalSeesThem_data() {
        QTest::addColumn<QVariantMap>("extra");
        QTest::addColumn<bool>("overviews");
        QTest::addColumn<QString>("layout");
        QTest::newRow("plain") << QVariantMap{} << false << QString();
        QTest::newRow("overviews") << QVariantMap{{"OVERVIEWS", true}} << true << QString();
        QTest::newRow("cog") << QVariantMap{{"COG", true}} << true << QString("COG");
    }
    void overviewsAndCogAsGdalSeesThem() {
        QFETCH(QVariantMap, extra);
        QFETCH(bool, overviews);
        QFETCH(QString, layout);
        // 10 m pixels: about 700 x 500, above the 256 pixels where overviews stop.
        const QString output = dir_.filePath(QString("structure_%1.tif").arg(QTest::currentDataTag()));
        QVariantMap parameters{
            {"HAZARDS", hazards_}, {"RADIUS", 800}, {"PIXEL_SIZE", 10}, {"OUTPUT", output}};
        parameters.insert(extra);
        const AlgorithmRun run = runAlgorithm("firebeat:hazardheatmap", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        GDALDatasetH ds = GDALOpen(output.toUtf8().constData(), GA_ReadOnly);
        QVERIFY(ds);
        const int count = GDALGetOverviewCount(GDALGetRasterBand(ds, 1));
        const QString found = QString::fromUtf8(GDALGetMetadataItem(ds, "LAYOUT", "IMAGE_STRUCTURE"));
        GDALClose(ds);
        QCOMPARE(count > 0, overviews);
        QCOMPARE(found, layout);
    }

    void gcj02HazardsAreConverted() {
        // The fixture's hazards shifted to GCJ-02 by the public formulas, as a WeChat map gives them.
        auto layers = minimalDataset();
        for (auto& [wkt, values] : layerNamed(layers, "hazards").features) {
            double lon = 0, lat = 0;
            QVERIFY(std::sscanf(wkt.c_str(), "POINT(%lf %lf)", &lon, &lat) == 2);
            const firebeat::Point gcj = firebeat::wgs84ToGcj02({lon, lat});
            wkt = QString("POINT(%1 %2)").arg(gcj.x, 0, 'g', 17).arg(gcj.y, 0, 'g', 17).toStdString();
        }
        const QString gcjSource = dir_.filePath("gcj02.gpkg");
        writeLayers(gcjSource.toStdString(), layers);
        const QString gcj = dir_.filePath("gcj02.tif"), wgs = dir_.filePath("wgs84.tif");
        const QVariantMap common{{"RADIUS", 800}, {"PIXEL_SIZE", 100}};
        QVariantMap parameters = common;
        parameters.insert({{"HAZARDS", gcjSource + "|layername=hazards"}, {"GCJ02", true}, {"OUTPUT", gcj}});
        const AlgorithmRun run = runAlgorithm("firebeat:hazardheatmap", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        parameters = common;
        parameters.insert({{"HAZARDS", hazards_}, {"OUTPUT", wgs}});
        QVERIFY(runAlgorithm("firebeat:hazardheatmap", parameters).ok);
        // Converted back to WGS 84 (round trip < 1 cm), the heatmap is the one of the original positions.
        const QString diff = compareRasters(gcj, wgs);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("gcj02_cli.tif");
        const auto [code, out] = runCli({"heatmap", "--quiet", "--gcj02", "--input", gcjSource, "--output",
                                         cli, "--radius", "800", "--pixel-size", "100"});
        QVERIFY2(code == 0, qPrintable(out));
        const QString cliDiff = compareRasters(gcj, cli);
        QVERIFY2(cliDiff.isEmpty(), qPrintable(cliDiff));
    }

    // The style's items become the class breaks of the heatmap scale: the template's values
    // (styles/hazard_heatmap.qml) times top / its last value, where top is the 99th percentile
    // (nearest rank) of the raster's positive cells, recomputed here from GDAL's read of the file
    // with a full sort; the colours stay the file's.
    void styleFitsTheRamp() {
        const QString output = dir_.filePath("styled.tif");
        const AlgorithmRun run =
            runAlgorithm("firebeat:hazardheatmap",
                         {{"HAZARDS", hazards_}, {"RADIUS", 800}, {"PIXEL_SIZE", 100}, {"OUTPUT", output}});
        QVERIFY2(run.ok, qPrintable(run.errors));
        const std::vector<double> items = styledBreaks(output);
        QCOMPARE(items.size(), std::size_t{6});
        QCOMPARE(items.front(), 0.0);
        const std::vector<float> values = readBand(output);
        const double top = percentile99OfPositive(values);
        QVERIFY(top > 0);
        QCOMPARE(items.back(), top);
        QVERIFY(top < *std::max_element(values.begin(), values.end())); // not the maximum
        const double templateValues[] = {0, 2, 10, 20, 30, 40};
        for (std::size_t i = 0; i < items.size(); ++i)
            QVERIFY2(qgsDoubleNear(items[i], templateValues[i] * top / 40, 1e-12 * top),
                     qPrintable(QString("item %1: %2").arg(i).arg(items[i])));
    }

    // The QGIS style and the server agree on one analysis: the sample city's heatmap with both
    // front ends' defaults (radius 500 m, severity weights 1, 2, 4, the 50 m grid) gets from the
    // plugin's style the class breaks `firebeat serve` states in its GetCapabilities.
    void styleAndServerShareTheClassBreaks() {
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString sample = QStringLiteral(FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite");
        const QString output = dir_.filePath("sample_defaults.tif");
        const AlgorithmRun run = runAlgorithm(
            "firebeat:hazardheatmap", {{"HAZARDS", sample + "|layername=hazards"}, {"OUTPUT", output}});
        QVERIFY2(run.ok, qPrintable(run.errors));
        QStringList plugin;
        for (const double b : styledBreaks(output))
            plugin.push_back(QString::number(b, 'g', 6));

        QProcess server;
        server.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                     {"serve", "--listen", "127.0.0.1:0", "--input", sample});
        QString out;
        while (!out.contains("listening on") && server.waitForReadyRead(180000))
            out += QString::fromUtf8(server.readAllStandardOutput());
        const QRegularExpressionMatch base = QRegularExpression("listening on (http://\\S+)/wms").match(out);
        QVERIFY2(base.hasMatch(), server.readAllStandardError().constData());
        QNetworkAccessManager net;
        QNetworkReply* reply = net.get(QNetworkRequest(
            QUrl(base.captured(1) + "/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0")));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QString capabilities = QString::fromUtf8(reply->readAll());
        reply->deleteLater();
        server.terminate();
        server.waitForFinished(30000);
        const QRegularExpressionMatch said =
            QRegularExpression("class breaks ([0-9., e+-]+) hazards per km2").match(capabilities);
        QVERIFY2(said.hasMatch(), qPrintable(capabilities.left(2000)));
        QCOMPARE(said.captured(1).split(", "), plugin);
        QVERIFY(plugin.back().toDouble() > 50); // the sample's dense centre: beyond the old fixed 0-50 ramp
    }

    void badInputGivesTheCoresMessage() {
        const AlgorithmRun none =
            runAlgorithm("firebeat:hazardheatmap", {{"HAZARDS", hazards_},
                                                    {"MIN_SEVERITY", 3},
                                                    {"CATEGORIES", QVariantList{8}}, // EBIKE: only severity 1
                                                    {"OUTPUT", dir_.filePath("none.tif")}});
        QVERIFY(!none.ok);
        QVERIFY2(none.errors.contains("the filters leave no hazard"), qPrintable(none.errors));
        QVERIFY(!QFile::exists(dir_.filePath("none.tif")));
        const AlgorithmRun density = runAlgorithm(
            "firebeat:hazardheatmap",
            {{"HAZARDS", hazards_}, {"QGIS_COMPATIBLE", true}, {"OUTPUT", dir_.filePath("density.tif")}});
        QVERIFY(!density.ok);
        QVERIFY2(density.errors.contains("QGIS_COMPATIBLE"), qPrintable(density.errors));
        const AlgorithmRun weights = runAlgorithm(
            "firebeat:hazardheatmap",
            {{"HAZARDS", hazards_}, {"SEVERITY_WEIGHTS", "1,2"}, {"OUTPUT", dir_.filePath("weights.tif")}});
        QVERIFY(!weights.ok);
        QVERIFY2(weights.errors.contains("SEVERITY_WEIGHTS: expected three numbers"),
                 qPrintable(weights.errors));
    }

    void cancellingStopsALongRunWithinASecond() {
        // 50,000 hazards around Kunming in EPSG:4543, 3 km radius on 5 m pixels: minutes of work.
        QgsVectorLayer layer("Point?crs=EPSG:4543&field=hazard_id:string&field=severity:integer"
                             "&field=found_at:string&field=category:string&field=source:string",
                             "hazards", "memory");
        QgsFeatureList features;
        QRandomGenerator random(7);
        for (int i = 0; i < 50000; ++i) {
            QgsFeature f(layer.fields());
            f.setAttributes(QgsAttributes() << QString("H%1").arg(i) << 1 + i % 3 << QString("2026-03-01")
                                            << QString("EBIKE") << QString("inspection"));
            f.setGeometry(QgsGeometry::fromPointXY(
                QgsPointXY(490000 + random.bounded(20000.0), 2770000 + random.bounded(20000.0))));
            features << f;
        }
        QVERIFY(layer.dataProvider()->addFeatures(features));
        layer.updateExtents();

        RecordingFeedback feedback;
        QElapsedTimer sinceCancel;
        QObject::connect(&feedback, &QgsProcessingFeedback::progressChanged, &feedback, [&](double percent) {
            // The first report of the core's kernel density (reading the layer is the first 10 %).
            if (percent > 10 && !feedback.isCanceled()) {
                sinceCancel.start();
                feedback.cancel();
            }
        });
        const QString output = dir_.filePath("cancelled.tif");
        const AlgorithmRun run = runAlgorithm("firebeat:hazardheatmap",
                                              {{"HAZARDS", QVariant::fromValue(&layer)},
                                               {"RADIUS", 3000},
                                               {"PIXEL_SIZE", 5},
                                               {"OUTPUT", output}},
                                              &feedback);
        QVERIFY2(feedback.isCanceled(),
                 qPrintable(QString("ok %1 errors %2 output %3")
                                .arg(run.ok)
                                .arg(feedback.errors, run.outputs.value("OUTPUT").toString())));
        QVERIFY2(sinceCancel.elapsed() < 1000, qPrintable(QString::number(sinceCancel.elapsed())));
        QVERIFY(!QFile::exists(output));
    }

    void chineseTranslation() {
        QTranslator translator;
        QVERIFY(translator.load("firebeat_zh_CN", FIREBEAT_I18N_DIR));
        QCOMPARE(translator.translate("HeatmapAlgorithm", "Hazard kernel-density heatmap"),
                 QString::fromUtf8("隐患核密度热力图"));
        QCOMPARE(translator.translate("CoverageAlgorithm", "Coverage gaps by police-station district"),
                 QString::fromUtf8("派出所辖区检查覆盖缺口"));
        QCOMPARE(translator.translate("HeatmapAlgorithm", "Add internal overviews"),
                 QString::fromUtf8("添加内部金字塔（概览）"));
        QCOMPARE(translator.translate("LayerNameParameters", "Villages layer (polygons)"),
                 QString::fromUtf8("村（社区）图层（面）"));
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestHeatmapAlgorithm)
#include "test_heatmap_algorithm.moc"
