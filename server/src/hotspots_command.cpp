#include "analysis_options.h"
#include "command.h"
#include "terminal_progress.h"

#include "firebeat/hotspots_layer.h"
#include "firebeat/hotspots_writer.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {
namespace {

HotspotOptions hotspotOptionsFrom(const QCommandLineParser& p) {
    HotspotOptions o;
    o.hazards = hazardFilterFrom(p);
    if (p.isSet("rate-per")) {
        const auto base = parseRateBase(toStd(p.value("rate-per")));
        if (!base || *base == RateBase::None)
            throw InputError("--rate-per: expected units, inspected or population");
        o.ratePer = *base;
    }
    o.ebSmoothing = p.isSet("eb-smoothing");
    if (p.isSet("hex-size"))
        o.hexSize = numberOption(p, "hex-size", 0);
    const auto kind = parseWeightsKind(toStd(p.value("weights")));
    if (!kind)
        throw InputError("--weights: expected queen, rook, distance or knn");
    o.weights.kind = *kind;
    if (p.isSet("threshold"))
        o.weights.threshold = numberOption(p, "threshold", 0);
    if (p.isSet("k"))
        o.weights.k = static_cast<int>(numberOption(p, "k", 1, true));
    if (p.isSet("tolerance"))
        o.weights.tolerance = numberOption(p, "tolerance", 0, true);
    o.moran.permutations = static_cast<int>(numberOption(p, "permutations", 0, true));
    o.moran.seed = p.value("seed").toULongLong();
    return o;
}

// --value-field: the layer's own field, only that layer read, every field of it kept.
ExitCode runOnLayer(const QCommandLineParser& p) {
    for (const char* other : {"rate-per", "eb-smoothing", "hex-size", "from", "to", "open-only", "categories",
                              "min-severity", "source", "map", "gcj02"})
        if (p.isSet(other))
            throw InputError(std::string("--") + other +
                             " does not apply to --value-field, which analyses the layer's own field");
    const HotspotOptions common = hotspotOptionsFrom(p);
    LayerHotspotsOptions o;
    o.layer = toStd(p.isSet("layer") ? p.value("layer") : p.value("villages-layer"));
    o.valueField = toStd(p.value("value-field"));
    o.idField = toStd(p.value("id-field"));
    o.analysisCrs = toStd(p.value("crs"));
    o.weights = common.weights;
    o.moran = common.moran;
    o.neighbourPairs = p.isSet("neighbours");
    o.parameters = {{"source", toStd(p.value("input"))},
                    {"permutations", std::to_string(o.moran.permutations)},
                    {"seed", std::to_string(o.moran.seed)}};
    const std::string output = toStd(p.value("output"));
    TerminalProgress progress(p.isSet("quiet") || p.isSet("json"));
    const LayerHotspotsSummary s = runLayerHotspots(toStd(p.value("input")), o, output, &progress);
    progress.finish();
    for (const std::string& note : s.notes)
        std::fprintf(stderr, "note: %s\n", note.c_str());
    if (p.isSet("json")) {
        const QJsonObject j{{"output", QString::fromStdString(output)},
                            {"layer", QString::fromStdString(s.outputLayer)},
                            {"crs", QString::fromStdString(s.crs)},
                            {"features", static_cast<qint64>(s.features)},
                            {"hot", s.hot},
                            {"cold", s.cold},
                            {"value", QString::fromStdString(s.valueDescription)},
                            {"weights", QString::fromStdString(s.weights)}};
        std::printf("%s\n", QJsonDocument(j).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf("wrote %s (layer %s, %s): %zu features (%s), %d hot and %d cold spots (Gi*, 90%%+); "
                    "weights: %s\n",
                    output.c_str(), s.outputLayer.c_str(), s.crs.c_str(), s.features,
                    s.valueDescription.c_str(), s.hot, s.cold, s.weights.c_str());
    }
    return kOk;
}

} // namespace

int runHotspots(const QStringList& arguments) {
    QCommandLineParser p;
    addSourceOptions(p);
    addHazardFilterOptions(p);
    p.addOptions({
        {"input", "Data source with the villages and hazards.", "SOURCE"},
        {"villages-layer", "The villages layer's name.", "NAME", "villages"},
        {"hazards-layer", "The hazards layer's name.", "NAME", "hazards"},
        {"value-field",
         "Analyse this numeric field of one polygon or point layer (--layer, default --villages-layer) "
         "instead of counting hazards: only that layer is read, and the output keeps all its fields.",
         "F"},
        {"layer", "With --value-field: the polygon or point layer analysed.", "NAME"},
        {"id-field", "With --value-field: the features' own id, any type (default: the feature id).", "F"},
        {"rate-per", "Hazards per unit, per inspected unit or per 1,000 people.",
         "units|inspected|population"},
        {"eb-smoothing", "Global empirical-Bayes smoothing of the rates (Marshall 1991)."},
        {"weights", "Spatial weights: queen, rook, distance or knn.", "W", "queen"},
        {"threshold", "Distance band in metres (default: the smallest band giving everyone a neighbour).",
         "M"},
        {"k", "Neighbours for knn weights.", "N"},
        {"tolerance", "Contiguity snapping tolerance in metres (default 0.1).", "M"},
        {"permutations", "Local Moran's I permutations.", "N", "999"},
        {"seed", "Seed of the permutations (reproducible runs).", "S", "12345"},
        {"hex-size", "Aggregate to hexagons of this size (metres) instead of villages.", "M"},
        {"neighbours", "Also write the neighbour pairs (layer neighbour_pairs) for auditing."},
        {"output", "Output GeoPackage (layer village_hotspots).", "OUT.gpkg"},
        {"json", "Print a machine-readable summary."},
        {"quiet", "No progress bar."},
    });
    parseOrExit(
        p, arguments,
        "Village hot spots: Getis-Ord Gi* (with Benjamini-Hochberg FDR classes) and Local Moran's I with "
        "conditional permutations. Counts cannot go below zero, so cold spots on raw counts are weak: use "
        "a rate or Local Moran's I to find them.");
    return guarded([&] {
        if (!p.isSet("input") || !p.isSet("output"))
            throw InputError("--input and --output are required");
        if (p.isSet("value-field"))
            return runOnLayer(p);
        if (p.isSet("layer") || p.isSet("id-field"))
            throw InputError("--layer and --id-field go with --value-field");
        ReadOptions options = readOptionsFrom(p);
        options.checkConsistency = false;
        options.mapping.setLayer(LayerKind::Villages, toStd(p.value("villages-layer")));
        options.mapping.setLayer(LayerKind::Hazards, toStd(p.value("hazards-layer")));
        const bool hexagons = p.isSet("hex-size");
        options.layers = {LayerKind::Hazards, hexagons ? LayerKind::PoliceDistricts : LayerKind::Villages};
        if (p.value("rate-per") == "units" || p.value("rate-per") == "inspected")
            options.layers.insert(LayerKind::Units);
        if (p.value("rate-per") == "inspected")
            options.layers.insert(LayerKind::Inspections);
        TerminalProgress progress(p.isSet("quiet") || p.isSet("json"));
        const ReadResult read = readDataset(toStd(p.value("input")), options, &progress);
        requireUsableLayers(read);
        const HotspotOptions hotspot = hotspotOptionsFrom(p);
        const HotspotResult result = analyseHotspots(read.data, hotspot, &progress);
        HotspotsOutputOptions out;
        out.crs = read.data.crs;
        out.neighbourPairs = p.isSet("neighbours");
        out.parameters = {{"source", toStd(p.value("input"))},
                          {"permutations", std::to_string(hotspot.moran.permutations)},
                          {"seed", std::to_string(hotspot.moran.seed)}};
        const std::string output = toStd(p.value("output"));
        writeHotspots(output, result, read.data, out);
        progress.finish();
        int hot = 0, cold = 0;
        for (const HotspotRow& r : result.rows) {
            hot += r.giBin > 0;
            cold += r.giBin < 0;
        }
        for (const std::string& note : result.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        if (p.isSet("json")) {
            const QJsonObject o{{"output", QString::fromStdString(output)},
                                {"features", static_cast<qint64>(result.rows.size())},
                                {"hot", hot},
                                {"cold", cold},
                                {"value", QString::fromStdString(result.valueDescription)},
                                {"weights", QString::fromStdString(result.weights.info().describe())}};
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("wrote %s: %zu features (%s), %d hot and %d cold spots (Gi*, 90%%+); weights: %s\n",
                        output.c_str(), result.rows.size(), result.valueDescription.c_str(), hot, cold,
                        result.weights.info().describe().c_str());
        }
        return kOk;
    });
}

} // namespace firebeat::cli
