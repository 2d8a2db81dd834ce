// Parity with real QGIS 3.22: runs qgis:heatmapkerneldensityestimation through qgis_process on
// generated GeoPackages and compares its GeoTIFF with our QGIS-compatible output pixel by pixel
// (same size, origin and nodata mask; values within 1e-5 of the maximum).
#include "firebeat/kde.h"
#include "require_tool.h"

#include <QtTest>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace firebeat;

namespace {

const QString kQgisProcess = QStringLiteral("/usr/bin/qgis_process.bin");
constexpr double kX0 = 500000, kY0 = 2770000; // EPSG:4543 metres near Kunming

struct Feature {
    std::vector<std::pair<double, double>> parts; // one part: a Point, more: a MultiPoint
    double weight = 1;
    double radius = 0;
};

struct DataSet {
    std::string name;
    bool multipoint = false;
    std::vector<Feature> features;
};

DataSet clustered() {
    DataSet d{"clustered", false, {}};
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> centre(0, 4000), weight(0.5, 3);
    std::normal_distribution<double> spread(0, 150);
    const double radii[] = {100.2, 155.5, 300.3, 240, 199.9};
    for (int c = 0; c < 8; ++c) {
        const double cx = kX0 + centre(rng), cy = kY0 + centre(rng);
        for (int i = 0; i < 50; ++i)
            d.features.push_back({{{cx + spread(rng), cy + spread(rng)}}, weight(rng), radii[(c + i) % 5]});
    }
    return d;
}

DataSet uniform() {
    DataSet d{"uniform", false, {}};
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(0, 3000), y(0, 2000), weight(0, 5);
    const double radii[] = {80, 130.7, 250.25, 310, 175.4};
    for (int i = 0; i < 300; ++i)
        d.features.push_back({{{kX0 + x(rng), kY0 + y(rng)}}, weight(rng), radii[i % 5]});
    return d;
}

// Points on the edges and corners of the extent, and points placed so that pixel centres lie
// exactly at the radius from them (distance == radius ties in QGIS's test).
DataSet edges() {
    DataSet d{"edges", false, {}};
    for (double x : {0.0, 1000.0})
        for (double y : {0.0, 600.0})
            d.features.push_back({{{kX0 + x, kY0 + y}}, 1, 100});
    for (int k = 1; k < 10; ++k) {
        d.features.push_back({{{kX0 + 100 * k, kY0}}, 1.5, 100});
        d.features.push_back({{{kX0, kY0 + 60 * k}}, 2, 100});
        d.features.push_back({{{kX0 + 10 + 100 * k, kY0 + 10 + 40 * k}}, 1, 100});
    }
    return d;
}

DataSet multipoints() {
    DataSet d{"multipoints", true, {}};
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> centre(0, 3000), weight(0.5, 2);
    std::normal_distribution<double> spread(0, 200);
    std::uniform_int_distribution<int> parts(1, 4);
    for (int i = 0; i < 80; ++i) {
        Feature f{{}, weight(rng), 200};
        const double cx = kX0 + centre(rng), cy = kY0 + centre(rng);
        for (int p = parts(rng); p > 0; --p)
            f.parts.push_back({cx + spread(rng), cy + spread(rng)});
        d.features.push_back(f);
    }
    return d;
}

void writeGeoPackage(const DataSet& d, const QString& path) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDataset* ds = driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr);
    QVERIFY(ds);
    OGRSpatialReference srs;
    srs.importFromEPSG(4543);
    OGRLayer* layer = ds->CreateLayer("points", &srs, d.multipoint ? wkbMultiPoint : wkbPoint, nullptr);
    OGRFieldDefn weight("weight", OFTReal), radius("radius", OFTReal);
    layer->CreateField(&weight);
    layer->CreateField(&radius);
    for (const Feature& f : d.features) {
        OGRFeature* feature = OGRFeature::CreateFeature(layer->GetLayerDefn());
        feature->SetField("weight", f.weight);
        feature->SetField("radius", f.radius);
        if (d.multipoint) {
            OGRMultiPoint mp;
            for (const auto& [x, y] : f.parts)
                mp.addGeometry(new OGRPoint(x, y));
            feature->SetGeometry(&mp);
        } else {
            OGRPoint pt(f.parts[0].first, f.parts[0].second);
            feature->SetGeometry(&pt);
        }
        QCOMPARE(layer->CreateFeature(feature), OGRERR_NONE);
        OGRFeature::DestroyFeature(feature);
    }
    GDALClose(ds);
}

