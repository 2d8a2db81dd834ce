// firebeat:districtdesign through QGIS's processing registry, headless: the same districts as
// `firebeat districts` for the same parameters, and bad input as a processing error with nothing
// written.
#include "plugin_test_support.h"
#include "require_tool.h"

#include <qgsfeatureiterator.h>
#include <qgsvectorlayer.h>

using namespace firebeat::test;

namespace {

const QString kSample = QStringLiteral(FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite");

// The sample's layers as the algorithm's layer parameters (the command line reads them by name).
QVariantMap sampleLayers() {
    const QString sample(kSample);
    return {{"VILLAGES", sample + "|layername=villages"},
            {"UNITS", sample + "|layername=units"},
            {"INSPECTIONS", sample + "|layername=inspections"},
            {"DISTRICTS", sample + "|layername=police_districts"}};
}

} // namespace

class TestDistrictsAlgorithm : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private Q_SLOTS:
    void initTestCase() { startQgisWithProvider(); }
    void cleanupTestCase() { QgsApplication::exitQgis(); }

    void equalsTheCommandLine() {
        const QString plugin = dir_.filePath("plugin.gpkg");
        QVariantMap parameters = sampleLayers();
        parameters.insert({{"ZONES", 12}, {"SEED", 3}, {"REFERENCE_DATE", "2025-12-31"}, {"OUTPUT", plugin}});
        const AlgorithmRun run = runAlgorithm("firebeat:districtdesign", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        const auto districts = column(plugin, "district_design_blocks", "village_id", "district");
        QCOMPARE(districts.size(), 153);
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("cli.gpkg");
        const auto [code, out] = runCli({"districts", "--quiet", "--input", kSample, "--zones", "12",
                                         "--seed", "3", "--reference-date", "2025-12-31", "--output", cli});
        QVERIFY2(code == 0, qPrintable(out));
        QCOMPARE(districts, column(cli, "district_design_blocks", "village_id", "district"));
        QCOMPARE(column(plugin, "district_design", "district", "workload"),
                 column(cli, "district_design", "district", "workload"));
        QCOMPARE(column(plugin, "district_design_summary", "design", "cv"),
                 column(cli, "district_design_summary", "design", "cv"));
    }

    void badInputIsAProcessingError() {
        const QString output = dir_.filePath("bad.gpkg");
        QVariantMap parameters = sampleLayers();
        parameters.insert({{"ZONES", 500}, {"OUTPUT", output}});
        const AlgorithmRun run = runAlgorithm("firebeat:districtdesign", parameters);
        QVERIFY(!run.ok);
        QVERIFY2(run.errors.contains("500 districts need at least as many blocks"), qPrintable(run.errors));
        QVERIFY(!QFile::exists(output));
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestDistrictsAlgorithm)
#include "test_districts_algorithm.moc"
