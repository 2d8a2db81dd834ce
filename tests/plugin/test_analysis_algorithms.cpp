// firebeat:coveragegaps, firebeat:villagehotspots and firebeat:districtsizing through QGIS's
// processing registry, headless, against the command line; and the styles they load with.
#include "fixtures.h"
#include "output_styles.h"
#include "plugin_test_support.h"
#include "require_tool.h"

#include <qgsfeatureiterator.h>
#include <qgsrenderer.h>
#include <qgsvectorlayer.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace firebeat::test;

class TestAnalysisAlgorithms : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString clean_, noDistricts_, ownNames_;

  private Q_SLOTS:
    void initTestCase() {
        startQgisWithProvider();
        clean_ = dir_.filePath("clean.gpkg");
        writeLayers(clean_.toStdString(), minimalDataset());
        noDistricts_ = dir_.filePath("no_districts.gpkg");
        auto layers = minimalDataset();
        std::erase_if(layers, [](const MinimalLayer& l) { return l.name == "police_districts"; });
        writeLayers(noDistricts_.toStdString(), layers);
        // The same data under a department's own table names.
        ownNames_ = dir_.filePath("own_names.gpkg");
        layers = minimalDataset();
        layerNamed(layers, "police_districts").name = "t_district";
        layerNamed(layers, "hazards").name = "t_hazard";
        writeLayers(ownNames_.toStdString(), layers);
    }
    void cleanupTestCase() { QgsApplication::exitQgis(); }

    void coverageRanksEqualTheCommandLine() {
        const QString plugin = dir_.filePath("coverage_plugin.gpkg");
        QVariantMap parameters = layerParameters(clean_);
        parameters.insert({{"REFERENCE_DATE", "2026-06-30"}, {"OUTPUT", plugin}});
        const AlgorithmRun run = runAlgorithm("firebeat:coveragegaps", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        const auto ranks = column(plugin, "district_coverage", "district_id", "gap_rank");
        QCOMPARE(ranks.size(), 2);
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("coverage_cli.gpkg");
        const auto [code, out] = runCli({"coverage", "--quiet", "--json", "--input", clean_,
                                         "--reference-date", "2026-06-30", "--output", cli});
        QVERIFY2(code == 0, qPrintable(out));
        const QJsonArray districts =
            QJsonDocument::fromJson(out.toUtf8()).object().value("districts").toArray();
        QCOMPARE(districts.size(), 2);
        for (const QJsonValue& d : districts)
            QCOMPARE(ranks.value(d["district_id"].toString()).toInt(), d["gap_rank"].toInt());
        QCOMPARE(column(plugin, "district_coverage", "district_id", "gap_score"),
                 column(cli, "district_coverage", "district_id", "gap_score"));
    }

    void hotspotsEqualTheCommandLine() {
        // The fixture has 2 villages and Gi* needs 3 areas: hexagons over its districts.
        const QString plugin = dir_.filePath("hotspots_plugin.gpkg");
        QVariantMap parameters = layerParameters(clean_);
        parameters.insert({{"HEX_SIZE", 1000}, {"PERMUTATIONS", 99}, {"OUTPUT", plugin}});
        const AlgorithmRun run = runAlgorithm("firebeat:villagehotspots", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("hotspots_cli.gpkg");
        const auto [code, out] = runCli({"hotspots", "--quiet", "--input", clean_, "--hex-size", "1000",
                                         "--permutations", "99", "--output", cli});
        QVERIFY2(code == 0, qPrintable(out));
        const QString sink = run.outputs.value("OUTPUT").toString();
        for (const char* field : {"gi_bin", "gi_z", "lisa_p"}) {
            const auto values = column(sink, "", "village_id", field);
            QVERIFY(values.size() >= 3);
            QCOMPARE(values, column(cli, "village_hotspots", "village_id", field));
        }
    }

    void hotspotsReadTheLayersChosen() {
        QVariantMap parameters =
            layerParameters(ownNames_, {{"DISTRICTS", "t_district"}, {"HAZARDS", "t_hazard"}});
        parameters.insert({{"HEX_SIZE", 1000}, {"PERMUTATIONS", 99}, {"OUTPUT", dir_.filePath("own.gpkg")}});
        const AlgorithmRun run = runAlgorithm("firebeat:villagehotspots", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        // Same data, same statistics as under the data model's names.
        QVariantMap standard = layerParameters(clean_);
        standard.insert(
            {{"HEX_SIZE", 1000}, {"PERMUTATIONS", 99}, {"OUTPUT", dir_.filePath("standard.gpkg")}});
        const AlgorithmRun standardRun = runAlgorithm("firebeat:villagehotspots", standard);
        QVERIFY2(standardRun.ok, qPrintable(standardRun.errors));
        const auto z = column(run.outputs.value("OUTPUT").toString(), "", "village_id", "gi_z");
        QVERIFY(z.size() >= 3);
        QCOMPARE(z, column(standardRun.outputs.value("OUTPUT").toString(), "", "village_id", "gi_z"));

        QVariantMap missing =
            layerParameters(ownNames_, {{"DISTRICTS", "t_district"}, {"HAZARDS", "t_hazards_2025"}});
        missing.insert({{"HEX_SIZE", 1000}, {"OUTPUT", dir_.filePath("missing.gpkg")}});
        const AlgorithmRun failed = runAlgorithm("firebeat:villagehotspots", missing);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.errors.contains("HAZARDS"), qPrintable(failed.errors));
        QVERIFY(!QFile::exists(dir_.filePath("missing.gpkg")));
    }

    // A layer's own numeric field (INPUT + FIELD, as ArcGIS's Hot Spot Analysis): only that layer
    // read, every field kept; equal to the command line's --value-field.
    void hotspotsOnAFieldOfAnyLayer() {
        const QString plugin = dir_.filePath("field_plugin.gpkg");
        const AlgorithmRun run =
            runAlgorithm("firebeat:villagehotspots", {{"VILLAGES", clean_ + "|layername=hazards"},
                                                      {"VALUE_FIELD", "severity"},
                                                      {"ID_FIELD", "hazard_id"},
                                                      {"WEIGHTS", 3},
                                                      {"K", 1},
                                                      {"PERMUTATIONS", 99},
                                                      {"OUTPUT", plugin}});
        QVERIFY2(run.ok, qPrintable(run.errors));
        const QString sink = run.outputs.value("OUTPUT").toString();
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("field_cli.gpkg");
        const auto [code, out] = runCli({"hotspots", "--quiet", "--input", clean_, "--layer", "hazards",
                                         "--value-field", "severity", "--id-field", "hazard_id", "--weights",
                                         "knn", "--k", "1", "--permutations", "99", "--output", cli});
        QVERIFY2(code == 0, qPrintable(out));
        const auto z = column(sink, "", "hazard_id", "gi_z");
        QCOMPARE(z.size(), 3);
        QCOMPARE(z, column(cli, "hazards_hotspots", "hazard_id", "gi_z"));
        // The layer's own fields come along under their own names.
        QCOMPARE(column(sink, "", "hazard_id", "category"),
                 column(cli, "hazards_hotspots", "hazard_id", "category"));
    }

    // The coverage algorithm's optional HTML report opens in the results viewer: an HTML output,
    // with the numbers of the coverage layer it wrote next to it.
    void coverageWritesTheReport() {
        const QgsProcessingAlgorithm* alg =
            QgsApplication::processingRegistry()->algorithmById("firebeat:coveragegaps");
        QVERIFY(alg);
        const QgsProcessingOutputDefinition* report = alg->outputDefinition("REPORT");
        QVERIFY(report);
        QCOMPARE(report->type(), QString("outputHtml"));
        const QString html = dir_.filePath("coverage_report.html");
        QVariantMap parameters = layerParameters(clean_);
        parameters.insert({{"REFERENCE_DATE", "2026-06-30"},
                           {"OUTPUT", dir_.filePath("coverage_with_report.gpkg")},
                           {"REPORT", html}});
        const AlgorithmRun run = runAlgorithm("firebeat:coveragegaps", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        QCOMPARE(run.outputs.value("REPORT").toString(), html);
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith("<!DOCTYPE html>"));
        QVERIFY(text.contains("2026-06-30"));
        // Each district of the coverage layer is in the ranking, with its gap score.
        const auto scores = column(dir_.filePath("coverage_with_report.gpkg"), "district_coverage",
                                   "district_id", "gap_score");
        QCOMPARE(scores.size(), 2);
        for (auto it = scores.cbegin(); it != scores.cend(); ++it) {
            QVERIFY2(text.contains(it.key()), qPrintable(it.key()));
            QVERIFY2(text.contains(QString::number(it.value().toDouble(), 'f', 1)), qPrintable(it.key()));
        }
    }

    // Coverage and sizing take layers: the department's own tables give what the data model's
    // names give, hazards included.
    void coverageAndSizingReadTheLayersChosen() {
        struct Check {
            const char* id;
            const char* layer;
            const char* field; // one that depends on the hazards
        };
        for (const Check& c : {Check{"firebeat:coveragegaps", "district_coverage", "hazards_found"},
                               Check{"firebeat:districtsizing", "district_sizing", "hazard_visit_rate"}}) {
            const QString name = QString(c.id).section(':', 1);
            const bool sink = name == "districtsizing";
            const QString own = dir_.filePath(name + "_own_names.gpkg");
            QVariantMap parameters =
                layerParameters(ownNames_, {{"DISTRICTS", "t_district"}, {"HAZARDS", "t_hazard"}});
            parameters.insert({{"REFERENCE_DATE", "2026-06-30"}, {"OUTPUT", own}});
            const AlgorithmRun run = runAlgorithm(c.id, parameters);
            QVERIFY2(run.ok, qPrintable(run.errors));
            const QString standard = dir_.filePath(name + "_standard.gpkg");
            QVariantMap standardParameters = layerParameters(clean_);
            standardParameters.insert({{"REFERENCE_DATE", "2026-06-30"}, {"OUTPUT", standard}});
            const AlgorithmRun standardRun = runAlgorithm(c.id, standardParameters);
            QVERIFY2(standardRun.ok, qPrintable(standardRun.errors));
            const auto expected =
                sink ? column(standardRun.outputs.value("OUTPUT").toString(), "", "district_id", c.field)
                     : column(standard, c.layer, "district_id", c.field);
            QCOMPARE(expected.size(), 2);
            double total = 0;
            for (const QVariant& v : expected)
                total += v.toDouble();
            QVERIFY2(total > 0, c.field); // the hazards were read
            QCOMPARE(sink ? column(run.outputs.value("OUTPUT").toString(), "", "district_id", c.field)
                          : column(own, c.layer, "district_id", c.field),
                     expected);

            // A layer the source does not have: the parameter is named, nothing is written.
            const QString missingOutput = dir_.filePath(name + "_missing.gpkg");
            QVariantMap missing = layerParameters(ownNames_, {{"DISTRICTS", "districts_2025"}});
            missing.insert("OUTPUT", missingOutput);
            const AlgorithmRun failed = runAlgorithm(c.id, missing);
            QVERIFY(!failed.ok);
            QVERIFY2(failed.errors.contains("DISTRICTS"), qPrintable(failed.errors));
            QVERIFY(!QFile::exists(missingOutput));
        }
    }

    void sizingEqualsTheCommandLine() {
        const QString plugin = dir_.filePath("sizing_plugin.gpkg");
        QVariantMap parameters = layerParameters(clean_);
        parameters.insert({{"REFERENCE_DATE", "2026-06-30"}, {"HEADCOUNT", 10}, {"OUTPUT", plugin}});
        const AlgorithmRun run = runAlgorithm("firebeat:districtsizing", parameters);
        QVERIFY2(run.ok, qPrintable(run.errors));
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("sizing_cli.gpkg");
        const auto [code, out] = runCli({"sizing", "--quiet", "--input", clean_, "--reference-date",
                                         "2026-06-30", "--headcount", "10", "--output", cli});
        QVERIFY2(code == 0, qPrintable(out));
        const auto allocated = column(run.outputs.value("OUTPUT").toString(), "", "district_id", "allocated");
        QCOMPARE(allocated.size(), 2);
        QCOMPARE(allocated, column(cli, "district_sizing", "district_id", "allocated"));
    }

    void brokenDataGivesTheReadersMessage() {
        for (const char* id : {"firebeat:coveragegaps", "firebeat:districtsizing"}) {
            const QString output = dir_.filePath(QString("broken_%1.gpkg").arg(QString(id).section(':', 1)));
            QVariantMap parameters = layerParameters(noDistricts_);
            parameters.insert("OUTPUT", output);
            const AlgorithmRun run = runAlgorithm(id, parameters);
            QVERIFY2(!run.ok, id);
            QVERIFY2(run.errors.contains("police_districts"), qPrintable(run.errors));
            QVERIFY(!QFile::exists(output));
        }
        QVariantMap window = layerParameters(clean_);
        window.insert({{"WINDOW_DAYS", 0}, {"OUTPUT", dir_.filePath("window.gpkg")}});
        const AlgorithmRun windowRun = runAlgorithm("firebeat:coveragegaps", window);
        QVERIFY(!windowRun.ok);
    }

    void stylesApplyToTheOutputs() {
        const QString coverage = dir_.filePath("coverage_plugin.gpkg");
        for (const char* layer : {"district_coverage", "overdue_units", "blind_spots"}) {
            const QString style = firebeat::qgis::stylePath(layer);
            QVERIFY2(!style.isEmpty(), layer);
            QgsVectorLayer v(coverage + "|layername=" + layer, layer, "ogr");
            QVERIFY2(v.isValid(), layer);
            bool ok = false;
            v.loadNamedStyle(style, ok);
            QVERIFY2(ok, layer);
        }
        QgsVectorLayer hotspots(dir_.filePath("hotspots_cli.gpkg") + "|layername=village_hotspots", "h",
                                "ogr");
        bool ok = false;
        hotspots.loadNamedStyle(firebeat::qgis::stylePath("village_hotspots"), ok);
        QVERIFY(ok);
        QCOMPARE(hotspots.renderer()->type(), QString("categorizedSymbol"));
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestAnalysisAlgorithms)
#include "test_analysis_algorithms.moc"
