// GeoTiffWriter: GDAL's GTiff driver in creation mode, flushed after every strip, and the COG
// driver's CreateCopy() for Cloud Optimized GeoTIFF.
#include "firebeat/geotiff_writer.h"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace firebeat {
namespace {

std::runtime_error gdalError(const std::string& what) {
    const std::string detail = CPLGetLastErrorMsg();
    return std::runtime_error(what + (detail.empty() ? "" : ": " + detail));
}

// A unique hidden name next to the final file, so the rename stays on one file system.
std::filesystem::path temporaryName(const std::filesystem::path& path, const char* suffix) {
    static std::atomic<unsigned> counter{0};
    return path.parent_path() / ("." + path.filename().string() + "." + std::to_string(getpid()) + "-" +
                                 std::to_string(counter++) + suffix);
}

// GDAL's messages reach the caller inside our exceptions, not printed on stderr as well.
struct QuietGdalErrors {
    QuietGdalErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
    ~QuietGdalErrors() { CPLPopErrorHandler(); }
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
};

struct CslList {
    char** list = nullptr;
    ~CslList() { CSLDestroy(list); }
    void set(const char* key, const std::string& value) { list = CSLSetNameValue(list, key, value.c_str()); }
};

// COMPRESS and PREDICTOR (`predictor`: the floating-point one, as the driver names it).
// Said even for none: the COG driver would compress with LZW by default.
void setCompression(CslList& options, Compression c, const char* predictor) {
    options.set("COMPRESS", c == Compression::None ? "NONE" : c == Compression::Zstd ? "ZSTD" : "DEFLATE");
    if (c == Compression::None)
        return;
    options.set("PREDICTOR", predictor);
}

// GDAL's progress callback onto Progress (its cancellation included) over [from, to].
struct GdalProgress {
    Progress* progress;
    double from, to;
    static int call(double complete, const char*, void* self) {
        const auto* p = static_cast<GdalProgress*>(self);
        if (!p->progress)
            return TRUE;
        if (p->progress->cancelled())
            return FALSE;
        p->progress->report(p->from + (p->to - p->from) * complete, "writing GeoTIFF");
        return TRUE;
    }
};

std::string wktOf(const std::string& crs) {
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    char* wkt = nullptr;
    const bool ok =
        OSRSetFromUserInput(srs, crs.c_str()) == OGRERR_NONE && OSRExportToWkt(srs, &wkt) == OGRERR_NONE;
    std::string result = ok && wkt ? wkt : "";
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    if (!ok)
        throw InputError("unknown CRS '" + crs +
                         "' for the GeoTIFF (expected e.g. EPSG:4543, a WKT or a PROJ string)");
    return result;
}

} // namespace

std::string_view code(Compression c) {
    switch (c) {
    case Compression::Zstd:
        return "zstd";
    case Compression::None:
        return "none";
    case Compression::Deflate:
        break;
    }
    return "deflate";
}

std::optional<Compression> parseCompression(std::string_view text) {
    for (Compression c : {Compression::Deflate, Compression::Zstd, Compression::None})
        if (text == code(c))
            return c;
    return std::nullopt;
}

struct GeoTiffWriter::Impl {
    std::filesystem::path path;
    std::filesystem::path temporary;
    RasterWindow window;
    GeoTiffOptions options;
    GDALDatasetH dataset = nullptr;
    GDALRasterBandH band = nullptr;
    bool committed = false;

    std::string threads() const { return options.threads ? std::to_string(options.threads) : "ALL_CPUS"; }

    void close() {
        if (!dataset)
            return;
        // GDAL 3.6's GDALClose() returns nothing: its failures show as the last error.
        CPLErrorReset();
        GDALClose(dataset);
        dataset = nullptr;
        if (CPLGetLastErrorType() >= CE_Failure)
            throw gdalError("cannot finish writing " + path.string());
    }

    void removeTemporary() noexcept {
        std::error_code ignored;
        if (!temporary.empty())
            std::filesystem::remove(temporary, ignored);
    }
};

