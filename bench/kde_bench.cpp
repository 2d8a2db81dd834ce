// Benchmark driver for the heatmap engine until `firebeat heatmap` exists: reads points from an
// OGR layer through its Arrow stream, writes the GeoTIFF through writeKdeGeoTiff(), and prints
// timings; `compare` checks two rasters the way the QGIS parity test does.
//
//   kde_bench heatmap --input IN.gpkg --output OUT.tif --radius M --pixel-size M
//             [--layer L] [--weight-field F] [--radius-field F] [--kernel K] [--output-value V]
//             [--qgis-compatible] [--threads N] [--overviews] [--cog] [--compute-only] [--direct]
//   (--direct: every point evaluated pixel by pixel, no polynomial accumulation)
//   kde_bench compare A.tif B.tif
#include "firebeat/kde.h"
#include "firebeat/kde_geotiff.h"

#include <gdal_priv.h>
#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>
#include <sys/mman.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace firebeat;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}
// CPU seconds used by the whole process so far (all threads).
double cpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

std::map<std::string, std::string> parseArgs(int argc, char** argv, int first) {
    std::map<std::string, std::string> args;
    for (int i = first; i < argc; ++i) {
        std::string key = argv[i];
        if (key.rfind("--", 0) != 0)
            throw std::invalid_argument("unexpected argument " + key);
        const bool flag = i + 1 >= argc || std::string(argv[i + 1]).rfind("--", 0) == 0;
        args[key.substr(2)] = flag ? "yes" : argv[++i];
    }
    return args;
}

// Little-endian or big-endian WKB doubles and integers.
struct WkbReader {
    const std::uint8_t* p;
    const std::uint8_t* end;
    bool little = true;
    template <class T> T read() {
        if (p + sizeof(T) > end)
            throw std::runtime_error("truncated WKB");
        std::uint8_t b[sizeof(T)];
        std::memcpy(b, p, sizeof(T));
        if (!little)
            std::reverse(b, b + sizeof(T));
        p += sizeof(T);
        T v;
        std::memcpy(&v, b, sizeof(T));
        return v;
    }
};

// Appends the point(s) of a 2-D Point or MultiPoint WKB (Z and M ordinates skipped).
void appendWkbPoints(const std::uint8_t* wkb, std::size_t size, double weight, double radius,
                     std::vector<KdePoint>& out) {
    WkbReader r{wkb, wkb + size};
    const auto header = [&r]() {
        r.little = r.read<std::uint8_t>() == 1;
        const std::uint32_t type = r.read<std::uint32_t>();
        const std::uint32_t base = (type & 0xffff) % 1000;
        const int dims = 2 +
                         ((type & 0x80000000u) || (type % 10000) / 1000 == 1 || (type % 10000) / 1000 == 3) +
                         ((type & 0x40000000u) || (type % 10000) / 1000 >= 2);
        return std::pair{base, dims};
    };
    const auto point = [&](int dims) {
        const double x = r.read<double>(), y = r.read<double>();
        for (int d = 2; d < dims; ++d)
            r.read<double>();
        if (!std::isnan(x)) // POINT EMPTY
            out.push_back({x, y, weight, radius});
    };
    const auto [type, dims] = header();
    if (type == 1) {
        point(dims);
    } else if (type == 4) {
        const std::uint32_t n = r.read<std::uint32_t>();
        for (std::uint32_t i = 0; i < n; ++i)
            point(header().second);
    } else {
        throw std::runtime_error("not a point geometry (WKB type " + std::to_string(type) + ")");
    }
}

