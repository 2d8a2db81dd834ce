// `firebeat heatmap --qgis-compatible` on a layer unlike our data model (UTM 48N MultiPoint layer,
// 6 % of the features with several parts, fields w, r and severity) against QGIS's own
// qgis:heatmapkerneldensityestimation run by qgis_process.bin on the same file: every kernel, raw
// and scaled, with and without weight and radius fields (the radius field overriding a radius
// given as well, as QGIS does). Same grid, same CRS (the layer's EPSG:32648, not a Gauss-Krueger
// zone), same nodata mask, values within 1e-5 of the maximum; and the severity field is not used.
#include "cli_test_support.h"
#include "foreign_layers.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>
#include <vector>

using namespace firebeat::test;

namespace {

struct Raster {
    int width = 0, height = 0;
    double transform[6] = {};
    std::string wkt;
    double noData = 0;
    bool hasNoData = false;
    std::vector<float> values;
};

Raster readRaster(const QString& path) {
    Raster r;
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER));
    if (!ds)
        return r;
    r.width = ds->GetRasterXSize();
    r.height = ds->GetRasterYSize();
    ds->GetGeoTransform(r.transform);
    r.wkt = ds->GetProjectionRef();
    GDALRasterBand* band = ds->GetRasterBand(1);
    int has = 0;
    r.noData = band->GetNoDataValue(&has);
    r.hasNoData = has;
    r.values.resize(static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height));
    if (band->RasterIO(GF_Read, 0, 0, r.width, r.height, r.values.data(), r.width, r.height, GDT_Float32, 0,
                       0) != CE_None)
        r.values.clear();
    return r;
}

bool sameCrs(const std::string& a, const std::string& b) {
    OGRSpatialReference sa, sb;
    return sa.SetFromUserInput(a.c_str()) == OGRERR_NONE && sb.SetFromUserInput(b.c_str()) == OGRERR_NONE &&
           sa.IsSame(&sb);
}

struct Case {
    const char* kernel; // our name; QGIS's index is its position in kKernels
    int qgisKernel;
    bool scaled;
    bool weightField;
    bool radiusField;
    QString name() const {
        return QString("%1 %2%3%4")
            .arg(kernel, scaled ? "scaled" : "raw", weightField ? " weight=w" : "",
                 radiusField ? " radius=r" : "");
    }
};

} // namespace

