// firebeat:hazardheatmap through QGIS's processing registry, headless, against `firebeat heatmap`.
#include "fixtures.h"
#include "output_styles.h"
#include "plugin_test_support.h"
#include "raster_compare.h"

#include <qgscolorrampshader.h>
#include <qgsfeature.h>
#include <qgsrastershader.h>
#include <qgssinglebandpseudocolorrenderer.h>
#include <qgsvectorlayer.h>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTranslator>

using namespace firebeat::test;

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
        for (const char* id : {"firebeat:validatelayers", "firebeat:hazardheatmap", "firebeat:coveragegaps",
                               "firebeat:villagehotspots", "firebeat:districtsizing"})
            QVERIFY2(QgsApplication::processingRegistry()->algorithmById(id), id);
        const QgsProcessingAlgorithm* alg =
            QgsApplication::processingRegistry()->algorithmById("firebeat:hazardheatmap");
        QVERIFY(!alg->shortHelpString().isEmpty());
        QVERIFY(alg->parameterDefinition("QGIS_COMPATIBLE")->flags() &
                QgsProcessingParameterDefinition::FlagAdvanced);
        QCOMPARE(alg->parameterDefinition("SEVERITY_FIELD")->defaultValue().toString(), QString("severity"));
    }

    void rasterEqualsTheCommandLine_data() {
        QTest::addColumn<QVariantMap>("extra");
        QTest::addColumn<QStringList>("cliExtra");
        QTest::newRow("defaults") << QVariantMap{} << QStringList{};
        QTest::newRow("triangular raw, open only, severity 2+")
            << QVariantMap{{"KERNEL", 1}, {"OUTPUT_VALUE", 1}, {"OPEN_ONLY", true}, {"MIN_SEVERITY", 2}}
            << QStringList{"--kernel",       "triangular", "--output-value", "raw", "--open-only",
                           "--min-severity", "2"};
        QTest::newRow("half-life and weights")
            << QVariantMap{{"SEVERITY_WEIGHTS", "1,3,9"},
                           {"HALF_LIFE_DAYS", 30},
                           {"REFERENCE_DATE", "2026-08-01"}}
            << QStringList{"--severity-weights", "1,3,9",     "--half-life-days", "30",
                           "--reference-date",   "2026-08-01"};
    }
    void rasterEqualsTheCommandLine() {
        if (qgetenv("FIREBEAT_CLI").isEmpty())
            QSKIP("the firebeat command line was not built (Qt 6 missing)");
        QFETCH(QVariantMap, extra);
        QFETCH(QStringList, cliExtra);
        const QString plugin =
            dir_.filePath(QString("plugin_%1.tif").arg(QTest::currentDataTag()).replace(' ', '_'));
        const QString cli =
            dir_.filePath(QString("cli_%1.tif").arg(QTest::currentDataTag()).replace(' ', '_'));
        QVariantMap parameters{{"INPUT", hazards_}, {"RADIUS", 800}, {"PIXEL_SIZE", 100}, {"OUTPUT", plugin}};
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

    void styleFitsTheRamp() {
        const QString output = dir_.filePath("styled.tif");
        const AlgorithmRun run =
            runAlgorithm("firebeat:hazardheatmap",
                         {{"INPUT", hazards_}, {"RADIUS", 800}, {"PIXEL_SIZE", 100}, {"OUTPUT", output}});
        QVERIFY2(run.ok, qPrintable(run.errors));
        QgsRasterLayer layer(output, "heatmap");
        QgsProcessingContext context;
        std::unique_ptr<QgsProcessingLayerPostProcessorInterface> style(
            firebeat::qgis::stylePostProcessor("hazard_heatmap"));
        QVERIFY(style);
        style->postProcessLayer(&layer, context, nullptr);
        auto* renderer = dynamic_cast<QgsSingleBandPseudoColorRenderer*>(layer.renderer());
        QVERIFY(renderer);
        const auto items = dynamic_cast<const QgsColorRampShader*>(renderer->shader()->rasterShaderFunction())
                               ->colorRampItemList();
        QCOMPARE(items.first().color.alpha(), 0); // the lowest class is transparent
        const double max = layer.dataProvider()->bandStatistics(1, QgsRasterBandStats::Max).maximumValue;
        QVERIFY(qgsDoubleNear(items.last().value, max, max * 1e-9));
    }

    void badInputGivesTheCoresMessage() {
        const AlgorithmRun none =
            runAlgorithm("firebeat:hazardheatmap", {{"INPUT", hazards_},
                                                    {"MIN_SEVERITY", 3},
                                                    {"CATEGORIES", QVariantList{8}}, // EBIKE: only severity 1
                                                    {"OUTPUT", dir_.filePath("none.tif")}});
        QVERIFY(!none.ok);
        QVERIFY2(none.errors.contains("the filters leave no hazard out of 3"), qPrintable(none.errors));
        QVERIFY(!QFile::exists(dir_.filePath("none.tif")));
        const AlgorithmRun density = runAlgorithm(
            "firebeat:hazardheatmap",
            {{"INPUT", hazards_}, {"QGIS_COMPATIBLE", true}, {"OUTPUT", dir_.filePath("density.tif")}});
        QVERIFY(!density.ok);
        QVERIFY2(density.errors.contains("QGIS_COMPATIBLE"), qPrintable(density.errors));
        const AlgorithmRun weights = runAlgorithm(
            "firebeat:hazardheatmap",
            {{"INPUT", hazards_}, {"SEVERITY_WEIGHTS", "1,2"}, {"OUTPUT", dir_.filePath("weights.tif")}});
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
        const AlgorithmRun run = runAlgorithm(
            "firebeat:hazardheatmap",
            {{"INPUT", QVariant::fromValue(&layer)}, {"RADIUS", 3000}, {"PIXEL_SIZE", 5}, {"OUTPUT", output}},
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
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestHeatmapAlgorithm)
#include "test_heatmap_algorithm.moc"