// A numeric Arrow column as double (null: 0, as QGIS reads it).
double numberAt(const ArrowSchema* schema, const ArrowArray* array, std::int64_t row) {
    const std::int64_t i = row + array->offset;
    const auto* validity = static_cast<const std::uint8_t*>(array->buffers[0]);
    if (validity && !(validity[i / 8] & (1u << (i % 8))))
        return 0;
    const std::string_view f = schema->format;
    if (f == "g")
        return static_cast<const double*>(array->buffers[1])[i];
    if (f == "f")
        return static_cast<const float*>(array->buffers[1])[i];
    if (f == "l")
        return static_cast<double>(static_cast<const std::int64_t*>(array->buffers[1])[i]);
    if (f == "i")
        return static_cast<const std::int32_t*>(array->buffers[1])[i];
    throw std::runtime_error(std::string("unsupported Arrow format for a number: ") + schema->format);
}

// Reserves room for n points on transparent huge pages (Debian's THP mode is "madvise"): first
// touching 32 MB of 4 KiB pages costs ~0.3 s of page faults on this project's virtual machines.
void reserveHuge(std::vector<KdePoint>& v, std::size_t n) {
    v.reserve(n);
    constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(v.data()) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(v.data() + n)) & ~(kHuge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

struct Layer {
    std::vector<KdePoint> points;
    std::optional<Envelope> extent; // as OGR reports it: the extent QGIS builds its grid from
    std::string crsWkt;
};

struct Source {
    std::string path, layerName, weightField, radiusField;
    double radius = 0;
};

struct Opened {
    GDALDataset* ds = nullptr;
    OGRLayer* layer = nullptr;
    explicit Opened(const Source& s)
        : ds(static_cast<GDALDataset*>(
              GDALOpenEx(s.path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr))) {
        if (!ds)
            throw std::runtime_error("cannot open " + s.path);
        layer = s.layerName.empty() ? ds->GetLayer(0) : ds->GetLayerByName(s.layerName.c_str());
        if (!layer)
            throw std::runtime_error("no layer " + s.layerName);
    }
    ~Opened() { GDALClose(ds); }
    Opened(const Opened&) = delete;
    Opened& operator=(const Opened&) = delete;
};

// Appends the layer's points, read through its Arrow stream with only the weight and radius
// fields. (Reading halves of the FID range on two threads was slower with GDAL 3.6: an attribute
// filter takes the GeoPackage driver off its fast Arrow path.)
void readPoints(OGRLayer* layer, const Source& src, std::vector<KdePoint>& out) {
    std::vector<std::string> ignored;
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const std::string name = defn->GetFieldDefn(i)->GetNameRef();
        if (name != src.weightField && name != src.radiusField)
            ignored.push_back(name);
    }
    std::vector<const char*> ignoredC;
    for (const auto& s : ignored)
        ignoredC.push_back(s.c_str());
    ignoredC.push_back(nullptr);
    layer->SetIgnoredFields(ignoredC.data());
    ArrowArrayStream stream;
    const char* options[] = {"INCLUDE_FID=NO", "MAX_FEATURES_IN_BATCH=65536", nullptr};
    if (!layer->GetArrowStream(&stream, options))
        throw std::runtime_error("no Arrow stream for " + src.path);
    ArrowSchema schema;
    if (stream.get_schema(&stream, &schema) != 0)
        throw std::runtime_error("no Arrow schema");
    int geometry = -1, weight = -1, rad = -1;
    const std::string geometryName =
        layer->GetGeometryColumn()[0] ? layer->GetGeometryColumn() : "wkb_geometry";
    for (std::int64_t c = 0; c < schema.n_children; ++c) {
        const std::string name = schema.children[c]->name;
        if (name == geometryName)
            geometry = static_cast<int>(c);
        if (name == src.weightField)
            weight = static_cast<int>(c);
        if (name == src.radiusField)
            rad = static_cast<int>(c);
    }
    if (geometry < 0 || (!src.weightField.empty() && weight < 0) || (!src.radiusField.empty() && rad < 0))
        throw std::runtime_error("geometry, weight or radius column missing from the Arrow stream");
    while (true) {
        ArrowArray batch;
        if (stream.get_next(&stream, &batch) != 0)
            throw std::runtime_error("reading the Arrow stream failed");
        if (!batch.release)
            break;
        const ArrowArray* g = batch.children[geometry];
        const bool large = std::string_view(schema.children[geometry]->format) == "Z";
        const auto* data = static_cast<const std::uint8_t*>(g->buffers[2]);
        for (std::int64_t row = 0; row < batch.length; ++row) {
            const std::int64_t i = row + g->offset;
            const auto* validity = static_cast<const std::uint8_t*>(g->buffers[0]);
            if (validity && !(validity[i / 8] & (1u << (i % 8))))
                continue;
            std::int64_t begin, end;
            if (large) {
                begin = static_cast<const std::int64_t*>(g->buffers[1])[i];
                end = static_cast<const std::int64_t*>(g->buffers[1])[i + 1];
            } else {
                begin = static_cast<const std::int32_t*>(g->buffers[1])[i];
                end = static_cast<const std::int32_t*>(g->buffers[1])[i + 1];
            }
            const double w =
                weight >= 0 ? numberAt(schema.children[weight], batch.children[weight], row) : 1.0;
            const double r = rad >= 0 ? numberAt(schema.children[rad], batch.children[rad], row) : src.radius;
            appendWkbPoints(data + begin, static_cast<std::size_t>(end - begin), w, r, out);
        }
        batch.release(&batch);
    }
    schema.release(&schema);
    stream.release(&stream);
}

