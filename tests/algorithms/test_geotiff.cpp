// The heatmap GeoTIFF: georeferencing, CRS, tags, nodata, layout (tiles, DEFLATE, predictor),
// the compressions, overviews and COG, values equal to computeWindow() across strips, and no file left behind
// by a failed or cancelled write.
#include "firebeat/kde_geotiff.h"

#include <QtTest>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <vector>

using namespace firebeat;
namespace fs = std::filesystem;

namespace {

std::vector<KdePoint> scatter(int n, double size, double radius) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> at(0, size);
    std::vector<KdePoint> points;
    for (int i = 0; i < n; ++i)
        points.push_back({500000 + at(rng), 2770000 + at(rng), 1.0 + i % 3, radius});
    return points;
}

struct Opened {
    GDALDataset* ds = nullptr;
    explicit Opened(const fs::path& p) : ds(static_cast<GDALDataset*>(GDALOpen(p.c_str(), GA_ReadOnly))) {}
    ~Opened() {
        if (ds)
            GDALClose(ds);
    }
    std::vector<float> values() const {
        std::vector<float> v(static_cast<std::size_t>(ds->GetRasterXSize()) *
                             static_cast<std::size_t>(ds->GetRasterYSize()));
        if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, ds->GetRasterXSize(), ds->GetRasterYSize(),
                                           v.data(), ds->GetRasterXSize(), ds->GetRasterYSize(), GDT_Float32,
                                           0, 0) != CE_None)
            v.clear();
        return v;
    }
    std::string item(const char* key, const char* domain = nullptr) const {
        const char* v = ds->GetMetadataItem(key, domain);
        return v ? v : "";
    }
};

class CancelAfter : public Progress {
  public:
    explicit CancelAfter(int n) : n_(n) {}
    void report(double, std::string_view) override { ++reports_; }
    bool cancelled() const override { return reports_ >= n_; }

  private:
    int n_;
    int reports_ = 0;
};

std::size_t filesIn(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

} // namespace

class TestGeoTiff : public QObject {
    Q_OBJECT
  private:
    QTemporaryDir tmp_;
    fs::path dir() const { return fs::path(tmp_.path().toStdString()); }

  private Q_SLOTS:
    void initTestCase() {
        GDALAllRegister();
        QVERIFY(tmp_.isValid());
    }

    void densityTiffHasGeoreferencingTagsAndValues() {
        const KdePointIndex index(scatter(300, 3000, 250));
        const RasterWindow w = qgisWindow(index, 10);
        GeoTiffOptions tiff;
        tiff.crs = "EPSG:4543";
        tiff.tags = {{"heatmap_weights", "severity 1,2,4"}, {"heatmap_filters", "open only"}};
        const fs::path path = dir() / "density.tif";
        writeKdeGeoTiff(path, index, w, {}, tiff);
        const Opened o(path);
        QVERIFY(o.ds);
        QCOMPARE(o.ds->GetRasterXSize(), w.width);
        QCOMPARE(o.ds->GetRasterYSize(), w.height);
        double gt[6];
        QCOMPARE(o.ds->GetGeoTransform(gt), CE_None);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(gt[i], w.geoTransform()[static_cast<std::size_t>(i)]);
        const OGRSpatialReference* srs = o.ds->GetSpatialRef();
        QVERIFY(srs);
        QCOMPARE(std::string(srs->GetAuthorityCode(nullptr)), std::string("4543"));
        GDALRasterBand* band = o.ds->GetRasterBand(1);
        QCOMPARE(band->GetRasterDataType(), GDT_Float32);
        int hasNoData = 0;
        band->GetNoDataValue(&hasNoData);
        QVERIFY(!hasNoData); // density: 0 means no hazard nearby
        QCOMPARE(std::string(band->GetUnitType()), std::string("1/km2"));
        int bx = 0, by = 0;
        band->GetBlockSize(&bx, &by);
        QCOMPARE(bx, 256);
        QCOMPARE(by, 256);
        QCOMPARE(o.item("COMPRESSION", "IMAGE_STRUCTURE"), std::string("DEFLATE"));
        QCOMPARE(o.item("PREDICTOR", "IMAGE_STRUCTURE"), std::string("3"));
        QCOMPARE(o.item("heatmap_weights"), std::string("severity 1,2,4"));
        QCOMPARE(o.item("heatmap_filters"), std::string("open only"));
        QCOMPARE(o.item("kde_kernel"), std::string("quartic"));
        QCOMPARE(o.item("kde_output_value"), std::string("density"));
        QCOMPARE(o.item("kde_radius"), std::string("250"));
        QCOMPARE(o.item("kde_points"), std::string("300"));
        std::vector<float> expected(w.pixelCount());
        computeWindow(index, w, {}, expected);
        QVERIFY(o.values() == expected);
        QCOMPARE(filesIn(dir()), std::size_t(1)); // no temporary left
    }

