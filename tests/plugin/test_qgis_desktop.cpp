// QGIS desktop for real: /usr/bin/qgis under Xvfb with a fresh profile that enables the built
// plugin; qgis_desktop_check.py (run by `--code`) reports what the running desktop shows and saves
// a screenshot of it with the Processing toolbox open; this test asserts on that report.
#include "plugin_test_support.h"
#include "raster_compare.h"
#include "require_tool.h"

#include <QDomDocument>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStandardPaths>

using namespace firebeat::test;

namespace {

const QStringList kAlgorithms{"firebeat:coveragegaps",   "firebeat:districtdesign",
                              "firebeat:districtsizing", "firebeat:emerginghotspots",
                              "firebeat:hazardheatmap",  "firebeat:validatelayers",
                              "firebeat:villagehotspots"};
const QString kSample = QStringLiteral(FIREBEAT_SOURCE_DIR "/sample-layers/kunming.sqlite");
const QString kScreenshot = QStringLiteral(FIREBEAT_BINARY_DIR "/test-artifacts/plugin_toolbox.png");

QStringList strings(const QJsonValue& array) {
    QStringList out;
    for (const QJsonValue& v : array.toArray())
        out << v.toString();
    return out;
}

// The QGIS profile: the build's plugin directory searched and the plugin enabled (docs/architecture.md,
// "Platform notes").
bool writeProfile(const QString& profilesPath) {
    const QString dir = profilesPath + "/profiles/default/QGIS";
    QFile ini(dir + "/QGIS3.ini");
    return QDir().mkpath(dir) && ini.open(QIODevice::WriteOnly | QIODevice::Text) &&
           ini.write("[plugins]\nsearchPathsForPlugins=" FIREBEAT_BINARY_DIR "/plugin\n\n"
                     "[Plugins]\nlibfirebeatplugin=true\n\n"
                     "[PythonPlugins]\nprocessing=true\n\n"
                     "[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n") > 0;
}

} // namespace

