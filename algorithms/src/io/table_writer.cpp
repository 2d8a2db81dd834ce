#include "io/table_writer.h"

#include "firebeat/progress.h"

#include <cpl_error.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

namespace firebeat::ogr_output {
namespace {

namespace fs = std::filesystem;

std::runtime_error ogrError(const std::string& what) {
    return std::runtime_error(what + ": " + CPLGetLastErrorMsg());
}

// "<dir>/<stem>.tmp-<pid>-<n><ext>": same directory (rename stays atomic), same extension (the
// driver checks it), unique per process and call.
fs::path temporaryPath(const fs::path& target) {
    static std::atomic<int> counter{0};
    return target.parent_path() / (target.stem().string() + ".tmp-" + std::to_string(getpid()) + "-" +
                                   std::to_string(counter++) + target.extension().string());
}

void createField(OGRLayer& layer, const OutputFile::Field& f) {
    static constexpr OGRFieldType kTypes[] = {OFTInteger, OFTInteger64, OFTReal,
                                              OFTString,  OFTInteger,   OFTDateTime};
    OGRFieldDefn def(f.name.c_str(), kTypes[static_cast<int>(f.type)]);
    if (f.type == Type::Boolean)
        def.SetSubType(OFSTBoolean);
    if (layer.CreateField(&def) != OGRERR_NONE)
        throw ogrError("cannot create field " + std::string(layer.GetName()) + "." + f.name);
}

void setDateTime(OGRFeature& feature, int field, std::int64_t timestamp) {
    using namespace std::chrono;
    const sys_seconds t{seconds{timestamp}};
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    constexpr int kUtc = 100; // OGR's time zone flag for UTC
    feature.SetField(
        field, static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
        static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
        static_cast<int>(hms.minutes().count()), static_cast<float>(hms.seconds().count()), kUtc);
}

std::unique_ptr<OGRGeometry> toOgr(const Geometry& g) {
    if (const Point* p = std::get_if<Point>(&g))
        return std::make_unique<OGRPoint>(p->x, p->y);
    if (const Polygon* const* poly = std::get_if<const Polygon*>(&g)) {
        OGRGeometry* parsed = nullptr;
        const auto& wkb = (*poly)->wkb;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &parsed, wkb.size()) != OGRERR_NONE)
            throw ogrError("cannot read a polygon's WKB");
        return std::unique_ptr<OGRGeometry>(OGRGeometryFactory::forceToMultiPolygon(parsed));
    }
    return nullptr;
}

} // namespace

struct OutputFile::Impl {
    fs::path target, temporary;
    GDALDataset* dataset = nullptr;
    OGRSpatialReference srs;
    OGRLayer* layer = nullptr;
    std::vector<Type> types; // of the layer's fields
    bool csv = false;

    // False when GDAL reported a failure while flushing the file.
    bool close() {
        CPLErrorReset();
        GDALClose(GDALDataset::ToHandle(dataset));
        dataset = nullptr;
        return CPLGetLastErrorType() != CE_Failure && CPLGetLastErrorType() != CE_Fatal;
    }
};

OutputFile::OutputFile(const std::string& path, const std::string& crs) : impl_(std::make_unique<Impl>()) {
    GDALAllRegister();
    impl_->target = path;
    const std::string ext = impl_->target.extension().string();
    impl_->csv = ext == ".csv";
    if (!impl_->csv && ext != ".gpkg")
        throw InputError("output " + path + ": the name must end in .gpkg or .csv");
    if (impl_->srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
        throw InputError("output " + path + ": unknown CRS '" + crs + "'");
    impl_->srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(impl_->csv ? "CSV" : "GPKG");
    if (!driver)
        throw std::runtime_error(std::string("GDAL has no ") + (impl_->csv ? "CSV" : "GPKG") + " driver");
    impl_->temporary = temporaryPath(impl_->target);
    impl_->dataset = driver->Create(impl_->temporary.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!impl_->dataset)
        throw ogrError("cannot create " + impl_->temporary.string());
}

OutputFile::~OutputFile() {
    if (impl_->dataset) {
        if (impl_->dataset->TestCapability(ODsCTransactions))
            impl_->dataset->RollbackTransaction();
        impl_->close();
        std::error_code ignored;
        fs::remove(impl_->temporary, ignored);
    }
}

void OutputFile::beginLayer(const std::string& name, GeometryType geometry,
                            const std::vector<Field>& fields) {
    GDALDataset& ds = *impl_->dataset;
    if (impl_->layer && ds.TestCapability(ODsCTransactions) && ds.CommitTransaction() != OGRERR_NONE)
        throw ogrError("cannot write layer " + std::string(impl_->layer->GetName()));
    static constexpr OGRwkbGeometryType kTypes[] = {wkbNone, wkbPoint, wkbMultiPolygon};
    const char* const csvOptions[] = {"GEOMETRY=AS_WKT", nullptr};
    impl_->layer = ds.CreateLayer(
        name.c_str(), geometry == GeometryType::None ? nullptr : &impl_->srs,
        kTypes[static_cast<int>(geometry)],
        impl_->csv && geometry != GeometryType::None ? const_cast<char**>(csvOptions) : nullptr);
    if (!impl_->layer)
        throw ogrError("cannot create layer " + name);
    impl_->types.clear();
    for (const Field& f : fields) {
        createField(*impl_->layer, f);
        impl_->types.push_back(f.type);
    }
    // One transaction per layer: GeoPackage writes are far faster in bulk.
    if (ds.TestCapability(ODsCTransactions) && ds.StartTransaction() != OGRERR_NONE)
        throw ogrError("cannot start writing layer " + name);
}

void OutputFile::add(const std::vector<Value>& values, const Geometry& geometry) {
    OGRFeature feature(impl_->layer->GetLayerDefn());
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int f = static_cast<int>(i);
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, std::monostate>)
                    feature.SetFieldNull(f);
                else if constexpr (std::is_same_v<V, std::int64_t>) {
                    if (impl_->types[i] == Type::DateTime)
                        setDateTime(feature, f, v);
                    else
                        feature.SetField(f, static_cast<GIntBig>(v));
                } else if constexpr (std::is_same_v<V, bool>)
                    feature.SetField(f, v ? 1 : 0);
                else if constexpr (std::is_same_v<V, std::string>)
                    feature.SetField(f, v.c_str());
                else
                    feature.SetField(f, v);
            },
            values[i]);
    }
    if (std::unique_ptr<OGRGeometry> g = toOgr(geometry)) {
        g->assignSpatialReference(&impl_->srs);
        feature.SetGeometryDirectly(g.release());
    }
    if (impl_->layer->CreateFeature(&feature) != OGRERR_NONE)
        throw ogrError(std::string("cannot write a feature of layer ") + impl_->layer->GetName());
}

void OutputFile::commit() {
    GDALDataset& ds = *impl_->dataset;
    if (impl_->layer && ds.TestCapability(ODsCTransactions) && ds.CommitTransaction() != OGRERR_NONE)
        throw ogrError("cannot write layer " + std::string(impl_->layer->GetName()));
    std::error_code ignored;
    if (!impl_->close()) {
        const std::runtime_error e = ogrError("cannot finish writing " + impl_->temporary.string());
        fs::remove(impl_->temporary, ignored);
        throw e;
    }
    std::error_code error;
    fs::rename(impl_->temporary, impl_->target, error);
    if (error) {
        fs::remove(impl_->temporary, ignored);
        throw std::runtime_error("cannot rename " + impl_->temporary.string() + " to " +
                                 impl_->target.string() + ": " + error.message());
    }
}

} // namespace firebeat::ogr_output
