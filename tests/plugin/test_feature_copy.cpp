// The adapter that brings QGIS features to the core (FeatureCopy, JobAlgorithm): memory layers,
// a selection and layers with their own field names read into the same records, with the same
// problems, as the core reader gives for the same features in a GeoPackage.
#include "feature_copy.h"
#include "fixtures.h"
#include "job_algorithm.h"
#include "plugin_test_support.h"

#include "firebeat/reader.h"

#include <qgsfeatureiterator.h>
#include <qgsprocessingutils.h>
#include <qgsproject.h>
#include <qgsvectorlayer.h>

using namespace firebeat;
using namespace firebeat::test;

namespace {

// Records as text, everything a reader fills in, to compare two reads.
QStringList hazardRecords(const Dataset& d) {
    QStringList out;
    for (const Hazard& h : d.hazards)
        out << QString("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10")
                   .arg(h.fid)
                   .arg(QString::fromStdString(h.id))
                   .arg(static_cast<int>(h.category))
                   .arg(h.severity)
                   .arg(h.foundAt)
                   .arg(h.rectifiedAt ? *h.rectifiedAt : -1)
                   .arg(h.deadline ? *h.deadline : -1)
                   .arg(static_cast<int>(h.source))
                   .arg(h.position.x, 0, 'g', 17)
                   .arg(h.position.y, 0, 'g', 17);
    return out;
}

QStringList otherRecords(const Dataset& d) {
    QStringList out;
    for (const District& x : d.districts)
        out << QString("district %1 %2 %3 %4 %5 %6")
                   .arg(x.fid)
                   .arg(QString::fromStdString(x.id), QString::fromStdString(x.name))
                   .arg(x.officers.value_or(-1))
                   .arg(x.geometry.envelope.minX, 0, 'g', 17)
                   .arg(QByteArray(reinterpret_cast<const char*>(x.geometry.wkb.data()),
                                   static_cast<int>(x.geometry.wkb.size()))
                            .toHex()
                            .constData());
    for (const Village& x : d.villages)
        out << QString("village %1 %2 %3")
                   .arg(x.fid)
                   .arg(QString::fromStdString(x.id))
                   .arg(x.population.value_or(-1));
    for (const Unit& x : d.units)
        out << QString("unit %1 %2 %3 %4")
                   .arg(QString::fromStdString(x.id))
                   .arg(static_cast<int>(x.category))
                   .arg(x.inspectEveryDays.value_or(-1))
                   .arg(x.position.x, 0, 'g', 17);
    for (const Inspection& x : d.inspections)
        out << QString("inspection %1 %2 %3")
                   .arg(QString::fromStdString(x.id))
                   .arg(x.inspectedAt)
                   .arg(static_cast<int>(x.outcome));
    for (const FireStation& x : d.stations)
        out << QString("station %1 %2").arg(QString::fromStdString(x.id)).arg(static_cast<int>(x.kind));
    for (const Officer& x : d.officers)
        out << QString("officer %1 %2")
                   .arg(QString::fromStdString(x.id), QString::fromStdString(x.districtId));
    return out;
}

// The report without the line naming the source.
QString problems(const Report& r) {
    QStringList lines = QString::fromStdString(r.toText()).split('\n');
    lines.erase(
        std::remove_if(lines.begin(), lines.end(), [](const QString& l) { return l.startsWith("source: "); }),
        lines.end());
    return lines.join('\n');
}

// Every layer of a GeoPackage as a QGIS memory layer (what a user's scratch layers are).
std::vector<std::unique_ptr<QgsVectorLayer>> memoryCopies(const QString& gpkg) {
    std::vector<std::unique_ptr<QgsVectorLayer>> out;
    for (LayerKind kind : kAllLayers) {
        const QString name = QString::fromUtf8(layerName(kind).data());
        QgsVectorLayer file(gpkg + "|layername=" + name, name, "ogr");
        if (!file.isValid())
            continue;
        out.emplace_back(file.materialize(QgsFeatureRequest()));
        out.back()->setName(name);
    }
    return out;
}

ReadResult readMemory(const std::vector<std::unique_ptr<QgsVectorLayer>>& layers) {
    MemorySource memory;
    for (const auto& layer : layers)
        firebeat::qgis::FeatureCopy::copy(*layer->dataProvider(), layer->name().toStdString(), std::nullopt,
                                          memory);
    return readDataset(memory.path(), ReadOptions{});
}

// A job reading one hazards layer through the processing parameters, as every algorithm does.
JobSpec hazardsSpec() {
    JobSpec s;
    s.name = "hazardsread";
    s.inputs = {modelInput(LayerKind::Hazards, true, "Hazards")};
    return s;
}

ReadResult lastRead;

class HazardsReadAlgorithm final : public firebeat::qgis::JobAlgorithm {
  public:
    QString name() const override { return "hazardsread"; }
    QString displayName() const override { return "hazards read"; }
    HazardsReadAlgorithm* createInstance() const override { return new HazardsReadAlgorithm(); }

