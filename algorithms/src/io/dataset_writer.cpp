// writeDataset: the seven layers through OGR, into a temporary file renamed at the end.
#include "firebeat/dataset_writer.h"

#include "firebeat/gcj02.h"
#include "io/dataset_writer_rtree.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <system_error>
#include <type_traits>

namespace firebeat {
namespace {

namespace fs = std::filesystem;

struct FieldDef {
    const char* name;
    OGRFieldType type;
};

constexpr FieldDef kDistrictFields[] = {{"district_id", OFTString},
                                        {"name", OFTString},
                                        {"station", OFTString},
                                        {"officers", OFTInteger},
                                        {"kind", OFTString}};
constexpr FieldDef kVillageFields[] = {{"village_id", OFTString},
                                       {"name", OFTString},
                                       {"district_id", OFTString},
                                       {"kind", OFTString},
                                       {"population", OFTInteger64}};
constexpr FieldDef kUnitFields[] = {{"unit_id", OFTString},
                                    {"name", OFTString},
                                    {"category", OFTString},
                                    {"district_id", OFTString},
                                    {"inspect_every_days", OFTInteger}};
constexpr FieldDef kInspectionFields[] = {{"inspection_id", OFTString},
                                          {"unit_id", OFTString},
                                          {"officer_id", OFTString},
                                          {"inspected_at", OFTDateTime},
                                          {"outcome", OFTString}};
constexpr FieldDef kHazardFields[] = {
    {"hazard_id", OFTString},  {"inspection_id", OFTString},  {"unit_id", OFTString},
    {"category", OFTString},   {"severity", OFTInteger},      {"found_at", OFTDateTime},
    {"deadline", OFTDateTime}, {"rectified_at", OFTDateTime}, {"source", OFTString}};
constexpr FieldDef kStationFields[] = {{"station_id", OFTString}, {"name", OFTString}, {"kind", OFTString}};
constexpr FieldDef kOfficerFields[] = {
    {"officer_id", OFTString}, {"name", OFTString}, {"district_id", OFTString}};

// OGR's TZFlag: 100 = UTC, each step 15 minutes.
constexpr int kTzFlagUtc = 100;
constexpr int kTzFlagChinaStandardTime = 100 + 32;
constexpr std::size_t kProgressEvery = 8192;

struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};

// Sets the fields of one feature in FieldDef order; empty text and empty optionals are null.
class FieldSetter {
  public:
    FieldSetter(OGRFeature& feature, const std::vector<int>& indices, bool utc)
        : feature_(feature), indices_(indices), utc_(utc) {}

    void text(std::size_t i, std::string_view value) {
        if (value.empty()) {
            feature_.SetFieldNull(indices_[i]);
            return;
        }
        buffer_.assign(value); // reused: no allocation per feature
        feature_.SetField(indices_[i], buffer_.c_str());
    }
    void integer(std::size_t i, std::optional<std::int64_t> value) {
        if (value)
            feature_.SetField(indices_[i], static_cast<GIntBig>(*value));
        else
            feature_.SetFieldNull(indices_[i]);
    }
    // As civil time in China Standard Time, like formatTimestamp, or in UTC.
    void dateTime(std::size_t i, std::optional<Timestamp> value) {
        if (!value) {
            feature_.SetFieldNull(indices_[i]);
            return;
        }
        const std::int64_t local = *value + (utc_ ? 0 : kDefaultUtcOffsetMinutes * 60);
        const std::int64_t days = (local >= 0 ? local : local - (kSecondsPerDay - 1)) / kSecondsPerDay;
        const std::int64_t seconds = local - days * kSecondsPerDay;
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        const std::int64_t z = days + 719468;
        const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
        const std::int64_t doe = z - era * 146097;
        const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        const std::int64_t mp = (5 * doy + 2) / 153;
        const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
        const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
        const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        feature_.SetField(indices_[i], static_cast<int>(year), static_cast<int>(month), static_cast<int>(day),
                          static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                          static_cast<float>(seconds % 60), utc_ ? kTzFlagUtc : kTzFlagChinaStandardTime);
    }