class TestCliQgisParity : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString layer_;
    int parts_ = 0; // points in the layer, counted by OGR: 600 features, 36 of them multipart
    std::vector<Case> cases_;

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        FIREBEAT_REQUIRE_PEER(QFileInfo::exists(kQgisProcess), "/usr/bin/qgis_process.bin (Debian qgis)");
        QVERIFY(dir_.isValid());
        const QString gpkg = dir_.filePath("foreign.gpkg");
        const QString error = makeForeignLayers(gpkg);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        layer_ = gpkg + "|layername=points";
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(gpkg.toUtf8().constData(), GDAL_OF_VECTOR));
        int multipart = 0;
        for (auto& f : ds->GetLayerByName("points")) {
            const int n = f->GetGeometryRef()->toMultiPoint()->getNumGeometries();
            parts_ += n;
            multipart += n > 1;
        }
        QCOMPARE(multipart, 36);
        QVERIFY(parts_ > 600 + 36);
        // Every kernel, raw and scaled; the four weight/radius field combinations in turn.
        const char* kernels[] = {"quartic", "triangular", "uniform", "triweight", "epanechnikov"};
        int n = 0;
        for (int k = 0; k < 5; ++k)
            for (bool scaled : {false, true}) {
                cases_.push_back({kernels[k], k, scaled, n % 2 == 1, (n / 2) % 2 == 1});
                ++n;
            }
    }

    void equalsQgisOnAForeignLayer() {
        QVERIFY(QDir(dir_.path()).mkdir("xdg"));
        QFile::setPermissions(dir_.filePath("xdg"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_RUNTIME_DIR", dir_.filePath("xdg"));
        const QString gpkg = dir_.filePath("foreign.gpkg");
        for (std::size_t i = 0; i < cases_.size(); ++i) {
            const Case& c = cases_[i];
            const QString qgisOut = dir_.filePath(QString("qgis_%1.tif").arg(i));
            const QString ours = dir_.filePath(QString("ours_%1.tif").arg(i));
            // QGIS in the background while ours runs: each run is mostly QGIS starting up.
            QStringList qargs{"run",
                              "qgis:heatmapkerneldensityestimation",
                              "--",
                              "INPUT=" + layer_,
                              "RADIUS=300",
                              "PIXEL_SIZE=7",
                              QString("KERNEL=%1").arg(c.qgisKernel),
                              QString("OUTPUT_VALUE=%1").arg(c.scaled ? 1 : 0),
                              "OUTPUT=" + qgisOut};
            QStringList args{"heatmap",
                             "--input",
                             gpkg,
                             "--layer",
                             "points",
                             "--radius",
                             "300",
                             "--pixel-size",
                             "7",
                             "--kernel",
                             c.kernel,
                             "--output-value",
                             c.scaled ? "scaled" : "raw",
                             "--qgis-compatible",
                             "--output",
                             ours,
                             "--json",
                             "--quiet"};
            if (c.weightField) {
                qargs << "WEIGHT_FIELD=w";
                args << "--weight-field"
                     << "w";
            }
            if (c.radiusField) {
                qargs << "RADIUS_FIELD=r";
                args << "--radius-field"
                     << "r";
            }
            QProcess qgis;
            qgis.setProcessEnvironment(env);
            qgis.setProcessChannelMode(QProcess::MergedChannels);
            qgis.start(kQgisProcess, qargs);
            const CliResult r = cli(args);
            QVERIFY2(qgis.waitForFinished(300000), "qgis_process did not finish in 5 minutes");
            QVERIFY2(qgis.exitCode() == 0, qgis.readAll().constData());
            QVERIFY2(r.code == 0, qPrintable(c.name() + ": " + r.err));
            const QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
            QCOMPARE(summary.value("crs").toString(), QString("EPSG:32648"));
            // Every part of a multipoint is a point, as in QGIS.
            QCOMPARE(summary.value("points").toInt(), parts_);
            if (!c.weightField) // QGIS weighs 1: the severity field is not used
                QCOMPARE(summary.value("total_weight").toDouble(), double(parts_));

            const Raster q = readRaster(qgisOut), o = readRaster(ours);
            QVERIFY2(!q.values.empty() && !o.values.empty(), qPrintable("cannot read " + c.name()));
            QCOMPARE(o.width, q.width);
            QCOMPARE(o.height, q.height);
            for (int k = 0; k < 6; ++k)
                QCOMPARE(o.transform[k], q.transform[k]);
            QVERIFY2(sameCrs(o.wkt, q.wkt), o.wkt.c_str());
            QVERIFY(o.hasNoData && q.hasNoData);
            QCOMPARE(o.noData, q.noData);
            double peak = 0, worst = 0;
            std::size_t maskDiffers = 0, reached = 0;
            for (std::size_t p = 0; p < q.values.size(); ++p) {
                const bool qNo = q.values[p] == float(q.noData), oNo = o.values[p] == float(o.noData);
                maskDiffers += qNo != oNo;
                if (!qNo && !oNo) {
                    ++reached;
                    peak = std::max(peak, std::abs(double(q.values[p])));
                    worst = std::max(worst, std::abs(double(q.values[p]) - double(o.values[p])));
                }
            }
            qInfo("%s: %dx%d, %zu pixels reached, mask differs at %zu, max |diff| / max = %.2e",
                  qPrintable(c.name()), q.width, q.height, reached, maskDiffers,
                  peak > 0 ? worst / peak : worst);
            QVERIFY(reached > 1000);
            QCOMPARE(maskDiffers, std::size_t{0});
            QVERIFY2(worst <= 1e-5 * peak, qPrintable(c.name()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliQgisParity)
#include "test_cli_qgis_parity.moc"