    void manyStripsGiveTheSameValues() {
        // The writer computes 4 radii (960 pixels) rounded up to 1024 rows at a time: two strips.
        const KdePointIndex index(scatter(200, 1000, 120));
        const RasterWindow w = RasterWindow::fromTopLeft(499000, 2771500, 0.5, 9000, 2000);
        const fs::path path = dir() / "strips.tif";
        const double maximum = writeKdeGeoTiff(path, index, w, {}, {});
        std::vector<float> expected(w.pixelCount());
        computeWindow(index, w, {}, expected);
        const Opened o(path);
        QVERIFY(o.values() == expected);
        // The maximum it returns is the file's, over every strip.
        QCOMPARE(maximum, static_cast<double>(*std::max_element(expected.begin(), expected.end())));
        fs::remove(path);
    }

    void qgisCompatibleTiffHasNoData() {
        const KdePointIndex index(scatter(50, 2000, 150));
        KdeOptions opt;
        opt.qgisCompatible = true;
        opt.value = OutputValue::Raw;
        const fs::path path = dir() / "qgis.tif";
        const double maximum = writeKdeGeoTiff(path, index, qgisWindow(index, 20), opt, {});
        const Opened o(path);
        int hasNoData = 0;
        const double noData = o.ds->GetRasterBand(1)->GetNoDataValue(&hasNoData);
        QVERIFY(hasNoData);
        QCOMPARE(noData, -9999.0);
        const std::vector<float> v = o.values();
        QVERIFY(std::count(v.begin(), v.end(), kQgisNoData) > 0);
        double minMax[2] = {0, 0};
        QCOMPARE(GDALComputeRasterMinMax(o.ds->GetRasterBand(1), FALSE, minMax), CE_None);
        QCOMPARE(maximum, minMax[1]); // nodata left out, as GDAL leaves it out
        QVERIFY(maximum > 0);
        QCOMPARE(o.item("kde_qgis_compatible"), std::string("yes"));
        fs::remove(path);
    }

    void overviewsAndCog() {
        const KdePointIndex index(scatter(100, 3000, 200));
        const RasterWindow w = qgisWindow(index, 5);
        GeoTiffOptions tiff;
        tiff.overviews = true;
        const fs::path ovr = dir() / "overviews.tif";
        writeKdeGeoTiff(ovr, index, w, {}, tiff);
        {
            const Opened o(ovr);
            QVERIFY(o.ds->GetRasterBand(1)->GetOverviewCount() >= 2);
            GDALRasterBand* last =
                o.ds->GetRasterBand(1)->GetOverview(o.ds->GetRasterBand(1)->GetOverviewCount() - 1);
            QVERIFY(std::max(last->GetXSize(), last->GetYSize()) <= 256);
        }
        tiff.overviews = false;
        tiff.cog = true;
        const fs::path cog = dir() / "cog.tif";
        writeKdeGeoTiff(cog, index, w, {}, tiff);
        const Opened o(cog);
        QCOMPARE(o.item("LAYOUT", "IMAGE_STRUCTURE"), std::string("COG"));
        QVERIFY(o.ds->GetRasterBand(1)->GetOverviewCount() >= 1);
        QCOMPARE(o.item("kde_kernel"), std::string("quartic"));
        std::vector<float> expected(w.pixelCount());
        computeWindow(index, w, {}, expected);
        QVERIFY(o.values() == expected);
        fs::remove(ovr);
        fs::remove(cog);
    }

