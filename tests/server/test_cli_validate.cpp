// `firebeat validate` and `firebeat sample` as a user runs them: exit codes, text and JSON.
#include "cli_test_support.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace firebeat::test;

class TestCliValidate : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private Q_SLOTS:
    void cleanSourceExitsZero() {
        const QString file = dir_.filePath("clean.gpkg");
        writeLayers(file.toStdString(), minimalDataset());
        const CliResult r = cli({"validate", file});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("no problems found"), qPrintable(r.out));
        QVERIFY(r.out.contains("analysis CRS: EPSG:4543"));
    }

    void problemsExitOneAndJsonListsThem() {
        const QString file = dir_.filePath("broken.gpkg");
        auto layers = minimalDataset();
        layerNamed(layers, "hazards").features[1].second["found_at"] = "<null>";
        writeLayers(file.toStdString(), layers);
        const CliResult r = cli({"validate", "--json", file});
        QCOMPARE(r.code, 1);
        const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(report.value("errors").toInt(), 1);
        const QJsonObject p = report.value("problems").toArray().first().toObject();
        QCOMPARE(p.value("code").toString(), QString("missing_value"));
        QCOMPARE(p.value("layer").toString(), QString("hazards"));
        QCOMPARE(p.value("field").toString(), QString("found_at"));
        QCOMPARE(p.value("feature_id").toString(), QString("H2"));
        QCOMPARE(p.value("fid").toInt(), 2);
    }

    void badArgumentsExitTwo() {
        QCOMPARE(cli({"validate"}).code, 2);
        QCOMPARE(cli({"validate", "--no-such-option", "x"}).code, 2);
        const CliResult unknownCrs = cli({"validate", "--crs", "EPSG:999999", dir_.filePath("clean.gpkg")});
        QCOMPARE(unknownCrs.code, 2);
        QVERIFY(unknownCrs.err.contains("--crs"));
        const CliResult missing = cli({"validate", dir_.filePath("missing.gpkg")});
        QCOMPARE(missing.code, 2);
        QVERIFY(missing.err.contains("cannot open data source"));
        QCOMPARE(cli({"frobnicate"}).code, 2);
    }

    void committedSampleIsClean() {
        const CliResult r = cli({"validate", FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliValidate)
#include "test_cli_validate.moc"
