// The district-design job: its declaration, reading any polygon layer as blocks (every field kept),
// the workload of each block (a field, or the sizing model), the stations, the current districts.
#include "firebeat/districts.h"

#include "firebeat/crs.h"
#include "firebeat/geos_support.h"
#include "firebeat/norms.h"
#include "firebeat/polygon_index.h"
#include "firebeat/reader.h"
#include "firebeat/sizing.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <ctime>
#include <memory>
#include <numeric>

namespace firebeat {
namespace {

JobSpec makeSpec() {
    JobSpec s;
    s.name = "districts";
    s.title = "District design";
    s.help =
        "Designs contiguous districts of villages (or any polygons) with balanced workloads: K districts, or "
        "as many as a target workload per district needs. Workload per block from the sizing model (annual "
        "inspection hours of the block's units plus travel), or any numeric field. Balance first (the "
        "largest deviation from the mean, CV reported), compactness second (moment of inertia); queen "
        "contiguity, a block without a neighbour joins the district of its nearest block (flagged). Optional "
        "stations each anchor a district of their own, with an optional maximum distance to it. Seeded "
        "region growing, then local search moving boundary blocks; the same seed gives the same districts.";
    s.inputs = {
        {"villages",
         LayerKind::Villages,
         GeometryKind::Polygon,
         true,
         "The building blocks: any polygon layer; every field is copied to the output.",
         "",
         {}},
        {"units",
         LayerKind::Units,
         GeometryKind::Point,
         false,
         "Inspected units: the sizing model's workload of each block.",
         "a workload field is needed",
         {}},
        {"inspections",
         LayerKind::Inspections,
         GeometryKind::Point,
         false,
         "Inspections in the window: the share of visits finding hazards (re-inspections).",
         "no re-inspection hours",
         {}},
        {"stations",
         std::nullopt,
         GeometryKind::Point,
         false,
         "Police stations: each anchors a district of its own.",
         "districts are seeded spread out",
         {}},
        {"districts",
         LayerKind::PoliceDistricts,
         GeometryKind::Polygon,
         false,
         "The current districts, for the comparison.",
         "no comparison with today's districts",
         {}},
    };
    const auto option = [](std::string key, OptionType type, std::string help, std::string def = {}) {
        OptionSpec o;
        o.key = std::move(key);
        o.type = type;
        o.help = std::move(help);
        o.defaultValue = std::move(def);
        return o;
    };
    OptionSpec zones = option("zones", OptionType::Integer, "Number of districts (K).");
    zones.minimum = 1;
    OptionSpec target = option("target-hours", OptionType::Real,
                               "Target workload per district in hours a year: K = ceil(total / target).");
    target.minimum = 0;
    OptionSpec field =
        option("workload-field", OptionType::Field,
               "Numeric field of the blocks to balance instead of the sizing model's workload.");
    field.layer = "villages";
    OptionSpec id = option("id-field", OptionType::Field,
                           "Field naming each block (default: village_id, else id, else the feature id).");
    id.layer = "villages";
    OptionSpec stationId =
        option("station-id-field", OptionType::Field,
               "Field naming each station (default: station_id, id or name, else the feature id).");
    stationId.layer = "stations";
    stationId.advanced = true;
    OptionSpec seed =
        option("seed", OptionType::Integer, "Seed of the constructions (reproducible runs).", "1");
    seed.minimum = 0;
    OptionSpec travel =
        option("max-travel", OptionType::Real,
               "Maximum straight-line metres from a district's station to a block's centroid.");
    travel.minimum = 0;
    OptionSpec restarts = option("restarts", OptionType::Integer,
                                 "Constructions tried (0: 2 to 16, fewer for more blocks).", "0");
    restarts.minimum = 0;
    restarts.maximum = 1000;
    restarts.advanced = true;
    OptionSpec threads = option("threads", OptionType::Integer,
                                "Threads (0: all cores); the result does not depend on it.", "0");
    threads.minimum = 0;
    threads.maximum = 256;
    threads.advanced = true;
    OptionSpec reference = option("reference-date", OptionType::Date,
                                  "End of the window of inspections (sizing model; default: now).");
    OptionSpec window = option("window-days", OptionType::Integer, "Length of the window in days.", "365");
    window.minimum = 1;
    window.maximum = 36500;
    OptionSpec norms =
        option("norms", OptionType::Text, "Inspection norms file (JSON; default: the built-in norms).");
    OptionSpec tolerance =
        option("tolerance", OptionType::Real, "Contiguity snapping tolerance in metres.", "0.1");
    tolerance.minimum = 0;
    tolerance.advanced = true;
    s.options = {zones,    target,  field,     id,     stationId, seed,     travel,
                 restarts, threads, reference, window, norms,     tolerance};
    s.outputs = {{.key = "output",
                  .kind = OutputKind::Vector,
                  .help = "District design (GeoPackage)",
                  .layers = {"district_design_blocks", "district_design", "district_design_summary"},
                  .formats = {"gpkg"}}};
    return s;
}

struct SourceCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
using Source = std::unique_ptr<GDALDataset, SourceCloser>;

Source openSource(const std::string& source) {
    GDALAllRegister(); // idempotent; the front ends need not have done it
    Source ds(static_cast<GDALDataset*>(
        GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds)
        throw InputError("cannot open the data source '" + source + "': " + CPLGetLastErrorMsg());
    return ds;
}

OGRLayer& layerOf(GDALDataset& ds, const std::string& name, const std::string& key) {
    OGRLayer* layer = ds.GetLayerByName(name.c_str());
    if (!layer)
        throw InputError(key + ": the source has no layer '" + name + "'");
    return *layer;
}

std::unique_ptr<OGRCoordinateTransformation> transformTo(OGRLayer& layer, const std::string& crs) {
    const OGRSpatialReference* from = layer.GetSpatialRef();
    if (!from)
        throw InputError("layer '" + std::string(layer.GetName()) + "' has no CRS");
    OGRSpatialReference source(*from), target;
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (target.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
        throw InputError("unknown CRS '" + crs + "'");
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&source, &target));
    if (!ct)
        throw InputError("layer '" + std::string(layer.GetName()) + "': no transformation to " + crs);
    return ct;
}

// The metric CRS for a layer: the Gauss-Krüger/UTM zone of its extent's centre.
std::string analysisCrsFor(OGRLayer& layer) {
    OGREnvelope e;
    if (layer.GetExtent(&e, TRUE) != OGRERR_NONE)
        throw InputError("layer '" + std::string(layer.GetName()) + "' is empty");
    const auto ct = transformTo(layer, "EPSG:4326");
    double x = (e.MinX + e.MaxX) / 2, y = (e.MinY + e.MaxY) / 2;
    if (!ct->Transform(1, &x, &y))
        throw InputError("layer '" + std::string(layer.GetName()) +
                         "': its centre cannot be placed on the globe");
    return metricCrsFor(x, y);
}

// The id field: the one asked for, else the first present of `defaults`; -1: the feature id.
int idFieldIndex(OGRFeatureDefn& defn, const std::string& asked, std::initializer_list<const char*> defaults,
                 const std::string& option) {
    if (!asked.empty()) {
        const int i = defn.GetFieldIndex(asked.c_str());
        if (i < 0)
            throw InputError(option + ": layer '" + defn.GetName() + "' has no field '" + asked + "'");
        return i;
    }
    for (const char* name : defaults)
        if (const int i = defn.GetFieldIndex(name); i >= 0)
            return i;
    return -1;
}

std::string idOf(OGRFeature& f, int field) {
    if (field >= 0 && f.IsFieldSetAndNotNull(field))
        return f.GetFieldAsString(field);
    return std::to_string(f.GetFID());
}

Polygon polygonOf(OGRFeature& f, OGRCoordinateTransformation& ct, const std::string& layer) {
    const OGRGeometry* g = f.GetGeometryRef();
    if (!g || g->IsEmpty())
        throw InputError("layer '" + layer + "', feature " + std::to_string(f.GetFID()) + ": no geometry");
    std::unique_ptr<OGRGeometry> copy(OGRGeometryFactory::forceToMultiPolygon(g->clone()));
    if (!copy || wkbFlatten(copy->getGeometryType()) != wkbMultiPolygon)
        throw InputError("layer '" + layer + "', feature " + std::to_string(f.GetFID()) + ": not a polygon");
    if (copy->transform(&ct) != OGRERR_NONE)
        throw InputError("layer '" + layer + "', feature " + std::to_string(f.GetFID()) +
                         ": cannot be reprojected");
    copy->flattenTo2D();
    Polygon p;
    p.wkb.resize(static_cast<std::size_t>(copy->WkbSize()));
    copy->exportToWkb(wkbNDR, p.wkb.data(), wkbVariantIso);
    OGREnvelope e;
    copy->getEnvelope(&e);
    p.envelope = {e.MinX, e.MinY, e.MaxX, e.MaxY};
    return p;
}

BlockLayer readBlocks(GDALDataset& ds, const std::string& name, const std::string& idField,
                      const std::string& crs, Progress* progress) {
    OGRLayer& layer = layerOf(ds, name, "villages");
    const auto ct = transformTo(layer, crs);
    OGRFeatureDefn& defn = *layer.GetLayerDefn();
    BlockLayer out;
    out.layerName = name;
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldDefn& fd = *defn.GetFieldDefn(i);
        out.fieldNames.push_back(fd.GetNameRef());
        switch (fd.GetType()) {
        case OFTInteger:
        case OFTInteger64:
            out.fieldTypes.push_back(BlockFieldType::Integer);
            break;
        case OFTReal:
            out.fieldTypes.push_back(BlockFieldType::Real);
            break;
        default:
            out.fieldTypes.push_back(BlockFieldType::Text);
        }
    }
    const int idIndex = idFieldIndex(defn, idField, {"village_id", "id"}, "id-field");
    layer.ResetReading();
    const GIntBig total = layer.GetFeatureCount(FALSE);
    for (std::unique_ptr<OGRFeature> f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature())) {
        Area a;
        a.id = idOf(*f, idIndex);
        a.geometry = polygonOf(*f, *ct, name);
        std::vector<BlockValue> values;
        for (int i = 0; i < defn.GetFieldCount(); ++i) {
            if (!f->IsFieldSetAndNotNull(i))
                values.emplace_back();
            else if (out.fieldTypes[static_cast<std::size_t>(i)] == BlockFieldType::Integer)
                values.emplace_back(static_cast<std::int64_t>(f->GetFieldAsInteger64(i)));
            else if (out.fieldTypes[static_cast<std::size_t>(i)] == BlockFieldType::Real)
                values.emplace_back(f->GetFieldAsDouble(i));
            else
                values.emplace_back(std::string(f->GetFieldAsString(i)));
        }
        out.blocks.push_back(std::move(a));
        out.values.push_back(std::move(values));
        out.fids.push_back(f->GetFID());
        if (progress && out.blocks.size() % 1024 == 0) {
            progress->report(total > 0 ? static_cast<double>(out.blocks.size()) / static_cast<double>(total)
                                       : 0,
                             "Reading the blocks");
            throwIfCancelled(progress);
        }
    }
    if (out.blocks.empty())
        throw InputError("villages: layer '" + name + "' has no features");
    return out;
}

