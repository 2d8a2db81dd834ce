// The plugin where QGIS users put it: in Model Builder models chained with QGIS's native
// algorithms (run by the stock qgis_process), and on the layers a user has open rather than on
// files: a PostGIS table, a memory layer, a selection ("selected features only"). Each run equals
// `firebeat` on the same features read from the GeoPackage of make_foreign_layers.py (UTM 48N,
// multipoints, integer ids, Chinese field names).
#include "foreign_layers.h"
#include "plugin_test_support.h"
#include "raster_compare.h"
#include "require_tool.h"

#include <qgsdatasourceuri.h>
#include <qgsfeatureiterator.h>
#include <qgsprocessingmodelalgorithm.h>
#include <qgsproject.h>
#include <qgsproviderregistry.h>
#include <qgsvectorlayer.h>

#include <QCoreApplication>
#include <QRegularExpression>

#include <cmath>

using namespace firebeat::test;

namespace {

// Runs an algorithm with the project as the context's, so layer ids and selections resolve.
AlgorithmRun runInProject(const QString& id, const QVariantMap& parameters) {
    const QgsProcessingAlgorithm* alg = QgsApplication::processingRegistry()->algorithmById(id);
    if (!alg)
        return {false, {}, "algorithm not registered: " + id};
    RecordingFeedback feedback;
    AlgorithmRun run;
    {
        auto context = std::make_unique<QgsProcessingContext>();
        context->setProject(QgsProject::instance());
        std::unique_ptr<QgsProcessingAlgorithm> instance(alg->create());
        try {
            run.outputs = instance->run(parameters, *context, &feedback, &run.ok);
        } catch (const QgsProcessingException& e) {
            run.ok = false;
            run.errors += e.what();
        }
    }
    run.errors += feedback.errors;
    return run;
}

// Empty when the grids agree (compareRasters) and every pixel is within 1e-9 relative.
QString rasterDifference(const QString& a, const QString& b) {
    const QString grid = compareRasters(a, b);
    if (!grid.isEmpty())
        return grid;
    const std::vector<float> va = readBand(a), vb = readBand(b);
    if (va.empty() || va.size() != vb.size())
        return QStringLiteral("cannot read the bands");
    double total = 0;
    for (std::size_t i = 0; i < va.size(); ++i) {
        total += va[i];
        if (std::abs(double(va[i]) - double(vb[i])) >
            1e-9 * std::max({1.0, std::abs(double(va[i])), std::abs(double(vb[i]))}))
            return QStringLiteral("pixel %1: %2 vs %3").arg(i).arg(va[i]).arg(vb[i]);
    }
    return total > 0 ? QString() : QStringLiteral("the raster is empty");
}

// gi_z by id from a layer (an OGR source string, e.g. a feature sink's destination).
QMap<qlonglong, double> giZ(const QString& source, const QString& idField) {
    QgsVectorLayer v(source, "z", "ogr");
    QMap<qlonglong, double> out;
    QgsFeature f;
    for (QgsFeatureIterator it = v.getFeatures(); it.nextFeature(f);)
        out.insert(f.attribute(idField).toLongLong(), f.attribute("gi_z").toDouble());
    return out;
}

QString compareZ(const QMap<qlonglong, double>& a, const QMap<qlonglong, double>& b) {
    if (a.size() != b.size() || a.keys() != b.keys())
        return QStringLiteral("ids differ: %1 vs %2 features").arg(a.size()).arg(b.size());
    for (auto it = a.cbegin(); it != a.cend(); ++it)
        if (std::abs(it.value() - b.value(it.key())) > 1e-9 * std::max(1.0, std::abs(it.value())))
            return QStringLiteral("id %1: %2 vs %3").arg(it.key()).arg(it.value()).arg(b.value(it.key()));
    return {};
}

// A model child running `algorithm` with `sources` for its parameters.
QgsProcessingModelChildAlgorithm child(const QString& id, const QString& algorithm,
                                       const QMap<QString, QgsProcessingModelChildParameterSource>& sources) {
    QgsProcessingModelChildAlgorithm c(algorithm);
    c.setChildId(id);
    for (auto it = sources.cbegin(); it != sources.cend(); ++it)
        c.addParameterSources(it.key(), {it.value()});
    return c;
}

// Makes `childOutput` of child `c` the model's output `name` (parameter "<child id>:<name>").
void exposeOutput(QgsProcessingModelChildAlgorithm& c, const QString& name, const QString& childOutput) {
    QgsProcessingModelOutput output(name, name);
    output.setChildId(c.childId());
    output.setChildOutputName(childOutput);
    c.setModelOutputs({{name, output}});
}

// A memory layer with the fields, geometry type, CRS and features of `source`.
QgsVectorLayer* memoryCopy(QgsVectorLayer& source, const QString& name) {
    auto* layer = new QgsVectorLayer(
        QStringLiteral("%1?crs=%2").arg(QgsWkbTypes::displayString(source.wkbType()), source.crs().authid()),
        name, "memory");
    layer->dataProvider()->addAttributes(source.fields().toList());
    layer->updateFields();
    QgsFeatureList features;
    QgsFeature f;
    for (QgsFeatureIterator it = source.getFeatures(); it.nextFeature(f);) {
        f.setFields(layer->fields(), false);
        features << f;
    }
    layer->dataProvider()->addFeatures(features);
    return layer;
}

} // namespace

