#include "firebeat/reader.h"

#include "data/feature_cursor.h"
#include "data/layer_fields.h"
#include "data/layer_records.h"
#include "firebeat/crs.h"
#include "firebeat/gcj02.h"
#include "util/huge_pages.h"

#include <cmath>
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

// Calls f with the record vector of `kind` in `d`.
template <class F> decltype(auto) withRecords(Dataset& d, LayerKind kind, F&& f) {
    switch (kind) {
    case LayerKind::PoliceDistricts:
        return f(d.districts);
    case LayerKind::Villages:
        return f(d.villages);
    case LayerKind::Units:
        return f(d.units);
    case LayerKind::Inspections:
        return f(d.inspections);
    case LayerKind::Hazards:
        return f(d.hazards);
    case LayerKind::FireStations:
        return f(d.stations);
    case LayerKind::Officers:
        break;
    }
    return f(d.officers);
}

std::size_t recordCount(Dataset& d, LayerKind kind) {
    return withRecords(d, kind, [](const auto& records) { return records.size(); });
}

// Room for `extra` more records, advised for huge pages before it is first touched: page faults
// on a million records' fresh memory otherwise cost more than converting them.
void reserveRecords(Dataset& d, LayerKind kind, std::size_t extra) {
    withRecords(d, kind, [&](auto& records) {
        records.reserve(records.size() + extra);
        adviseHugePages(records.data() + records.size(), extra * sizeof(records[0]));
    });
}

// The layer's CRS to the analysis CRS, through WGS 84 and the GCJ-02 inverse when declared so.
class LayerReprojection {
  public:
    LayerReprojection(const SourceLayer& src, bool gcj02, const std::string& analysisCrs) : kind_(src.kind) {
        if (gcj02) {
            toWgs84_ = std::make_unique<CoordinateTransform>(src.crs, "EPSG:4326");
            direct_ = std::make_unique<CoordinateTransform>("EPSG:4326", analysisCrs);
        } else {
            direct_ = std::make_unique<CoordinateTransform>(src.crs, analysisCrs);
        }
    }

    bool isIdentity() const { return !toWgs84_ && direct_->isIdentity(); }

    // Reprojects the records from `first` on, points in bulk.
    void apply(Dataset& d, std::size_t first) const {
        if (isIdentity())
            return;
        withRecords(d, kind_, [&](auto& records) {
            using Record = std::decay_t<decltype(records[0])>;
            if constexpr (requires(Record r) { r.geometry; }) {
                for (std::size_t i = first; i < records.size(); ++i)
                    direct_->apply(records[i].geometry);
            } else if constexpr (requires(Record r) { r.position; }) {
                std::vector<Point> points(records.size() - first);
                for (std::size_t i = first; i < records.size(); ++i)
                    points[i - first] = records[i].position;
                if (toWgs84_) {
                    toWgs84_->apply(points);
                    for (Point& p : points)
                        p = gcj02ToWgs84(p);
                }
                direct_->apply(points);
                for (std::size_t i = first; i < records.size(); ++i)
                    records[i].position = points[i - first];
            }
        });
    }

  private:
    LayerKind kind_;
    std::unique_ptr<CoordinateTransform> toWgs84_; // GCJ-02 layers only
    std::unique_ptr<CoordinateTransform> direct_;
};

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

// The geographic CRS that `crs` is based on (itself when geographic) as WKT, or EPSG:4326.
std::string geographicBase(const std::string& crs) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
        return "EPSG:4326";
    const std::unique_ptr<OGRSpatialReference, void (*)(OGRSpatialReference*)> base(
        srs.CloneGeogCS(), [](OGRSpatialReference* s) { s->Release(); });
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    const bool ok = base && base->exportToWkt(&wkt, options) == OGRERR_NONE && wkt;
    std::string out = ok ? wkt : "EPSG:4326";
    CPLFree(wkt);
    return out;
}

// "EPSG:n" for a CRS with that code (as the outputs and their users name it), else the WKT.
std::string crsName(const OGRSpatialReference& srs, const std::string& wkt) {
    const char* authority = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (authority && code && std::string_view(authority) == "EPSG")
        return "EPSG:" + std::string(code);
    return wkt;
}

