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
#include <gdal_utils.h>
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

// village id -> (month index -> count) of the emerging_bins table.
std::map<std::string, std::map<int, int>> binCounts(const QString& gpkg) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    std::map<std::string, std::map<int, int>> out;
    OGRLayer* layer = ds ? ds->GetLayerByName("emerging_bins") : nullptr;
    if (!layer)
        return out;
    for (auto& f : *layer)
        out[f->GetFieldAsString("village_id")][f->GetFieldAsInteger("month_index")] =
            f->GetFieldAsInteger("count");
    return out;
}

// The EPSG code of a layer's CRS (0: none).
int epsgOf(const QString& gpkg, const char* layerName) {
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    OGRLayer* layer = ds ? ds->GetLayerByName(layerName) : nullptr;
    const OGRSpatialReference* srs = layer ? layer->GetSpatialRef() : nullptr;
    return srs && srs->GetAuthorityCode(nullptr) ? std::atoi(srs->GetAuthorityCode(nullptr)) : 0;
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

    // The data-source options of the other commands: --gcj02 reads points exported in GCJ-02,
    // --map names the layers and fields, --crs the CRS analysed in (and written).
    void sourceOptions() {
        const QString reference = dir_.filePath("reference.gpkg");
        Run run = cli({"emerging", "--quiet", "--input", sample_, "--id-field", "village_id",
                       "--reference-date", "2026-11-28", "--output", reference});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        const auto counts = binCounts(reference);
        QCOMPARE(counts.size(), std::size_t{153});
        QCOMPARE(epsgOf(reference, "emerging_hotspots"), 4543); // the sample's Gauss-Kruger zone

        // The same sample with its point layers in GCJ-02: the same bins with --gcj02, not without.
        SampleOptions shifted;
        shifted.emergingPatterns = true;
        shifted.gcj02 = true;
        const QString gcj = dir_.filePath("gcj02.gpkg");
        writeDataset(generateSample(shifted), gcj.toStdString());
        const QString out = dir_.filePath("gcj02-out.gpkg");
        run = cli({"emerging", "--quiet", "--input", gcj, "--gcj02", "--id-field", "village_id",
                   "--reference-date", "2026-11-28", "--output", out});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QCOMPARE(binCounts(out), counts);
        run = cli({"emerging", "--quiet", "--input", gcj, "--id-field", "village_id", "--reference-date",
                   "2026-11-28", "--output", out});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QVERIFY(binCounts(out) != counts); // ~360 m off: events land in other villages

        // Renamed layers and time field, read through --map; another Gauss-Kruger zone by --crs.
        const QString renamed = dir_.filePath("renamed.gpkg");
        {
            const std::string in = sample_.toStdString(), to = renamed.toStdString();
            GDALDatasetH src = GDALOpenEx(in.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr);
            QVERIFY(src);
            const auto translate = [&](std::vector<const char*> args) {
                args.push_back(nullptr);
                GDALVectorTranslateOptions* o =
                    GDALVectorTranslateOptionsNew(const_cast<char**>(args.data()), nullptr);
                GDALDatasetH made = GDALVectorTranslate(to.c_str(), nullptr, 1, &src, o, nullptr);
                GDALVectorTranslateOptionsFree(o);
                return made ? (GDALClose(made), true) : false;
            };
            QVERIFY(
                translate({"-f", "GPKG", "-nln", "村界", "-sql", "SELECT village_id, geom FROM villages"}));
            QVERIFY(translate({"-update", "-nln", "隐患", "-sql",
                               "SELECT hazard_id, found_at AS 发现时间, geom FROM hazards"}));
            GDALClose(src);
        }
        const QString mapped = dir_.filePath("mapped.gpkg");
        run = cli({"emerging", "--quiet", renamed, "--map", "villages=村界", "--map", "hazards=隐患", "--map",
                   "hazards.found_at=发现时间", "--crs", "EPSG:4544", "--id-field", "village_id",
                   "--reference-date", "2026-11-28", "--output", mapped});
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QCOMPARE(binCounts(mapped), counts);
        QCOMPARE(patterns(mapped), patterns(reference));
        QCOMPARE(epsgOf(mapped, "emerging_hotspots"), 4544);
        // A filter needing a field the renamed layer lacks is named.
        run = cli({"emerging", "--quiet", renamed, "--map", "villages=村界", "--map", "hazards=隐患", "--map",
                   "hazards.found_at=发现时间", "--min-severity", "2", "--reference-date", "2026-11-28",
                   "--output", dir_.filePath("none.gpkg")});
        QCOMPARE(run.code, 2);
        QVERIFY2(run.err.contains("no field severity"), qPrintable(run.err));
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