class TestPluginOnLayers : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString gpkg_, database_, conninfo_;
    QProcessEnvironment env_;

    // Runs qgis_process.bin; returns (exit code, stdout + stderr).
    std::pair<int, QString> qgisProcess(const QStringList& arguments) {
        QProcess p;
        p.setProcessEnvironment(env_);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(kQgisProcess, arguments);
        p.waitForFinished(300000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
    }

    // firebeat heatmap on the GeoPackage's points, with `extra`; the raster's path.
    QString cliHeatmap(const QString& name, const QStringList& extra = {}) {
        const QString out = dir_.filePath(name + "_cli.tif");
        const auto [code, text] =
            runCli(QStringList{"heatmap", "--quiet", "--input", gpkg_, "--layer", "points", "--radius", "300",
                               "--pixel-size", "50", "--output", out} +
                   extra);
        return code == 0 ? out : QString("CLI failed: ") + text;
    }
    // firebeat hotspots on the GeoPackage's villages' `field`, by vid.
    QMap<qlonglong, double> cliHotspots(const QString& name, const QString& field) {
        const QString out = dir_.filePath(name + "_cli.gpkg");
        const auto [code, text] =
            runCli({"hotspots", "--quiet", "--input", gpkg_, "--villages-layer", "villages", "--value-field",
                    field, "--id-field", "vid", "--permutations", "99", "--output", out});
        if (code != 0)
            qWarning("%s", qPrintable(text));
        return giZ(out + "|layername=villages_hotspots", "vid");
    }
    QString pluginHeatmap(const QString& name, const QVariant& hazards) {
        const QString out = dir_.filePath(name + "_plugin.tif");
        const AlgorithmRun run =
            runInProject("firebeat:hazardheatmap",
                         {{"HAZARDS", hazards}, {"RADIUS", 300}, {"PIXEL_SIZE", 50}, {"OUTPUT", out}});
        return run.ok ? out : "plugin failed: " + run.errors;
    }
    QMap<qlonglong, double> pluginHotspots(const QString& name, const QVariant& villages,
                                           const QString& field) {
        const AlgorithmRun run =
            runInProject("firebeat:villagehotspots", {{"VILLAGES", villages},
                                                      {"VALUE_FIELD", field},
                                                      {"ID_FIELD", "vid"},
                                                      {"PERMUTATIONS", 99},
                                                      {"OUTPUT", dir_.filePath(name + "_plugin.gpkg")}});
        if (!run.ok)
            qWarning("%s", qPrintable(run.errors));
        return giZ(run.outputs.value("OUTPUT").toString(), "vid");
    }

  private Q_SLOTS:
    void initTestCase() {
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        startQgisWithProvider();
        // QGIS looks for its provider modules next to the test binary; postgres is one of them,
        // in the directory of the installed QGIS (Debian's qgis-providers).
        QgsProviderRegistry::instance()->setLibraryDirectory(QDir(QStringLiteral("/usr/lib/qgis/plugins")));
        gpkg_ = dir_.filePath("foreign.gpkg");
        const QString error = makeForeignLayers(gpkg_);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() {
        QgsProject::instance()->removeAllMapLayers();
        if (!database_.isEmpty()) {
            QProcess p;
            p.start("psql", {"-X", "-q", conninfo_ + " dbname=postgres", "-c",
                             "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)"});
            p.waitForFinished(60000);
        }
        if (QgsApplication::instance() && QgsApplication::processingRegistry())
            QgsApplication::exitQgis();
    }

    // Model 1, saved as a .model3 file: native:extractbyexpression ("severity" >= 2) feeds
    // firebeat:hazardheatmap a temporary layer; the model's raster equals `firebeat heatmap
    // --min-severity 2`. Model 2: firebeat:villagehotspots (VALUE_FIELD hazards) feeds
    // native:extractbyattribute (gi_bin > 0); the model's layer holds exactly the villages the
    // command line finds hot, with its gi_z.
    void modelBuilderChains() {
        FIREBEAT_REQUIRE_TOOL(QFile::exists(kQgisProcess),
                              "qgis_process is not installed (apt install qgis)");
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_PYTHON_PLUGINS").isEmpty(),
                              "FIREBEAT_PYTHON_PLUGINS (the built shim plugin directory) is not set");
        // A fresh home and profile: the user's QGIS settings stay untouched.
        QDir(dir_.path()).mkpath("home");
        QDir(dir_.path()).mkpath("runtime");
        QFile::setPermissions(dir_.filePath("runtime"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env_ = QProcessEnvironment::systemEnvironment();
        env_.insert("HOME", dir_.filePath("home"));
        env_.insert("QGIS_CUSTOM_CONFIG_PATH", dir_.filePath("home"));
        env_.insert("XDG_RUNTIME_DIR", dir_.filePath("runtime"));
        env_.insert("QT_QPA_PLATFORM", "offscreen");
        env_.insert("QGIS_PLUGINPATH", qgetenv("FIREBEAT_PYTHON_PLUGINS"));
        const auto [enableCode, enableOut] = qgisProcess({"plugins", "enable", "firebeat_processing"});
        QVERIFY2(enableCode == 0, qPrintable(enableOut));

        using Source = QgsProcessingModelChildParameterSource;
        QgsProcessingModelAlgorithm heatmapModel("severe hazards heatmap", "firebeat tests");
        heatmapModel.addModelParameter(
            new QgsProcessingParameterFeatureSource("points", "points", {QgsProcessing::TypeVectorPoint}),
            QgsProcessingModelParameter("points"));
        QgsProcessingModelChildAlgorithm extract =
            child("extract", "native:extractbyexpression",
                  {{"INPUT", Source::fromModelParameter("points")},
                   {"EXPRESSION", Source::fromStaticValue("\"severity\" >= 2")}});
        QgsProcessingModelChildAlgorithm heatmap =
            child("heatmap", "firebeat:hazardheatmap",
                  {{"HAZARDS", Source::fromChildOutput("extract", "OUTPUT")},
                   {"RADIUS", Source::fromStaticValue(300)},
                   {"PIXEL_SIZE", Source::fromStaticValue(50)}});
        exposeOutput(heatmap, "raster", "OUTPUT");
        heatmapModel.addChildAlgorithm(extract);
        heatmapModel.addChildAlgorithm(heatmap);
        heatmapModel.updateDestinationParameters();
        QVERIFY(heatmapModel.parameterDefinition("heatmap:raster"));
        const QString heatmapFile = dir_.filePath("severe_heatmap.model3");
        QVERIFY(heatmapModel.toFile(heatmapFile));

        const QString modelRaster = dir_.filePath("model_heatmap.tif");
        const auto [code, out] =
            qgisProcess({"run", heatmapFile, "--", "points=" + gpkg_ + "|layername=points",
                         "heatmap:raster=" + modelRaster});
        QVERIFY2(code == 0, qPrintable(out));
        const QString cli = cliHeatmap("model", {"--min-severity", "2"});
        const QString diff = rasterDifference(modelRaster, cli);
        QVERIFY2(diff.isEmpty(), qPrintable(diff + "\n" + out));

        QgsProcessingModelAlgorithm hotModel("hot villages", "firebeat tests");
        hotModel.addModelParameter(new QgsProcessingParameterFeatureSource(
                                       "villages", "villages", {QgsProcessing::TypeVectorPolygon}),
                                   QgsProcessingModelParameter("villages"));
        QgsProcessingModelChildAlgorithm hotspots =
            child("hotspots", "firebeat:villagehotspots",
                  {{"VILLAGES", Source::fromModelParameter("villages")},
                   {"VALUE_FIELD", Source::fromStaticValue("hazards")},
                   {"ID_FIELD", Source::fromStaticValue("vid")},
                   {"PERMUTATIONS", Source::fromStaticValue(99)}});
        QgsProcessingModelChildAlgorithm hot =
            child("hot", "native:extractbyattribute",
                  {{"INPUT", Source::fromChildOutput("hotspots", "OUTPUT")},
                   {"FIELD", Source::fromStaticValue("gi_bin")},
                   {"OPERATOR", Source::fromStaticValue(2)}, // >
                   {"VALUE", Source::fromStaticValue("0")}});
        exposeOutput(hot, "villages", "OUTPUT");
        hotModel.addChildAlgorithm(hotspots);
        hotModel.addChildAlgorithm(hot);
        // native:* is not registered in this process: the model's destination parameter by hand,
        // named as Model Builder names it.
        hotModel.addModelParameter(new QgsProcessingParameterFeatureSink("hot:villages", "villages"),
                                   QgsProcessingModelParameter("hot:villages"));
        const QString hotFile = dir_.filePath("hot_villages.model3");
        QVERIFY(hotModel.toFile(hotFile));
        const QString modelHot = dir_.filePath("model_hot.gpkg");
        const auto [hotCode, hotOut] = qgisProcess(
            {"run", hotFile, "--", "villages=" + gpkg_ + "|layername=villages", "hot:villages=" + modelHot});
        QVERIFY2(hotCode == 0, qPrintable(hotOut));

        const QString cliHot = dir_.filePath("model_hot_cli.gpkg");
        const auto [cliCode, cliOut] =
            runCli({"hotspots", "--quiet", "--input", gpkg_, "--villages-layer", "villages", "--value-field",
                    "hazards", "--id-field", "vid", "--permutations", "99", "--output", cliHot});
        QVERIFY2(cliCode == 0, qPrintable(cliOut));
        QMap<qlonglong, double> expected;
        QgsVectorLayer all(cliHot + "|layername=villages_hotspots", "all", "ogr");
        QgsFeature f;
        for (QgsFeatureIterator it = all.getFeatures(); it.nextFeature(f);)
            if (f.attribute("gi_bin").toInt() > 0)
                expected.insert(f.attribute("vid").toLongLong(), f.attribute("gi_z").toDouble());
        QVERIFY(!expected.isEmpty() && expected.size() < 80); // the north-east cluster, not everything
        const QString zDiff = compareZ(giZ(modelHot, "vid"), expected);
        QVERIFY2(zDiff.isEmpty(), qPrintable(zDiff + "\n" + hotOut));
    }

    // A QGIS memory layer (no file behind it): the heatmap of its multipoints and Gi* of the
    // villages' population (人口) equal the command line's on the GeoPackage.
    void memoryLayer() {
        QgsVectorLayer points(gpkg_ + "|layername=points", "points", "ogr");
        QgsVectorLayer villages(gpkg_ + "|layername=villages", "villages", "ogr");
        QVERIFY(points.isValid() && villages.isValid());
        QgsVectorLayer* memPoints = memoryCopy(points, "mem_points");
        QgsVectorLayer* memVillages = memoryCopy(villages, "mem_villages");
        QCOMPARE(memPoints->featureCount(), 600);
        QCOMPARE(memVillages->featureCount(), 80);
        QgsProject::instance()->addMapLayers({memPoints, memVillages});

        const QString plugin = pluginHeatmap("memory", memPoints->id());
        const QString cli = cliHeatmap("memory");
        const QString diff = rasterDifference(plugin, cli);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));

        const auto z = pluginHotspots("memory", memVillages->id(), QString::fromUtf8("人口"));
        QCOMPARE(z.size(), 80);
        const QString zDiff = compareZ(z, cliHotspots("memory", QString::fromUtf8("人口")));
        QVERIFY2(zDiff.isEmpty(), qPrintable(zDiff));
    }

    // "Selected features only": the points of severity 2 and 3 selected in QGIS give the heatmap
    // of `firebeat heatmap --min-severity 2`; a selection of villages gives Gi* of a GeoPackage
    // holding just those villages.
    void selectedFeaturesOnly() {
        auto* points = new QgsVectorLayer(gpkg_ + "|layername=points", "sel_points", "ogr");
        auto* villages = new QgsVectorLayer(gpkg_ + "|layername=villages", "sel_villages", "ogr");
        QVERIFY(points->isValid() && villages->isValid());
        QgsProject::instance()->addMapLayers({points, villages});
        points->selectByExpression("\"severity\" >= 2");
        const int selected = points->selectedFeatureCount();
        QVERIFY2(selected > 0 && selected < 600, qPrintable(QString::number(selected)));

        const QString plugin = pluginHeatmap(
            "selection", QVariant::fromValue(QgsProcessingFeatureSourceDefinition(points->id(), true)));
        const QString cli = cliHeatmap("selection", {"--min-severity", "2"});
        const QString diff = rasterDifference(plugin, cli);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        // The whole layer differs: the selection was honoured.
        QVERIFY(!rasterDifference(pluginHeatmap("unselected", points->id()), cli).isEmpty());

        // The villages west of the middle column, selected; the command line reads a copy of them.
        villages->selectByExpression("x(centroid($geometry)) < 572500");
        const int chosen = villages->selectedFeatureCount();
        QVERIFY2(chosen >= 3 && chosen < 80, qPrintable(QString::number(chosen)));
        const QString subset = dir_.filePath("selected_villages.gpkg");
        QStringList ids;
        for (const QgsFeature& f : villages->selectedFeatures())
            ids << QString::number(f.attribute("vid").toLongLong());
        QProcess ogr;
        ogr.setProcessChannelMode(QProcess::MergedChannels);
        ogr.start("ogr2ogr",
                  {"-f", "GPKG", subset, gpkg_, "villages", "-where", "vid IN (" + ids.join(',') + ")"});
        FIREBEAT_REQUIRE_TOOL(ogr.waitForStarted(), "ogr2ogr is not installed (apt install gdal-bin)");
        QVERIFY(ogr.waitForFinished(60000));
        QVERIFY2(ogr.exitCode() == 0, ogr.readAll().constData());
        const auto z = pluginHotspots(
            "selection", QVariant::fromValue(QgsProcessingFeatureSourceDefinition(villages->id(), true)),
            "hazards");
        QCOMPARE(z.size(), chosen);
        const QString out = dir_.filePath("selection_cli.gpkg");
        const auto [code, text] =
            runCli({"hotspots", "--quiet", "--input", subset, "--villages-layer", "villages", "--value-field",
                    "hazards", "--id-field", "vid", "--permutations", "99", "--output", out});
        QVERIFY2(code == 0, qPrintable(text));
        const QString zDiff = compareZ(z, giZ(out + "|layername=villages_hotspots", "vid"));
        QVERIFY2(zDiff.isEmpty(), qPrintable(zDiff));
    }

    // The same layers copied into PostGIS (a database of our own on the test server), read through
    // QGIS's postgres provider.
    void postgisLayer() {
        const QString pg = qEnvironmentVariable("FIREBEAT_TEST_PG");
        FIREBEAT_REQUIRE_TOOL(!pg.isEmpty(),
                              "FIREBEAT_TEST_PG is not set: start the PostGIS test server with "
                              "eval \"$(scripts/postgis-test-server.sh start)\" (run-tests.sh does)");
        FIREBEAT_REQUIRE_TOOL(QgsProviderRegistry::instance()->providerList().contains("postgres"),
                              "QGIS's postgres provider is not installed (apt install qgis-providers)");
        conninfo_ = pg.mid(3);
        conninfo_.remove(QRegularExpression("dbname=\\S+"));
        conninfo_ = conninfo_.trimmed();
        database_ = QString("firebeat_plugin_layers_%1").arg(QCoreApplication::applicationPid());
        QProcess create;
        create.setProcessChannelMode(QProcess::MergedChannels);
        create.start("psql", {"-X", "-q", "-v", "ON_ERROR_STOP=1", conninfo_ + " dbname=postgres", "-c",
                              "CREATE DATABASE " + database_ + " TEMPLATE firebeat_template"});
        FIREBEAT_REQUIRE_TOOL(create.waitForStarted(),
                              "psql is not installed (apt install postgresql-client)");
        QVERIFY(create.waitForFinished(60000));
        QVERIFY2(create.exitCode() == 0, create.readAll().constData());
        const QString error =
            makeForeignLayers(dir_.filePath("foreign_pg.gpkg"), "PG:" + conninfo_ + " dbname=" + database_);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        auto postgres = [&](const QString& table, const QString& name) {
            QgsDataSourceUri uri(conninfo_ + " dbname=" + database_);
            uri.setDataSource("public", table, "geom", QString(), "fid");
            return new QgsVectorLayer(uri.uri(false), name, "postgres");
        };
        QgsVectorLayer* points = postgres("points", "pg_points");
        QgsVectorLayer* villages = postgres("villages", "pg_villages");
        QVERIFY2(points->isValid(), qPrintable(points->source()));
        QVERIFY2(villages->isValid(), qPrintable(villages->source()));
        QCOMPARE(points->providerType(), QString("postgres"));
        QCOMPARE(points->featureCount(), 600);
        QgsProject::instance()->addMapLayers({points, villages});

        const QString diff = rasterDifference(pluginHeatmap("postgis", points->id()), cliHeatmap("postgis"));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        const auto z = pluginHotspots("postgis", villages->id(), "hazards");
        QCOMPARE(z.size(), 80);
        const QString zDiff = compareZ(z, cliHotspots("postgis", "hazards"));
        QVERIFY2(zDiff.isEmpty(), qPrintable(zDiff));
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestPluginOnLayers)
#include "test_plugin_on_layers.moc"