std::vector<DistrictStation> readStations(GDALDataset& ds, const std::string& name,
                                          const std::string& idField, const std::string& crs) {
    OGRLayer& layer = layerOf(ds, name, "stations");
    const auto ct = transformTo(layer, crs);
    const int idIndex =
        idFieldIndex(*layer.GetLayerDefn(), idField, {"station_id", "id", "name"}, "station-id-field");
    std::vector<DistrictStation> out;
    layer.ResetReading();
    for (std::unique_ptr<OGRFeature> f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature())) {
        const OGRGeometry* g = f->GetGeometryRef();
        const std::string id = idOf(*f, idIndex);
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint)
            throw InputError("stations: layer '" + name + "', station '" + id + "': expected a point");
        const auto* p = g->toPoint();
        double x = p->getX(), y = p->getY();
        if (!ct->Transform(1, &x, &y))
            throw InputError("stations: station '" + id + "' cannot be reprojected");
        out.push_back({id, {x, y}});
    }
    return out;
}

std::vector<Area> readCurrentDistricts(GDALDataset& ds, const std::string& name, const std::string& crs) {
    OGRLayer& layer = layerOf(ds, name, "police_districts");
    const auto ct = transformTo(layer, crs);
    const int idIndex = idFieldIndex(*layer.GetLayerDefn(), "", {"district_id", "id"}, "police_districts");
    std::vector<Area> out;
    layer.ResetReading();
    for (std::unique_ptr<OGRFeature> f(layer.GetNextFeature()); f; f.reset(layer.GetNextFeature()))
        out.push_back({idOf(*f, idIndex), polygonOf(*f, *ct, name)});
    return out;
}

