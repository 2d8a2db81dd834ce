// Starting headless QGIS with the FireBeat provider registered, and running algorithms.
#pragma once

#include "firebeat_provider.h"

#include <qgsapplication.h>
#include <qgsfeatureiterator.h>
#include <qgsprocessingalgorithm.h>
#include <qgsprocessingcontext.h>
#include <qgsprocessingfeedback.h>
#include <qgsprocessingregistry.h>
#include <qgsvectorlayer.h>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace firebeat::test {

inline void startQgisWithProvider() {
    static QTemporaryDir runtimeDir; // QGIS warns unless XDG_RUNTIME_DIR is a private directory
    QFile::setPermissions(runtimeDir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", runtimeDir.path().toUtf8());
    QgsApplication::init();
    QgsApplication::initQgis();
    QgsApplication::processingRegistry()->addProvider(new firebeat::qgis::FireBeatProvider());
}

struct AlgorithmRun {
    bool ok = false;
    QVariantMap outputs;
    QString errors; // what the algorithm reported through the feedback, and the exception
};

class RecordingFeedback : public QgsProcessingFeedback {
  public:
    QString errors;
    void reportError(const QString& error, bool fatal = false) override {
        errors += error + '\n';
        QgsProcessingFeedback::reportError(error, fatal);
    }
};

inline AlgorithmRun runAlgorithm(const QString& id, const QVariantMap& parameters,
                                 QgsProcessingFeedback* feedback = nullptr) {
    const QgsProcessingAlgorithm* alg = QgsApplication::processingRegistry()->algorithmById(id);
    if (!alg)
        return {false, {}, "algorithm not registered: " + id};
    RecordingFeedback own;
    QgsProcessingFeedback* fb = feedback ? feedback : &own;
    AlgorithmRun run;
    {
        // The context must die before QGIS exits (docs/architecture.md).
        auto context = std::make_unique<QgsProcessingContext>();
        std::unique_ptr<QgsProcessingAlgorithm> instance(alg->create());
        try {
            run.outputs = instance->run(parameters, *context, fb, &run.ok);
        } catch (const QgsProcessingException& e) {
            run.ok = false;
            run.errors += e.what();
        }
    }
    run.errors += own.errors;
    return run;
}

// Values of one field by the id field, from a GeoPackage layer (or the layer at `gpkg` when
// `layer` is empty: a feature sink's destination).
inline QMap<QString, QVariant> column(const QString& gpkg, const QString& layer, const QString& id,
                                      const QString& field) {
    QgsVectorLayer v(layer.isEmpty() ? gpkg : gpkg + "|layername=" + layer, layer, "ogr");
    QMap<QString, QVariant> out;
    QgsFeature f;
    for (QgsFeatureIterator it = v.getFeatures(); it.nextFeature(f);)
        out.insert(f.attribute(id).toString(), f.attribute(field));
    return out;
}

// The layer parameters of a data-model job for every layer of a data set in one file, under the
// data model's layer names unless `names` gives a layer's own (key: the parameter, e.g. DISTRICTS).
inline QVariantMap layerParameters(const QString& path, const QVariantMap& names = {}) {
    const std::pair<const char*, const char*> layers[] = {
        {"DISTRICTS", "police_districts"}, {"VILLAGES", "villages"}, {"UNITS", "units"},
        {"INSPECTIONS", "inspections"},    {"HAZARDS", "hazards"},   {"STATIONS", "fire_stations"},
        {"OFFICERS", "officers"}};
    QVariantMap out;
    for (const auto& [parameter, layer] : layers)
        out.insert(parameter, path + "|layername=" + names.value(parameter, QString(layer)).toString());
    return out;
}

// Runs the command line; returns (exit code, stdout).
inline std::pair<int, QString> runCli(const QStringList& arguments) {
    QProcess p;
    p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")), arguments);
    p.waitForFinished(300000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput())};
}

} // namespace firebeat::test

// QGSTEST_MAIN without its keypad-navigation macro, which does not compile here.
#define FIREBEAT_QGIS_TEST_MAIN(TestObject)                                                                  \
    int main(int argc, char* argv[]) {                                                                       \
        QgsApplication app(argc, argv, false);                                                               \
        TestObject tc;                                                                                       \
        return QTest::qExec(&tc, argc, argv);                                                                \
    }
