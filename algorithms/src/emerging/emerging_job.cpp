// The emerging job's declaration (its options, once, for every front end), its options read
// from parameters, and its two input layers read from any OGR data source.
#include "firebeat/emerging.h"
#include "firebeat/emerging_writer.h"
#include "firebeat/filter_options.h"

#include "firebeat/crs.h"
#include "firebeat/gcj02.h"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace firebeat {
namespace {

JobSpec makeEmergingJob() {
    JobSpec s;
    s.name = "emerging";
    s.title = "Emerging hot spots";
    s.help =
        "Which villages are new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating "
        "or "
        "historical hot (or cold) spots, month by month. Events are counted per polygon and China Standard "
        "Time month from the month of the earliest event to the reference date's month; each bin gets a "
        "space-time Getis-Ord Gi* over the whole cube (queen neighbours, this month and the previous "
        "neighbourhood-steps months), bins are hot or cold after Benjamini-Hochberg FDR at 90 % over all "
        "bins, each village's z series gets a Mann-Kendall trend, and the 17 patterns of ArcGIS Pro's "
        "Emerging "
        "Hot Spot Analysis are tested in its order. Writes the layer emerging_hotspots (the polygons' "
        "fields, "
        "pattern, code, trend_z, trend_p, n_hot, n_cold, final_z) and the table emerging_bins (count, gi_z, "
        "gi_p and class per village and month).";
    s.inputs = {
        {"villages",
         LayerKind::Villages,
         GeometryKind::Polygon,
         true,
         "The locations: any polygon layer; every polygon is a location, even one without events.",
         "",
         {}},
        {"events",
         LayerKind::Hazards,
         GeometryKind::Point,
         true,
         "The events: any point layer with a date or date-time field. The hazard filters need the hazards' "
         "severity, category, rectified_at and source fields when they are used.",
         "",
         {}},
    };
    OptionSpec id{"id-field", OptionType::Field,
                  "The polygons' id field (any type; default: the feature id)."};
    id.layer = "villages";
    OptionSpec time{
        "time-field", OptionType::Field,
        "The events' date-time field (ISO 8601 text, or a date/time field; without an offset it is "
        "China Standard Time).",
        "found_at"};
    time.layer = "events";
    OptionSpec reference{"reference-date", OptionType::Date,
                         "The cube ends with this date's month (CST); later events are left out. Required."};
    OptionSpec steps{"neighbourhood-steps", OptionType::Integer,
                     "Months before a bin's own in its neighbourhood (ArcGIS's Neighborhood Time Step).",
                     "1"};
    steps.minimum = 0;
    steps.maximum = 120;
    s.options = {id, time, reference, steps};
    // The usual hazard filters (applied when the events are hazards), among the advanced ones here.
    for (OptionSpec filter : hazardFilterOptions()) {
        filter.advanced = true;
        s.options.push_back(std::move(filter));
    }
    s.outputs = {{.key = "output",
                  .kind = OutputKind::Vector,
                  .help = "Emerging hot spots (GeoPackage)",
                  .layers = {"emerging_hotspots", "emerging_bins"},
                  .formats = {"gpkg"}}};
    return s;
}

struct GdalClose {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

std::string crsText(const OGRSpatialReference& srs) {
    const char* name = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (name && code)
        return std::string(name) + ":" + code;
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

OGRLayer& openLayer(GDALDataset& ds, const std::string& name, const std::string& role) {
    OGRLayer* layer = ds.GetLayerByName(name.c_str());
    if (!layer)
        throw InputError("layer " + name + " (" + role + ") not found in the data source");
    return *layer;
}

std::string layerCrs(OGRLayer& layer) {
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    if (!srs)
        throw InputError("layer " + std::string(layer.GetName()) + " has no coordinate reference system");
    return crsText(*srs);
}

int fieldIndex(OGRLayer& layer, const std::string& field, const std::string& option) {
    const int i = layer.GetLayerDefn()->GetFieldIndex(field.c_str());
    if (i < 0)
        throw InputError(option + ": layer " + std::string(layer.GetName()) + " has no field " + field);
    return i;
}

// A date, date-time or ISO 8601 text field; nullopt when null or unreadable.
std::optional<Timestamp> timeOf(const OGRFeature& feature, int field) {
    if (!feature.IsFieldSetAndNotNull(field))
        return std::nullopt;
    const OGRFieldType type = feature.GetFieldDefnRef(field)->GetType();
    if (type != OFTDate && type != OFTDateTime)
        return parseTimestamp(feature.GetFieldAsString(field));
    const auto& d = feature.GetRawFieldRef(field)->Date;
    // OGR's TZFlag: 100 = UTC, 100 +/- 4n = offset of n quarter hours; else unknown/local (CST).
    const int offset = d.TZFlag > 1 ? (d.TZFlag - 100) * 15 : kDefaultUtcOffsetMinutes;
    return makeTimestamp(d.Year, d.Month, d.Day, d.Hour, d.Minute, static_cast<int>(d.Second), offset);
}

} // namespace

const JobSpec& emergingJob() {
    static const JobSpec spec = makeEmergingJob();
    return spec;
}

EmergingOptions emergingOptions(const JobParameters& p) {
    EmergingOptions o;
    const auto reference = p.date("reference-date");
    if (!reference)
        throw InputError("reference-date: a value is required (the cube ends with its month)");
    o.reference = *reference;
    o.neighbourhoodSteps = static_cast<int>(p.integer("neighbourhood-steps"));
    return o;
}

EmergingEventRules::EmergingEventRules(const JobParameters& parameters, const EventFields& fields,
                                       std::string layer)
    : filter_(hazardFilterFrom(parameters)), layer_(std::move(layer)),
      timeField_(parameters.text("time-field")) {
    auto require = [&](bool present, const char* field, const char* option) {
        if (!present)
            throw InputError(std::string(option) + ": layer " + layer_ + " has no field " + field);
    };
    if (filter_.minSeverity > 1 || !filter_.severities.empty())
        require(fields.severity, "severity", "min-severity");
    if (!filter_.categories.empty())
        require(fields.category, "category", "categories");
    if (filter_.status != HazardFilter::Status::Any)
        require(fields.rectifiedAt, "rectified_at", "open-only");
    if (filter_.source)
        require(fields.source, "source", "source");
}

void EmergingEventRules::add(const RawEvent& e, EmergingInput& input) {
    std::optional<Timestamp> time = e.time;
    if (!time) {
        if (e.timeText.find_first_not_of(" \t") == std::string::npos) {
            ++input.emptyStamps;
            return;
        }
        time = parseTimestamp(e.timeText);
        if (!time) {
            unparseable_.push_back(e.fid);
            return;
        }
    }
    Hazard h;
    h.foundAt = *time;
    h.severity = e.severity;
    h.category = parseHazardCategory(e.category).value_or(HazardCategory::Other);
    h.source = parseHazardSource(e.source).value_or(HazardSource::Inspection);
    h.rectifiedAt = e.rectified;
    if (!filter_.accepts(h)) {
        ++input.filteredOut;
        return;
    }
    input.events.push_back({e.fid, e.position, time});
}

void EmergingEventRules::finish() const {
    if (unparseable_.empty())
        return;
    std::string fids;
    for (std::size_t k = 0; k < unparseable_.size() && k < 10; ++k)
        fids += (k ? ", " : "") + std::to_string(unparseable_[k]);
    throw InputError("layer " + layer_ + ", field " + timeField_ + ": " +
                     std::to_string(unparseable_.size()) +
                     " events have a time that is not ISO 8601 (feature " + fids +
                     (unparseable_.size() > 10 ? ", ..." : "") + ")");
}

EmergingInput readEmergingInput(const JobSource& source, const JobParameters& given, Progress* progress) {
    const SourceMapping& mapping = source.read.mapping;
    if (source.read.repairInvalidGeometries)
        throw InputError("repair-geometries: emerging hot spots do not repair polygons (repair them first)");
    // Without a time-field, the hazards' found_at as the mapping names it.
    JobParameters parameters = given;
    if (!parameters.given("time-field"))
        parameters.set("time-field", mapping.field(LayerKind::Hazards, "found_at"));
    const std::string locations = mapping.layer(LayerKind::Villages),
                      events = mapping.layer(LayerKind::Hazards);
    GDALAllRegister(); // idempotent; a front end may not have read anything yet
    std::unique_ptr<GDALDataset, GdalClose> ds(
        GDALDataset::Open(source.name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds)
        throw InputError("cannot open " + source.name + " as a vector data source");
    OGRLayer& polygons = openLayer(*ds, locations, "locations");
    OGRLayer& points = openLayer(*ds, events, "events");

    EmergingInput in;
    in.locationsLayer = locations;
    in.eventsLayer = events;
    const std::string polygonCrs = layerCrs(polygons);
    {
        const OGRSpatialReference* srs = polygons.GetSpatialRef();
        if (!source.read.analysisCrs.empty()) {
            in.crs = source.read.analysisCrs;
        } else if (srs->IsProjected()) {
            in.crs = polygonCrs;
        } else {
            OGREnvelope env;
            if (polygons.GetExtent(&env, TRUE) != OGRERR_NONE)
                throw InputError("layer " + locations + " is empty");
            const Point centre = CoordinateTransform(polygonCrs, "EPSG:4326")
                                     .apply(Point{(env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2});
            in.crs = metricCrsFor(centre.x, centre.y);
        }
    }

    // The polygons, with every attribute.
    OGRFeatureDefn& defn = *polygons.GetLayerDefn();
    const int idField =
        parameters.has("id-field") ? fieldIndex(polygons, parameters.text("id-field"), "id-field") : -1;
    for (int f = 0; f < defn.GetFieldCount(); ++f) {
        const OGRFieldDefn& fd = *defn.GetFieldDefn(f);
        const OGRFieldType t = fd.GetType();
        const AttributeType type = t == OFTInteger || t == OFTInteger64 ? AttributeType::Integer
                                   : t == OFTReal                       ? AttributeType::Real
                                                                        : AttributeType::Text;
        in.fields.push_back({fd.GetNameRef(), type});
    }
    {
        const CoordinateTransform toAnalysis(polygonCrs, in.crs);
        polygons.ResetReading();
        for (std::unique_ptr<OGRFeature> feature(polygons.GetNextFeature()); feature;
             feature.reset(polygons.GetNextFeature())) {
            throwIfCancelled(progress);
            const std::string where = "layer " + locations + ", feature " + std::to_string(feature->GetFID());
            Area area;
            if (idField >= 0) {
                if (!feature->IsFieldSetAndNotNull(idField))
                    throw InputError(where + ": the id field " + parameters.text("id-field") + " is empty");
                area.id = feature->GetFieldAsString(idField);
            } else {
                area.id = std::to_string(feature->GetFID());
            }
            const OGRGeometry* g = feature->GetGeometryRef();
            const OGRwkbGeometryType flat = g ? wkbFlatten(g->getGeometryType()) : wkbNone;
            if (!g || g->IsEmpty() || (flat != wkbPolygon && flat != wkbMultiPolygon))
                throw InputError(where + " (id " + area.id + "): not a polygon");
            area.geometry.wkb.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, area.geometry.wkb.data(), wkbVariantIso);
            OGREnvelope env;
            g->getEnvelope(&env);
            area.geometry.envelope = {env.MinX, env.MinY, env.MaxX, env.MaxY};
            if (!toAnalysis.isIdentity())
                toAnalysis.apply(area.geometry);
            std::vector<AttributeValue> row(in.fields.size());
            for (std::size_t f = 0; f < in.fields.size(); ++f) {
                const int i = static_cast<int>(f);
                if (!feature->IsFieldSetAndNotNull(i))
                    continue;
                switch (in.fields[f].type) {
                case AttributeType::Integer:
                    row[f] = static_cast<std::int64_t>(feature->GetFieldAsInteger64(i));
                    break;
                case AttributeType::Real:
                    row[f] = feature->GetFieldAsDouble(i);
                    break;
                case AttributeType::Text:
                    row[f] = std::string(feature->GetFieldAsString(i));
                    break;
                }
            }
            in.locations.push_back(std::move(area));
            in.attributes.push_back(std::move(row));
        }
    }
    if (progress)
        progress->report(0.05, "locations read");

    // The events: position, time, and the hazard fields the filters need.
    const int timeField = fieldIndex(points, parameters.text("time-field"), "time-field");
    const OGRFieldType timeType = points.GetLayerDefn()->GetFieldDefn(timeField)->GetType();
    const OGRFeatureDefn& eventDefn = *points.GetLayerDefn();
    const auto hazardField = [&](const char* canonical) {
        return eventDefn.GetFieldIndex(mapping.field(LayerKind::Hazards, canonical).c_str());
    };
    const int severity = hazardField("severity"), category = hazardField("category"),
              rectified = hazardField("rectified_at"), from = hazardField("source");
    EmergingEventRules rules(parameters, {severity >= 0, category >= 0, rectified >= 0, from >= 0}, events);

    // GCJ-02 (WeChat/AMap) positions are offsets from WGS 84 longitude/latitude.
    const bool gcj02 = mapping.isGcj02(LayerKind::Hazards);
    if (gcj02 && !(points.GetSpatialRef() && points.GetSpatialRef()->IsGeographic()))
        throw InputError("gcj02: layer " + events + " is not in longitude/latitude, so it cannot be GCJ-02");
    const CoordinateTransform toAnalysis(gcj02 ? std::string("EPSG:4326") : layerCrs(points), in.crs);
    const auto total = static_cast<double>(std::max<GIntBig>(1, points.GetFeatureCount(FALSE)));
    std::size_t seen = 0;
    points.ResetReading();
    for (std::unique_ptr<OGRFeature> feature(points.GetNextFeature()); feature;
         feature.reset(points.GetNextFeature())) {
        if (++seen % 16384 == 0) {
            throwIfCancelled(progress);
            if (progress)
                progress->report(0.05 + 0.9 * std::min(1.0, static_cast<double>(seen) / total),
                                 "events read");
        }
        const OGRGeometry* g = feature->GetGeometryRef();
        if (!g || g->IsEmpty() || wkbFlatten(g->getGeometryType()) != wkbPoint)
            throw InputError("layer " + events + ", feature " + std::to_string(feature->GetFID()) +
                             ": not a point");
        RawEvent e;
        e.fid = feature->GetFID();
        const auto* pt = g->toPoint();
        const Point at{pt->getX(), pt->getY()};
        e.position = toAnalysis.apply(gcj02 ? gcj02ToWgs84(at) : at);
        if (timeType == OFTDate || timeType == OFTDateTime)
            e.time = timeOf(*feature, timeField);
        else if (feature->IsFieldSetAndNotNull(timeField))
            e.timeText = feature->GetFieldAsString(timeField);
        if (severity >= 0)
            e.severity = feature->GetFieldAsInteger(severity);
        if (category >= 0)
            e.category = feature->GetFieldAsString(category);
        if (rectified >= 0 && feature->IsFieldSetAndNotNull(rectified))
            e.rectified = timeOf(*feature, rectified).value_or(0);
        if (from >= 0)
            e.source = feature->GetFieldAsString(from);
        rules.add(e, in);
    }
    rules.finish();
    if (progress)
        progress->report(1.0, "events read");
    return in;
}

EmergingJobResult runEmergingJob(const JobSource& source, const JobParameters& parameters,
                                 Progress* progress) {
    EmergingJobResult out;
    out.output = parameters.output("output");
    const EmergingOptions options = emergingOptions(parameters);
    ProgressSlice reading(progress, 0, 0.4), analysing(progress, 0.4, 0.9);
    out.input = readEmergingInput(source, parameters, &reading);
    out.result = analyseEmerging(out.input, options, &analysing);
    EmergingOutputOptions written;
    written.parameters = {{"source", source.description.empty() ? source.name : source.description},
                          {"reference_date", parameters.text("reference-date")},
                          {"neighbourhood_steps", std::to_string(options.neighbourhoodSteps)}};
    writeEmerging(out.output, out.input, out.result, written);
    return out;
}

} // namespace firebeat
