// firebeat:emerginghotspots through QGIS's processing registry, headless: on the sample layers
// with their planted space-time patterns it writes what `firebeat emerging` writes (patterns,
// codes, counts, z values), and its layer loads with the 17-class style.
#include "fixtures.h"
#include "output_styles.h"
#include "plugin_test_support.h"
#include "require_tool.h"

#include "firebeat/dataset_writer.h"
#include "firebeat/sample_generator.h"

#include <qgscategorizedsymbolrenderer.h>
#include <qgsfeatureiterator.h>
#include <qgsvectorlayer.h>

using namespace firebeat::test;

class TestEmergingAlgorithm : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString sample_;

  private Q_SLOTS:
    void initTestCase() {
        startQgisWithProvider();
        firebeat::SampleOptions options;
        options.emergingPatterns = true;
        sample_ = dir_.filePath("sample.gpkg");
        firebeat::writeDataset(firebeat::generateSample(options), sample_.toStdString());
    }
    void cleanupTestCase() { QgsApplication::exitQgis(); }

    void equalsTheCommandLine() {
        const QString plugin = dir_.filePath("emerging_plugin.gpkg");
        const AlgorithmRun run =
            runAlgorithm("firebeat:emerginghotspots", {{"VILLAGES", sample_ + "|layername=villages"},
                                                       {"ID_FIELD", "village_id"},
                                                       {"EVENTS", sample_ + "|layername=hazards"},
                                                       {"REFERENCE_DATE", "2026-11-28"},
                                                       {"OUTPUT", plugin}});
        QVERIFY2(run.ok, qPrintable(run.errors));
        const auto patterns = column(plugin, "emerging_hotspots", "village_id", "pattern");
        QCOMPARE(patterns.size(), 153);
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("emerging_cli.gpkg");
        const auto [code, out] = runCli({"emerging", "--quiet", "--input", sample_, "--id-field",
                                         "village_id", "--reference-date", "2026-11-28", "--output", cli});
        QVERIFY2(code == 0, qPrintable(out));
        int patterned = 0;
        for (const auto& p : patterns)
            patterned += p.toString() != "No Pattern Detected";
        QVERIFY(patterned > 0);
        for (const char* field : {"pattern", "code", "n_hot", "n_cold", "name"}) {
            const auto a = column(plugin, "emerging_hotspots", "village_id", field);
            const auto b = column(cli, "emerging_hotspots", "village_id", field);
            QCOMPARE(a.keys(), b.keys());
            for (const QString& id : a.keys())
                QVERIFY2(a[id] == b[id], qPrintable(id + " " + field + ": plugin " + a[id].toString() +
                                                    ", cli " + b[id].toString()));
        }
        for (const char* field : {"trend_z", "trend_p", "final_z"}) {
            const auto a = column(plugin, "emerging_hotspots", "village_id", field);
            const auto b = column(cli, "emerging_hotspots", "village_id", field);
            QCOMPARE(a.keys(), b.keys());
            for (const QString& id : a.keys())
                QVERIFY2(std::fabs(a[id].toDouble() - b[id].toDouble()) <= 1e-9,
                         qPrintable(id + " " + field));
        }
    }

    void styleHasTheSeventeenPatterns() {
        QgsVectorLayer layer(dir_.filePath("emerging_plugin.gpkg") + "|layername=emerging_hotspots", "e",
                             "ogr");
        bool ok = false;
        layer.loadNamedStyle(firebeat::qgis::stylePath("emerging_hotspots"), ok);
        QVERIFY(ok);
        const auto* renderer = dynamic_cast<const QgsCategorizedSymbolRenderer*>(layer.renderer());
        QVERIFY(renderer);
        QCOMPARE(renderer->classAttribute(), QStringLiteral("code"));
        QSet<int> codes;
        for (const QgsRendererCategory& c : renderer->categories())
            codes.insert(c.value().toInt());
        QCOMPARE(codes.size(), 17);
        for (int code = -8; code <= 8; ++code)
            QVERIFY(codes.contains(code));
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestEmergingAlgorithm)
#include "test_emerging_algorithm.moc"
