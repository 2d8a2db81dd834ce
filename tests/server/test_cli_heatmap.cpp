// `firebeat heatmap` as a user runs it: the GeoTIFF it writes, its summary, its errors, and
// that a failed or interrupted run leaves no file behind.
#include "cli_test_support.h"
#include "fixtures.h"

#include <gdal_priv.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace firebeat::test;

class TestCliHeatmap : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString source_;

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        source_ = dir_.filePath("data.gpkg");
        auto layers = minimalDataset();
        auto& hazards = layerNamed(layers, "hazards");
        hazards.fields.push_back({"weight", "real"});
        for (auto& [wkt, values] : hazards.features)
            values["weight"] = "2";
        writeLayers(source_.toStdString(), layers);
    }

    void writesGeoTiffAndSummary() {
        const QString out = dir_.filePath("h.tif");
        const CliResult r = cli({"heatmap", "--input", source_, "--output", out, "--radius", "300",
                                 "--pixel-size", "10", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(s.value("points").toInt(), 3);
        QCOMPARE(s.value("total_weight").toDouble(), 1.0 + 4.0 + 2.0); // severities 1, 3, 2 weigh 1, 4, 2
        QCOMPARE(s.value("crs").toString(), QString("EPSG:4543"));
        GDALDataset* ds = GDALDataset::Open(out.toUtf8().constData(), GDAL_OF_RASTER);
        QVERIFY(ds);
        QCOMPARE(ds->GetRasterXSize(), s.value("width").toInt());
        QCOMPARE(ds->GetRasterBand(1)->GetRasterDataType(), GDT_Float32);
        QCOMPARE(QString(ds->GetMetadataItem("filter_min_severity")), QString("1"));
        QCOMPARE(QString(ds->GetMetadataItem("weight")), QString("severity"));
        // Density integrates to the total weight: sum x pixel area (km2).
        double minMax[2];
        GDALComputeRasterMinMax(ds->GetRasterBand(1), FALSE, minMax);
        QCOMPARE(minMax[1], s.value("max").toDouble());
        std::vector<float> values(static_cast<std::size_t>(ds->GetRasterXSize()) * ds->GetRasterYSize());
        QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, ds->GetRasterXSize(), ds->GetRasterYSize(),
                                                values.data(), ds->GetRasterXSize(), ds->GetRasterYSize(),
                                                GDT_Float32, 0, 0),
                 CE_None);
        double sum = 0;
        for (float v : values)
            sum += v;
        QVERIFY(std::abs(sum * 10 * 10 / 1e6 - 7.0) < 7.0 * 1e-3);
        GDALClose(ds);
    }

    void weightFieldAndFilters() {
        const QString out = dir_.filePath("w.tif");
        const CliResult r =
            cli({"heatmap", "--input", source_, "--output", out, "--radius", "300", "--pixel-size", "10",
                 "--weight-field", "weight", "--min-severity", "2", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject s = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(s.value("points").toInt(), 2);
        QCOMPARE(s.value("total_weight").toDouble(), 4.0);
    }

    // --compress reaches the file: zstd and none as asked, the values the same as DEFLATE's.
    void compressionAsAsked() {
        std::vector<float> reference;
        for (const QString compress : {"deflate", "zstd", "none"}) {
            const QString out = dir_.filePath("c-" + compress + ".tif");
            const CliResult r = cli({"heatmap", "--input", source_, "--output", out, "--radius", "300",
                                     "--pixel-size", "10", "--compress", compress});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            GDALDataset* ds = GDALDataset::Open(out.toUtf8().constData(), GDAL_OF_RASTER);
            QVERIFY(ds);
            const char* method = ds->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE");
            QCOMPARE(QString(method ? method : "none").toLower(), compress);
            std::vector<float> values(static_cast<std::size_t>(ds->GetRasterXSize()) * ds->GetRasterYSize());
            QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, ds->GetRasterXSize(), ds->GetRasterYSize(),
                                                    values.data(), ds->GetRasterXSize(), ds->GetRasterYSize(),
                                                    GDT_Float32, 0, 0),
                     CE_None);
            GDALClose(ds);
            if (reference.empty())
                reference = values;
            QVERIFY(values == reference);
        }
    }

    void badParametersExitTwoAndWriteNothing() {
        const QString out = dir_.filePath("bad.tif");
        const QStringList base = {"heatmap", "--input", source_, "--output", out};
        const QList<QPair<QStringList, QString>> cases = {
            {{"--radius", "-5", "--pixel-size", "10"}, "radius: expected a number >= 0"},
            {{"--radius", "0", "--pixel-size", "10"}, "radius: expected a positive number"},
            {{"--radius", "300", "--pixel-size", "0"}, "pixel-size: expected a positive number"},
            {{"--radius", "300", "--pixel-size", "100000"}, "larger than the extent"},
            {{"--radius", "300", "--pixel-size", "10", "--weight-field", "nope"}, "nope"},
            {{"--radius", "300", "--pixel-size", "10", "--categories", "SMOKING"}, "SMOKING"},
            {{"--radius", "300", "--pixel-size", "10", "--from", "2027-01-01"}, "leave no hazard"},
            {{"--radius", "300", "--pixel-size", "10", "--kernel", "cosine"}, "kernel"},
            {{"--radius", "300", "--pixel-size", "10", "--qgis-compatible"}, "output-value raw or scaled"},
            {{"--radius", "300", "--pixel-size", "10", "--auto-radius"}, "auto-radius: give either"},
            {{"--pixel-size", "10", "--extent", "5,5,1,1"}, "extent: expected xmin,ymin,xmax,ymax"},
            {{"--radius", "300", "--pixel-size", "10", "--compress", "lzw"}, "compress"},
        };
        for (const auto& [extra, message] : cases) {
            const CliResult r = cli(base + extra);
            QVERIFY2(r.code == 2, qPrintable(extra.join(' ') + ": " + r.err));
            QVERIFY2(r.err.contains(message), qPrintable(extra.join(' ') + ": " + r.err));
            QVERIFY(!QFile::exists(out));
        }
        QVERIFY(QDir(dir_.path()).entryList({"*.tmp*", "*tmp*.tif"}).isEmpty());
    }

    void interruptedRunLeavesNoFile() {
        // FIREBEAT_TEST_HOLD makes the run wait at its first progress report until interrupted, so
        // the interrupt lands mid-run however fast the machine is.
        const QString out = dir_.filePath("big.tif");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("FIREBEAT_TEST_HOLD", "1");
        p.setProcessEnvironment(env);
        p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                {"heatmap", "--input", source_, "--output", out, "--radius", "3000", "--pixel-size", "10",
                 "--quiet"});
        p.setReadChannel(QProcess::StandardError);
        QVERIFY(p.waitForStarted());
        QByteArray err;
        while (!err.contains("holding for an interrupt") && p.waitForReadyRead(30000))
            err += p.readAllStandardError();
        QVERIFY2(err.contains("holding for an interrupt"), err.constData());
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        err += p.readAllStandardError();
        QVERIFY2(QString::fromUtf8(err).contains("cancelled"), err.constData());
        QVERIFY(!QFile::exists(out));
        const QStringList left = QDir(dir_.path()).entryList({"big*"});
        QVERIFY2(left.isEmpty(), qPrintable(left.join(',')));
    }
};

QTEST_GUILESS_MAIN(TestCliHeatmap)
#include "test_cli_heatmap.moc"
