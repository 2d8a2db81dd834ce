#include "firebeat/reader.h"

#include "feature_cursor.h"
#include "firebeat/crs.h"
#include "firebeat/gcj02.h"
#include "layer_fields.h"
#include "layer_records.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

namespace firebeat {
namespace {

struct GdalDatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;

struct SourceLayer {
    LayerKind kind;
    OGRLayer* layer;
    std::string crs; // WKT of the layer's CRS, or EPSG:4326 when it has none
};

// Positions and polygons of the records appended since `first`, as pointers for bulk reprojection.
std::vector<Point*> positionsOf(Dataset& d, LayerKind kind, std::size_t first) {
    std::vector<Point*> out;
    auto collect = [&](auto& records) {
        for (std::size_t i = first; i < records.size(); ++i)
            out.push_back(&records[i].position);
    };
    switch (kind) {
    case LayerKind::Units:
        collect(d.units);
        break;
    case LayerKind::Inspections:
        collect(d.inspections);
        break;
    case LayerKind::Hazards:
        collect(d.hazards);
        break;
    case LayerKind::FireStations:
        collect(d.stations);
        break;
    default:
        break;
    }
    return out;
}

std::size_t recordCount(const Dataset& d, LayerKind kind) {
    switch (kind) {
    case LayerKind::PoliceDistricts:
        return d.districts.size();
    case LayerKind::Villages:
        return d.villages.size();
    case LayerKind::Units:
        return d.units.size();
    case LayerKind::Inspections:
        return d.inspections.size();
    case LayerKind::Hazards:
        return d.hazards.size();
    case LayerKind::FireStations:
        return d.stations.size();
    case LayerKind::Officers:
        return d.officers.size();
    }
    return 0;
}

void reproject(Dataset& d, const SourceLayer& src, bool gcj02, const std::string& analysisCrs, std::size_t first) {
    if (src.kind == LayerKind::PoliceDistricts || src.kind == LayerKind::Villages) {
        const CoordinateTransform ct(src.crs, analysisCrs);
        auto apply = [&](auto& records) {
            for (std::size_t i = first; i < records.size(); ++i)
                ct.apply(records[i].geometry);
        };
        src.kind == LayerKind::PoliceDistricts ? apply(d.districts) : apply(d.villages);
        return;
    }
    const std::vector<Point*> refs = positionsOf(d, src.kind, first);
    std::vector<Point> points(refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i)
        points[i] = *refs[i];
    if (gcj02) {
        CoordinateTransform(src.crs, "EPSG:4326").apply(points);
        for (Point& p : points)
            p = gcj02ToWgs84(p);
        CoordinateTransform("EPSG:4326", analysisCrs).apply(points);
    } else {
        CoordinateTransform(src.crs, analysisCrs).apply(points);
    }
    for (std::size_t i = 0; i < refs.size(); ++i)
        *refs[i] = points[i];
}

std::string layerCrs(OGRLayer& layer, Report& report) {
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    // GeoPackage stores "no CRS" as its placeholder srs_id 0/-1 ("Undefined geographic/Cartesian SRS").
    if (srs && srs->GetName() && std::string_view(srs->GetName()).starts_with("Undefined"))
        srs = nullptr;
    if (!srs) {
        if (layer.GetGeomType() != wkbNone)
            report.error("missing_crs", layer.GetName(),
                         "the layer has no CRS; its coordinates are assumed to be WGS 84 longitude/latitude "
                         "(EPSG:4326) — set the CRS in the source");
        return "EPSG:4326";
    }
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs->exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

// The metric CRS for the data's centre, from the first layer with an extent.
std::string automaticCrs(const std::vector<SourceLayer>& layers) {
    for (const SourceLayer& src : layers) {
        OGREnvelope env;
        if (src.layer->GetGeomType() == wkbNone || src.layer->GetExtent(&env, TRUE) != OGRERR_NONE)
            continue;
        const Point centre =
            CoordinateTransform(src.crs, "EPSG:4326").apply(Point{(env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2});
        return metricCrsFor(centre.x, centre.y);
    }
    return "EPSG:4326";
}

bool geometryMatches(GeometryKind wanted, OGRwkbGeometryType actual) {
    const OGRwkbGeometryType flat = wkbFlatten(actual);
    switch (wanted) {
    case GeometryKind::None:
        return true;
    case GeometryKind::Point:
        return flat == wkbPoint || flat == wkbMultiPoint || flat == wkbUnknown;
    case GeometryKind::Polygon:
        return flat == wkbPolygon || flat == wkbMultiPolygon || flat == wkbUnknown;
    }
    return false;
}

void readLayer(const SourceLayer& src, const ReadOptions& options, const std::string& analysisCrs,
               ReadResult& result, Progress* progress, double progressStart, double progressSpan) {
    const LayerSpec& spec = layerSpec(src.kind);
    Report& report = result.report;
    const std::string name = src.layer->GetName();
    if (!geometryMatches(spec.geometry, src.layer->GetGeomType()) ||
        (spec.geometry != GeometryKind::None && src.layer->GetGeomType() == wkbNone)) {
        report.error("wrong_geometry_type", name,
                     std::string("the layer's geometry type is ") + OGRGeometryTypeToName(src.layer->GetGeomType()) +
                         ", expected " + (spec.geometry == GeometryKind::Point ? "Point" : "(Multi)Polygon"));
        return;
    }
    const auto fields = resolveFields(*src.layer, spec, options.mapping, report);
    if (!fields) {
        report.featureCounts[name] = 0;
        return;
    }
    std::vector<int> indices;
    for (const ResolvedField& f : *fields)
        if (f.ogrIndex >= 0)
            indices.push_back(f.ogrIndex);
    // Extra numeric fields come after the data model's in the cursor.
    std::vector<std::pair<std::size_t, AttributeColumn*>> extras;
    if (const auto it = options.numericFields.find(src.kind); it != options.numericFields.end())
        for (const std::string& field : it->second) {
            const int index = src.layer->GetLayerDefn()->GetFieldIndex(field.c_str());
            if (index < 0) {
                report.error("missing_field", name, "the numeric field asked for is not in the layer", field);
                return;
            }
            extras.emplace_back(indices.size(), nullptr);
            indices.push_back(index);
            result.data.attributes.push_back({src.kind, field, {}});
        }
    for (std::size_t k = 0; k < extras.size(); ++k)
        extras[k].second = &result.data.attributes[result.data.attributes.size() - extras.size() + k];
    const std::size_t first = recordCount(result.data, src.kind);
    const double total = std::max<double>(1.0, static_cast<double>(src.layer->GetFeatureCount(FALSE)));
    std::unique_ptr<FeatureCursor> cursor = openFeatureCursor(*src.layer, indices);
    std::size_t n = 0;
    while (cursor->next()) {
        FeatureRow row(spec, name, *fields, *cursor, report);
        std::vector<std::optional<double>> values;
        for (const auto& [column, attribute] : extras)
            values.push_back(row.number(column, attribute->field));
        const std::size_t before = recordCount(result.data, src.kind);
        appendRecord(src.kind, row, options.repairInvalidGeometries, result.data);
        if (recordCount(result.data, src.kind) > before)
            for (std::size_t k = 0; k < extras.size(); ++k)
                extras[k].second->values.push_back(values[k]);
        if (!row.usable() && !row.id().empty())
            result.skippedIds[src.kind].insert(row.id());
        if ((++n & 0x3fff) == 0) {
            throwIfCancelled(progress);
            if (progress)
                progress->report(progressStart + progressSpan * std::min(1.0, n / total), "reading " + name);
        }
    }
    src.layer->SetIgnoredFields(nullptr);
    report.featureCounts[name] = n;
    reproject(result.data, src, options.mapping.isGcj02(src.kind), analysisCrs, first);
}

} // namespace

ReadResult readDataset(const std::string& source, const ReadOptions& options, Progress* progress) {
    GDALAllRegister();
    CPLErrorReset();
    DatasetPtr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        throw InputError("cannot open data source '" + source + "'" +
                         (CPLGetLastErrorMsg()[0] ? std::string(": ") + CPLGetLastErrorMsg() : std::string()) +
                         " (expected a SpatiaLite, GeoPackage, Shapefile, CSV or PostGIS source)");
    ReadResult result;
    result.report.source = source;

    std::vector<SourceLayer> layers;
    for (LayerKind kind : kAllLayers) {
        if (!options.layers.contains(kind))
            continue;
        const std::string name = options.mapping.layer(kind);
        OGRLayer* layer = ds->GetLayerByName(name.c_str());
        if (!layer) {
            if (options.optionalLayers.contains(kind))
                continue;
            std::string available;
            for (OGRLayer* l : ds->GetLayers())
                available += (available.empty() ? "" : ", ") + std::string(l->GetName());
            result.report.error("missing_layer", name,
                                "layer not found in the source (layers present: " +
                                    (available.empty() ? std::string("none") : available) + ")");
            continue;
        }
        layers.push_back({kind, layer, layerCrs(*layer, result.report)});
    }

    const std::string analysisCrs = options.analysisCrs.empty() ? automaticCrs(layers) : options.analysisCrs;
    if (!isKnownCrs(analysisCrs))
        throw InputError("unknown analysis CRS '" + analysisCrs + "'");
    result.report.analysisCrs = analysisCrs;
    result.data.crs = analysisCrs;

    const double span = 0.9 / std::max<std::size_t>(1, layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i)
        readLayer(layers[i], options, analysisCrs, result, progress, span * static_cast<double>(i), span);

    if (options.checkConsistency) {
        throwIfCancelled(progress);
        if (progress)
            progress->report(0.9, "checking references and locations");
        checkConsistency(result.data, options.mapping, result.report, result.skippedIds);
    }
    if (progress)
        progress->report(1.0, "done");
    return result;
}

} // namespace firebeat
