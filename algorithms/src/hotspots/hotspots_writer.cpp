#include "firebeat/hotspots_writer.h"

#include "hotspots/hotspot_tables.h"
#include "io/table_writer.h"

#include <unordered_map>

namespace firebeat {
namespace {

using namespace ogr_output;

struct OutputRow {
    const Area* area;
    const HotspotRow* stats;
    const Village* village; // null for hexagons
};

Value optionalReal(const std::optional<double>& v) {
    return nullable(v);
}

std::vector<Column<OutputRow>> columns() {
    auto village = [](auto field) {
        return [field](const OutputRow& r) { return r.village ? field(*r.village) : Value(); };
    };
    return {
        {"village_id", Type::Text, [](const OutputRow& r) { return Value(r.area->id); }},
        {"name", Type::Text, village([](const Village& v) { return nullIfEmpty(v.name); })},
        {"district_id", Type::Text, village([](const Village& v) { return nullIfEmpty(v.districtId); })},
        {"kind", Type::Text, village([](const Village& v) { return Value(std::string(code(v.kind))); })},
        {"population", Type::Integer64, village([](const Village& v) { return nullable(v.population); })},
        {"value", Type::Real, [](const OutputRow& r) { return Value(r.stats->value); }},
        {"numerator", Type::Real, [](const OutputRow& r) { return Value(r.stats->numerator); }},
        {"denominator", Type::Real, [](const OutputRow& r) { return optionalReal(r.stats->denominator); }},
        {"crude_rate", Type::Real, [](const OutputRow& r) { return optionalReal(r.stats->crudeRate); }},
        {"n_neighbours", Type::Integer,
         [](const OutputRow& r) { return Value(static_cast<std::int64_t>(r.stats->neighbours)); }},
        {"gi_z", Type::Real, [](const OutputRow& r) { return optionalReal(r.stats->giZ); }},
        {"gi_p", Type::Real, [](const OutputRow& r) { return optionalReal(r.stats->giP); }},
        {"gi_bin", Type::Integer, [](const OutputRow& r) { return Value(std::int64_t{r.stats->giBin}); }},
        {"gi_bin_fdr", Type::Integer,
         [](const OutputRow& r) { return Value(std::int64_t{r.stats->giBinFdr}); }},
        {"lisa_i", Type::Real, [](const OutputRow& r) { return optionalReal(r.stats->lisaI); }},
        {"lisa_p", Type::Real, [](const OutputRow& r) { return optionalReal(r.stats->lisaP); }},
        {"lisa_quadrant", Type::Text,
         [](const OutputRow& r) { return Value(std::string(code(r.stats->lisaQuadrant))); }},
        {"flags", Type::Text, [](const OutputRow& r) { return nullIfEmpty(describeFlags(r.stats->flags)); }},
    };
}

} // namespace

void writeHotspots(const std::string& path, const HotspotResult& result, const Dataset& data,
                   const HotspotsOutputOptions& options) {
    std::unordered_map<std::string_view, const Village*> villages;
    for (const Village& v : data.villages)
        villages.emplace(v.id, &v);
    std::vector<OutputRow> rows;
    rows.reserve(result.rows.size());
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        const auto it = villages.find(result.areas[i].id);
        rows.push_back({&result.areas[i], &result.rows[i], it == villages.end() ? nullptr : it->second});
    }

    OutputFile out(path, options.crs);
    writeLayer(
        out, "village_hotspots", GeometryType::MultiPolygon, columns(), rows,
        [](const OutputRow&) { return true; },
        [](const OutputRow& r) { return Geometry(&r.area->geometry); });

    writeHotspotTables(out, result, options.parameters, options.neighbourPairs);
    out.commit();
}

void writeHotspotTables(ogr_output::OutputFile& out, const HotspotResult& result,
                        std::map<std::string, std::string> metadata, bool neighbourPairs) {
    using namespace ogr_output;
    metadata["value"] = result.valueDescription;
    metadata["weights"] = result.weights.info().describe();
    for (std::size_t i = 0; i < result.notes.size(); ++i)
        metadata["note_" + std::to_string(i + 1)] = result.notes[i];
    out.beginLayer("hotspot_metadata", GeometryType::None, {{"key", Type::Text}, {"value", Type::Text}});
    for (const auto& [key, value] : metadata)
        out.add({Value(key), Value(value)}, Geometry());
    if (!neighbourPairs)
        return;
    out.beginLayer("neighbour_pairs", GeometryType::None, {{"id", Type::Text}, {"neighbour_id", Type::Text}});
    for (const auto& [a, b] : firebeat::neighbourPairs(result.weights, result.areas))
        out.add({Value(a), Value(b)}, Geometry());
}

} // namespace firebeat
