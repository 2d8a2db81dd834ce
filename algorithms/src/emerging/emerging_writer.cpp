#include "firebeat/emerging_writer.h"

#include "io/table_writer.h"

#include <algorithm>
#include <cctype>

namespace firebeat {
namespace {

using namespace ogr_output;

Value optionalReal(const std::optional<double>& v) {
    return v ? Value(*v) : Value();
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool isOutputField(const std::string& name) {
    for (const char* f : kEmergingOutputFields)
        if (lower(name) == f)
            return true;
    return false;
}

Value attributeValue(const AttributeValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return Value(*i);
    if (const auto* d = std::get_if<double>(&v))
        return Value(*d);
    if (const auto* s = std::get_if<std::string>(&v))
        return Value(*s);
    return Value();
}

} // namespace

void writeEmerging(const std::string& path, const EmergingInput& input, const EmergingResult& result,
                   const EmergingOutputOptions& options) {
    std::map<std::string, std::string> metadata = options.parameters;
    std::vector<OutputFile::Field> fields;
    for (const AttributeField& f : input.fields) {
        std::string name = f.name;
        if (isOutputField(name)) {
            metadata["renamed_" + name] = "input field " + name + " written as input_" + name;
            name = "input_" + name;
        }
        fields.push_back({name, f.type == AttributeType::Integer ? Type::Integer64
                                : f.type == AttributeType::Real  ? Type::Real
                                                                 : Type::Text});
    }
    fields.insert(fields.end(), {{"pattern", Type::Text},
                                 {"code", Type::Integer},
                                 {"trend_z", Type::Real},
                                 {"trend_p", Type::Real},
                                 {"n_hot", Type::Integer},
                                 {"n_cold", Type::Integer},
                                 {"final_z", Type::Real},
                                 {"n_neighbours", Type::Integer},
                                 {"flags", Type::Text}});

    // Rows in the input's order; result rows are in id order.
    std::vector<std::size_t> rowOf(result.order.size());
    for (std::size_t r = 0; r < result.order.size(); ++r)
        rowOf[result.order[r]] = r;

    OutputFile out(path, input.crs);
    out.beginLayer("emerging_hotspots", GeometryType::MultiPolygon, fields);
    std::vector<Value> values;
    for (std::size_t i = 0; i < input.locations.size(); ++i) {
        const EmergingRow& row = result.rows[rowOf[i]];
        values.clear();
        for (const AttributeValue& v : input.attributes[i])
            values.push_back(attributeValue(v));
        values.push_back(Value(std::string(patternName(row.cls.pattern))));
        values.push_back(Value(std::int64_t{patternCode(row.cls.pattern)}));
        values.push_back(Value(row.cls.trend.z));
        values.push_back(Value(row.cls.trend.p));
        values.push_back(Value(std::int64_t{row.cls.hot}));
        values.push_back(Value(std::int64_t{row.cls.cold}));
        values.push_back(optionalReal(row.finalZ));
        values.push_back(Value(static_cast<std::int64_t>(row.neighbours)));
        values.push_back(row.neighbours == 0 ? Value(std::string("island")) : Value());
        out.add(values, Geometry(&input.locations[i].geometry));
    }

    out.beginLayer("emerging_bins", GeometryType::None,
                   {{"village_id", Type::Text},
                    {"month", Type::Text},
                    {"month_index", Type::Integer},
                    {"count", Type::Integer},
                    {"gi_z", Type::Real},
                    {"gi_p", Type::Real},
                    {"class", Type::Text}});
    const std::size_t months = result.months;
    for (std::size_t r = 0; r < result.order.size(); ++r) {
        const std::string& id = input.locations[result.order[r]].id;
        for (std::size_t t = 0; t < months; ++t) {
            const std::size_t b = r * months + t;
            out.add({Value(id), Value(monthLabel(result.firstMonth + static_cast<int>(t))),
                     Value(static_cast<std::int64_t>(t)), Value(static_cast<std::int64_t>(result.counts[b])),
                     optionalReal(result.gi.z[b]), optionalReal(result.gi.p[b]),
                     Value(std::string(binClassName(result.binClass[b])))},
                    Geometry());
        }
    }

    metadata["first_month"] = monthLabel(result.firstMonth);
    metadata["last_month"] = monthLabel(result.firstMonth + static_cast<int>(months) - 1);
    metadata["months"] = std::to_string(months);
    metadata["weights"] = result.weights.info().describe();
    for (std::size_t i = 0; i < result.notes.size(); ++i)
        metadata["note_" + std::to_string(i + 1)] = result.notes[i];
    out.beginLayer("emerging_metadata", GeometryType::None, {{"key", Type::Text}, {"value", Type::Text}});
    for (const auto& [key, value] : metadata)
        out.add({Value(key), Value(value)}, Geometry());
    out.commit();
}

} // namespace firebeat