  private:
    OGRFeature& feature_;
    const std::vector<int>& indices_;
    bool utc_;
    std::string buffer_;
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string gdalError(const std::string& what) {
    const std::string message = CPLGetLastErrorMsg();
    return what + (message.empty() ? std::string() : ": " + message);
}

// Removes the temporary data set and whatever GDAL and SQLite put beside it (journals, the
// GeoPackage background R-tree database: all named after it) unless it was moved into place.
class TemporaryFile {
  public:
    explicit TemporaryFile(fs::path path) : path_(std::move(path)) { removeAll(); }
    ~TemporaryFile() {
        if (!released_)
            removeAll();
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const fs::path& path() const { return path_; }
    void moveTo(const fs::path& target) {
        fs::rename(path_, target); // atomic replace on POSIX
        released_ = true;
        removeAll();
    }

  private:
    void removeAll() const {
        const std::string prefix = path_.filename().string();
        std::vector<fs::path> found;
        std::error_code ignored;
        for (fs::directory_iterator it(path_.parent_path(), ignored), end; !ignored && it != end;
             it.increment(ignored))
            if (it->path().filename().string().starts_with(prefix))
                found.push_back(it->path());
        for (const fs::path& p : found)
            fs::remove(p, ignored);
    }
    fs::path path_;
    bool released_ = false;
};

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

// Where the data set goes: SQLite-based formats get their point indexes bulk-loaded.
enum class Format { GeoPackage, SpatiaLite, Other };

class Writer {
  public:
    Writer(GDALDataset& ds, OGRSpatialReference* srs, Format format, bool gcj02, std::size_t total,
           Progress* progress)
        : ds_(ds), srs_(srs), format_(format), gcj02_(gcj02), total_(total), progress_(progress) {}

    void writeAll(const Dataset& data) {
        writeLayer(LayerKind::PoliceDistricts, wkbMultiPolygon, kDistrictFields, data.districts,
                   [](FieldSetter& f, const District& d) {
                       f.text(0, d.id);
                       f.text(1, d.name);
                       f.text(2, d.station);
                       f.integer(3, d.officers);
                       f.text(4, code(d.kind));
                       return &d.geometry;
                   });
        writeLayer(LayerKind::Villages, wkbMultiPolygon, kVillageFields, data.villages,
                   [](FieldSetter& f, const Village& v) {
                       f.text(0, v.id);
                       f.text(1, v.name);
                       f.text(2, v.districtId);
                       f.text(3, code(v.kind));
                       f.integer(4, v.population);
                       return &v.geometry;
                   });
        writeLayer(LayerKind::Units, wkbPoint, kUnitFields, data.units, [](FieldSetter& f, const Unit& u) {
            f.text(0, u.id);
            f.text(1, u.name);
            f.text(2, code(u.category));
            f.text(3, u.districtId);
            f.integer(4, u.inspectEveryDays);
            return u.position;
        });
        writeLayer(LayerKind::Inspections, wkbPoint, kInspectionFields, data.inspections,
                   [](FieldSetter& f, const Inspection& i) {
                       f.text(0, i.id);
                       f.text(1, i.unitId);
                       f.text(2, i.officerId);
                       f.dateTime(3, i.inspectedAt);
                       f.text(4, code(i.outcome));
                       return i.position;
                   });
        writeLayer(LayerKind::Hazards, wkbPoint, kHazardFields, data.hazards,
                   [](FieldSetter& f, const Hazard& h) {
                       f.text(0, h.id);
                       f.text(1, h.inspectionId);
                       f.text(2, h.unitId);
                       f.text(3, code(h.category));
                       f.integer(4, h.severity);
                       f.dateTime(5, h.foundAt);
                       f.dateTime(6, h.deadline);
                       f.dateTime(7, h.rectifiedAt);
                       f.text(8, code(h.source));
                       return h.position;
                   });
        writeLayer(LayerKind::FireStations, wkbPoint, kStationFields, data.stations,
                   [](FieldSetter& f, const FireStation& s) {
                       f.text(0, s.id);
                       f.text(1, s.name);
                       f.text(2, code(s.kind));
                       return s.position;
                   });
        writeLayer(LayerKind::Officers, wkbNone, kOfficerFields, data.officers,
                   [](FieldSetter& f, const Officer& o) {
                       f.text(0, o.id);
                       f.text(1, o.name);
                       f.text(2, o.districtId);
                   });
    }

