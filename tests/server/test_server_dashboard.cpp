// The dashboard at /dashboard in a real headless Chromium against `firebeat serve` on the sample
// layers: it loads without a console error or exception, every chart has drawn elements whose
// values are the API's (read from the Chart.js objects, compared with the API's own answers),
// clicking a district in a chart or on the map filters the other charts, and a screenshot is kept
// in the build tree (test-artifacts/dashboard*.png).
#include "chromium_devtools.h"
#include "server_process.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>

using namespace firebeat::test;

namespace {

const QString kChromium = "/usr/bin/chromium";
const QString kChartJs = "/usr/share/javascript/chart.js/chart.min.js";
const QString kReady = "document.body.dataset.dashboardState === 'ready'";

QJsonObject api(const QString& base, const QString& relativeUrl) {
    return QJsonDocument::fromJson(rawGet(base, "/" + relativeUrl.toUtf8()).body).object();
}

QList<double> numbers(const QJsonArray& values) {
    QList<double> out;
    for (const QJsonValue& v : values)
        out.append(v.isNull() ? -1 : v.toDouble());
    return out;
}

// The values of the rows' `field`, null as -1.
QList<double> column(const QList<QJsonObject>& rows, const QString& field) {
    QList<double> out;
    for (const QJsonObject& r : rows)
        out.append(r[field].isNull() ? -1 : r[field].toDouble());
    return out;
}

QList<QJsonObject> objects(const QJsonArray& a) {
    QList<QJsonObject> out;
    for (const QJsonValue& v : a)
        out.append(v.toObject());
    return out;
}

} // namespace

class TestServerDashboard : public QObject {
    Q_OBJECT
    QProcess server_;
    QString base_;

    // The data of dataset `index` of chart `name` in the page.
    static QList<double> chartData(ChromiumDevTools& page, const QString& name, int index) {
        return numbers(page.evaluate(QString("dashboard.charts.%1.data.datasets[%2].data.map(v => v ?? -1)")
                                         .arg(name)
                                         .arg(index))
                           .toArray());
    }

    // Every chart's values equal those of the API answers the page used, fetched again here.
    static void chartsEqualTheApi(ChromiumDevTools& page, const QString& base) {
        const QJsonObject urls = page.evaluate("dashboard.urls").toObject();
        QCOMPARE(urls.size(), 4);
        for (const QString chart : {"ranking", "coverage", "officers", "trend", "hazards"}) {
            const int drawn =
                page.evaluate(QString("dashboard.charts.%1.getDatasetMeta(0).data.length").arg(chart))
                    .toInt();
            QVERIFY2(drawn > 0, qPrintable(chart + " has no drawn elements"));
        }
        // Districts in gap-rank order: scores; coverage %, overdue and never inspected units.
        QList<QJsonObject> districts = objects(api(base, urls["coverage"].toString())["districts"].toArray());
        QVERIFY(!districts.isEmpty());
        std::sort(districts.begin(), districts.end(),
                  [](const auto& a, const auto& b) { return a["gap_rank"].toInt() < b["gap_rank"].toInt(); });
        QCOMPARE(chartData(page, "ranking", 0), column(districts, "gap_score"));
        QCOMPARE(chartData(page, "coverage", 0), column(districts, "coverage_pct"));
        QCOMPARE(chartData(page, "coverage", 1), column(districts, "overdue_units"));
        QCOMPARE(chartData(page, "coverage", 2), column(districts, "never_inspected"));
        // Officers with a target, by completion (largest first), against the norm of 100 %.
        QList<QJsonObject> officers = objects(api(base, urls["officers"].toString())["officers"].toArray());
        officers.erase(std::remove_if(officers.begin(), officers.end(),
                                      [](const auto& o) { return o["completion_pct"].isNull(); }),
                       officers.end());
        std::stable_sort(officers.begin(), officers.end(), [](const auto& a, const auto& b) {
            return a["completion_pct"].toDouble() > b["completion_pct"].toDouble();
        });
        QVERIFY(!officers.isEmpty());
        QCOMPARE(chartData(page, "officers", 0), column(officers, "completion_pct"));
        QCOMPARE(chartData(page, "officers", 1), QList<double>(officers.size(), 100.0));
        // Trend: found, rectified, open at each month's end.
        const QList<QJsonObject> steps = objects(api(base, urls["trend"].toString())["steps"].toArray());
        QCOMPARE(steps.size(), 12);
        QCOMPARE(chartData(page, "trend", 0), column(steps, "hazards_found"));
        QCOMPARE(chartData(page, "trend", 1), column(steps, "hazards_rectified"));
        QCOMPARE(chartData(page, "trend", 2), column(steps, "open_hazards"));
        // Open hazards by category (most first) and severity.
        QList<QJsonObject> categories =
            objects(api(base, urls["hazards"].toString())["categories"].toArray());
        std::stable_sort(categories.begin(), categories.end(),
                         [](const auto& a, const auto& b) { return a["open"].toInt() > b["open"].toInt(); });
        for (int s = 1; s <= 3; ++s)
            QCOMPARE(chartData(page, "hazards", s - 1), column(categories, "open_sev" + QString::number(s)));
    }

