// The JSON API (/api/...) of `firebeat serve`: the coverage and officer rows equal, field by
// field, what `firebeat coverage` writes for the same data, date and window (on the sample and
// on the hand-made town of the trend tests); the trend equals the hand count of that town; a row
// appended to the database shows in the next answer; bad parameters answer 400 naming them.
#include "../algorithms/test_trend_fixture.h"
#include "server_process.h"

#include "firebeat/dataset_writer.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

using namespace firebeat;
using namespace firebeat::test;

namespace {

QJsonObject getJson(const QString& base, const QByteArray& target, int expectedStatus = 200) {
    const RawReply r = rawGet(base, target);
    if (r.status != expectedStatus)
        qWarning("%s: %d %s", target.constData(), r.status, r.body.constData());
    return r.status == expectedStatus && r.contentType == "application/json"
               ? QJsonDocument::fromJson(r.body).object()
               : QJsonObject();
}

// Runs `firebeat coverage ARGS --output OUT`; empty when it succeeded, else its stderr.
QString runCoverage(const QStringList& arguments, const QString& output) {
    QProcess p;
    p.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
            QStringList{"coverage"} + arguments + QStringList{"--quiet", "--output", output});
    p.waitForFinished(300000);
    return p.exitCode() == 0 ? QString() : QString::fromUtf8(p.readAllStandardError());
}

// Compares every field of every row of `layer` in the GeoPackage with the API's rows (same order,
// same names, same values; date-times as instants). Returns the first difference, or empty.
QString compareLayer(const QString& gpkg, const char* layerName, const QJsonArray& rows) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
    OGRLayer* layer = ds ? ds->GetLayerByName(layerName) : nullptr;
    if (!layer)
        return QString("no layer ") + layerName;
    if (layer->GetFeatureCount() != rows.size())
        return QString("%1 rows written, %2 served").arg(layer->GetFeatureCount()).arg(rows.size());
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    int i = 0;
    for (const auto& feature : *layer) {
        const QJsonObject row = rows[i++].toObject();
        if (row.size() != defn->GetFieldCount())
            return QString("row %1: %2 fields served, %3 written")
                .arg(i)
                .arg(row.size())
                .arg(defn->GetFieldCount());
        for (int f = 0; f < defn->GetFieldCount(); ++f) {
            const OGRFieldDefn* field = defn->GetFieldDefn(f);
            const QString name = QString::fromUtf8(field->GetNameRef());
            if (!row.contains(name))
                return "field " + name + " not served";
            const QJsonValue v = row[name];
            const QString where = QString("row %1 field %2: ").arg(i).arg(name);
            if (feature->IsFieldNull(f)) {
                if (!v.isNull())
                    return where + "null written, not served null";
                continue;
            }
            bool same = false;
            if (field->GetType() == OFTReal)
                same = v.isDouble() && v.toDouble() == feature->GetFieldAsDouble(f);
            else if (field->GetSubType() == OFSTBoolean)
                same = v.isBool() && v.toBool() == (feature->GetFieldAsInteger(f) != 0);
            else if (field->GetType() == OFTInteger || field->GetType() == OFTInteger64)
                same = v.isDouble() && v.toInteger() == feature->GetFieldAsInteger64(f);
            else if (field->GetType() == OFTDateTime) {
                int y, mo, d, h, mi, tz;
                float s;
                feature->GetFieldAsDateTime(f, &y, &mo, &d, &h, &mi, &s, &tz);
                const QDateTime written(QDate(y, mo, d), QTime(h, mi, static_cast<int>(s)),
                                        QTimeZone(tz > 1 ? (tz - 100) * 15 * 60 : 0));
                same = QDateTime::fromString(v.toString(), Qt::ISODate) == written;
            } else
                same = v.toString() == QString::fromUtf8(feature->GetFieldAsString(f));
            if (!same)
                return where + QString("written %1, served %2")
                                   .arg(QString::fromUtf8(feature->GetFieldAsString(f)),
                                        QString::fromUtf8(
                                            QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)));
        }
    }
    return {};
}

// {inspections, units inspected, found, rectified, open} of each step of a /api/trend answer.
QList<QList<int>> trendCounts(const QJsonObject& trend) {
    QList<QList<int>> out;
    for (const QJsonValue& s : trend["steps"].toArray()) {
        const QJsonObject o = s.toObject();
        out.append({o["inspections"].toInt(-1), o["units_inspected"].toInt(-1), o["hazards_found"].toInt(-1),
                    o["hazards_rectified"].toInt(-1), o["open_hazards"].toInt(-1)});
    }
    return out;
}

