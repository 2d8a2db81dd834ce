// firebeat:validatelayers through QGIS's processing registry, headless, against the CLI.
#include "fixtures.h"
#include "plugin_test_support.h"
#include "require_tool.h"

#include <QTranslator>

using namespace firebeat::test;

class TestValidateAlgorithm : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString clean_, broken_;

  private Q_SLOTS:
    void initTestCase() {
        startQgisWithProvider();
        clean_ = dir_.filePath("clean.gpkg");
        broken_ = dir_.filePath("broken.gpkg");
        writeLayers(clean_.toStdString(), minimalDataset());
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[0].second["severity"] = "7";
        layerNamed(layers, "units").features[0].second["category"] = "warehouse";
        writeLayers(broken_.toStdString(), layers);
    }
    void cleanupTestCase() { QgsApplication::exitQgis(); }

    void providerIsRegistered() {
        QgsProcessingProvider* provider = QgsApplication::processingRegistry()->providerById("firebeat");
        QVERIFY(provider);
        QCOMPARE(provider->name(), QString("FireBeat"));
        QVERIFY(QgsApplication::processingRegistry()->algorithmById("firebeat:validatelayers"));
    }

    void cleanDataHasNoErrors() {
        const AlgorithmRun run = runAlgorithm("firebeat:validatelayers", layerParameters(clean_));
        QVERIFY2(run.ok, qPrintable(run.errors));
        QCOMPARE(run.outputs.value("ERRORS").toLongLong(), 0LL);
        QVERIFY(run.outputs.value("REPORT").toString().contains("no problems found"));
    }

    void brokenDataNamesLayerFeatureAndField() {
        const QString json = dir_.filePath("report.json");
        QVariantMap parameters = layerParameters(broken_);
        parameters.insert("OUTPUT", json);
        const AlgorithmRun run = runAlgorithm("firebeat:validatelayers", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        QCOMPARE(run.outputs.value("ERRORS").toLongLong(), 2LL);
        QVERIFY2(run.errors.contains("hazards feature 1 (H1) field severity: value 7 is outside 1..3"),
                 qPrintable(run.errors));
        QVERIFY2(run.errors.contains("units feature 1 (U1) field category: unknown code 'warehouse'"),
                 qPrintable(run.errors));
        QVERIFY(QFile::exists(json));
    }

    void reportEqualsTheCommandLine() {
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const AlgorithmRun run = runAlgorithm("firebeat:validatelayers", layerParameters(broken_));
        const auto [code, out] = runCli({"validate", "--quiet", broken_});
        QCOMPARE(code, 1);
        QCOMPARE(run.outputs.value("REPORT").toString(), out);
    }

    void badParametersGiveAClearError() {
        const AlgorithmRun missing =
            runAlgorithm("firebeat:validatelayers", layerParameters(dir_.filePath("nope.gpkg")));
        QVERIFY(!missing.ok);
        QVERIFY2(missing.errors.contains("DISTRICTS"), qPrintable(missing.errors));
        // A field parameter naming a field the layer lacks: the reader's problem names it.
        QVariantMap badField = layerParameters(clean_);
        badField.insert("HAZARDS_SEVERITY_FIELD", "colour");
        const AlgorithmRun run = runAlgorithm("firebeat:validatelayers", badField);
        QVERIFY2(run.ok, qPrintable(run.errors));
        QCOMPARE(run.outputs.value("ERRORS").toLongLong(), 1LL);
        QVERIFY2(run.errors.contains("colour"), qPrintable(run.errors));
    }

    void chineseTranslationIsBuilt() {
        QTranslator translator;
        QVERIFY(translator.load("firebeat_zh_CN", FIREBEAT_I18N_DIR));
        QCOMPARE(translator.translate("ValidateAlgorithm", "Validate inspection layers"),
                 QString::fromUtf8("校验检查图层"));
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestValidateAlgorithm)
#include "test_validate_algorithm.moc"