    // Each compression as asked (the COG too: its driver would pick LZW for "none"), the predictor
    // with it, and the same values whatever the compression.
    void compressions() {
        const KdePointIndex index(scatter(100, 3000, 200));
        const RasterWindow w = qgisWindow(index, 5);
        std::vector<float> expected(w.pixelCount());
        computeWindow(index, w, {}, expected);
        const std::pair<Compression, const char*> cases[] = {
            {Compression::Deflate, "DEFLATE"}, {Compression::Zstd, "ZSTD"}, {Compression::None, ""}};
        for (const auto& [compression, name] : cases) {
            for (bool cog : {false, true}) {
                GeoTiffOptions tiff;
                tiff.compression = compression;
                tiff.cog = cog;
                const fs::path path = dir() / ("compressed." + std::string(code(compression)) + ".tif");
                writeKdeGeoTiff(path, index, w, {}, tiff);
                const Opened o(path);
                QCOMPARE(o.item("COMPRESSION", "IMAGE_STRUCTURE"), std::string(name));
                QCOMPARE(o.item("PREDICTOR", "IMAGE_STRUCTURE"),
                         std::string(compression == Compression::None ? "" : "3"));
                QVERIFY(o.values() == expected);
                fs::remove(path);
            }
        }
        QCOMPARE(parseCompression("zstd"), std::optional<Compression>(Compression::Zstd));
        QVERIFY(!parseCompression("lzw"));
    }

    void cancelledOrFailedWritesLeaveNoFile() {
        const KdePointIndex index(scatter(500, 3000, 300));
        const RasterWindow w = RasterWindow::fromTopLeft(499500, 2773500, 1, 4000, 4000);
        const fs::path path = dir() / "cancelled.tif";
        const std::size_t before = filesIn(dir());
        for (bool cog : {false, true}) {
            GeoTiffOptions tiff;
            tiff.cog = cog;
            CancelAfter cancel(3);
            QVERIFY_THROWS_EXCEPTION(Cancelled, writeKdeGeoTiff(path, index, w, {}, tiff, &cancel));
            QVERIFY(!fs::exists(path));
            QCOMPARE(filesIn(dir()), before);
        }
        // Cancelled while GDAL builds the COG: once progress is past the computation (85 %); the
        // number of reports before that varies with the threads, so it is not counted.
        GeoTiffOptions tiff;
        tiff.cog = true;
        const RasterWindow small = qgisWindow(index, 10);
        class CancelInCommit : public Progress {
          public:
            void report(double fraction, std::string_view) override { late_ = late_ || fraction > 0.86; }
            bool cancelled() const override { return late_; }

          private:
            bool late_ = false;
        } late;
        QVERIFY_THROWS_EXCEPTION(Cancelled, writeKdeGeoTiff(path, index, small, {}, tiff, &late));
        QVERIFY(!fs::exists(path));
        QCOMPARE(filesIn(dir()), before);
        // Unknown CRS and an unwritable directory.
        tiff.crs = "EPSG:999999";
        QVERIFY_THROWS_EXCEPTION(InputError, writeKdeGeoTiff(path, index, small, {}, tiff));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 writeKdeGeoTiff(dir() / "missing" / "x.tif", index, small, {}, {}));
        QCOMPARE(filesIn(dir()), before);
    }
};

QTEST_GUILESS_MAIN(TestGeoTiff)
#include "test_geotiff.moc"