std::vector<double> fieldWorkloads(const BlockLayer& blocks, const std::string& field) {
    const auto it = std::find(blocks.fieldNames.begin(), blocks.fieldNames.end(), field);
    if (it == blocks.fieldNames.end())
        throw InputError("workload-field: layer '" + blocks.layerName + "' has no field '" + field + "'");
    const auto index = static_cast<std::size_t>(it - blocks.fieldNames.begin());
    if (blocks.fieldTypes[index] == BlockFieldType::Text)
        throw InputError("workload-field: field '" + field + "' of layer '" + blocks.layerName +
                         "' is not numeric");
    std::vector<double> w;
    for (std::size_t i = 0; i < blocks.blocks.size(); ++i) {
        const BlockValue& v = blocks.values[i][index];
        if (const auto* n = std::get_if<std::int64_t>(&v))
            w.push_back(static_cast<double>(*n));
        else if (const auto* d = std::get_if<double>(&v))
            w.push_back(*d);
        else
            throw InputError("workload-field: block '" + blocks.blocks[i].id + "' has no value in field '" +
                             field + "'");
        if (!std::isfinite(w.back()) || w.back() < 0)
            throw InputError("workload-field: block '" + blocks.blocks[i].id + "' has a workload of " +
                             std::to_string(w.back()) + " in field '" + field + "': it must be 0 or more");
    }
    return w;
}