class TestQgisDesktop : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QJsonObject report_;
    QString heatmap_, log_;

  private Q_SLOTS:
    void initTestCase() {
        FIREBEAT_REQUIRE_TOOL(QFile::exists("/usr/bin/qgis") &&
                                  !QStandardPaths::findExecutable("xvfb-run").isEmpty(),
                              "QGIS desktop or xvfb-run is not installed (apt install qgis xvfb xauth)");
        startQgisWithProvider(); // this process reads the rasters the desktop writes
        const QString profiles = dir_.filePath("profiles");
        QVERIFY(writeProfile(profiles));
        QDir(dir_.path()).mkpath("home");
        QDir(dir_.path()).mkpath("runtime");
        QFile::setPermissions(dir_.filePath("runtime"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QFile::remove(kScreenshot);
        heatmap_ = dir_.filePath("desktop_heatmap.tif");
        const QString result = dir_.filePath("result.json");

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("QT_QPA_PLATFORM"); // ctest's offscreen: the desktop needs the X server
        env.remove("QGIS_PLUGINPATH"); // the C++ plugin alone, not the qgis_process shim
        env.insert("HOME", dir_.filePath("home"));
        env.insert("XDG_RUNTIME_DIR", dir_.filePath("runtime"));
        env.insert("FIREBEAT_DESKTOP_RESULT", result);
        env.insert("FIREBEAT_DESKTOP_SAMPLE", kSample);
        env.insert("FIREBEAT_DESKTOP_HEATMAP", heatmap_);
        env.insert("FIREBEAT_DESKTOP_SCREENSHOT", kScreenshot);
        QProcess qgis;
        qgis.setProcessEnvironment(env);
        qgis.setProcessChannelMode(QProcess::MergedChannels);
        // -a: a free display, as ctest runs tests in parallel; timeout ends a hung desktop so
        // xvfb-run still stops its X server.
        qgis.start("xvfb-run",
                   {"-a", "-s", "-screen 0 1600x1000x24", "timeout", "-k", "10", "300", "/usr/bin/qgis",
                    "--profiles-path", profiles, "--nologo", "--noversioncheck", "--lang", "en_US", "--code",
                    FIREBEAT_SOURCE_DIR "/tests/plugin/qgis_desktop_check.py"});
        QVERIFY2(qgis.waitForFinished(330000), "QGIS desktop did not finish");
        log_ = QString::fromUtf8(qgis.readAll());
        QFile file(result);
        QVERIFY2(
            file.open(QIODevice::ReadOnly),
            qPrintable(QString("no report from the desktop (exit %1):\n%2").arg(qgis.exitCode()).arg(log_)));
        report_ = QJsonDocument::fromJson(file.readAll()).object();
        qInfo().noquote() << "screenshot:" << report_.value("screenshot").toString();
    }
    void cleanupTestCase() {
        if (QgsApplication::processingRegistry())
            QgsApplication::exitQgis();
    }

    void theScriptRanWithoutErrors() {
        QVERIFY2(report_.value("errors").toArray().isEmpty(),
                 qPrintable(strings(report_.value("errors")).join('\n') + "\n" + log_));
    }

    void theProviderAndItsAlgorithmsAreRegistered() {
        QCOMPARE(report_.value("provider").toString(), QString("FireBeat"));
        QCOMPARE(strings(report_.value("algorithms")), kAlgorithms);
        QVERIFY2(report_.value("icon_found").toBool(),
                 "the provider's icon is not in the plugin's resources");
    }

    void theHeatmapLoadsWithTheFireBeatStyle() {
        QCOMPARE(report_.value("loaded_layers").toInt(), 1);
        QCOMPARE(report_.value("renderer").toString(), QString("singlebandpseudocolor"));
        // The ramp of styles/hazard_heatmap.qml, its values stretched so that the last sits at the
        // 99th percentile of the raster's positive cells (the heatmap scale).
        QFile qml(FIREBEAT_SOURCE_DIR "/styles/hazard_heatmap.qml");
        QVERIFY(qml.open(QIODevice::ReadOnly));
        QDomDocument style;
        QVERIFY(style.setContent(&qml));
        const QDomElement renderer = style.elementsByTagName("rasterrenderer").at(0).toElement();
        QCOMPARE(report_.value("opacity").toDouble(), renderer.attribute("opacity").toDouble());
        const double top = percentile99OfPositive(readBand(report_.value("heatmap_output").toString()));
        QVERIFY(top > 0 && top < report_.value("raster_max").toDouble());
        const double scale = top / renderer.attribute("classificationMax").toDouble();
        const QJsonArray bounds = report_.value("classification").toArray();
        QCOMPARE(bounds.at(0).toDouble(), renderer.attribute("classificationMin").toDouble() * scale);
        QCOMPARE(bounds.at(1).toDouble(), top);
        const QDomNodeList items = renderer.elementsByTagName("item");
        const QJsonArray ramp = report_.value("ramp").toArray();
        QCOMPARE(ramp.size(), items.size());
        for (int i = 0; i < items.size(); ++i) {
            const QDomElement item = items.at(i).toElement();
            const QJsonObject loaded = ramp.at(i).toObject();
            QCOMPARE(loaded.value("color").toString(), item.attribute("color"));
            QCOMPARE(loaded.value("alpha").toInt(), item.attribute("alpha").toInt());
            const double expected = item.attribute("value").toDouble() * scale;
            QVERIFY2(
                qgsDoubleNear(loaded.value("value").toDouble(), expected, 1e-9 * (1 + expected)),
                qPrintable(
                    QString("item %1: %2 vs %3").arg(i).arg(loaded.value("value").toDouble()).arg(expected)));
        }
        QCOMPARE(ramp.first().toObject().value("alpha").toInt(), 0); // no hazard nearby: transparent
    }

    void theDesktopHeatmapEqualsTheCommandLine() {
        QCOMPARE(report_.value("heatmap_output").toString(), heatmap_);
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString cli = dir_.filePath("cli_heatmap.tif");
        const auto [code, out] = runCli({"heatmap", "--quiet", "--input", kSample, "--output", cli,
                                         "--radius", "800", "--pixel-size", "100"});
        QVERIFY2(code == 0, qPrintable(out));
        const QString diff = compareRasters(heatmap_, cli);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void theToolboxShowsFireBeat() {
        QVERIFY(report_.value("toolbox_visible").toBool());
        QCOMPARE(report_.value("toolbox_provider").toString(), QString("FireBeat"));
        QCOMPARE(strings(report_.value("toolbox_algorithms")), kAlgorithms);
    }

    void theScreenshotIsNotBlank() {
        QVERIFY(report_.value("screenshot_saved").toBool());
        const QImage shot(kScreenshot);
        QVERIFY2(!shot.isNull(), qPrintable(kScreenshot));
        QVERIFY(shot.width() >= 800 && shot.height() >= 600);
        // A blank or black window has a handful of colours; menus, icons, text and the heatmap
        // give hundreds. The heatmap itself shows in the ramp's yellows to reds.
        QSet<QRgb> colours;
        int warm = 0;
        for (int y = 0; y < shot.height(); y += 2)
            for (int x = 0; x < shot.width(); x += 2) {
                const QRgb p = shot.pixel(x, y);
                colours.insert(p);
                warm += qRed(p) > 200 && qBlue(p) < 150 && qRed(p) - qBlue(p) > 80;
            }
        QVERIFY2(colours.size() > 200, qPrintable(QString::number(colours.size())));
        QVERIFY2(warm > 1000, qPrintable(QString::number(warm)));
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestQgisDesktop)
#include "test_qgis_desktop.moc"
