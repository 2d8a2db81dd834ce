// The provider in the stock `qgis_process` through the Python shim (docs/architecture.md, "Platform notes"):
// enable the plugin, list the algorithms, run the heatmap and compare it with `firebeat heatmap`.
#include "fixtures.h"
#include "plugin_test_support.h"
#include "raster_compare.h"
#include "require_tool.h"

using namespace firebeat::test;

class TestQgisProcess : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString clean_;
    QProcessEnvironment env_;

    // Runs qgis_process.bin; returns (exit code, stdout + stderr).
    std::pair<int, QString> qgisProcess(const QStringList& arguments) {
        QProcess p;
        p.setProcessEnvironment(env_);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start("/usr/bin/qgis_process.bin", arguments);
        p.waitForFinished(300000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
    }

  private Q_SLOTS:
    void initTestCase() {
        FIREBEAT_REQUIRE_TOOL(QFile::exists("/usr/bin/qgis_process.bin"),
                              "qgis_process is not installed (apt install qgis)");
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_PYTHON_PLUGINS").isEmpty(),
                              "FIREBEAT_PYTHON_PLUGINS (the built shim plugin directory) is not set");
        startQgisWithProvider();
        clean_ = dir_.filePath("clean.gpkg");
        writeLayers(clean_.toStdString(), minimalDataset());
        // A fresh home and profile: the user's QGIS settings stay untouched.
        QDir(dir_.path()).mkpath("home");
        QDir(dir_.path()).mkpath("runtime");
        QFile::setPermissions(dir_.filePath("runtime"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        env_ = QProcessEnvironment::systemEnvironment();
        env_.insert("HOME", dir_.filePath("home"));
        env_.insert("QGIS_CUSTOM_CONFIG_PATH", dir_.filePath("home"));
        env_.insert("XDG_RUNTIME_DIR", dir_.filePath("runtime"));
        env_.insert("QT_QPA_PLATFORM", "offscreen");
        env_.insert("QGIS_PLUGINPATH", qgetenv("FIREBEAT_PYTHON_PLUGINS"));
    }

    void enableAndList() {
        const auto [enableCode, enableOut] = qgisProcess({"plugins", "enable", "firebeat_processing"});
        QVERIFY2(enableCode == 0, qPrintable(enableOut));
        const auto [code, out] = qgisProcess({"list"});
        QVERIFY2(code == 0, qPrintable(out));
        for (const char* id :
             {"firebeat:validatelayers", "firebeat:hazardheatmap", "firebeat:coveragegaps",
              "firebeat:villagehotspots", "firebeat:districtsizing", "firebeat:emerginghotspots"})
            QVERIFY2(out.contains(id), qPrintable(QString("%1 not listed:\n%2").arg(id, out)));
    }

    void heatmapEqualsTheCommandLine() {
        FIREBEAT_REQUIRE_TOOL(!qgetenv("FIREBEAT_CLI").isEmpty(),
                              "the firebeat command line was not built (Qt 6 missing)");
        const QString plugin = dir_.filePath("qgis_process.tif"), cli = dir_.filePath("cli.tif");
        const auto [code, out] =
            qgisProcess({"run", "firebeat:hazardheatmap", "--", "HAZARDS=" + clean_ + "|layername=hazards",
                         "RADIUS=800", "PIXEL_SIZE=100", "OUTPUT=" + plugin});
        QVERIFY2(code == 0, qPrintable(out));
        const auto [cliCode, cliOut] = runCli({"heatmap", "--quiet", "--input", clean_, "--output", cli,
                                               "--radius", "800", "--pixel-size", "100"});
        QVERIFY2(cliCode == 0, qPrintable(cliOut));
        const QString diff = compareRasters(plugin, cli);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void cleanupTestCase() {
        if (QgsApplication::instance() && QgsApplication::processingRegistry())
            QgsApplication::exitQgis();
    }
};

FIREBEAT_QGIS_TEST_MAIN(TestQgisProcess)
#include "test_qgis_process.moc"
