// `firebeat emerging` on the sample layers with their planted space-time patterns: the new hot
// spot (reports only in the last month), the intensifying one and the one a campaign stopped are
// found as such, and are the villages sample-layers/README.md names; the bins table covers every village and
// month; bad input exits 2 with a message naming what is wrong, and writes nothing.
#include "firebeat/dataset_writer.h"
#include "firebeat/sample_generator.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <memory>

using namespace firebeat;

namespace {

struct Run {
    int code = -1;
    QString out, err;
};

Run cli(const QStringList& arguments) {
    QProcess p;
    p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")), arguments);
    p.waitForFinished(300000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

// village id -> pattern of the emerging_hotspots layer.
std::map<std::string, std::string> patterns(const QString& gpkg) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    std::map<std::string, std::string> out;
    if (!ds)
        return out;
    OGRLayer* layer = ds->GetLayerByName("emerging_hotspots");
    if (!layer)
        return out;
    for (auto& f : *layer)
        out[f->GetFieldAsString("village_id")] = f->GetFieldAsString("pattern");
    return out;
}

} // namespace

class TestCliEmerging : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString sample_;
    SamplePlanted planted_;

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        SampleOptions options;
        options.emergingPatterns = true;
        const Dataset data = generateSample(options, nullptr, &planted_);
        sample_ = dir_.filePath("sample.gpkg");
        writeDataset(data, sample_.toStdString());
    }

    void findsThePlantedPatterns() {
        const QString out = dir_.filePath("emerging.gpkg");
        const Run run = cli({"emerging", "--quiet", "--input", sample_, "--id-field", "village_id",
                             "--reference-date", "2026-11-28", "--output", out});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const auto found = patterns(out);
        QCOMPARE(found.size(), std::size_t{153});
        for (const auto& [id, pattern] : found)
            if (pattern != "No Pattern Detected")
                qInfo("%s: %s", id.c_str(), pattern.c_str());
        QCOMPARE(found.at(planted_.emergingNewVillage), std::string("New Hot Spot"));
        QCOMPARE(found.at(planted_.emergingIntensifyingVillage), std::string("Intensifying Hot Spot"));
        QCOMPARE(found.at(planted_.emergingCampaignVillage), std::string("Historical Hot Spot"));
        // The ids sample-layers/README.md gives for the default seed.
        QCOMPARE(planted_.emergingNewVillage, std::string("V052"));
        QCOMPARE(planted_.emergingIntensifyingVillage, std::string("V114"));
        QCOMPARE(planted_.emergingCampaignVillage, std::string("V143"));

        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(out.toUtf8().constData(), GDAL_OF_VECTOR));
        OGRLayer* bins = ds->GetLayerByName("emerging_bins");
        QVERIFY(bins);
        QCOMPARE(bins->GetFeatureCount(), GIntBig{153 * 12}); // Dec 2025 .. Nov 2026
    }

    void badInputWritesNothing() {
        const QString out = dir_.filePath("bad.gpkg");
        Run run = cli(
            {"emerging", "--quiet", "--input", sample_, "--reference-date", "2025-10-31", "--output", out});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("no event on or before"), qPrintable(run.err));
        run = cli({"emerging", "--quiet", "--input", sample_, "--output", out});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("reference-date"), qPrintable(run.err));
        run = cli({"emerging", "--quiet", "--input", sample_, "--reference-date", "2026-11-28",
                   "--time-field", "when", "--output", out});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("no field when"), qPrintable(run.err));
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCliEmerging)
#include "test_cli_emerging.moc"