// The layer's points, extent and CRS.
Layer readLayer(const Source& src) {
    Layer out;
    const Opened o(src);
    reserveHuge(out.points, static_cast<std::size_t>(std::max<GIntBig>(0, o.layer->GetFeatureCount(TRUE))));
    OGREnvelope e;
    if (o.layer->GetExtent(&e, TRUE) == OGRERR_NONE)
        out.extent = Envelope{e.MinX, e.MinY, e.MaxX, e.MaxY};
    if (const OGRSpatialReference* srs = o.layer->GetSpatialRef()) {
        char* wkt = nullptr;
        srs->exportToWkt(&wkt);
        out.crsWkt = wkt;
        CPLFree(wkt);
    }
    readPoints(o.layer, src, out.points);
    return out;
}

int heatmap(const std::map<std::string, std::string>& a) {
    const auto get = [&](const std::string& k, const std::string& fallback = "") {
        const auto it = a.find(k);
        return it == a.end() ? fallback : it->second;
    };
    const auto start = Clock::now();
    const double pixel = std::stod(get("pixel-size", "0"));
    const double radius = std::stod(get("radius", "0"));
    KdeOptions o;
    const auto kernel = parseKernel(get("kernel", "quartic"));
    const auto value = parseOutputValue(get("output-value", "density"));
    if (!kernel || !value)
        throw std::invalid_argument("unknown --kernel or --output-value");
    o.kernel = *kernel;
    o.value = *value;
    o.qgisCompatible = a.contains("qgis-compatible");
    o.threads = static_cast<unsigned>(std::stoul(get("threads", "0")));
    o.polynomialAccumulation = !a.contains("direct");

    Layer layer = readLayer({get("input"), get("layer"), get("weight-field"), get("radius-field"), radius});
    const double readSeconds = since(start);
    auto t = Clock::now();
    const KdePointIndex index(std::move(layer.points), layer.extent);
    const RasterWindow window = qgisWindow(index, pixel);
    const double indexSeconds = since(t);

    t = Clock::now();
    const double cpuStart = cpuSeconds();
    if (a.contains("compute-only")) {
        // The engine alone, strip by strip as the writer does, values discarded.
        const int rows = 256;
        std::vector<float> strip(static_cast<std::size_t>(rows) * static_cast<std::size_t>(window.width));
        for (int row = 0; row < window.height; row += rows) {
            const int h = std::min(rows, window.height - row);
            computeWindow(index, window.sub(0, row, window.width, h), o,
                          std::span<float>(strip.data(), static_cast<std::size_t>(h) *
                                                             static_cast<std::size_t>(window.width)));
        }
    } else {
        GeoTiffOptions tiff;
        tiff.crs = layer.crsWkt;
        tiff.overviews = a.contains("overviews");
        tiff.cog = a.contains("cog");
        writeKdeGeoTiff(get("output"), index, window, o, tiff);
    }
    const double computeSeconds = since(t);
    const double computeCpu = cpuSeconds() - cpuStart;

    // Pixel centres inside the discs, for evaluations per second: about pi (r/p)^2 per point.
    double evaluations = 0, pointRows = 0;
    for (const KdePoint& p : index.points()) {
        evaluations += M_PI * (p.radius / pixel) * (p.radius / pixel);
        pointRows += 2 * p.radius / pixel;
    }
    std::cout << "points " << index.size() << ", raster " << window.width << " x " << window.height << "\n"
              << "read " << readSeconds << " s, index " << indexSeconds << " s, "
              << (a.contains("compute-only") ? "compute " : "compute + write ") << computeSeconds
              << " s, total " << since(start) << " s\n"
              << "kernel evaluations " << evaluations << ": " << evaluations / computeSeconds / 1e9
              << " G/s, " << evaluations / computeCpu / 1e9 << " G per CPU second (" << computeCpu
              << " CPU s)\n"
              << "point rows " << pointRows << ": " << computeCpu / pointRows * 1e9
              << " CPU ns per point row, " << computeCpu / static_cast<double>(window.pixelCount()) * 1e9
              << " CPU ns per pixel\n";
    return 0;
}