GeoTiffWriter::GeoTiffWriter(std::filesystem::path path, const RasterWindow& window, GeoTiffOptions options)
    : impl_(std::make_unique<Impl>()) {
    GDALAllRegister();
    const QuietGdalErrors quiet;
    Impl& m = *impl_;
    m.path = std::move(path);
    m.window = window;
    m.options = std::move(options);
    const std::string wkt = m.options.crs.empty() ? "" : wktOf(m.options.crs);
    GDALDriverH driver = GDALGetDriverByName("GTiff");
    if (!driver)
        throw std::runtime_error("GDAL has no GTiff driver");
    CslList create;
    create.set("TILED", "YES");
    create.set("BLOCKXSIZE", std::to_string(kBlockSize));
    create.set("BLOCKYSIZE", std::to_string(kBlockSize));
    setCompression(create, m.options.compression, "3");
    // Level 1: with GDAL's libdeflate it compresses the heatmap about 4 times faster than the
    // default 6 for a file about 3 % larger (the predictor does most of the work); ZSTD's level 1
    // likewise. The COG driver recompresses everything at its own level anyway.
    create.set("ZLEVEL", "1");
    create.set("ZSTD_LEVEL", "1");
    create.set("BIGTIFF", "IF_SAFER");
    create.set("NUM_THREADS", m.threads());
    m.temporary = temporaryName(m.path, ".tif");
    m.dataset =
        GDALCreate(driver, m.temporary.c_str(), window.width, window.height, 1, GDT_Float32, create.list);
    if (!m.dataset)
        throw gdalError("cannot create " + m.path.string());
    auto transform = window.geoTransform();
    m.band = GDALGetRasterBand(m.dataset, 1);
    bool ok = GDALSetGeoTransform(m.dataset, transform.data()) == CE_None;
    if (!wkt.empty())
        ok = ok && GDALSetProjection(m.dataset, wkt.c_str()) == CE_None;
    if (m.options.noData)
        ok = ok && GDALSetRasterNoDataValue(m.band, *m.options.noData) == CE_None;
    if (!m.options.units.empty())
        ok = ok && GDALSetRasterUnitType(m.band, m.options.units.c_str()) == CE_None;
    for (const auto& [key, value] : m.options.tags)
        ok = ok && GDALSetMetadataItem(m.dataset, key.c_str(), value.c_str(), nullptr) == CE_None;
    if (!ok)
        throw gdalError("cannot set up " + m.path.string());
}

GeoTiffWriter::~GeoTiffWriter() {
    if (impl_->dataset)
        GDALClose(impl_->dataset);
    if (!impl_->committed)
        impl_->removeTemporary();
}

void GeoTiffWriter::writeRows(int row, int rows, std::span<const float> values) {
    const QuietGdalErrors quiet;
    Impl& m = *impl_;
    if (row < 0 || rows < 0 || row + rows > m.window.height ||
        values.size() != static_cast<std::size_t>(rows) * static_cast<std::size_t>(m.window.width))
        throw std::invalid_argument("GeoTiffWriter::writeRows: rows outside the raster or wrong value count");
    // GDALRasterIO only reads the buffer when writing; its signature is not const.
    void* data = const_cast<float*>(values.data());
    if (GDALRasterIO(m.band, GF_Write, 0, row, m.window.width, rows, data, m.window.width, rows, GDT_Float32,
                     0, 0) != CE_None ||
        GDALFlushRasterCache(m.band) != CE_None)
        throw gdalError("cannot write rows of " + m.path.string());
}

void GeoTiffWriter::commit(Progress* progress) {
    const QuietGdalErrors quiet;
    Impl& m = *impl_;
    const int largest = std::max(m.window.width, m.window.height);
    if (m.options.overviews && !m.options.cog) {
        std::vector<int> levels;
        for (int level = 2; largest / (level / 2) > kBlockSize; level *= 2)
            levels.push_back(level);
        GdalProgress p{progress, 0, 1};
        if (!levels.empty() &&
            GDALBuildOverviews(m.dataset, "AVERAGE", static_cast<int>(levels.size()), levels.data(), 0,
                               nullptr, GdalProgress::call, &p) != CE_None) {
            throwIfCancelled(progress);
            throw gdalError("cannot build the overviews of " + m.path.string());
        }
    }
    m.close();
    if (m.options.cog) {
        GDALDriverH cog = GDALGetDriverByName("COG");
        if (!cog)
            throw std::runtime_error("GDAL has no COG driver (GDAL >= 3.1 is needed)");
        GDALDatasetH source = GDALOpen(m.temporary.c_str(), GA_ReadOnly);
        if (!source)
            throw gdalError("cannot reopen " + m.temporary.string());
        CslList copy;
        setCompression(copy, m.options.compression, "YES");
        copy.set("BLOCKSIZE", std::to_string(kBlockSize));
        copy.set("RESAMPLING", "AVERAGE");
        copy.set("OVERVIEWS", "AUTO");
        copy.set("BIGTIFF", "IF_SAFER");
        copy.set("NUM_THREADS", m.threads());
        const std::filesystem::path cogPath = temporaryName(m.path, ".cog.tif");
        GdalProgress p{progress, 0, 1};
        GDALDatasetH out =
            GDALCreateCopy(cog, cogPath.c_str(), source, FALSE, copy.list, GdalProgress::call, &p);
        GDALClose(source);
        CPLErrorReset();
        if (out)
            GDALClose(out);
        const bool closed = out && CPLGetLastErrorType() < CE_Failure;
        m.removeTemporary();
        m.temporary = cogPath;
        if (!closed) {
            throwIfCancelled(progress);
            throw gdalError("cannot write the Cloud Optimized GeoTIFF " + m.path.string());
        }
    }
    std::filesystem::rename(m.temporary, m.path);
    m.committed = true;
}

} // namespace firebeat