// Appends a hotline hazard at (x, y) of the town (EPSG:4543) through OGR: another connection.
QString appendHazard(const QString& path, double x, double y, const char* foundAt) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    OGRLayer* layer = ds ? ds->GetLayerByName("hazards") : nullptr;
    if (!layer)
        return "cannot open the hazards of " + path + " for writing";
    OGRFeature feature(layer->GetLayerDefn());
    feature.SetField("hazard_id", "H_NEW");
    feature.SetField("category", "EBIKE");
    feature.SetField("severity", 2);
    feature.SetField("found_at", foundAt);
    feature.SetField("source", "hotline_96119");
    OGRPoint point(x, y);
    feature.SetGeometry(&point);
    return layer->CreateFeature(&feature) == OGRERR_NONE ? QString() : "CreateFeature failed";
}

} // namespace

class TestServerApi : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QProcess sample_, town_;
    QString sampleBase_, townBase_, townPath_;

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        QVERIFY(dir_.isValid());
        sampleBase_ = startServer(sample_, {});
        QVERIFY(!sampleBase_.isEmpty());
        townPath_ = dir_.filePath("town.sqlite");
        writeDataset(trendTown(), townPath_.toStdString());
        townBase_ = startServer(town_, {"--input", townPath_, "--crs", "EPSG:4543"});
        QVERIFY(!townBase_.isEmpty());
    }

    void cleanupTestCase() {
        stopServer(sample_);
        stopServer(town_);
    }

    // The sample at the data's latest day and at an earlier one, with two windows.
    void sampleEqualsTheCoverageCommand_data() {
        QTest::addColumn<QString>("date");
        QTest::addColumn<int>("days");
        QTest::newRow("latest day, a year") << QString() << 365;
        QTest::newRow("2026-06-30, 90 days") << QString("2026-06-30") << 90;
    }

    void sampleEqualsTheCoverageCommand() {
        QFETCH(QString, date);
        QFETCH(int, days);
        if (date.isEmpty()) { // the default reference: the latest activity, here as its day
            const QJsonObject latest = getJson(sampleBase_, "/api/hazards");
            date = QDateTime::fromString(latest["reference_date"].toString(), Qt::ISODate)
                       .toOffsetFromUtc(8 * 3600)
                       .toString("yyyy-MM-dd");
            QVERIFY2(date.startsWith("2026-"), qPrintable(date));
        }
        const QString gpkg = dir_.filePath("sample-" + date + ".gpkg");
        QCOMPARE(runCoverage({"--input", FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite",
                              "--reference-date", date, "--window-days", QString::number(days)},
                             gpkg),
                 QString());
        const QByteArray query =
            "?reference_date=" + date.toUtf8() + "&window_days=" + QByteArray::number(days);
        const QJsonObject coverage = getJson(sampleBase_, "/api/coverage" + query);
        QCOMPARE(coverage["window_days"].toInt(), days);
        QCOMPARE(coverage["districts"].toArray().size(), 12);
        QCOMPARE(compareLayer(gpkg, "district_coverage", coverage["districts"].toArray()), QString());
        const QJsonObject officers = getJson(sampleBase_, "/api/officers" + query);
        QVERIFY(officers["officers"].toArray().size() >= 95);
        QCOMPARE(compareLayer(gpkg, "officer_workload", officers["officers"].toArray()), QString());
    }

    void townEqualsTheCoverageCommand() {
        const QString gpkg = dir_.filePath("town.gpkg");
        QCOMPARE(runCoverage({"--input", townPath_, "--crs", "EPSG:4543", "--reference-date", "2026-03-31",
                              "--window-days", "90"},
                             gpkg),
                 QString());
        const QByteArray query = "?reference_date=2026-03-31&window_days=90";
        const QJsonArray districts = getJson(townBase_, "/api/coverage" + query)["districts"].toArray();
        QCOMPARE(districts.size(), 2);
        QCOMPARE(compareLayer(gpkg, "district_coverage", districts), QString());
        QCOMPARE(compareLayer(gpkg, "officer_workload",
                              getJson(townBase_, "/api/officers" + query)["officers"].toArray()),
                 QString());
        // One district's rows only.
        const QJsonArray b2 =
            getJson(townBase_, "/api/coverage" + query + "&district=B2")["districts"].toArray();
        QCOMPARE(b2.size(), 1);
        QCOMPARE(b2[0].toObject(), districts[1].toObject());
    }

    // The hand counts of tests/algorithms/test_trend.cpp, through the database and the server.
    void townTrendEqualsTheHandCount() {
        const QJsonObject city = getJson(townBase_, "/api/trend?from=2026-01-01&to=2026-03-31&step=month");
        QCOMPARE(trendCounts(city), (QList<QList<int>>{{3, 1, 2, 1, 2}, {2, 2, 2, 1, 3}, {2, 1, 1, 1, 3}}));
        QCOMPARE(city["steps"].toArray()[0].toObject()["label"].toString(), QString("2026-01-01"));
        const QJsonObject b2 =
            getJson(townBase_, "/api/trend?district=B2&from=2026-01-01&to=2026-03-31&step=month");
        QCOMPARE(trendCounts(b2), (QList<QList<int>>{{0, 0, 0, 0, 0}, {1, 1, 1, 0, 1}, {2, 1, 1, 1, 1}}));
        const QJsonObject weeks = getJson(townBase_, "/api/trend?from=2026-01-01&to=2026-03-31&step=week");
        QCOMPARE(weeks["steps"].toArray().size(), 14);
        QCOMPARE(trendCounts(weeks)[4], (QList<int>{2, 1, 0, 0, 2})); // 26 Jan - 1 Feb
        // Open on 31 March: h2 (EVAC_BLOCKED, 3), h4 (EBIKE, 2), h9 (FIRE_LANE, 1).
        const QJsonObject open = getJson(townBase_, "/api/hazards?reference_date=2026-03-31");
        QCOMPARE(open["open_hazards"].toInt(), 3);
        for (const QJsonValue& c : open["categories"].toArray()) {
            const QJsonObject o = c.toObject();
            const QString code = o["category"].toString();
            QCOMPARE(o["open_sev3"].toInt(), code == "EVAC_BLOCKED" ? 1 : 0);
            QCOMPARE(o["open_sev2"].toInt(), code == "EBIKE" ? 1 : 0);
            QCOMPARE(o["open_sev1"].toInt(), code == "FIRE_LANE" ? 1 : 0);
        }
    }

    void badParametersAre400NamingThem_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("parameter");
        QTest::newRow("date") << QByteArray("/api/coverage?reference_date=yesterday") << "reference_date";
        QTest::newRow("window 0") << QByteArray("/api/coverage?window_days=0") << "window_days";
        QTest::newRow("window text") << QByteArray("/api/officers?window_days=a%20year") << "window_days";
        QTest::newRow("district") << QByteArray("/api/officers?district=ZZ") << "district";
        QTest::newRow("step") << QByteArray("/api/trend?step=day") << "step";
        QTest::newRow("from") << QByteArray("/api/trend?from=2026-13-01") << "from";
        QTest::newRow("to before from") << QByteArray("/api/trend?from=2026-03-01&to=2026-02-01") << "to";
        QTest::newRow("unknown") << QByteArray("/api/trend?distric=A1") << "distric";
        QTest::newRow("twice") << QByteArray("/api/hazards?district=A1&district=B2") << "district";
    }

    void badParametersAre400NamingThem() {
        QFETCH(QByteArray, target);
        QFETCH(QString, parameter);
        const QJsonObject error = getJson(townBase_, target, 400);
        QCOMPARE(error["parameter"].toString(), parameter);
        QVERIFY2(error["error"].toString().startsWith(parameter + ": "),
                 qPrintable(error["error"].toString()));
    }

    // A hazard appended by another connection shows in the next trend and coverage answers.
    void appendedRowsShowInTheNextAnswer() {
        const QByteArray trend = "/api/trend?district=B2&from=2026-01-01&to=2026-03-31&step=month";
        const QByteArray coverage = "/api/coverage?reference_date=2026-03-31&window_days=90&district=B2";
        QCOMPARE(trendCounts(getJson(townBase_, trend))[2], (QList<int>{2, 1, 1, 1, 1}));
        QCOMPARE(getJson(townBase_, coverage)["districts"][0]["hazards_found"].toInt(), 2);
        QCOMPARE(appendHazard(townPath_, 3500, 1500, "2026-03-20T09:00:00+08:00"), QString());
        QCOMPARE(trendCounts(getJson(townBase_, trend))[2], (QList<int>{2, 1, 2, 1, 2}));
        QCOMPARE(getJson(townBase_, coverage)["districts"][0]["hazards_found"].toInt(), 3);
    }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "test_server_api.moc"