// The analysis CRS from the first layer with an extent (see automaticAnalysisCrs()).
std::string automaticCrs(const std::vector<SourceLayer>& layers, bool layersOwn) {
    for (const SourceLayer& src : layers) {
        OGREnvelope env;
        if (src.layer->GetGeomType() == wkbNone || src.layer->GetExtent(&env, TRUE) != OGRERR_NONE)
            continue;
        if (layersOwn) {
            OGRSpatialReference srs;
            srs.SetFromUserInput(src.crs.c_str());
            return crsName(srs, src.crs);
        }
        return automaticAnalysisCrs(src.crs, Point{(env.MinX + env.MaxX) / 2, (env.MinY + env.MaxY) / 2});
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

// The extra numeric fields asked for in `layer`, as {cursor column, column in data.attributes},
// their columns appended after `cursorColumns`. Nullopt (reported) when one is missing.
std::optional<std::vector<std::pair<std::size_t, std::size_t>>> extraFields(const SourceLayer& src,
                                                                            const ReadOptions& options,
                                                                            std::vector<int>& cursorColumns,
                                                                            Dataset& data, Report& report) {
    std::vector<std::pair<std::size_t, std::size_t>> extras;
    const auto it = options.numericFields.find(src.kind);
    if (it == options.numericFields.end())
        return extras;
    for (const std::string& field : it->second) {
        const int index = src.layer->GetLayerDefn()->GetFieldIndex(field.c_str());
        if (index < 0) {
            report.error("missing_field", src.layer->GetName(),
                         "the numeric field asked for is not in the layer", field);
            return std::nullopt;
        }
        extras.emplace_back(cursorColumns.size(), data.attributes.size());
        cursorColumns.push_back(index);
        data.attributes.push_back({src.kind, field, {}});
    }
    return extras;
}

// Where chunked reads hand their records.
struct ChunkConsumers {
    const RecordChunkConsumer& consume;
    const LayerSizeConsumer& sized;
};

// Reads one layer into `result.data`, or chunk by chunk into `chunked` when given.
void readLayer(const SourceLayer& src, const ReadOptions& options, const std::string& analysisCrs,
               ReadResult& result, const ChunkConsumers* chunked, Progress* progress, double progressStart,
               double progressSpan) {
    const LayerSpec& spec = layerSpec(src.kind);
    Report& report = result.report;
    const std::string name = src.layer->GetName();
    if (!geometryMatches(spec.geometry, src.layer->GetGeomType()) ||
        (spec.geometry != GeometryKind::None && src.layer->GetGeomType() == wkbNone)) {
        report.error("wrong_geometry_type", name,
                     std::string("the layer's geometry type is ") +
                         OGRGeometryTypeToName(src.layer->GetGeomType()) + ", expected " +
                         (spec.geometry == GeometryKind::Point ? "Point" : "(Multi)Polygon"));
        return;
    }
    const auto only = options.onlyFields.find(src.kind);
    const auto fields = resolveFields(*src.layer, spec, options.mapping, report,
                                      only == options.onlyFields.end() ? nullptr : &only->second);
    if (!fields) {
        report.featureCounts[name] = 0;
        return;
    }
    std::vector<int> indices;
    for (const ResolvedField& f : *fields)
        if (f.ogrIndex >= 0)
            indices.push_back(f.ogrIndex);
    Dataset chunk;
    chunk.crs = analysisCrs;
    Dataset& sink = chunked ? chunk : result.data;
    // Extra numeric fields come after the data model's in the cursor.
    const auto extras = extraFields(src, options, indices, sink, report);
    if (!extras)
        return;
    const LayerReprojection reprojection(src, options.mapping.isGcj02(src.kind), analysisCrs);
    if (OGREnvelope e;
        options.layerExtents && reprojection.isIdentity() && src.layer->GetExtent(&e, TRUE) == OGRERR_NONE)
        result.layerExtents[src.kind] = Envelope{e.MinX, e.MinY, e.MaxX, e.MaxY};
    const GIntBig count = src.layer->GetFeatureCount(FALSE);
    const double total = std::max<double>(1.0, static_cast<double>(count));
    if (count > 0)
        reserveRecords(sink, src.kind, chunked ? std::min<std::size_t>(kRecordChunk, count) : count);
    if (chunked && chunked->sized)
        chunked->sized(src.kind, static_cast<std::size_t>(std::max<GIntBig>(count, 0)));
    std::size_t first = recordCount(sink, src.kind);
    auto flush = [&] {
        reprojection.apply(sink, first);
        if (!chunked)
            return;
        chunked->consume(sink);
        withRecords(sink, src.kind, [](auto& records) { records.clear(); });
        for (AttributeColumn& column : sink.attributes)
            column.values.clear();
        first = 0;
    };
    std::unique_ptr<FeatureCursor> cursor = openFeatureCursor(*src.layer, indices);
    std::vector<std::optional<double>> values(extras->size());
    std::size_t n = 0;
    while (cursor->next()) {
        FeatureRow row(spec, name, *fields, *cursor, report);
        for (std::size_t k = 0; k < extras->size(); ++k)
            values[k] = row.number((*extras)[k].first, sink.attributes[(*extras)[k].second].field);
        const std::size_t before = recordCount(sink, src.kind);
        appendRecord(src.kind, row, options.repairInvalidGeometries, sink, options.multipointParts);
        const std::size_t after = recordCount(sink, src.kind);
        for (std::size_t added = after - before; added > 0; --added) // one per part
            for (std::size_t k = 0; k < extras->size(); ++k)
                sink.attributes[(*extras)[k].second].values.push_back(values[k]);
        if (!row.usable() && !row.id().empty())
            result.skippedIds[src.kind].insert(row.id());
        if (chunked && after >= kRecordChunk)
            flush();
        if ((++n & 0x3fff) == 0) {
            throwIfCancelled(progress);
            if (progress)
                progress->report(progressStart + progressSpan * std::min(1.0, n / total), "reading " + name);
        }
    }
    src.layer->SetIgnoredFields(nullptr);
    report.featureCounts[name] = n;
    flush();
}

ReadResult read(const std::string& source, const ReadOptions& options, const ChunkConsumers* chunked,
                Progress* progress) {
    GDALAllRegister();
    CPLErrorReset();
    DatasetPtr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds)
        throw InputError(
            "cannot open data source '" + source + "'" +
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

    const std::string analysisCrs =
        options.analysisCrs.empty() ? automaticCrs(layers, options.layerCrs) : options.analysisCrs;
    if (!isKnownCrs(analysisCrs))
        throw InputError("unknown analysis CRS '" + analysisCrs + "'");
    result.report.analysisCrs = analysisCrs;
    result.data.crs = analysisCrs;

    const double span = 0.9 / std::max<std::size_t>(1, layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i)
        readLayer(layers[i], options, analysisCrs, result, chunked, progress, span * static_cast<double>(i),
                  span);

    if (options.checkConsistency && !chunked) {
        throwIfCancelled(progress);
        if (progress)
            progress->report(0.9, "checking references and locations");
        checkConsistency(result.data, options.mapping, result.report, result.skippedIds);
    }
    if (progress)
        progress->report(1.0, "done");
    return result;
}

} // namespace

// The centre's longitude and latitude are taken on the layer's own datum: PROJ undoes a
// projection in a fraction of the time it takes to search a datum transformation to WGS 84
// (~50 ms), and the two differ by far less than a zone.
std::string automaticAnalysisCrs(const std::string& layerCrs, Point centre) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(layerCrs.c_str()) == OGRERR_NONE && srs.IsProjected() &&
        std::abs(srs.GetLinearUnits() - 1.0) < 1e-12) {
        const char* method = srs.GetAttrValue("PROJECTION");
        const bool mercator = method && std::string_view(method).starts_with("Mercator");
        if (!mercator && !srs.IsLocal())
            return crsName(srs, layerCrs);
    }
    const Point lonLat = CoordinateTransform(layerCrs, geographicBase(layerCrs)).apply(centre);
    return metricCrsFor(lonLat.x, lonLat.y);
}

std::optional<std::set<std::string>> fieldsPresent(const std::string& source, const SourceMapping& mapping,
                                                   LayerKind kind) {
    GDALAllRegister();
    const DatasetPtr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRLayer* layer = ds ? ds->GetLayerByName(mapping.layer(kind).c_str()) : nullptr;
    if (!layer)
        return std::nullopt;
    std::set<std::string> present;
    for (const FieldSpec& f : layerSpec(kind).fields)
        if (layer->GetLayerDefn()->GetFieldIndex(mapping.field(kind, f.name).c_str()) >= 0)
            present.insert(std::string(f.name));
    return present;
}

ReadResult readDataset(const std::string& source, const ReadOptions& options, Progress* progress) {
    return read(source, options, nullptr, progress);
}

ReadResult readDatasetInChunks(const std::string& source, const ReadOptions& options,
                               const RecordChunkConsumer& consume, Progress* progress,
                               const LayerSizeConsumer& sized) {
    const ChunkConsumers chunked{consume, sized};
    return read(source, options, &chunked, progress);
}

} // namespace firebeat
