// `firebeat report`: the HTML report of one district of the sample parses as HTML (Python's
// html.parser, every tag closed in order), has every section, its numbers equal the server's
// /api/... answers for the same data, date, window and district, its map images are embedded,
// and headless Chromium prints it to a PDF of the expected page count (pdfinfo).
#include "server_process.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace firebeat::test;

namespace {

const QString kSample = FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite";
const QString kDate = "2026-10-31";
const QString kDistrict = "D01";

QJsonObject api(const QString& base, const QByteArray& target) {
    const RawReply r = rawGet(base, target);
    if (r.status != 200)
        qWarning("%s: %d %s", target.constData(), r.status, r.body.constData());
    return QJsonDocument::fromJson(r.body).object();
}

QString run(const QString& program, const QStringList& arguments, int* exitCode = nullptr) {
    QProcess p;
    p.start(program, arguments);
    p.waitForFinished(300000);
    if (exitCode)
        *exitCode = p.exitCode();
    if (p.exitCode() != 0)
        qWarning("%s: %s", qPrintable(program), p.readAllStandardError().constData());
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The text a report cell shows for an API value: numbers with `decimals` digits, null as "—".
QString shown(const QJsonValue& v, int decimals) {
    if (v.isNull())
        return "—";
    if (v.isString())
        return v.toString();
    return QString::number(v.toDouble(), 'f', decimals);
}

// Every data-field cell of `row` equals the API object's field, displayed as the report does.
QString compareRow(const QJsonObject& cells, const QJsonObject& api, const QString& what) {
    static const QSet<QString> oneDecimal = {"gap_score", "coverage_pct", "target_visits", "completion_pct"};
    for (auto it = cells.begin(); it != cells.end(); ++it) {
        if (it.key() == "_attrs" || it.key() == "label")
            continue;
        if (!api.contains(it.key()))
            return what + ": no API field " + it.key();
        const QString expected = shown(api[it.key()], oneDecimal.contains(it.key()) ? 1 : 0);
        if (it.value().toString() != expected)
            return what + " " + it.key() + ": report " + it.value().toString() + ", API " + expected;
    }
    return {};
}

} // namespace

class TestServerReport : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QProcess server_;
    QString base_;
    QString report_;
    QJsonObject parsed_;

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        base_ = startServer(server_, {});
        QVERIFY(!base_.isEmpty());
        report_ = dir_.filePath("report.html");
        int code = -1;
        const QString out = run(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                                {"report", "--input", kSample, "--reference-date", kDate, "--window-days",
                                 "180", "--district", kDistrict, "--quiet", "--output", report_},
                                &code);
        QCOMPARE(code, 0);
        QVERIFY2(out.contains("wrote"), qPrintable(out));
        const QString json =
            run("python3", {FIREBEAT_SOURCE_DIR "/tests/server/report_html.py", report_}, &code);
        QCOMPARE(code, 0);
        parsed_ = QJsonDocument::fromJson(json.toUtf8()).object();
        QVERIFY2(!parsed_.isEmpty(), qPrintable(json));
        // Kept next to the dashboard's screenshot for a look.
        const QString kept = QStringLiteral(FIREBEAT_BINARY_DIR "/test-artifacts/report.html");
        QDir().mkpath(QFileInfo(kept).path());
        QFile::remove(kept);
        QFile::copy(report_, kept);
    }

    void cleanupTestCase() { stopServer(server_); }

    void parsesWithEverySection() {
        QCOMPARE(parsed_["errors"].toArray(), QJsonArray());
        QCOMPARE(parsed_["sections"].toArray(),
                 (QJsonArray{"summary", "ranking", "officers", "trend", "hazards"}));
        QCOMPARE(parsed_["images"].toInt(), 2); // heatmap and coverage map
        QCOMPARE(parsed_["svgs"].toInt(), 4);   // ranking, officers, trend, hazards
        const QByteArray html = [&] {
            QFile f(report_);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(!html.contains("http://") || !html.contains("src=\"http")); // self-contained
        QVERIFY(html.contains("@page"));
    }

    void numbersEqualTheApi() {
        const QByteArray window = "reference_date=" + kDate.toUtf8() + "&window_days=180";
        const QJsonObject tables = parsed_["tables"].toObject();

        // Every district's row (the chosen one marked), in rank order.
        const QJsonArray districts = api(base_, "/api/coverage?" + window)["districts"].toArray();
        const QJsonArray rows = tables["districts"].toArray();
        QCOMPARE(rows.size(), districts.size());
        int chosen = 0;
        for (const QJsonValue& row : rows) {
            const QString id = row["_attrs"]["data-district"].toString();
            const auto match = std::find_if(districts.begin(), districts.end(), [&](const QJsonValue& d) {
                return d["district_id"].toString() == id;
            });
            QVERIFY2(match != districts.end(), qPrintable(id));
            QCOMPARE(compareRow(row.toObject(), match->toObject(), id), QString());
            chosen += id == kDistrict;
        }
        QCOMPARE(chosen, 1);

        // The key figures are the chosen district's.
        const QJsonObject mine =
            api(base_, "/api/coverage?" + window + "&district=" + kDistrict.toUtf8())["districts"][0]
                .toObject();
        QCOMPARE(compareRow(parsed_["kpis"].toObject(), mine, "key figures"), QString());

        // Officers of the district.
        const QJsonArray officers =
            api(base_, "/api/officers?" + window + "&district=" + kDistrict.toUtf8())["officers"].toArray();
        const QJsonArray officerRows = tables["officer-table"].toArray();
        QVERIFY(!officers.isEmpty());
        QCOMPARE(officerRows.size(), officers.size());
        for (const QJsonValue& row : officerRows) {
            const QString id = row["_attrs"]["data-officer"].toString();
            const auto match = std::find_if(officers.begin(), officers.end(), [&](const QJsonValue& o) {
                return o["officer_id"].toString() == id;
            });
            QVERIFY2(match != officers.end(), qPrintable(id));
            QJsonObject cells = row.toObject();
            cells.remove("name");
            QCOMPARE(compareRow(cells, match->toObject(), id), QString());
        }

        // Twelve months to the reference date.
        const QJsonArray steps =
            api(base_, "/api/trend?district=" + kDistrict.toUtf8() + "&from=2025-11-01&to=" + kDate.toUtf8() +
                           "&step=month")["steps"]
                .toArray();
        const QJsonArray trendRows = tables["trend-table"].toArray();
        QCOMPARE(trendRows.size(), 12);
        QCOMPARE(steps.size(), 12);
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(trendRows[i]["label"].toString(), steps[i]["label"].toString());
            QCOMPARE(compareRow(trendRows[i].toObject(), steps[i].toObject(), "month " + QString::number(i)),
                     QString());
        }

        // Open hazards by category and severity at the reference date.
        const QJsonArray categories = api(base_, "/api/hazards?reference_date=" + kDate.toUtf8() +
                                                     "&district=" + kDistrict.toUtf8())["categories"]
                                          .toArray();
        const QJsonArray hazardRows = tables["hazard-table"].toArray();
        QCOMPARE(hazardRows.size(), categories.size());
        for (const QJsonValue& row : hazardRows) {
            const QString code = row["category"].toString();
            const auto match = std::find_if(categories.begin(), categories.end(), [&](const QJsonValue& c) {
                return c["category"].toString() == code;
            });
            QVERIFY2(match != categories.end(), qPrintable(code));
            QCOMPARE(compareRow(row.toObject(), match->toObject(), code), QString());
        }
    }

    // One A4 page per section.
    void printsToFivePages() {
        const QString pdf = dir_.filePath("report.pdf");
        QTemporaryDir profile;
        int code = -1;
        run("/usr/bin/chromium",
            {"--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             "--user-data-dir=" + profile.path(), "--print-to-pdf=" + pdf,
             QUrl::fromLocalFile(report_).toString()},
            &code);
        QVERIFY2(QFile::exists(pdf), "chromium printed no PDF");
        const QString info = run("pdfinfo", {pdf}, &code);
        QCOMPARE(code, 0);
        const auto pages = QRegularExpression("Pages:\\s+(\\d+)").match(info);
        const auto size = QRegularExpression("Page size:\\s+([\\d.]+) x ([\\d.]+) pts").match(info);
        QVERIFY2(pages.hasMatch() && size.hasMatch(), qPrintable(info));
        QCOMPARE(pages.captured(1).toInt(), 5);
        QVERIFY(std::abs(size.captured(1).toDouble() - 595.3) < 1); // A4: 210 x 297 mm
        QVERIFY(std::abs(size.captured(2).toDouble() - 841.9) < 1);
        QFile::copy(pdf, QStringLiteral(FIREBEAT_BINARY_DIR "/test-artifacts/report.pdf"));
    }
};

QTEST_GUILESS_MAIN(TestServerReport)
#include "test_server_report.moc"