// Each block sized as if it were a district (sizing.h): its units' planned visits and minutes,
// re-inspections at its share of visits finding hazards (else the overall share), and the tour
// estimate over its own area.
std::vector<double> sizingWorkloads(const std::string& source,
                                    const std::map<std::string, std::string>& layers,
                                    const BlockLayer& blocks, const JobParameters& params,
                                    const std::string& crs, std::vector<std::string>& notes,
                                    Progress* progress) {
    ReadOptions ro;
    ro.analysisCrs = crs;
    ro.checkConsistency = false;
    ro.layers = {LayerKind::Units, LayerKind::Inspections};
    ro.optionalLayers = {LayerKind::Inspections};
    const auto name = [&](const std::string& key, LayerKind kind) {
        const auto it = layers.find(key);
        return it != layers.end() ? it->second : std::string(layerName(kind));
    };
    ro.mapping.setLayer(LayerKind::Units, name("units", LayerKind::Units));
    ro.mapping.setLayer(LayerKind::Inspections, name("inspections", LayerKind::Inspections));
    ro.onlyFields[LayerKind::Units] = {"unit_id", "category"};
    ro.onlyFields[LayerKind::Inspections] = {"inspection_id", "inspected_at", "outcome"};
    const ReadResult read = readDataset(source, ro, progress);
    for (const char* fatal : {"missing_field", "wrong_field_type", "missing_crs"})
        if (read.report.count(fatal) > 0)
            throw InputError(read.report.toText());
    if (read.report.count("missing_layer") > 0)
        throw InputError("the sizing model needs the units layer ('" + name("units", LayerKind::Units) +
                         "'); or give a workload field\n" + read.report.toText());

    SizingParameters sizing;
    const auto reference = params.date("reference-date");
    sizing.coverage.referenceDate = reference ? *reference : static_cast<Timestamp>(std::time(nullptr));
    sizing.coverage.windowDays = static_cast<int>(params.integer("window-days"));
    if (params.has("norms") && !params.text("norms").empty())
        sizing.coverage.norms = loadNorms(params.text("norms"));

    const PolygonIndex index = PolygonIndex::of(blocks.blocks);
    CoverageResult coverage;
    coverage.districts.resize(blocks.blocks.size());
    GEOSContextHandle_t ctx = geosContext();
    for (std::size_t i = 0; i < blocks.blocks.size(); ++i) {
        DistrictCoverage& d = coverage.districts[i];
        d.districtId = blocks.blocks[i].id;
        const GeosGeometry g = geosFromWkb(blocks.blocks[i].geometry.wkb);
        double area = 0;
        if (g)
            GEOSArea_r(ctx, g.get(), &area);
        d.areaKm2 = area / 1e6;
    }
    std::size_t outside = 0;
    for (const Unit& u : read.data.units) {
        if (const auto b = index.locate(u.position)) {
            ++coverage.districts[*b].unitsTotal;
            ++coverage.districts[*b].unitsByCategory[static_cast<std::size_t>(u.category)];
        } else {
            ++outside;
        }
    }
    for (const Inspection& in : read.data.inspections) {
        if (!sizing.coverage.inWindow(in.inspectedAt))
            continue;
        if (const auto b = index.locate(in.position)) {
            ++coverage.districts[*b].inspections;
            coverage.districts[*b].inspectionsWithHazards += in.outcome == Outcome::Hazards;
        }
    }
    if (outside > 0)
        notes.push_back(std::to_string(outside) + " units lie outside every block and add no workload");
    const SizingResult sized = sizeDistricts(coverage, sizing);
    std::vector<double> w;
    for (const DistrictSizing& s : sized.districts)
        w.push_back(s.workloadHours);
    return w;
}

} // namespace

