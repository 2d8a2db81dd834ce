// `firebeat districts` as a user runs it on the sample: the summary, determinism, and bad input
// that exits 2 with a clear message and leaves no output behind.
#include "cli_test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace firebeat::test;

namespace {

const QString kSample = QStringLiteral(FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite");

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliDistricts : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

  private Q_SLOTS:
    void sampleWithTwelveDistricts() {
        const QString out = dir_.filePath("design.gpkg");
        const CliResult r = cli({"districts", "--input", kSample, "--zones", "12", "--reference-date",
                                 "2025-12-31", "--json", "--output", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value("blocks").toInt(), 153);
        QCOMPARE(o.value("districts").toInt(), 12);
        QVERIFY(o.value("within_10_pct").toBool() || o.value("ten_pct_impossible").toBool());
        QVERIFY(o.value("cv").toDouble() < o.value("current_cv").toDouble());
        QVERIFY(QFile::exists(out));
        // Only the output: no temporary file left beside it.
        QCOMPARE(QDir(dir_.path()).entryList({"design*"}, QDir::Files), QStringList{"design.gpkg"});
    }

    void sameSeedSameDesignAnyThreads() {
        const QStringList common = {"districts", "--input", kSample,   "--zones",          "8",
                                    "--seed",    "7",       "--quiet", "--reference-date", "2025-12-31"};
        const CliResult ra =
            cli(common + QStringList{"--threads", "1", "--json", "--output", dir_.filePath("c.gpkg")});
        const CliResult rb =
            cli(common + QStringList{"--threads", "3", "--json", "--output", dir_.filePath("d.gpkg")});
        const QJsonObject ja = QJsonDocument::fromJson(ra.out.toUtf8()).object();
        const QJsonObject jb = QJsonDocument::fromJson(rb.out.toUtf8()).object();
        QCOMPARE(ja.value("cv").toDouble(), jb.value("cv").toDouble());
        QCOMPARE(ja.value("largest_workload").toDouble(), jb.value("largest_workload").toDouble());
        QCOMPARE(ra.code, 0);
        QCOMPARE(rb.code, 0);
        QVERIFY(!fileBytes(dir_.filePath("c.gpkg")).isEmpty());
    }

    void badInputExitsTwoAndWritesNothing() {
        const QString out = dir_.filePath("bad.gpkg");
        const auto fails = [&](const QStringList& args, const QString& message) {
            const CliResult r = cli(QStringList{"districts", "--input", kSample, "--output", out} + args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QVERIFY(!QFile::exists(out));
        };
        fails({"--zones", "154"}, "154 districts need at least as many blocks");
        fails({"--zones", "0"}, "zones");
        fails({}, "--zones K or --target-hours H");
        fails({"--zones", "3", "--target-hours", "100"}, "one of the two");
        fails({"--zones", "3", "--workload-field", "name"}, "is not numeric");
        fails({"--zones", "3", "--villages-layer", "nowhere"}, "no layer 'nowhere'");
        fails({"--zones", "3", "--stations-layer", "units"}, "stations its own district");
    }
};

QTEST_GUILESS_MAIN(TestCliDistricts)
#include "test_cli_districts.moc"