// Our points, read back from the GeoPackage so the coordinates are the doubles QGIS reads, with
// the layer extent QGIS reads (GDAL keeps it rounded in gpkg_contents).
KdePointIndex readPoints(const QString& path, bool radiusField, double radius, bool weightField) {
    std::vector<KdePoint> points;
    GDALDataset* ds = static_cast<GDALDataset*>(
        GDALOpenEx(path.toUtf8().constData(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    OGRLayer* layer = ds->GetLayer(0);
    OGREnvelope e;
    if (layer->GetExtent(&e, TRUE) != OGRERR_NONE)
        qFatal("no extent for %s", qPrintable(path));
    for (auto& f : layer) {
        const double w = weightField ? f->GetFieldAsDouble("weight") : 1.0;
        const double r = radiusField ? f->GetFieldAsDouble("radius") : radius;
        const OGRGeometry* g = f->GetGeometryRef();
        if (wkbFlatten(g->getGeometryType()) == wkbMultiPoint) {
            for (const OGRPoint* p : *g->toMultiPoint())
                points.push_back({p->getX(), p->getY(), w, r});
        } else {
            points.push_back({g->toPoint()->getX(), g->toPoint()->getY(), w, r});
        }
    }
    GDALClose(ds);
    return KdePointIndex(std::move(points), Envelope{e.MinX, e.MinY, e.MaxX, e.MaxY});
}

struct Case {
    int dataSet = 0;
    Kernel kernel = Kernel::Quartic;
    OutputValue value = OutputValue::Raw;
    double radius = 0; // 0: from the radius field
    double pixel = 20;
    double decay = 0;
    bool weightField = true;
    QString name() const {
        return QString("%1 %2 %3 r=%4 px=%5 decay=%6%7")
            .arg(dataSet)
            .arg(QString::fromStdString(std::string(code(kernel))))
            .arg(QString::fromStdString(std::string(code(value))))
            .arg(radius > 0 ? QString::number(radius) : QStringLiteral("field"))
            .arg(pixel)
            .arg(decay)
            .arg(weightField ? " weighted" : "");
    }
};

int qgisKernelIndex(Kernel k) {
    switch (k) {
    case Kernel::Quartic:
        return 0;
    case Kernel::Triangular:
        return 1;
    case Kernel::Uniform:
        return 2;
    case Kernel::Triweight:
        return 3;
    case Kernel::Epanechnikov:
        return 4;
    case Kernel::Gaussian:
        break;
    }
    return -1;
}

struct Raster {
    int width = 0, height = 0;
    double transform[6] = {};
    double noData = 0;
    bool hasNoData = false;
    std::vector<float> values;
};

Raster readRaster(const QString& path) {
    Raster r;
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.toUtf8().constData(), GA_ReadOnly));
    if (!ds)
        return r;
    r.width = ds->GetRasterXSize();
    r.height = ds->GetRasterYSize();
    ds->GetGeoTransform(r.transform);
    GDALRasterBand* band = ds->GetRasterBand(1);
    int has = 0;
    r.noData = band->GetNoDataValue(&has);
    r.hasNoData = has;
    r.values.resize(static_cast<std::size_t>(r.width) * static_cast<std::size_t>(r.height));
    if (band->RasterIO(GF_Read, 0, 0, r.width, r.height, r.values.data(), r.width, r.height, GDT_Float32, 0,
                       0) != CE_None)
        r.values.clear();
    GDALClose(ds);
    return r;
}

} // namespace