const JobSpec& districtsJob() {
    static const JobSpec spec = makeSpec();
    return spec;
}

DistrictJobResult designFromSource(const DistrictsInput& input, const JobParameters& params,
                                   Progress* progress) {
    const std::string& source = input.source;
    const std::map<std::string, std::string>& layers = input.layers;
    const auto layerNamed = [&](const std::string& key, const std::string& fallback) {
        const auto it = layers.find(key);
        return it != layers.end() && !it->second.empty() ? it->second : fallback;
    };
    DistrictJobResult r;
    DistrictDesignOptions o;
    if (params.given("zones"))
        o.zones = static_cast<int>(params.integer("zones"));
    o.targetHours = params.optionalReal("target-hours");
    o.seed = static_cast<std::uint64_t>(params.integer("seed"));
    o.maxTravelM = params.optionalReal("max-travel");
    o.restarts = static_cast<int>(params.integer("restarts"));
    o.threads = static_cast<int>(params.integer("threads"));
    o.tolerance = params.real("tolerance");
    if (o.zones.has_value() == o.targetHours.has_value())
        throw InputError("give either --zones K or --target-hours H (one of the two)");

    const Source ds = openSource(source);
    const std::string blocksName = layerNamed("villages", "villages");
    r.crs =
        input.analysisCrs.empty() ? analysisCrsFor(layerOf(*ds, blocksName, "villages")) : input.analysisCrs;
    ProgressSlice readStage(progress, 0, 0.15);
    r.blocks =
        readBlocks(*ds, blocksName, params.has("id-field") ? params.text("id-field") : "", r.crs, &readStage);
    std::vector<std::string> notes;
    if (params.has("workload-field") && !params.text("workload-field").empty()) {
        r.workloads = fieldWorkloads(r.blocks, params.text("workload-field"));
        r.workloadDescription = "field " + params.text("workload-field");
    } else {
        r.workloads = sizingWorkloads(source, layers, r.blocks, params, r.crs, notes, &readStage);
        r.workloadDescription = "sizing model: annual inspection hours of the block's units plus travel";
    }
    Norms norms;
    if (params.has("norms") && !params.text("norms").empty())
        norms = loadNorms(params.text("norms"));
    o.capacityHoursPerPerson = norms.staffing.capacityHoursPerPerson;
    if (const auto it = layers.find("stations"); it != layers.end() && !it->second.empty())
        r.stations = readStations(
            *ds, it->second, params.has("station-id-field") ? params.text("station-id-field") : "", r.crs);
    throwIfCancelled(progress);

    ProgressSlice designStage(progress, 0.15, 0.95);
    r.design = designDistricts(r.blocks.blocks, r.workloads, r.stations, o, &designStage);
    r.design.notes.insert(r.design.notes.begin(), notes.begin(), notes.end());
    r.proposed = summariseDesign(r.design);
    const std::string currentName = layerNamed("districts", "police_districts");
    if (ds->GetLayerByName(currentName.c_str()))
        r.current = summariseCurrentDistricts(r.blocks.blocks, r.workloads,
                                              readCurrentDistricts(*ds, currentName, r.crs));
    else if (currentName != "police_districts") // named on purpose, not just the default
        throw InputError("districts: the source has no layer '" + currentName + "'");
    if (progress)
        progress->report(1, "District design done");
    return r;
}

DistrictJobResult runDistrictsJob(const JobSource& source, const JobParameters& parameters,
                                  Progress* progress) {
    for (const LayerKind kind : {LayerKind::Units, LayerKind::Inspections})
        if (source.read.mapping.isGcj02(kind))
            throw InputError(
                "gcj02: the district design reads the layers' own coordinates; convert GCJ-02 first");
    DistrictsInput input{source.name, source.namedLayers, source.read.analysisCrs};
    for (const InputLayer& in : districtsJob().inputs)
        if (in.kind)
            input.layers[in.key] = source.read.mapping.layer(*in.kind);
    const std::string output = parameters.output("output");
    DistrictJobResult result = designFromSource(input, parameters, progress);
    writeDistrictDesign(output, result);
    return result;
}

} // namespace firebeat
