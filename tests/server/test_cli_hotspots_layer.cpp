// `firebeat hotspots --value-field` on layers unlike our data model (make_foreign_layers.py):
// villages in UTM 48N with an integer id `vid`, a numeric `hazards`, and Chinese field names. Gi*
// and Local Moran's I equal R spdep's (queen and distance band) joined on the layer's own id, and
// Local Moran's permutation p agrees with spdep's localmoran_perm within sampling error;
// every field of the layer is in the output under its own name with its values; only that layer
// is needed; the same villages as points give the distance-band numbers of the polygons.
#include "cli_test_support.h"
#include "foreign_layers.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <memory>

using namespace firebeat::test;

namespace {

constexpr double kThreshold = 600; // metres; villages are ~500 m across

struct RRow {
    int card = 0;
    double giZ = NAN;
    int bin = 0, binFdr = 0;
    double lisaI = NAN;
    double lisaP = NAN; // 9999 conditional permutations
};

double number(const QString& s) {
    return s == "NA" ? NAN : s.toDouble();
}

// (kind, id) -> spdep's row, from the CSV of hotspots_layer_reference.R.
std::map<std::pair<QString, QString>, RRow> readR(const QString& path) {
    std::map<std::pair<QString, QString>, RRow> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    file.readLine();
    while (!file.atEnd()) {
        QStringList f = QString::fromUtf8(file.readLine()).trimmed().split(',');
        for (QString& v : f)
            v.remove('"');
        out[{f[0], f[1]}] = {f[2].toInt(), number(f[3]), f[4].toInt(),
                             f[5].toInt(), number(f[6]), number(f[7])};
    }
    return out;
}

struct Output {
    std::map<QString, std::map<QString, QString>> rows; // id -> field -> value as text
    std::map<QString, OGRFieldType> types;
};

Output readOutput(const QString& gpkg, const char* layer, const char* idField) {
    Output out;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    if (!ds || !ds->GetLayerByName(layer))
        return out;
    OGRFeatureDefn* defn = ds->GetLayerByName(layer)->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        out.types[QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef())] = defn->GetFieldDefn(i)->GetType();
    for (auto& f : ds->GetLayerByName(layer)) {
        auto& row = out.rows[QString::fromUtf8(f->GetFieldAsString(idField))];
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            row[QString::fromUtf8(defn->GetFieldDefn(i)->GetNameRef())] =
                f->IsFieldSetAndNotNull(i) ? QString::fromUtf8(f->GetFieldAsString(i)) : QString("<null>");
    }
    return out;
}

} // namespace