  private:
    OGRLayer& createLayer(LayerKind kind, OGRwkbGeometryType type, std::span<const FieldDef> fields,
                          std::vector<int>& indices) {
        const std::string name(layerName(kind));
        CPLStringList options;
        if (type == wkbPoint && format_ != Format::Other)
            options.SetNameValue("SPATIAL_INDEX", "NO"); // bulk-loaded instead
        OGRLayer* layer =
            ds_.CreateLayer(name.c_str(), type == wkbNone ? nullptr : srs_, type, options.List());
        if (!layer)
            throw std::runtime_error(gdalError("cannot create layer " + name));
        for (const FieldDef& field : fields) {
            OGRFieldDefn definition(field.name, field.type);
            if (layer->CreateField(&definition) != OGRERR_NONE)
                throw std::runtime_error(gdalError("cannot create field " + name + "." + field.name));
            indices.push_back(layer->GetLayerDefn()->GetFieldIndex(field.name));
        }
        return *layer;
    }

    // fill sets the fields and returns the geometry: a Point, a Polygon pointer, or nothing.
    template <class T, class Fill>
    void writeLayer(LayerKind kind, OGRwkbGeometryType type, std::span<const FieldDef> fields,
                    const std::vector<T>& items, Fill fill) {
        std::vector<int> indices;
        OGRLayer& layer = createLayer(kind, type, fields, indices);
        const std::unique_ptr<OGRFeature, FeatureDeleter> feature(
            OGRFeature::CreateFeature(layer.GetLayerDefn()));
        // GeoPackage requires date-times in UTC; elsewhere they keep the data's +08:00.
        FieldSetter setter(*feature, indices, format_ == Format::GeoPackage);
        OGRPoint* point = nullptr;
        std::optional<detail::BulkSpatialIndex> index;
        if (type == wkbPoint) {
            point = new OGRPoint;
            feature->SetGeometryDirectly(point); // reused: only its coordinates change
            if (format_ != Format::Other)
                index.emplace(ds_, layer, format_ == Format::GeoPackage);
        }
        if (ds_.StartTransaction(TRUE) != OGRERR_NONE)
            throw std::runtime_error(gdalError("cannot start a transaction"));
        for (const T& item : items) {
            if constexpr (std::is_same_v<decltype(fill(setter, item)), Point>) {
                const Point p = gcj02_ ? wgs84ToGcj02(fill(setter, item)) : fill(setter, item);
                point->setX(p.x);
                point->setY(p.y);
            } else if constexpr (std::is_same_v<decltype(fill(setter, item)), const Polygon*>) {
                feature->SetGeometryDirectly(multiPolygon(*fill(setter, item)));
            } else {
                fill(setter, item);
            }
            feature->SetFID(OGRNullFID);
            if (layer.CreateFeature(feature.get()) != OGRERR_NONE)
                throw std::runtime_error(
                    gdalError("cannot write a feature of " + std::string(layerName(kind))));
            if (index)
                index->add(feature->GetFID(), {point->getX(), point->getY()});
            if (++written_ % kProgressEvery == 0)
                reportProgress();
        }
        if (index)
            index->finish();
        if (ds_.CommitTransaction() != OGRERR_NONE)
            throw std::runtime_error(gdalError("cannot commit " + std::string(layerName(kind))));
        reportProgress();
    }

    static OGRGeometry* multiPolygon(const Polygon& polygon) {
        if (polygon.wkb.empty())
            return nullptr;
        OGRGeometry* geometry = nullptr;
        if (OGRGeometryFactory::createFromWkb(polygon.wkb.data(), nullptr, &geometry, polygon.wkb.size()) !=
            OGRERR_NONE)
            throw std::runtime_error("a polygon has invalid WKB");
        return OGRGeometryFactory::forceToMultiPolygon(geometry);
    }

    void reportProgress() {
        throwIfCancelled(progress_);
        if (progress_)
            progress_->report(total_ ? 0.99 * static_cast<double>(written_) / static_cast<double>(total_)
                                     : 0.99,
                              "writing layers");
    }