    static void keepScreenshot(ChromiumDevTools& page, const QString& name) {
        const QByteArray png = QByteArray::fromBase64(
            page.command("Page.captureScreenshot", {{"format", "png"}, {"captureBeyondViewport", true}})
                .value("data")
                .toString()
                .toLatin1());
        const QString path = QStringLiteral(FIREBEAT_BINARY_DIR "/test-artifacts/") + name;
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(png);
        f.close();
        QVERIFY2(!QImage(path).isNull(), qPrintable(path));
        qInfo("dashboard screenshot: %s", qPrintable(path));
    }

  private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(QFile::exists(kChromium), "headless Chromium missing: run scripts/install-deps.sh");
        QVERIFY2(QFile::exists(kChartJs), "Chart.js missing: run scripts/install-deps.sh (libjs-chart.js)");
        base_ = startServer(server_, {});
        QVERIFY(!base_.isEmpty());
    }

    void cleanupTestCase() { stopServer(server_); }

    void dashboardIsServed() {
        const RawReply page = rawGet(base_, "/dashboard");
        QCOMPARE(page.status, 200);
        QCOMPARE(page.contentType, QByteArray("text/html; charset=utf-8"));
        QVERIFY(page.body.contains("viewer/lib/chart.js/chart.min.js"));
        const RawReply chart = rawGet(base_, "/viewer/lib/chart.js/chart.min.js");
        QCOMPARE(chart.status, 200);
        QVERIFY(chart.body.contains("Chart.js v3"));
        // The map links to the dashboard.
        QVERIFY(rawGet(base_, "/").body.contains("href=\"dashboard\""));
    }

    void chartsShowTheApiAndClicksFilter() {
        ChromiumDevTools page(kChromium, "about:blank", 1400, 1000);
        QVERIFY(page.attached());
        page.command("Runtime.enable");
        page.command("Log.enable");
        page.command("Page.enable");
        page.command("Page.navigate", {{"url", base_ + "/dashboard"}});
        QVERIFY(page.waitFor(kReady));
        QVERIFY(page.waitFor("dashboard.map !== undefined"));
        QCOMPARE(page.evaluate("document.body.dataset.district").toString(), QString());
        chartsEqualTheApi(page, base_);
        QThread::msleep(1500); // the map's tiles
        keepScreenshot(page, "dashboard.png");

        // A click on the second bar of the ranking chart selects that district.
        const QJsonObject bar = page.evaluate("(() => { const c = dashboard.charts.ranking;"
                                              "const r = c.canvas.getBoundingClientRect();"
                                              "const e = c.getDatasetMeta(0).data[1];"
                                              "return {x: r.left + (e.x + e.base) / 2, y: r.top + e.y,"
                                              "id: c.data.datasets[0].districtIds[1]}; })()")
                                    .toObject();
        const QString chosen = bar["id"].toString();
        QVERIFY(!chosen.isEmpty());
        page.click(qRound(bar["x"].toDouble()), qRound(bar["y"].toDouble()));
        QVERIFY(page.waitFor("document.body.dataset.district === '" + chosen + "' && " + kReady));
        const QJsonObject urls = page.evaluate("dashboard.urls").toObject();
        for (const QString filtered : {"officers", "trend", "hazards"})
            QVERIFY2(urls[filtered].toString().contains("district=" + chosen),
                     qPrintable(urls[filtered].toString()));
        chartsEqualTheApi(page, base_);
        for (const QJsonValue& o : api(base_, urls["officers"].toString())["officers"].toArray())
            QCOMPARE(o["district_id"].toString(), chosen);
        keepScreenshot(page, "dashboard-district.png");

        // A click on the middle of the map selects the district there (GetFeatureInfo).
        page.evaluate("dashboard.select(null)");
        QVERIFY(page.waitFor("document.body.dataset.district === '' && " + kReady));
        const QJsonObject centre =
            page.evaluate("(() => { const r = document.getElementById('district-map')"
                          ".getBoundingClientRect(); window.scrollTo(0, 0);"
                          "return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()")
                .toObject();
        page.click(qRound(centre["x"].toDouble()), qRound(centre["y"].toDouble()));
        QVERIFY(page.waitFor("document.body.dataset.district !== '' && " + kReady));
        chartsEqualTheApi(page, base_);

        // No exception, no console error, no failed load.
        QCOMPARE(page.events("Runtime.exceptionThrown").size(), 0);
        for (const QJsonObject& c : page.events("Runtime.consoleAPICalled"))
            QVERIFY2(c["type"].toString() != "error", QJsonDocument(c).toJson().constData());
        for (const QJsonObject& e : page.events("Log.entryAdded"))
            QVERIFY2(e["entry"].toObject()["level"].toString() != "error",
                     QJsonDocument(e).toJson().constData());
    }
};

QTEST_GUILESS_MAIN(TestServerDashboard)
#include "test_server_dashboard.moc"