  protected:
    const JobSpec& spec() const override {
        static const JobSpec s = hazardsSpec();
        return s;
    }
    RunOutputs analyse(const JobSource& copied, const JobParameters&, firebeat::Progress*,
                       QgsProcessingFeedback*) const override {
        JobSource source = copied;
        selectInputLayers(spec(), source.read);
        source.read.checkConsistency = false;
        lastRead = readDataset(source.name, source.read);
        return {};
    }
};

// Runs the algorithm with the project's layers (where a layer id is looked up).
bool runHazardsRead(const QVariantMap& parameters, QString* errors = nullptr) {
    QgsProcessingContext context;
    context.setProject(QgsProject::instance());
    HazardsReadAlgorithm algorithm;
    algorithm.initAlgorithm(QVariantMap());
    RecordingFeedback feedback;
    bool ok = false;
    try {
        algorithm.run(parameters, context, &feedback, &ok);
    } catch (const QgsProcessingException& e) {
        if (errors)
            *errors = e.what();
        return false;
    }
    if (errors)
        *errors += feedback.errors;
    return ok;
}

} // namespace

class TestFeatureCopy : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString clean_, broken_;

  private Q_SLOTS:
    void initTestCase() {
        startQgisWithProvider();
        clean_ = dir_.filePath("clean.gpkg");
        writeLayers(clean_.toStdString(), minimalDataset());
        broken_ = dir_.filePath("broken.gpkg");
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[0].second["severity"] = "7";
        layerNamed(layers, "hazards").features[2].second["found_at"] = "July";
        layerNamed(layers, "units").features[0].second["category"] = "warehouse";
        writeLayers(broken_.toStdString(), layers);
    }
    void cleanupTestCase() {
        QgsProject::instance()->clear();
        QgsApplication::exitQgis();
    }

    void memoryLayersReadAsTheGeoPackage() {
        for (const QString& gpkg : {clean_, broken_}) {
            const ReadResult file = readDataset(gpkg.toStdString(), ReadOptions{});
            const ReadResult memory = readMemory(memoryCopies(gpkg));
            QCOMPARE(hazardRecords(memory.data), hazardRecords(file.data));
            QCOMPARE(otherRecords(memory.data), otherRecords(file.data));
            QCOMPARE(QString::fromStdString(memory.data.crs), QString::fromStdString(file.data.crs));
            QCOMPARE(problems(memory.report), problems(file.report));
        }
        // The broken set: the one field parser rejects severity 7 and the bad date, whoever reads.
        const ReadResult memory = readMemory(memoryCopies(broken_));
        QCOMPARE(memory.data.hazards.size(), std::size_t{1});
        QVERIFY(problems(memory.report)
                    .contains("hazards feature 1 (H1) field severity: value 7 is outside 1..3"));
        QVERIFY(problems(memory.report).contains("hazards feature 3 (H3) field found_at"));
    }

    void aSelectionReadsAsTheSameFeaturesInAFile() {
        // Hazards H1 and H3 only, in a file, against the whole layer with them selected.
        const QString subset = dir_.filePath("subset.gpkg");
        auto layers = minimalDataset();
        auto& hazards = layerNamed(layers, "hazards");
        hazards.features.erase(hazards.features.begin() + 1);
        writeLayers(subset.toStdString(), {hazards});
        ReadOptions options;
        options.layers = {LayerKind::Hazards};
        options.checkConsistency = false;
        const ReadResult file = readDataset(subset.toStdString(), options);
        QCOMPARE(file.data.hazards.size(), std::size_t{2});

        QgsVectorLayer whole(clean_ + "|layername=hazards", "hazards", "ogr");
        QVERIFY(whole.isValid());
        QgsVectorLayer* layer = whole.materialize(QgsFeatureRequest());
        QgsProject::instance()->addMapLayer(layer);
        layer->selectByIds({1, 3});
        QString errors;
        QVERIFY2(runHazardsRead({{"HAZARDS", QVariant::fromValue(
                                                 QgsProcessingFeatureSourceDefinition(layer->id(), true))}},
                                &errors),
                 qPrintable(errors));
        // Feature ids are QGIS's own (1 and 3); the rest equals the file's.
        QCOMPARE(lastRead.data.hazards.size(), std::size_t{2});
        QCOMPARE(lastRead.data.hazards[0].fid, std::int64_t{1});
        QCOMPARE(lastRead.data.hazards[1].fid, std::int64_t{3});
        lastRead.data.hazards[1].fid = 2;
        QCOMPARE(hazardRecords(lastRead.data), hazardRecords(file.data));
    }

    void ownFieldNamesAreMappedByTheFieldParameters() {
        // A UTM layer whose fields have other (Chinese) names and types than the data model's.
        auto* layer = new QgsVectorLayer("Point?crs=EPSG:32648&field=编号:string&field=类别:string&field="
                                         "等级:integer&field=发现时间:datetime&"
                                         "field=extra:double",
                                         "隐患", "memory");
        QVERIFY(layer->isValid());
        QgsFeature f(layer->fields());
        f.setAttributes(QgsAttributes() << "A1"
                                        << "EBIKE" << 2 << QDateTime(QDate(2026, 3, 1), QTime(9, 30)) << 1.5);
        f.setGeometry(QgsGeometry::fromWkt("POINT(500000 2760000)"));
        QgsFeature g(layer->fields());
        g.setAttributes(QgsAttributes()
                        << "A2"
                        << "HYDRANT" << 7 << QDateTime(QDate(2026, 3, 2), QTime(9, 30)) << 2.5);
        g.setGeometry(QgsGeometry::fromWkt("POINT(500100 2760100)"));
        QgsFeatureList features{f, g};
        layer->dataProvider()->addFeatures(features); // ids 1, 2
        QgsProject::instance()->addMapLayer(layer);
        const QVariantMap parameters{{"HAZARDS", layer->id()},
                                     {"HAZARDS_HAZARD_ID_FIELD", "编号"},
                                     {"HAZARDS_CATEGORY_FIELD", "类别"},
                                     {"HAZARDS_SEVERITY_FIELD", "等级"},
                                     {"HAZARDS_FOUND_AT_FIELD", "发现时间"},
                                     {"HAZARDS_RECTIFIED_AT_FIELD", ""}};
        QVERIFY(runHazardsRead(parameters));
        QCOMPARE(lastRead.data.hazards.size(), std::size_t{1});
        const Hazard& h = lastRead.data.hazards[0];
        QCOMPARE(QString::fromStdString(h.id), QString("A1"));
        QCOMPARE(h.severity, 2);
        QCOMPARE(h.category, HazardCategory::EBike);
        QCOMPARE(h.foundAt, makeTimestamp(2026, 3, 1, 9, 30)); // a bare time is China Standard Time
        QVERIFY(!h.rectifiedAt);
        // The analysis CRS of a UTM layer is chosen from its centre (the core's rule).
        QVERIFY(!lastRead.data.crs.empty());
        const QString report = QString::fromStdString(lastRead.report.toText());
        QVERIFY2(report.contains("hazards feature 2 (A2) field 等级: value 7 is outside 1..3"),
                 qPrintable(report));

        // A required field left unmapped: the parameter is named.
        QString errors;
        QVariantMap missing = parameters;
        missing["HAZARDS_SEVERITY_FIELD"] = "";
        QVERIFY(!runHazardsRead(missing, &errors));
        QVERIFY2(errors.contains("HAZARDS_SEVERITY_FIELD"), qPrintable(errors));
        errors.clear();
        // A mapped field the layer lacks: the reader's message names layer and field.
        missing["HAZARDS_SEVERITY_FIELD"] = "grade";
        QVERIFY(runHazardsRead(missing));
        QVERIFY(QString::fromStdString(lastRead.report.toText()).contains("grade"));
        QCOMPARE(lastRead.report.count("missing_field"), std::size_t{1});
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestFeatureCopy)
#include "test_feature_copy.moc"
