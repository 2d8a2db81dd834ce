// Hot spots of any polygon or point layer: the layer read as it is (every field kept), one
// numeric field analysed, the statistics appended to the layer's own fields.
#include "firebeat/hotspots_layer.h"

#include "firebeat/crs.h"
#include "firebeat/reader.h"
#include "hotspots/hotspot_tables.h"
#include "io/table_writer.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <set>
#include <unordered_set>

namespace firebeat {
namespace {

using namespace ogr_output;

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

// The layer's fields as they are written back: numbers and text keep their type, dates and
// anything else are written as their text.
Type outputType(OGRFieldType t) {
    switch (t) {
    case OFTInteger:
        return Type::Integer;
    case OFTInteger64:
        return Type::Integer64;
    case OFTReal:
        return Type::Real;
    default:
        return Type::Text;
    }
}

Value fieldValue(const OGRFeature& f, int i, Type type) {
    if (!f.IsFieldSetAndNotNull(i))
        return Value();
    switch (type) {
    case Type::Integer:
    case Type::Integer64:
        return Value(static_cast<std::int64_t>(f.GetFieldAsInteger64(i)));
    case Type::Real:
        return Value(f.GetFieldAsDouble(i));
    default:
        return Value(std::string(f.GetFieldAsString(i)));
    }
}

struct LayerTable {
    std::string name, crs;
    std::vector<OutputFile::Field> fields;
    std::vector<std::vector<Value>> rows;
    std::vector<Area> areas;
    std::vector<double> values;
    std::vector<std::int64_t> fids;
    bool points = false;
};

std::string crsOf(OGRLayer& layer) {
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    if (!srs || (srs->GetName() && std::string_view(srs->GetName()).starts_with("Undefined")))
        throw InputError("layer '" + std::string(layer.GetName()) +
                         "' has no CRS: distances need one (set it in the source)");
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

LayerTable readLayer(const std::string& source, const LayerHotspotsOptions& options, Progress* progress) {
    GDALAllRegister();
    CPLErrorReset();
    const std::unique_ptr<GDALDataset, DatasetCloser> ds(
        GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds)
        throw InputError(
            "cannot open data source '" + source + "'" +
            (CPLGetLastErrorMsg()[0] ? std::string(": ") + CPLGetLastErrorMsg() : std::string()));
    OGRLayer* layer = options.layer.empty() ? ds->GetLayer(0) : ds->GetLayerByName(options.layer.c_str());
    if (!layer)
        throw InputError("layer '" + options.layer + "' not found in '" + source + "'");
    LayerTable t;
    t.name = layer->GetName();
    const std::string where = "layer '" + t.name + "'";
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int value = defn->GetFieldIndex(options.valueField.c_str());
    if (options.valueField.empty() || value < 0)
        throw InputError(where + ": no field '" + options.valueField + "' to analyse");
    const OGRFieldType valueType = defn->GetFieldDefn(value)->GetType();
    if (valueType != OFTInteger && valueType != OFTInteger64 && valueType != OFTReal)
        throw InputError(where + ": field '" + options.valueField + "' is " +
                         OGRFieldDefn::GetFieldTypeName(valueType) + ", not a number");
    const int id = options.idField.empty() ? -1 : defn->GetFieldIndex(options.idField.c_str());
    if (!options.idField.empty() && id < 0)
        throw InputError(where + ": no id field '" + options.idField + "'");
    for (int i = 0; i < defn->GetFieldCount(); ++i)
        t.fields.push_back(
            {defn->GetFieldDefn(i)->GetNameRef(), outputType(defn->GetFieldDefn(i)->GetType())});

    const std::string layerCrs = crsOf(*layer);
    OGREnvelope extent;
    if (layer->GetExtent(&extent, TRUE) != OGRERR_NONE)
        throw InputError(where + " has no extent: is it empty?");
    t.crs = options.analysisCrs.empty() ? automaticAnalysisCrs(layerCrs, {(extent.MinX + extent.MaxX) / 2,
                                                                          (extent.MinY + extent.MaxY) / 2})
                                        : options.analysisCrs;
    const CoordinateTransform transform(layerCrs, t.crs);

    const double total = std::max<double>(1, static_cast<double>(layer->GetFeatureCount(FALSE)));
    std::unordered_set<std::string> ids;
    bool polygons = false;
    layer->ResetReading();
    for (auto& f : *layer) {
        const std::string feature = where + " feature " + std::to_string(f->GetFID());
        Area area;
        area.id = id >= 0 ? std::string(f->GetFieldAsString(id)) : std::to_string(f->GetFID());
        if (id >= 0 && !f->IsFieldSetAndNotNull(id))
            throw InputError(feature + ": the id field '" + options.idField + "' is null");
        if (!ids.insert(area.id).second)
            throw InputError(feature + ": id '" + area.id + "' (field " + options.idField +
                             ") is not unique");
        const std::string named = feature + (id >= 0 ? " (" + options.idField + " " + area.id + ")" : "");
        if (!f->IsFieldSetAndNotNull(value))
            throw InputError(named + ": the value field '" + options.valueField +
                             "' is null; every feature needs a value");
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty())
            throw InputError(named + ": no geometry");
        const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
        if (type == wkbPoint || (type == wkbMultiPoint && g->toMultiPoint()->getNumGeometries() == 1)) {
            const OGRPoint* p = type == wkbPoint ? g->toPoint() : g->toMultiPoint()->getGeometryRef(0);
            area.point = transform.apply(Point{p->getX(), p->getY()});
            t.points = true;
        } else if (type == wkbPolygon || type == wkbMultiPolygon) {
            std::unique_ptr<OGRGeometry> flat(g->clone());
            flat->flattenTo2D();
            area.geometry.wkb.resize(static_cast<std::size_t>(flat->WkbSize()));
            flat->exportToWkb(wkbNDR, area.geometry.wkb.data(), wkbVariantIso);
            OGREnvelope e;
            flat->getEnvelope(&e);
            area.geometry.envelope = {e.MinX, e.MinY, e.MaxX, e.MaxY};
            transform.apply(area.geometry);
            polygons = true;
        } else {
            throw InputError(named + ": a " + std::string(OGRGeometryTypeToName(type)) +
                             "; hot spots need polygons or points");
        }
        if (polygons && t.points)
            throw InputError(where + " mixes points and polygons (" + named + ")");
        std::vector<Value> row;
        row.reserve(t.fields.size());
        for (std::size_t i = 0; i < t.fields.size(); ++i)
            row.push_back(fieldValue(*f, static_cast<int>(i), t.fields[i].type));
        t.rows.push_back(std::move(row));
        t.values.push_back(f->GetFieldAsDouble(value));
        t.fids.push_back(f->GetFID());
        t.areas.push_back(std::move(area));
        if ((t.areas.size() & 0x3ff) == 0) {
            throwIfCancelled(progress);
            if (progress)
                progress->report(0.1 * static_cast<double>(t.areas.size()) / total, "reading " + t.name);
        }
    }
    return t;
}

// `name`, or name_2 (name_3 ...) when the layer already has a field of that name.
std::string freeName(const std::string& name, const std::set<std::string>& taken) {
    std::string out = name;
    for (int k = 2; taken.contains(out); ++k)
        out = name + "_" + std::to_string(k);
    return out;
}

Value optional(const std::optional<double>& v) {
    return v ? Value(*v) : Value();
}

} // namespace

LayerHotspotsSummary runLayerHotspots(const std::string& source, const LayerHotspotsOptions& options,
                                      const std::string& output, Progress* progress) {
    LayerTable t = readLayer(source, options, progress);
    ProgressSlice analysis(progress, 0.1, 0.95);
    const HotspotResult result = analyseValues(t.areas, t.values, "field " + options.valueField,
                                               options.weights, options.moran, &analysis);

    std::set<std::string> taken;
    for (const OutputFile::Field& f : t.fields)
        taken.insert(f.name);
    std::vector<OutputFile::Field> fields = t.fields;
    if (options.idField.empty())
        fields.push_back({freeName("source_fid", taken), Type::Integer64});
    const std::vector<Type> statisticTypes{Type::Integer, Type::Real,    Type::Real,
                                           Type::Integer, Type::Integer, Type::Real,
                                           Type::Real,    Type::Text,    Type::Text};
    for (std::size_t k = 0; k < statisticTypes.size(); ++k)
        fields.push_back({freeName(layerHotspotStatisticsFields()[k], taken), statisticTypes[k]});

    LayerHotspotsSummary summary;
    summary.outputLayer = t.name + "_hotspots";
    summary.crs = t.crs;
    OutputFile out(output, t.crs);
    out.beginLayer(summary.outputLayer, t.points ? GeometryType::Point : GeometryType::MultiPolygon, fields);
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        const HotspotRow& r = result.rows[i];
        std::vector<Value> values = std::move(t.rows[i]);
        if (options.idField.empty())
            values.push_back(Value(t.fids[i]));
        // One by one: GCC 12 warns falsely (maybe-uninitialized) on an initializer list of variants.
        values.push_back(Value(static_cast<std::int64_t>(r.neighbours)));
        values.push_back(optional(r.giZ));
        values.push_back(optional(r.giP));
        values.push_back(Value(std::int64_t{r.giBin}));
        values.push_back(Value(std::int64_t{r.giBinFdr}));
        values.push_back(optional(r.lisaI));
        values.push_back(optional(r.lisaP));
        values.push_back(Value(std::string(code(r.lisaQuadrant))));
        values.push_back(r.flags ? Value(describeFlags(r.flags)) : Value());
        const Area& a = result.areas[i];
        out.add(values, a.point ? Geometry(*a.point) : Geometry(&a.geometry));
        summary.hot += r.giBin > 0;
        summary.cold += r.giBin < 0;
    }
    std::map<std::string, std::string> metadata = options.parameters;
    metadata["layer"] = t.name;
    metadata["id_field"] = options.idField.empty() ? "(feature id: source_fid)" : options.idField;
    metadata["crs"] = t.crs;
    writeHotspotTables(out, result, std::move(metadata), options.neighbourPairs);
    out.commit();
    if (progress)
        progress->report(1, "hot spots written");
    summary.features = result.rows.size();
    summary.valueDescription = result.valueDescription;
    summary.weights = result.weights.info().describe();
    summary.notes = result.notes;
    return summary;
}

} // namespace firebeat
