// The web viewer at `/`: its files (and Debian's Leaflet) served with the right types, no path
// leaving their directories, and the page itself run in a real headless Chromium against a real
// `firebeat serve` on the sample layers: the map loads tiles, and a screenshot is kept.
#include "chromium_devtools.h"
#include "ogc/static_files.h"
#include "require_tool.h"
#include "server_process.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using namespace firebeat::test;
using firebeat::ogc::staticFile;

namespace {

const QString kChromium = "/usr/bin/chromium";
const QString kLeafletDir = "/usr/share/javascript/leaflet";

QByteArray fileContents(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& contents) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(contents);
}

// The TIME extent of `layer` in a WMS 1.3.0 capabilities document.
QString timeExtent(const QByteArray& xml, const QString& layer) {
    QXmlStreamReader r(xml);
    bool inLayer = false;
    while (r.readNextStartElement() || !r.atEnd()) {
        if (!r.isStartElement()) {
            r.readNext();
            continue;
        }
        if (r.name() == QStringLiteral("Name"))
            inLayer = r.readElementText() == layer;
        else if (inLayer && r.name() == QStringLiteral("Dimension") &&
                 r.attributes().value("name") == QStringLiteral("time"))
            return r.readElementText();
    }
    return {};
}

// The data-* attributes of <body> in a DOM dump.
QMap<QString, QString> bodyData(const QString& dom) {
    QMap<QString, QString> data;
    const QString body = QRegularExpression("<body[^>]*>").match(dom).captured(0);
    auto it = QRegularExpression("data-([a-z-]+)=\"([^\"]*)\"").globalMatch(body);
    while (it.hasNext()) {
        const auto m = it.next();
        data[m.captured(1)] = m.captured(2);
    }
    return data;
}

} // namespace

class TestServerViewer : public QObject {
    Q_OBJECT
    QProcess server_;
    QString base_;
    QTemporaryDir profile_; // Chromium's user data directory

    // Headless Chromium on `url` at 1200 x 800 with `output` (--dump-dom or --screenshot=...);
    // virtual time lets the page run until its tiles are in. Returns stdout.
    QString chromium(const QString& output, const QString& base = {}) {
        QProcess browser;
        browser.start(kChromium,
                      {"--headless=new", "--no-sandbox", "--disable-gpu",
                       "--user-data-dir=" + profile_.path(), "--window-size=1200,800",
                       "--virtual-time-budget=30000", output, (base.isEmpty() ? base_ : base) + "/"});
        if (!browser.waitForFinished(300000))
            browser.kill();
        if (browser.exitCode() != 0)
            qWarning("chromium: %s", browser.readAllStandardError().constData());
        return QString::fromUtf8(browser.readAllStandardOutput());
    }

  private Q_SLOTS:
    void initTestCase() {
        FIREBEAT_REQUIRE_TOOL(QFile::exists(kChromium),
                              "headless Chromium missing: run scripts/install-deps.sh");
        QVERIFY2(QFile::exists(kLeafletDir + "/leaflet.js"), "Leaflet missing: run scripts/install-deps.sh");
        base_ = startServer(server_, {}); // no --input: the sample layers
        QVERIFY(!base_.isEmpty());
    }

    void cleanupTestCase() {
        server_.terminate();
        server_.waitForFinished(30000);
    }

