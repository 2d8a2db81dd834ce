#include "firebeat/memory_source.h"

#include "firebeat/progress.h"
#include "firebeat/time.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <memory>

namespace firebeat {
namespace {

OGRFieldType ogrType(FieldType type) {
    switch (type) {
    case FieldType::Text:
        return OFTString;
    case FieldType::Integer:
        return OFTInteger64;
    case FieldType::Real:
        return OFTReal;
    case FieldType::DateTime:
        return OFTDateTime;
    }
    return OFTString;
}

OGRwkbGeometryType ogrGeometryType(std::uint32_t iso) {
    if (iso == 0)
        return wkbNone;
    const auto flat = static_cast<OGRwkbGeometryType>(iso % 1000);
    const std::uint32_t dims = iso / 1000;
    return OGR_GT_SetModifier(flat, dims == 1 || dims == 3, dims == 2 || dims == 3);
}

// The civil date-time of `t` in China Standard Time (Howard Hinnant's days-to-civil).
void setChinaStandardTime(OGRFeature& feature, int index, Timestamp t) {
    const std::int64_t local = t + kDefaultUtcOffsetMinutes * 60;
    std::int64_t days =
        local >= 0 ? local / kSecondsPerDay : -((-local + kSecondsPerDay - 1) / kSecondsPerDay);
    const std::int64_t secondOfDay = local - days * kSecondsPerDay;
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2));
    feature.SetField(index, year, month, day, static_cast<int>(secondOfDay / 3600),
                     static_cast<int>(secondOfDay / 60 % 60), static_cast<float>(secondOfDay % 60), 0);
}

std::string uniquePath() {
    static std::atomic<unsigned> counter{0}; // /vsimem/ is private to the process
    return "/vsimem/firebeat-source-" + std::to_string(counter++) + ".gpkg";
}

} // namespace

MemorySource::MemorySource() : path_(uniquePath()) {
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver)
        throw std::runtime_error("GDAL has no GeoPackage driver");
    ds_ = driver->Create(path_.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds_)
        throw std::runtime_error("cannot create the in-memory data source " + path_ + ": " +
                                 CPLGetLastErrorMsg());
}

MemorySource::~MemorySource() {
    if (ds_)
        GDALClose(ds_);
    VSIUnlink(path_.c_str());
}

void MemorySource::commit() {
    if (inTransaction_ && ds_)
        ds_->CommitTransaction();
    inTransaction_ = false;
}

void MemorySource::addLayer(const std::string& name, const std::string& crs, std::uint32_t wkbType,
                            const std::vector<Field>& fields) {
    if (!ds_)
        throw std::logic_error("MemorySource: layers added after path()");
    commit();
    std::unique_ptr<OGRSpatialReference, void (*)(OGRSpatialReference*)> srs(
        nullptr, [](OGRSpatialReference* s) { s->Release(); });
    if (!crs.empty()) {
        srs.reset(new OGRSpatialReference());
        srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (srs->SetFromUserInput(crs.c_str()) != OGRERR_NONE)
            throw InputError(name + ": unknown CRS '" + crs + "'");
    }
    const char* options[] = {"SPATIAL_INDEX=NO", nullptr};
    layer_ = ds_->CreateLayer(name.c_str(), srs.get(), ogrGeometryType(wkbType), const_cast<char**>(options));
    if (!layer_)
        throw std::runtime_error("cannot create the in-memory layer " + name + ": " + CPLGetLastErrorMsg());
    fieldTypes_.clear();
    for (const Field& f : fields) {
        fieldTypes_.push_back(f.type);
        OGRFieldDefn defn(f.name.c_str(), ogrType(f.type));
        if (layer_->CreateField(&defn) != OGRERR_NONE)
            throw std::runtime_error("cannot create the field " + f.name + " of the in-memory layer " + name);
    }
    inTransaction_ = ds_->StartTransaction() == OGRERR_NONE;
}

void MemorySource::addFeature(std::int64_t fid, std::span<const Value> values,
                              std::span<const std::uint8_t> wkb) {
    if (!layer_)
        throw std::logic_error("MemorySource: a feature before any layer");
    OGRFeature feature(layer_->GetLayerDefn());
    feature.SetFID(fid >= 0 ? fid : OGRNullFID); // QGIS gives features not yet saved negative ids
    for (std::size_t i = 0; i < values.size(); ++i) {
        const int index = static_cast<int>(i);
        std::visit(
            [&](const auto& v) {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, std::monostate>)
                    feature.SetFieldNull(index);
                else if constexpr (std::is_same_v<V, std::int64_t>)
                    feature.SetField(index, static_cast<GIntBig>(v));
                else if constexpr (std::is_same_v<V, double>)
                    feature.SetField(index, v);
                else if (fieldTypes_[i] != FieldType::DateTime)
                    feature.SetField(index, v.c_str());
                else if (const auto t = parseTimestamp(v))
                    // Stored as a wall-clock time in China Standard Time, which every cursor reads
                    // alike: GDAL's Arrow stream of a GeoPackage drops a value's own offset.
                    setChinaStandardTime(feature, index, *t);
                else
                    feature.SetFieldNull(index);
            },
            values[i]);
    }
    if (!wkb.empty()) {
        OGRGeometry* geometry = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &geometry, wkb.size()) == OGRERR_NONE)
            feature.SetGeometryDirectly(geometry);
        // An unparseable geometry stays null: the reader reports the feature's missing geometry.
    }
    if (layer_->CreateFeature(&feature) == OGRERR_NONE)
        return;
    if (feature.GetFID() != OGRNullFID) { // a provider whose ids repeat: a fresh id, not a failed run
        CPLErrorReset();
        feature.SetFID(OGRNullFID);
        if (layer_->CreateFeature(&feature) == OGRERR_NONE)
            return;
    }
    throw std::runtime_error("cannot copy feature " + std::to_string(fid) + " into the in-memory layer " +
                             layer_->GetName() + ": " + CPLGetLastErrorMsg());
}

const std::string& MemorySource::path() {
    commit();
    if (ds_) {
        GDALClose(ds_);
        ds_ = nullptr;
        layer_ = nullptr;
    }
    return path_;
}

} // namespace firebeat