class TestCliHotspotsLayer : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString gpkg_;
    std::map<std::pair<QString, QString>, RRow> spdep_;
    Output input_; // the villages as they are

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        gpkg_ = dir_.filePath("foreign.gpkg");
        const QString error = makeForeignLayers(gpkg_);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        input_ = readOutput(gpkg_, "villages", "vid");
        QCOMPARE(input_.rows.size(), std::size_t{80});

        QProcess probe;
        probe.start("Rscript", {"-e", "suppressPackageStartupMessages({library(spdep); library(sf)})"});
        const bool haveR = probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit &&
                           probe.exitCode() == 0;
        FIREBEAT_REQUIRE_PEER(haveR, "Rscript with spdep and sf (r-base-core r-cran-spdep r-cran-sf)");
        const QString csv = dir_.filePath("spdep.csv");
        QProcess r;
        r.start("Rscript", {FIREBEAT_SOURCE_DIR "/tests/algorithms/hotspots_layer_reference.R", gpkg_,
                            "villages", "vid", "hazards", QString::number(kThreshold), csv});
        QVERIFY(r.waitForFinished(300000));
        QVERIFY2(r.exitCode() == 0, r.readAllStandardError().constData());
        spdep_ = readR(csv);
        QCOMPARE(spdep_.size(), std::size_t{160});
    }

    void queenAndDistanceBandEqualSpdep_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("layer");
        QTest::addColumn<QStringList>("weights");
        QTest::newRow("queen") << "queen"
                               << "villages" << QStringList{"--weights", "queen", "--tolerance", "1e-6"};
        QTest::newRow("distance") << "distance"
                                  << "villages"
                                  << QStringList{"--weights", "distance", "--threshold",
                                                 QString::number(kThreshold)};
        // The villages' centroids as a point layer: the same distance-band neighbours and numbers.
        QTest::newRow("distance on points")
            << "distance"
            << "village_points"
            << QStringList{"--weights", "distance", "--threshold", QString::number(kThreshold)};
    }

    void queenAndDistanceBandEqualSpdep() {
        QFETCH(QString, kind);
        QFETCH(QString, layer);
        QFETCH(QStringList, weights);
        const QString out = dir_.filePath(QString("%1_%2.gpkg").arg(kind, layer));
        const CliResult r =
            cli(QStringList{"hotspots", "--input", gpkg_, "--villages-layer", layer, "--value-field",
                            "hazards", "--id-field", "vid", "--output", out, "--json", "--quiet"} +
                weights);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(s.value("features").toInt(), 80);
        QCOMPARE(s.value("crs").toString(), QString("EPSG:32648")); // the layer's own, not a GK zone
        const QString outputLayer = layer + "_hotspots";
        QCOMPARE(s.value("layer").toString(), outputLayer);

        const Output o = readOutput(out, outputLayer.toUtf8().constData(), "vid");
        QCOMPARE(o.rows.size(), std::size_t{80});
        // Every field of the layer, under its own name and type, with its values.
        for (const auto& [name, type] : input_.types) {
            QVERIFY2(o.types.count(name), qPrintable("missing field " + name));
            QCOMPARE(o.types.at(name), type);
        }
        for (const char* field : {"n_neighbours", "gi_z", "gi_p", "gi_bin", "gi_bin_fdr", "lisa_i", "lisa_p"})
            QVERIFY2(o.types.count(QString(field)), qPrintable(QString("missing statistic ") + field));
        double worstZ = 0, worstI = 0, worstP = 0;
        int hot = 0;
        for (const auto& [vid, fields] : input_.rows) {
            QVERIFY2(o.rows.count(vid), qPrintable("no output row for vid " + vid));
            const auto& row = o.rows.at(vid);
            for (const auto& [name, value] : fields)
                QCOMPARE(row.at(name), value);
            const RRow& e = spdep_.at({kind, vid});
            QCOMPARE(row.at("n_neighbours").toInt(), e.card);
            QCOMPARE(row.at("gi_bin").toInt(), e.bin);
            QCOMPARE(row.at("gi_bin_fdr").toInt(), e.binFdr);
            const double z = row.at("gi_z").toDouble(), i = row.at("lisa_i").toDouble();
            worstZ = std::max(worstZ, std::abs(z - e.giZ));
            worstI = std::max(worstI, std::abs(i - e.lisaI));
            // The permutation p: both sides estimate the same exact conditional tail, ours from
            // 999 draws, spdep's from 9999, so they agree within the sampling error of both
            // (4 standard errors) plus the (L + 1) / (nsim + 1) offsets.
            if (!std::isnan(e.lisaP)) {
                const double p = row.at("lisa_p").toDouble(), q = std::min(e.lisaP, 0.5);
                const double se = std::sqrt(q * (1 - q) / 999 + q * (1 - q) / 9999);
                worstP = std::max(worstP, std::abs(p - e.lisaP) / (4 * se + 2.0 / 1000));
            }
            hot += e.bin > 0;
        }
        qInfo("%s on %s: max |dz| %.2e, max |dI| %.2e, Local Moran p within %.2f of its tolerance, "
              "against spdep",
              qPrintable(kind), qPrintable(layer), worstZ, worstI, worstP);
        QVERIFY(worstZ < 1e-9);
        QVERIFY(worstI < 1e-9);
        QVERIFY(worstP > 0);  // p-values were compared
        QVERIFY(worstP <= 1); // every one within its tolerance
        QVERIFY(hot > 0);     // the planted cluster is found
    }

    // No id field: the feature id is the id, written as source_fid beside every field.
    void featureIdByDefault() {
        const QString out = dir_.filePath("fid.gpkg");
        const CliResult r = cli({"hotspots", "--input", gpkg_, "--villages-layer", "villages",
                                 "--value-field", "人口", "--output", out, "--quiet"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const Output o = readOutput(out, "villages_hotspots", "source_fid");
        QCOMPARE(o.rows.size(), std::size_t{80});
        QCOMPARE(o.rows.at("1").at("vid"), QString("5000"));
        QVERIFY(o.types.count("名称"));
    }

    // Mistakes name the layer, field and feature, and write nothing.
    void clearErrors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("text value") << QStringList{"--value-field", "名称"}
                                    << "field '名称' is String, not a number";
        QTest::newRow("missing field")
            << QStringList{"--value-field", "nope"} << "no field 'nope' to analyse";
        QTest::newRow("contiguity on points")
            << QStringList{"--villages-layer", "village_points", "--value-field",
                           "hazards",          "--id-field",     "vid"}
            << "feature '5000' is a point: queen and rook contiguity need polygons";
        QTest::newRow("multipart points")
            << QStringList{"--villages-layer", "points", "--value-field", "w", "--weights", "knn"}
            << "layer 'points' feature";
        QTest::newRow("hazard filter") << QStringList{"--value-field", "hazards", "--min-severity", "2"}
                                       << "min-severity: does not apply to value-field";
    }

    void clearErrors() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString out = dir_.filePath("bad.gpkg");
        const CliResult r =
            cli(QStringList{"hotspots", "--input", gpkg_, "--output", out, "--quiet"} + arguments);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliHotspotsLayer)
#include "test_cli_hotspots_layer.moc"