    GDALDataset& ds_;
    OGRSpatialReference* srs_; // CreateLayer takes it non-const in GDAL 3.6
    Format format_;
    bool gcj02_;
    std::size_t total_;
    Progress* progress_;
    std::size_t written_ = 0;
};

std::string driverFor(const fs::path& path, const std::string& requested) {
    if (!requested.empty())
        return requested;
    const std::string extension = lower(path.extension().string());
    if (extension == ".sqlite" || extension == ".db")
        return "SQLite";
    if (extension == ".gpkg")
        return "GPKG";
    throw InputError("cannot choose an output format for " + path.string() +
                     ": use the extension .sqlite, .db or .gpkg, or name the OGR driver");
}

fs::path temporaryPathFor(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    return target.parent_path() / ("." + target.stem().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                                   std::to_string(counter++) + target.extension().string());
}

} // namespace

void writeDataset(const Dataset& data, const std::string& path, const WriteOptions& options,
                  Progress* progress) {
    static std::once_flag registered;
    std::call_once(registered, [] { GDALAllRegister(); });

    const fs::path target = fs::absolute(fs::path(path));
    if (path.empty() || !target.has_filename())
        throw InputError("output path '" + path + "' names no file");
    if (!fs::is_directory(target.parent_path()))
        throw InputError("output directory " + target.parent_path().string() + " does not exist");
    const std::string driverName = driverFor(target, options.driver);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName.c_str());
    if (!driver || !driver->GetMetadataItem(GDAL_DCAP_VECTOR) || !driver->GetMetadataItem(GDAL_DCAP_CREATE))
        throw InputError("OGR driver '" + driverName + "' is unknown or cannot create vector data sets");

    OGRSpatialReference srs;
    if (!data.crs.empty()) {
        if (srs.SetFromUserInput(data.crs.c_str()) != OGRERR_NONE)
            throw InputError("unknown CRS '" + data.crs + "'");
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    }
    if (options.gcj02PointLayers && !srs.IsGeographic())
        throw InputError("GCJ-02 output needs longitude/latitude coordinates, but the data set's CRS is '" +
                         data.crs + "'");

    TemporaryFile temporary(temporaryPathFor(target));
    {
        CPLStringList creationOptions;
        if (EQUAL(driverName.c_str(), "SQLite"))
            creationOptions.SetNameValue("SPATIALITE", "YES");
        CPLErrorReset();
        DatasetPtr ds(driver->Create(temporary.path().c_str(), 0, 0, 0, GDT_Unknown, creationOptions.List()));
        if (!ds)
            throw std::runtime_error(gdalError("cannot create " + temporary.path().string()));
        const Format format = EQUAL(driverName.c_str(), "GPKG")     ? Format::GeoPackage
                              : EQUAL(driverName.c_str(), "SQLite") ? Format::SpatiaLite
                                                                    : Format::Other;
        if (format != Format::Other) {
            // The file is a temporary one until the final rename, so waiting for the disk at
            // every commit buys nothing.
            if (OGRLayer* result = ds->ExecuteSQL("PRAGMA synchronous = OFF", nullptr, nullptr))
                ds->ReleaseResultSet(result);
        }
        const std::size_t total = data.districts.size() + data.villages.size() + data.units.size() +
                                  data.inspections.size() + data.hazards.size() + data.stations.size() +
                                  data.officers.size();
        Writer writer(*ds, data.crs.empty() ? nullptr : &srs, format, options.gcj02PointLayers, total,
                      progress);
        writer.writeAll(data);
        // Closing finishes the file (e.g. GeoPackage spatial indexes): check it before the rename.
        CPLErrorReset();
        ds.reset();
        if (CPLGetLastErrorType() == CE_Failure)
            throw std::runtime_error(gdalError("cannot finish " + temporary.path().string()));
    }
    throwIfCancelled(progress);
    try {
        temporary.moveTo(target);
    } catch (const fs::filesystem_error& e) {
        throw std::runtime_error("cannot rename the written data set to " + target.string() + ": " +
                                 e.what());
    }
    if (progress)
        progress->report(1, "writing layers");
}

} // namespace firebeat