    void viewerFilesHaveTheirTypes_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QString>("file");
        const QString viewer = FIREBEAT_SOURCE_DIR "/server/viewer/";
        QTest::newRow("page") << QByteArray("/") << QByteArray("text/html; charset=utf-8")
                              << viewer + "index.html";
        QTest::newRow("script") << QByteArray("/viewer/app.js")
                                << QByteArray("text/javascript; charset=utf-8") << viewer + "app.js";
        QTest::newRow("style") << QByteArray("/viewer/style.css") << QByteArray("text/css; charset=utf-8")
                               << viewer + "style.css";
        QTest::newRow("leaflet") << QByteArray("/viewer/lib/leaflet/leaflet.js")
                                 << QByteArray("text/javascript; charset=utf-8")
                                 << kLeafletDir + "/leaflet.js";
        QTest::newRow("leaflet image") << QByteArray("/viewer/lib/leaflet/images/layers.png")
                                       << QByteArray("image/png") << kLeafletDir + "/images/layers.png";
    }

    void viewerFilesHaveTheirTypes() {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, type);
        QFETCH(QString, file);
        const RawReply r = rawGet(base_, target);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, type);
        QCOMPARE(r.body, fileContents(file)); // byte for byte the file on disk
    }

    void missingFilesAre404_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("unknown file") << QByteArray("/viewer/nothing.js");
        QTest::newRow("unknown leaflet file") << QByteArray("/viewer/lib/leaflet/nothing.js");
        QTest::newRow("directory") << QByteArray("/viewer/lib/leaflet/images");
        QTest::newRow("type not served") << QByteArray("/viewer/lib/leaflet/leaflet.css.gz");
    }

    void missingFilesAre404() {
        QFETCH(QByteArray, target);
        QCOMPARE(rawGet(base_, target).status, 404);
    }

    // Whatever the server's HTTP layer does with these targets, no file outside the viewer's
    // and Leaflet's directories comes back.
    void pathsCannotLeaveTheirDirectory_data() {
        QTest::addColumn<QByteArray>("target");
        QTest::newRow("dot dot") << QByteArray("/viewer/../../../../etc/passwd");
        QTest::newRow("leaflet dot dot") << QByteArray("/viewer/lib/leaflet/../../../../../../etc/passwd");
        QTest::newRow("encoded dot dot") << QByteArray("/viewer/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd");
        QTest::newRow("upper-case encoding") << QByteArray("/viewer/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd");
        QTest::newRow("encoded slashes") << QByteArray("/viewer/..%2f..%2f..%2f..%2fetc%2fpasswd");
        QTest::newRow("all encoded") << QByteArray(
            "/viewer/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd");
        QTest::newRow("backslashes") << QByteArray("/viewer/..%5c..%5c..%5c..%5cetc%5cpasswd");
        QTest::newRow("absolute") << QByteArray("/viewer//etc/passwd");
        QTest::newRow("encoded absolute") << QByteArray("/viewer/%2fetc%2fpasswd");
        QTest::newRow("into the source tree") << QByteArray("/viewer/%2e%2e/CMakeLists.txt");
        QTest::newRow("NUL") << QByteArray("/viewer/app.js%00.png");
    }

    void pathsCannotLeaveTheirDirectory() {
        QFETCH(QByteArray, target);
        const RawReply r = rawGet(base_, target);
        QVERIFY2(r.status == 400 || r.status == 404, qPrintable(QString::number(r.status)));
        QVERIFY(!r.body.contains("root:"));
        QVERIFY(!r.body.contains("cmake_minimum_required"));
    }

    // staticFile on a directory of its own: links out of the root are refused even when the
    // link itself lies inside it.
    void symlinksOutOfTheRootAre404() {
        QTemporaryDir dir;
        const QString root = dir.filePath("root");
        QVERIFY(QDir().mkpath(root + "/sub"));
        QVERIFY(QDir().mkpath(dir.filePath("outside")));
        writeFile(root + "/a.js", "inside");
        writeFile(dir.filePath("outside/secret.js"), "secret");
        QVERIFY(QFile::link(dir.filePath("outside/secret.js"), root + "/out.js"));
        QVERIFY(QFile::link(dir.filePath("outside"), root + "/outdir"));
        QVERIFY(QFile::link(root + "/a.js", root + "/sub/in.js"));
        writeFile(root + "/big.js", QByteArray(3 * 1024 * 1024, 'x'));

        QCOMPARE(staticFile(root, "a.js").body, QByteArray("inside"));
        QCOMPARE(staticFile(root, "sub/in.js").body, QByteArray("inside")); // a link within the root
        QCOMPARE(staticFile(root, "out.js").status, 404);
        QCOMPARE(staticFile(root, "outdir/secret.js").status, 404);
        QCOMPARE(staticFile(root, "big.js").status, 404);
        QCOMPARE(staticFile(root, "sub").status, 404);
        QCOMPARE(staticFile(root, "%2e%2e/outside/secret.js").status, 400);
        QCOMPARE(staticFile(root, dir.filePath("outside/secret.js")).status, 400); // absolute
        QCOMPARE(staticFile(root, ".hidden.js").status, 400);
    }

    // viewer.base_map in the config reaches the viewer (/viewer/config.json), and only then; the
    // page adds it under the layers. Here the base map is the server's own XYZ tiles, as an
    // internal tile server would be.
    void baseMapOnlyWhenConfigured() {
        const QJsonObject none = QJsonDocument::fromJson(rawGet(base_, "/viewer/config.json").body).object();
        QVERIFY(!none.contains("base_map"));

        QTemporaryDir dir;
        const QString url = "/tiles/police_districts/{z}/{x}/{y}.png";
        const auto writeConfig = [&](const QJsonObject& baseMap) {
            QFile config(dir.filePath("firebeat.json"));
            if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return QString();
            config.write(QJsonDocument(QJsonObject{{"viewer", QJsonObject{{"base_map", baseMap}}}}).toJson());
            return config.fileName();
        };
        QProcess other;
        const QString base = startServer(
            other,
            {"--config", writeConfig({{"url", url}, {"attribution", "internal tiles"}, {"max_zoom", 17}})});
        QVERIFY(!base.isEmpty());
        const QJsonObject set = QJsonDocument::fromJson(rawGet(base, "/viewer/config.json").body).object();
        QCOMPARE(set.value("base_map").toObject().value("url").toString(), url);
        QCOMPARE(set.value("base_map").toObject().value("attribution").toString(), QString("internal tiles"));
        QCOMPARE(set.value("base_map").toObject().value("max_zoom").toInt(), 17);
        const auto data = bodyData(chromium("--dump-dom", base));
        QCOMPARE(data.value("viewer-state"), QString("ready"));
        QCOMPARE(data.value("base-map"), url);
        QCOMPARE(data.value("tile-errors"), QString("0"));
        other.terminate();
        other.waitForFinished(30000);

        // A template without {z}/{x}/{y} is a configuration error naming the key.
        QProcess bad;
        bad.start(QString::fromLocal8Bit(qgetenv("FIREBEAT_CLI")),
                  {"serve", "--listen", "127.0.0.1:0", "--config",
                   writeConfig({{"url", "https://tiles.example/"}})});
        QVERIFY(bad.waitForFinished(60000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("viewer.base_map.url"));
    }

    // The page in a real browser: it reads the capabilities, shows every layer in its switcher
    // and loads map tiles without an error; the screenshot shows the heatmap's colours.
    void chromiumShowsTheMap() {
        const QStringList layers =
            capabilityLayers(rawGet(base_, "/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0").body);
        QVERIFY(layers.contains("hazard_heatmap"));

        const QString dom = chromium("--dump-dom");
        const auto data = bodyData(dom);
        QCOMPARE(data.value("viewer-state"), QString("ready"));
        QCOMPARE(data.value("layers").toInt(), layers.size());
        for (const QString& name : layers)
            QVERIFY2(dom.contains("value=\"" + name + "\""), qPrintable(name + " not in the switcher"));
        QVERIFY(data.value("visible-layers").toInt() >= 1);
        QVERIFY2(data.value("tiles-loaded").toInt() > 0, qPrintable(data.value("tiles-loaded")));
        QCOMPARE(data.value("tile-errors"), QString("0"));
        QVERIFY(!data.contains("base-map")); // none unless configured

        const QString shot = QStringLiteral(FIREBEAT_BINARY_DIR "/test-artifacts/viewer.png");
        QVERIFY(QDir().mkpath(QFileInfo(shot).path()));
        QFile::remove(shot);
        chromium("--screenshot=" + shot);
        const QImage image(shot);
        QCOMPARE(image.size(), QSize(1200, 800));
        qInfo("viewer screenshot: %s", qPrintable(shot));
        // The map is the left 900 pixels (the panel takes 300, the legend's box the bottom-left
        // corner); the heatmap's ramp runs from yellow to dark red, which nothing else there shows.
        qsizetype heat = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 300; x < 900; ++x) {
                const QColor c = image.pixelColor(x, y);
                heat += c.red() > 180 && c.blue() < 110 && c.red() - c.blue() > 120;
            }
        qInfo("%lld heatmap-coloured pixels of %d", static_cast<long long>(heat), 600 * image.height());
        QVERIFY2(heat > 10000, qPrintable(QString::number(heat) + " heatmap pixels"));
    }

    // A user's session: a click on the map shows the server's density under the mouse, and the
    // filters reach the server as DIM_SEVERITY, DIM_STATUS and TIME, whose tiles then load.
    void clickAndFiltersReachTheServer() {
        ChromiumDevTools page(kChromium, base_ + "/", 1200, 800);
        QVERIFY(page.attached());
        const QString ready = "document.body.dataset.viewerState === 'ready'";
        QVERIFY(page.waitFor(ready));

        page.click(450, 400); // the middle of the map, among the sample's hazards
        QVERIFY(page.waitFor("document.querySelector('.feature-info') !== null"));
        const QString popup = page.evaluate("document.querySelector('.feature-info').innerText").toString();
        QVERIFY2(popup.contains("危险源热力图 Hazard heatmap"), qPrintable(popup));
        const QString shown = page.evaluate("[...document.querySelectorAll('.feature-info tr')]"
                                            ".find(r => r.cells[0].textContent === 'density_per_km2')"
                                            "?.cells[1].textContent")
                                  .toString();
        // The same request again, straight from the server: the popup shows its value.
        const QString request = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                                              ".find(n => n.includes('GetFeatureInfo') && "
                                              "n.includes('hazard_heatmap'))")
                                    .toString();
        QVERIFY2(request.contains("INFO_FORMAT=application%2Fjson"), qPrintable(request));
        const RawReply info =
            rawGet(base_, QUrl(request).toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
        const double density = QJsonDocument::fromJson(info.body)
                                   .object()["features"][0]["properties"]["density_per_km2"]
                                   .toDouble(-1);
        QVERIFY2(density > 0, info.body.constData());
        QVERIFY2(std::abs(QString(shown).remove(',').toDouble() - density) < 0.0005,
                 qPrintable(shown + " shown, " + QString::number(density) + " served"));

        // The filters, as a user sets them; each redraw carries the parameter.
        const QString sent = "performance.getEntriesByType('resource').some(e => e.name.includes('GetMap') "
                             "&& e.name.includes('%1'))";
        page.evaluate("document.querySelector('input[name=dim-severity][value=\"1\"]').click()");
        QVERIFY(page.waitFor(sent.arg("DIM_SEVERITY=2%2C3")));
        page.evaluate("document.querySelector('input[name=dim-status][value=open]').click()");
        QVERIFY(page.waitFor(sent.arg("DIM_STATUS=open")));
        // The last 30 days up to the end of the TIME extent the capabilities declare.
        const QString extent = timeExtent(
            rawGet(base_, "/wms?SERVICE=WMS&REQUEST=GetCapabilities&VERSION=1.3.0").body, "hazard_heatmap");
        const QDateTime end = QDateTime::fromString(extent.section('/', 1, 1), Qt::ISODate);
        QVERIFY2(end.isValid(), qPrintable(extent));
        const QString window = end.addDays(-30).toString(Qt::ISODate) + "/" + end.toString(Qt::ISODate);
        page.evaluate("const w = document.getElementById('time-window'); w.value = '30';"
                      "w.dispatchEvent(new Event('change'))");
        QVERIFY2(page.waitFor(sent.arg(QString::fromLatin1(QUrl::toPercentEncoding(window)))),
                 qPrintable(window));
        QVERIFY(page.waitFor(ready));
        QCOMPARE(page.evaluate("document.body.dataset.tileErrors").toString(), QString("0"));
    }
};

QTEST_GUILESS_MAIN(TestServerViewer)
#include "test_server_viewer.moc"
