#include "fixtures.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <stdexcept>

namespace firebeat::test {
namespace {

OGRFieldType fieldType(const std::string& t) {
    if (t == "integer")
        return OFTInteger;
    if (t == "integer64")
        return OFTInteger64;
    if (t == "real")
        return OFTReal;
    if (t == "date")
        return OFTDate;
    if (t == "datetime")
        return OFTDateTime;
    return OFTString;
}

OGRwkbGeometryType geometryType(const std::string& g) {
    if (g == "point")
        return wkbPoint;
    if (g == "polygon")
        return wkbPolygon;
    if (g == "multipolygon")
        return wkbMultiPolygon;
    return wkbNone;
}

} // namespace

FixtureSource::FixtureSource(const std::string& path, const std::string& driver) {
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName(driver.c_str());
    if (!drv)
        throw std::runtime_error("no GDAL driver " + driver);
    VSIUnlink(path.c_str());
    const char* spatialite[] = {"SPATIALITE=YES", nullptr};
    ds_ = drv->Create(path.c_str(), 0, 0, 0, GDT_Unknown,
                      driver == "SQLite" ? const_cast<char**>(spatialite) : nullptr);
    if (!ds_)
        throw std::runtime_error("cannot create " + path);
}

FixtureSource::~FixtureSource() {
    close();
}

void FixtureSource::close() {
    if (ds_)
        GDALClose(ds_);
    ds_ = nullptr;
}

void FixtureSource::addLayer(const std::string& name, const std::string& geometry, int epsg,
                             const FieldList& fields) {
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (epsg)
        srs.importFromEPSG(epsg);
    const char* options[] = {"GEOMETRY_NAME=geom", nullptr};
    OGRLayer* layer = ds_->CreateLayer(name.c_str(), epsg ? &srs : nullptr, geometryType(geometry),
                                       const_cast<char**>(options));
    if (!layer)
        throw std::runtime_error("cannot create layer " + name);
    for (const auto& [field, type] : fields) {
        OGRFieldDefn defn(field.c_str(), fieldType(type));
        layer->CreateField(&defn);
    }
}

void FixtureSource::addFeature(const std::string& layerName, const std::string& wkt, const Values& values) {
    OGRLayer* layer = ds_->GetLayerByName(layerName.c_str());
    OGRFeature feature(layer->GetLayerDefn());
    for (const auto& [field, value] : values) {
        const int i = feature.GetFieldIndex(field.c_str());
        if (i < 0)
            throw std::runtime_error("no field " + field + " in " + layerName);
        if (value != "<null>")
            feature.SetField(i, value.c_str());
    }
    if (!wkt.empty()) {
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkt(wkt.c_str(), layer->GetSpatialRef(), &g);
        if (!g)
            throw std::runtime_error("bad WKT " + wkt);
        feature.SetGeometryDirectly(g);
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE)
        throw std::runtime_error("cannot write a feature to " + layerName);
}

std::vector<MinimalLayer> minimalDataset() {
    // Two 0.05-degree square districts side by side west/east of 102.7E, 25.0N.
    const std::string west = "MULTIPOLYGON(((102.65 25.0,102.7 25.0,102.7 25.05,102.65 25.05,102.65 25.0)))";
    const std::string east = "MULTIPOLYGON(((102.7 25.0,102.75 25.0,102.75 25.05,102.7 25.05,102.7 25.0)))";
    // One feature per line reads as a table.
    // clang-format off
    return {
        {"police_districts", "multipolygon", 4326,
         {{"district_id", "text"}, {"name", "text"}, {"station", "text"}, {"officers", "integer"}, {"kind", "text"}},
         {{west, {{"district_id", "D1"}, {"name", "西区"}, {"station", "西派出所"}, {"officers", "3"}, {"kind", "urban"}}},
          {east,
           {{"district_id", "D2"}, {"name", "东区"}, {"station", "东派出所"}, {"officers", "2"}, {"kind", "township"}}}}},
        {"villages", "multipolygon", 4326,
         {{"village_id", "text"}, {"name", "text"}, {"district_id", "text"}, {"kind", "text"}, {"population", "integer64"}},
         {{west, {{"village_id", "V1"}, {"name", "西村"}, {"district_id", "D1"}, {"kind", "urban_village"}, {"population", "1200"}}},
          {east, {{"village_id", "V2"}, {"name", "东村"}, {"district_id", "D2"}, {"kind", "rural_village"}, {"population", "800"}}}}},
        {"units", "point", 4326,
         {{"unit_id", "text"}, {"name", "text"}, {"category", "text"}, {"district_id", "text"}, {"inspect_every_days", "integer"}},
         {{"POINT(102.67 25.02)", {{"unit_id", "U1"}, {"name", "小卖部"}, {"category", "small_venue"}, {"district_id", "D1"}}},
          {"POINT(102.68 25.03)", {{"unit_id", "U2"}, {"name", "出租屋"}, {"category", "three_in_one"}, {"inspect_every_days", "60"}}},
          {"POINT(102.72 25.01)", {{"unit_id", "U3"}, {"name", "商场"}, {"category", "key_unit"}, {"district_id", "D2"}}}}},
        {"inspections", "point", 4326,
         {{"inspection_id", "text"}, {"unit_id", "text"}, {"officer_id", "text"}, {"inspected_at", "datetime"}, {"outcome", "text"}},
         {{"POINT(102.67001 25.02001)", {{"inspection_id", "I1"}, {"unit_id", "U1"}, {"officer_id", "O1"}, {"inspected_at", "2026-03-01T09:30:00+08:00"}, {"outcome", "hazards"}}},
          {"POINT(102.68001 25.03001)", {{"inspection_id", "I2"}, {"unit_id", "U2"}, {"officer_id", "O1"}, {"inspected_at", "2026-04-02T10:00:00+08:00"}, {"outcome", "pass"}}},
          {"POINT(102.72001 25.01001)", {{"inspection_id", "I3"}, {"unit_id", "U3"}, {"officer_id", "O2"}, {"inspected_at", "2026-05-03T11:00:00+08:00"}, {"outcome", "hazards"}}},
          {"POINT(102.72002 25.01002)", {{"inspection_id", "I4"}, {"unit_id", "U3"}, {"officer_id", "O2"}, {"inspected_at", "2026-06-04T15:00:00+08:00"}, {"outcome", "pass"}}}}},
        {"hazards", "point", 4326,
         {{"hazard_id", "text"}, {"inspection_id", "text"}, {"unit_id", "text"}, {"category", "text"}, {"severity", "integer"},
          {"found_at", "datetime"}, {"deadline", "datetime"}, {"rectified_at", "datetime"}, {"source", "text"}},
         {{"POINT(102.67001 25.02001)", {{"hazard_id", "H1"}, {"inspection_id", "I1"}, {"unit_id", "U1"}, {"category", "EBIKE"}, {"severity", "1"}, {"found_at", "2026-03-01T09:30:00+08:00"}, {"rectified_at", "2026-03-01T10:00:00+08:00"}, {"source", "inspection"}}},
          {"POINT(102.72001 25.01001)", {{"hazard_id", "H2"}, {"inspection_id", "I3"}, {"unit_id", "U3"}, {"category", "FIRE_LANE"}, {"severity", "3"}, {"found_at", "2026-05-03T11:00:00+08:00"}, {"deadline", "2026-05-10T00:00:00+08:00"}, {"source", "inspection"}}},
          {"POINT(102.69 25.04)", {{"hazard_id", "H3"}, {"category", "ELECTRICAL"}, {"severity", "2"}, {"found_at", "2026-07-01T08:00:00+08:00"}, {"source", "hotline_96119"}}}}},
        {"fire_stations", "point", 4326,
         {{"station_id", "text"}, {"name", "text"}, {"kind", "text"}},
         {{"POINT(102.70 25.02)", {{"station_id", "S1"}, {"name", "中心站"}, {"kind", "standard"}}}}},
        {"officers", "none", 0,
         {{"officer_id", "text"}, {"name", "text"}, {"district_id", "text"}},
         {{"", {{"officer_id", "O1"}, {"name", "张伟"}, {"district_id", "D1"}}},
          {"", {{"officer_id", "O2"}, {"name", "李娜"}, {"district_id", "D2"}}}}},
    };
    // clang-format on
}

void writeLayers(const std::string& path, const std::vector<MinimalLayer>& layers,
                 const std::string& driver) {
    FixtureSource src(path, driver);
    for (const MinimalLayer& l : layers) {
        src.addLayer(l.name, l.geometry, l.epsg, l.fields);
        for (const auto& [wkt, values] : l.features)
            src.addFeature(l.name, wkt, values);
    }
}

MinimalLayer& layerNamed(std::vector<MinimalLayer>& layers, const std::string& name) {
    for (MinimalLayer& l : layers)
        if (l.name == name)
            return l;
    throw std::runtime_error("no layer " + name);
}

} // namespace firebeat::test
