#include "firebeat/hotspots_job.h"

#include "firebeat/filter_options.h"
#include "firebeat/hotspots_layer.h"
#include "firebeat/hotspots_writer.h"

#include <set>

namespace firebeat {
namespace {

std::vector<std::string> codes(std::initializer_list<std::string_view> list) {
    return {list.begin(), list.end()};
}

JobSpec makeSpec() {
    const WeightsOptions weights;
    const LocalMoranOptions moran;
    JobSpec s;
    s.name = "hotspots";
    s.title = "Village hot spots";
    s.help =
        "Finds hot and cold spots among villages (or hexagons): the value of each area is the number of "
        "hazards that pass the filters inside it, a rate (per unit, per inspected unit or per 1,000 people, "
        "optionally with global empirical-Bayes smoothing) or, with a value field, a numeric field of any "
        "polygon or point layer (only that layer is read and the output keeps all its fields; points need "
        "distance or knn weights).\n\n"
        "Getis-Ord Gi* with gi_bin -3..3 for 99/95/90 % confidence (also with Benjamini-Hochberg FDR), and "
        "Local Moran's I with conditional permutations (seeded, reproducible). Raw counts cannot go below "
        "zero, so cold spots on counts are weak: use a rate or Local Moran's I to find them.\n\n"
        "Writes the layer village_hotspots (or <layer>_hotspots for a layer's own field) with the "
        "statistics, and hotspot_metadata.";
    InputLayer villages =
        modelInput(LayerKind::Villages, true, "Villages, or any polygon or point layer with a value field",
                   "", {{"population", "no rate per 1,000 people"}});
    villages.pointsToo = true;
    // With a value field the layer is any layer: its data-model fields are not needed then.
    for (InputField& f : villages.fields)
        if (f.required) {
            f.required = false;
            f.withoutIt = "only a value field of the layer can be analysed";
        }
    s.inputs = {
        villages,
        modelInput(LayerKind::Hazards, false, "Hazards (points)", "only a value field can be analysed"),
        modelInput(LayerKind::Units, false, "Units (points)", "no rates per unit or per inspected unit"),
        modelInput(LayerKind::Inspections, false, "Inspections (points)", "no rate per inspected unit"),
        modelInput(LayerKind::PoliceDistricts, false, "Police-station districts (polygons)",
                   "no hexagons (they cover the districts)"),
    };
    s.options = hazardFilterOptions();
    const std::vector<OptionSpec> own = {
        {.key = "rate-per",
         .type = OptionType::Choice,
         .help = "Analyse hazard counts (none) or hazards per unit, per inspected unit or per 1,000 people.",
         .defaultValue = "none",
         .choices = codes({"none", "units", "inspected", "population"})},
        {.key = "eb-smoothing",
         .type = OptionType::Flag,
         .help = "Global empirical-Bayes smoothing of the rates (Marshall 1991).",
         .advanced = true},
        {.key = "value-field",
         .type = OptionType::Field,
         .help = "Analyse this numeric field of the villages layer (any polygon or point layer) instead of "
                 "hazards.",
         .layer = "villages"},
        {.key = "id-field",
         .type = OptionType::Field,
         .help = "With a value field: the features' own id, any type (default: the feature id).",
         .advanced = true,
         .layer = "villages"},
        {.key = "weights",
         .type = OptionType::Choice,
         .help = "Spatial weights: queen or rook contiguity, distance band, k nearest neighbours.",
         .defaultValue = std::string(code(weights.kind)),
         .choices = codes({"queen", "rook", "distance", "knn"})},
        {.key = "threshold",
         .type = OptionType::Real,
         .help = "Distance band in metres (default: the smallest band giving everyone a neighbour).",
         .minimum = 0,
         .advanced = true},
        {.key = "k",
         .type = OptionType::Integer,
         .help = "Neighbours for knn weights.",
         .defaultValue = std::to_string(weights.k),
         .minimum = 1,
         .advanced = true},
        {.key = "tolerance",
         .type = OptionType::Real,
         .help = "Contiguity snapping tolerance in metres.",
         .defaultValue = "0.1",
         .minimum = 0,
         .advanced = true},
        {.key = "permutations",
         .type = OptionType::Integer,
         .help = "Local Moran's I permutations.",
         .defaultValue = std::to_string(moran.permutations),
         .minimum = 0,
         .advanced = true},
        {.key = "seed",
         .type = OptionType::Integer,
         .help = "Seed of the permutations (reproducible runs).",
         .defaultValue = std::to_string(moran.seed),
         .minimum = 0,
         .advanced = true},
        {.key = "hex-size",
         .type = OptionType::Real,
         .help = "Aggregate to hexagons of this size (metres) over the districts instead of villages.",
         .minimum = 0,
         .advanced = true},
        {.key = "neighbours",
         .type = OptionType::Flag,
         .help = "Also write the neighbour pairs (layer neighbour_pairs) for auditing the weights.",
         .advanced = true},
    };
    s.options.insert(s.options.end(), own.begin(), own.end());
    s.outputs = {{.key = "output",
                  .kind = OutputKind::Vector,
                  .help = "Village hot spots (GeoPackage)",
                  .layers = {"village_hotspots"},
                  .formats = {"gpkg"},
                  .extraLayers = {"hotspot_metadata", "neighbour_pairs"}}};
    return s;
}

WeightsOptions weightsFrom(const JobParameters& p) {
    WeightsOptions w;
    w.kind = *parseWeightsKind(choiceText(p, "weights"));
    w.threshold = p.optionalReal("threshold");
    w.k = static_cast<int>(p.integer("k"));
    w.tolerance = p.real("tolerance");
    return w;
}

LocalMoranOptions moranFrom(const JobParameters& p) {
    LocalMoranOptions m;
    m.permutations = static_cast<int>(p.integer("permutations"));
    m.seed = static_cast<std::uint64_t>(p.integer("seed"));
    return m;
}

std::map<std::string, std::string> recorded(const JobSource& source, const LocalMoranOptions& moran) {
    return {{"source", source.description.empty() ? source.name : source.description},
            {"permutations", std::to_string(moran.permutations)},
            {"seed", std::to_string(moran.seed)}};
}

// Given with a value other than its default (front ends may pass every default explicitly).
bool changed(const JobParameters& p, const OptionSpec& o) {
    if (!p.given(o.key))
        return false;
    return o.type == OptionType::Flag ? p.flag(o.key) : p.text(o.key) != o.defaultValue;
}

// A layer's own field: only that layer read, through the layer reader that keeps every field.
HotspotsJobResult runOnLayer(const JobSource& source, const JobParameters& p, Progress* progress) {
    static const std::set<std::string, std::less<>> applies = {"value-field",  "id-field", "weights",
                                                               "threshold",    "k",        "tolerance",
                                                               "permutations", "seed",     "neighbours"};
    for (const OptionSpec& o : p.spec().options)
        if (!applies.contains(o.key) && changed(p, o))
            throw InputError(o.key + ": does not apply to value-field, which analyses the layer's own field");
    const SourceMapping& mapping = source.read.mapping;
    LayerHotspotsOptions o;
    o.layer = mapping.layer(LayerKind::Villages);
    o.valueField = p.text("value-field");
    o.idField = p.text("id-field");
    o.analysisCrs = source.read.analysisCrs;
    o.weights = weightsFrom(p);
    o.moran = moranFrom(p);
    o.neighbourPairs = p.flag("neighbours");
    o.parameters = recorded(source, o.moran);
    HotspotsJobResult out;
    out.output = p.output("output");
    const LayerHotspotsSummary s = runLayerHotspots(source.name, o, out.output, progress);
    out.outputLayer = s.outputLayer;
    out.crs = s.crs;
    out.features = s.features;
    out.hot = s.hot;
    out.cold = s.cold;
    out.valueDescription = s.valueDescription;
    out.weights = s.weights;
    out.notes = s.notes;
    return out;
}

} // namespace

const JobSpec& hotspotsJobSpec() {
    static const JobSpec spec = makeSpec();
    return spec;
}

HotspotsJobResult runHotspotsJob(const JobSource& source, const JobParameters& p, Progress* progress) {
    if (p.has("value-field"))
        return runOnLayer(source, p, progress);
    if (p.has("id-field"))
        throw InputError("id-field: goes with value-field");
    HotspotOptions o;
    o.hazards = hazardFilterFrom(p);
    o.ratePer = *parseRateBase(choiceText(p, "rate-per"));
    o.ebSmoothing = p.flag("eb-smoothing");
    o.hexSize = p.optionalReal("hex-size");
    o.weights = weightsFrom(p);
    o.moran = moranFrom(p);

    ReadOptions read = source.read;
    read.checkConsistency = false;
    read.layers = {LayerKind::Hazards, o.hexSize ? LayerKind::PoliceDistricts : LayerKind::Villages};
    if (o.ratePer == RateBase::Units || o.ratePer == RateBase::InspectedUnits)
        read.layers.insert(LayerKind::Units);
    if (o.ratePer == RateBase::InspectedUnits)
        read.layers.insert(LayerKind::Inspections);
    HotspotsJobResult out;
    out.output = p.output("output");
    ProgressSlice reading(progress, 0, 0.3), analysing(progress, 0.3, 1);
    out.read = readDataset(source.name, read, &reading);
    throwIfUnusable(out.read.report);
    const HotspotResult result = analyseHotspots(out.read.data, o, &analysing);
    HotspotsOutputOptions written;
    written.crs = out.read.data.crs;
    written.neighbourPairs = p.flag("neighbours");
    written.parameters = recorded(source, o.moran);
    writeHotspots(out.output, result, out.read.data, written);
    out.outputLayer = "village_hotspots";
    out.crs = out.read.data.crs;
    out.features = result.rows.size();
    for (const HotspotRow& r : result.rows) {
        out.hot += r.giBin > 0;
        out.cold += r.giBin < 0;
    }
    out.valueDescription = result.valueDescription;
    out.weights = result.weights.info().describe();
    out.notes = result.notes;
    return out;
}

} // namespace firebeat