class TestQgisParity : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir dir_;
    QStringList gpkg_;
    std::vector<Case> cases_;

  private Q_SLOTS:
    void initTestCase() {
        FIREBEAT_REQUIRE_TOOL(
            QFileInfo::exists(kQgisProcess),
            "QGIS parity needs /usr/bin/qgis_process.bin (Debian package qgis): not installed");
        QVERIFY(dir_.isValid());
        QVERIFY(QDir(dir_.path()).mkdir("xdg"));
        QFile::setPermissions(dir_.filePath("xdg"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        const std::vector<DataSet> sets{clustered(), uniform(), edges(), multipoints()};
        for (const DataSet& d : sets) {
            gpkg_ << dir_.filePath(QString::fromStdString(d.name) + ".gpkg");
            writeGeoPackage(d, gpkg_.back());
        }
        const Kernel qgisKernels[] = {Kernel::Quartic, Kernel::Triangular, Kernel::Uniform, Kernel::Triweight,
                                      Kernel::Epanechnikov};
        // Clustered, fixed radius (310 m: 15.5 pixels, QGIS rounds its block up), weights: every
        // kernel, raw and scaled.
        for (Kernel k : qgisKernels)
            for (OutputValue v : {OutputValue::Raw, OutputValue::Scaled})
                cases_.push_back({0, k, v, 310, 20, 0, true});
        // Uniform points, radius per point (some a few tenths over whole pixels, which QGIS's
        // block cuts off), weights.
        for (Kernel k : qgisKernels)
            cases_.push_back(
                {1, k, qgisKernels[0] == k || k == Kernel::Uniform ? OutputValue::Scaled : OutputValue::Raw,
                 0, 12.5, 0, true});
        // Points on the extent's edges and exact distance == radius ties, no weights.
        for (Kernel k : qgisKernels)
            cases_.push_back({2, k, OutputValue::Raw, 100, 20, 0, false});
        cases_.push_back({2, Kernel::Uniform, OutputValue::Scaled, 110, 20, 0, true});
        // Multipoints (each part a point), weights; triangular with positive and negative decay.
        cases_.push_back({3, Kernel::Quartic, OutputValue::Raw, 200, 15, 0, true});
        cases_.push_back({3, Kernel::Quartic, OutputValue::Scaled, 200, 15, 0, true});
        cases_.push_back({3, Kernel::Triangular, OutputValue::Scaled, 200, 15, 0.5, true});
        cases_.push_back({0, Kernel::Triangular, OutputValue::Raw, 250, 25, -0.5, true});
        cases_.push_back({0, Kernel::Triangular, OutputValue::Scaled, 250, 25, -0.5, false});
    }

    void matchesQgisPixelByPixel() {
        // Two qgis_process runs at a time (each is mostly QGIS starting up).
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("XDG_RUNTIME_DIR", dir_.filePath("xdg"));
        std::vector<QString> outputs;
        for (std::size_t first = 0; first < cases_.size(); first += 2) {
            std::vector<std::unique_ptr<QProcess>> running;
            for (std::size_t i = first; i < std::min(cases_.size(), first + 2); ++i) {
                const Case& c = cases_[i];
                outputs.push_back(dir_.filePath(QString("qgis_%1.tif").arg(i)));
                QStringList args{"run",
                                 "qgis:heatmapkerneldensityestimation",
                                 "--",
                                 "INPUT=" + gpkg_[c.dataSet],
                                 QString("RADIUS=%1").arg(c.radius > 0 ? c.radius : 100, 0, 'g', 17),
                                 QString("PIXEL_SIZE=%1").arg(c.pixel, 0, 'g', 17),
                                 QString("KERNEL=%1").arg(qgisKernelIndex(c.kernel)),
                                 QString("OUTPUT_VALUE=%1").arg(c.value == OutputValue::Raw ? 0 : 1),
                                 QString("DECAY=%1").arg(c.decay, 0, 'g', 17),
                                 "OUTPUT=" + outputs.back()};
                if (c.radius == 0)
                    args << "RADIUS_FIELD=radius";
                if (c.weightField)
                    args << "WEIGHT_FIELD=weight";
                running.push_back(std::make_unique<QProcess>());
                running.back()->setProcessEnvironment(env);
                running.back()->setProcessChannelMode(QProcess::MergedChannels);
                running.back()->start(kQgisProcess, args);
            }
            for (auto& p : running) {
                QVERIFY2(p->waitForFinished(300000), "qgis_process did not finish in 5 minutes");
                QVERIFY2(p->exitCode() == 0, p->readAll().constData());
            }
        }

        for (std::size_t i = 0; i < cases_.size(); ++i) {
            const Case& c = cases_[i];
            const Raster q = readRaster(outputs[i]);
            QVERIFY2(!q.values.empty(), qPrintable("cannot read QGIS's output for " + c.name()));
            const KdePointIndex index = readPoints(gpkg_[c.dataSet], c.radius == 0, c.radius, c.weightField);
            const RasterWindow w = qgisWindow(index, c.pixel);
            KdeOptions o;
            o.kernel = c.kernel;
            o.value = c.value;
            o.decay = c.decay;
            o.qgisCompatible = true;
            std::vector<float> ours(w.pixelCount());
            computeWindow(index, w, o, ours);

            QCOMPARE(w.width, q.width);
            QCOMPARE(w.height, q.height);
            const auto gt = w.geoTransform();
            QVERIFY2(std::equal(gt.begin(), gt.end(), q.transform), "the geotransforms differ"); // to the bit
            QVERIFY(q.hasNoData);
            QCOMPARE(q.noData, double(kQgisNoData));
            double peak = 0, worst = 0;
            std::size_t maskDiffers = 0, reached = 0;
            for (std::size_t p = 0; p < ours.size(); ++p) {
                const bool qNo = q.values[p] == kQgisNoData, oNo = ours[p] == kQgisNoData;
                maskDiffers += qNo != oNo;
                if (!qNo) {
                    ++reached;
                    peak = std::max(peak, std::abs(double(q.values[p])));
                }
            }
            for (std::size_t p = 0; p < ours.size(); ++p)
                if (q.values[p] != kQgisNoData && ours[p] != kQgisNoData)
                    worst = std::max(worst, std::abs(double(q.values[p]) - double(ours[p])));
            qInfo("%s: %dx%d, %zu pixels reached, mask differs at %zu, max |diff| / max = %.2e",
                  qPrintable(c.name()), q.width, q.height, reached, maskDiffers,
                  peak > 0 ? worst / peak : worst);
            QCOMPARE(maskDiffers, std::size_t(0));
            QVERIFY2(worst <= 1e-5 * peak, qPrintable(c.name()));

            // The comparison can tell: the mathematically right raw values (true pixel centres, no
            // mirrored rows, whole discs) differ from QGIS's by far more than the tolerance.
            if (c.dataSet == 0 && c.kernel == Kernel::Quartic && c.value == OutputValue::Raw) {
                o.qgisCompatible = false;
                std::vector<float> right(w.pixelCount());
                computeWindow(index, w, o, right);
                double off = 0;
                for (std::size_t p = 0; p < right.size(); ++p)
                    if (q.values[p] != kQgisNoData)
                        off = std::max(off, std::abs(double(q.values[p]) - double(right[p])));
                qInfo("  unmirrored, true-centre raw values differ from QGIS by up to %.2e of the max",
                      off / peak);
                QVERIFY(off > 1e-3 * peak);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestQgisParity)
#include "test_qgis_parity.moc"
