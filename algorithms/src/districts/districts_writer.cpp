// The district design GeoPackage: the blocks with their district, the dissolved districts, and the
// current-versus-proposed summary.
#include "firebeat/districts.h"

#include "io/table_writer.h"

#include <algorithm>
#include <cctype>

namespace firebeat {
namespace {

using namespace ogr_output;

bool sameName(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// `wanted`, or wanted_1, wanted_2 ... when an input field already has the name.
std::string freeName(const std::vector<std::string>& taken, const std::string& wanted) {
    std::string name = wanted;
    for (int k = 1;
         std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return sameName(t, name); });
         ++k)
        name = wanted + "_" + std::to_string(k);
    return name;
}

Value toValue(const BlockValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return *i;
    if (const auto* d = std::get_if<double>(&v))
        return *d;
    if (const auto* s = std::get_if<std::string>(&v))
        return *s;
    return {};
}

void writeSummaryRow(OutputFile& out, const DistrictLayoutSummary& s, const DistrictDesign* design) {
    out.add({Value(s.label), Value(std::int64_t{s.districts}), Value(s.largestWorkload),
             Value(s.smallestWorkload), Value(s.meanWorkload), Value(s.largestDeviationPct), Value(s.cv),
             Value(s.meanPolsbyPopper), Value(static_cast<std::int64_t>(s.unassigned)),
             design ? Value(100 * design->deviationLowerBound / design->meanWorkload) : Value(),
             design ? Value(design->boundReason) : Value()},
            Geometry());
}

} // namespace

void writeDistrictDesign(const std::string& path, const DistrictJobResult& r) {
    OutputFile out(path, r.crs);
    const BlockLayer& b = r.blocks;
    std::vector<OutputFile::Field> fields;
    for (std::size_t i = 0; i < b.fieldNames.size(); ++i) {
        static constexpr Type kTypes[] = {Type::Integer64, Type::Real, Type::Text};
        fields.push_back({b.fieldNames[i], kTypes[static_cast<int>(b.fieldTypes[i])]});
    }
    std::vector<std::string> taken = b.fieldNames;
    for (const char* extra : {"block_id", "district", "workload", "flags"}) {
        fields.push_back({freeName(taken, extra), Type::Text});
        taken.push_back(fields.back().name);
    }
    const std::size_t own = b.fieldNames.size();
    fields[own + 1].type = Type::Integer;
    fields[own + 2].type = Type::Real;
    out.beginLayer("district_design_blocks", GeometryType::MultiPolygon, fields);
    std::vector<Value> values(fields.size());
    for (std::size_t i = 0; i < b.blocks.size(); ++i) {
        for (std::size_t f = 0; f < own; ++f)
            values[f] = toValue(b.values[i][f]);
        values[own] = b.blocks[i].id;
        values[own + 1] = std::int64_t{r.design.district[i]};
        values[own + 2] = r.workloads[i];
        values[own + 3] = nullIfEmpty(describeDistrictFlags(r.design.flags[i]));
        out.add(values, Geometry(&b.blocks[i].geometry));
    }

    using D = DesignedDistrict;
    using I64 = std::int64_t;
    const std::vector<Column<D>> columns = {
        {"district", Type::Integer, [](const D& d) { return Value(I64{d.district}); }},
        {"workload", Type::Real, [](const D& d) { return Value(d.workload); }},
        {"officers_needed", Type::Real, [](const D& d) { return Value(d.officersNeeded); }},
        {"officers_needed_ceil", Type::Integer, [](const D& d) { return Value(I64{d.officersNeededCeil}); }},
        {"area_km2", Type::Real, [](const D& d) { return Value(d.areaKm2); }},
        {"compactness", Type::Real, [](const D& d) { return Value(d.polsbyPopper); }},
        {"moment_compactness", Type::Real, [](const D& d) { return Value(d.momentCompactness); }},
        {"station", Type::Text, [](const D& d) { return nullIfEmpty(d.station); }},
        {"blocks", Type::Integer, [](const D& d) { return Value(static_cast<I64>(d.blocks)); }},
        {"deviation_pct", Type::Real,
         [&](const D& d) {
             return Value(100 * (d.workload - r.design.meanWorkload) / r.design.meanWorkload);
         }},
    };
    writeLayer(
        out, "district_design", GeometryType::MultiPolygon, columns, r.design.districts,
        [](const D&) { return true; }, [](const D& d) { return Geometry(&d.geometry); });

    out.beginLayer("district_design_summary", GeometryType::None,
                   {{"design", Type::Text},
                    {"districts", Type::Integer},
                    {"largest_workload", Type::Real},
                    {"smallest_workload", Type::Real},
                    {"mean_workload", Type::Real},
                    {"largest_deviation_pct", Type::Real},
                    {"cv", Type::Real},
                    {"compactness", Type::Real},
                    {"blocks_outside", Type::Integer},
                    {"deviation_lower_bound_pct", Type::Real},
                    {"bound_reason", Type::Text}});
    if (r.current)
        writeSummaryRow(out, *r.current, nullptr);
    writeSummaryRow(out, r.proposed, &r.design);
    out.commit();
}

} // namespace firebeat