std::vector<float> readRaster(const std::string& path, int& width, int& height, double* transform) {
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
    if (!ds)
        throw std::runtime_error("cannot open " + path);
    width = ds->GetRasterXSize();
    height = ds->GetRasterYSize();
    ds->GetGeoTransform(transform);
    std::vector<float> v(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    if (ds->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, width, height, v.data(), width, height, GDT_Float32, 0,
                                       0) != CE_None)
        throw std::runtime_error("cannot read " + path);
    GDALClose(ds);
    return v;
}

// Same grid, same nodata (-9999) mask, values within 1e-5 of the maximum: exit 0.
int compare(const std::string& a, const std::string& b) {
    int wa, ha, wb, hb;
    double ta[6], tb[6];
    const std::vector<float> va = readRaster(a, wa, ha, ta), vb = readRaster(b, wb, hb, tb);
    if (wa != wb || ha != hb || !std::equal(ta, ta + 6, tb)) {
        std::cout << "different grids: " << wa << " x " << ha << " vs " << wb << " x " << hb << "\n";
        return 1;
    }
    std::size_t maskDiffers = 0;
    double peak = 0, worst = 0;
    for (std::size_t i = 0; i < va.size(); ++i) {
        const bool na = va[i] == kQgisNoData, nb = vb[i] == kQgisNoData;
        maskDiffers += na != nb;
        if (!na && !nb) {
            peak = std::max(peak, std::abs(double(va[i])));
            worst = std::max(worst, std::abs(double(va[i]) - double(vb[i])));
        }
    }
    std::cout << "same grid " << wa << " x " << ha << ", nodata mask differs at " << maskDiffers
              << " pixels, max |difference| / max = " << (peak > 0 ? worst / peak : worst) << "\n";
    return maskDiffers == 0 && worst <= 1e-5 * peak ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        GDALAllRegister();
        const std::string command = argc > 1 ? argv[1] : "";
        if (command == "heatmap")
            return heatmap(parseArgs(argc, argv, 2));
        if (command == "compare" && argc == 4)
            return compare(argv[2], argv[3]);
        std::cerr << "usage: kde_bench heatmap --input IN --output OUT.tif --radius M --pixel-size M [...]\n"
                     "       kde_bench compare A.tif B.tif\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "kde_bench: " << e.what() << "\n";
        return 1;
    }
}
