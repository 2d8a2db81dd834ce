#include "firebeat/coverage_writer.h"
#include "firebeat/coverage_tables.h"

#include "io/table_writer.h"

namespace firebeat {
namespace {

using namespace ogr_output;
using I64 = std::int64_t;

} // namespace

std::vector<OutputColumn<DistrictCoverage>> districtCoverageColumns(const CoverageResult& r) {
    using D = DistrictCoverage;
    const I64 start = r.windowStart, end = r.windowEnd;
    std::vector<Column<D>> c = {
        {"district_id", Type::Text, [](const D& d) { return d.districtId; }},
        {"name", Type::Text, [](const D& d) { return d.name; }},
        {"kind", Type::Text, [](const D& d) { return std::string(code(d.kind)); }},
        {"window_start", Type::DateTime, [start](const D&) { return start; }},
        {"window_end", Type::DateTime, [end](const D&) { return end; }},
        {"area_km2", Type::Real, [](const D& d) { return d.areaKm2; }},
        {"units_total", Type::Integer, [](const D& d) { return I64{d.unitsTotal}; }},
        {"units_inspected", Type::Integer, [](const D& d) { return I64{d.unitsInspected}; }},
        {"coverage_pct", Type::Real, [](const D& d) { return nullable(d.coveragePct); }},
    };
    for (std::size_t k = 0; k < kUnitCategoryCount; ++k) {
        const std::string cat(code(static_cast<UnitCategory>(k)));
        c.push_back({"units_" + cat, Type::Integer, [k](const D& d) { return I64{d.unitsByCategory[k]}; }});
        c.push_back(
            {"inspected_" + cat, Type::Integer, [k](const D& d) { return I64{d.inspectedByCategory[k]}; }});
        c.push_back({"coverage_pct_" + cat, Type::Real,
                     [k](const D& d) { return nullable(d.coveragePctByCategory[k]); }});
    }
    const std::vector<Column<D>> rest = {
        {"overdue_units", Type::Integer, [](const D& d) { return I64{d.overdueUnits}; }},
        {"never_inspected", Type::Integer, [](const D& d) { return I64{d.neverInspected}; }},
        {"planned_visits", Type::Real, [](const D& d) { return d.plannedVisits; }},
        {"inspections", Type::Integer, [](const D& d) { return I64{d.inspections}; }},
        {"inspections_with_hazards", Type::Integer, [](const D& d) { return I64{d.inspectionsWithHazards}; }},
        {"hazards_found", Type::Integer, [](const D& d) { return I64{d.hazardsFound}; }},
        {"open_hazards", Type::Integer, [](const D& d) { return I64{d.openHazards}; }},
        {"open_hazards_sev1", Type::Integer, [](const D& d) { return I64{d.openBySeverity[0]}; }},
        {"open_hazards_sev2", Type::Integer, [](const D& d) { return I64{d.openBySeverity[1]}; }},
        {"open_major_hazards", Type::Integer, [](const D& d) { return I64{d.openMajorHazards()}; }},
        {"overdue_rectifications", Type::Integer, [](const D& d) { return I64{d.overdueRectifications}; }},
        {"median_days_to_rectify", Type::Real, [](const D& d) { return nullable(d.medianDaysToRectify); }},
        {"officers", Type::Integer, [](const D& d) { return I64{d.officers}; }},
        {"units_per_officer", Type::Real, [](const D& d) { return nullable(d.unitsPerOfficer); }},
        {"units_per_officer_norm", Type::Integer, [](const D& d) { return I64{d.unitsPerOfficerNorm}; }},
        {"officers_required_by_norm", Type::Integer,
         [](const D& d) { return I64{d.officersRequiredByNorm}; }},
        {"staffing_norm_met", Type::Boolean, [](const D& d) { return d.staffingNormMet; }},
        {"villages_with_units", Type::Integer, [](const D& d) { return I64{d.villagesWithUnits}; }},
        {"blind_spot_villages", Type::Integer, [](const D& d) { return I64{d.blindSpotVillages}; }},
        {"blind_spot_area_km2", Type::Real, [](const D& d) { return d.blindSpotAreaKm2; }},
        {"units_in_reach", Type::Integer, [](const D& d) { return I64{d.unitsInReach}; }},
        {"units_in_reach_pct", Type::Real, [](const D& d) { return nullable(d.unitsInReachPct); }},
        {"area_in_reach_pct", Type::Real, [](const D& d) { return nullable(d.areaInReachPct); }},
        {"gap_score", Type::Real, [](const D& d) { return d.gapScore; }},
        {"gap_rank", Type::Integer, [](const D& d) { return I64{d.gapRank}; }},
    };
    c.insert(c.end(), rest.begin(), rest.end());
    return c;
}

namespace {

// The columns every unit layer starts with.
std::vector<Column<UnitCoverage>> unitColumns(const CoverageResult& r) {
    using U = UnitCoverage;
    const auto& districts = r.districts;
    return {
        {"unit_id", Type::Text, [](const U& u) { return u.unitId; }},
        {"name", Type::Text, [](const U& u) { return u.name; }},
        {"category", Type::Text, [](const U& u) { return std::string(code(u.category)); }},
        {"district_id", Type::Text,
         [&districts](const U& u) {
             return u.district ? Value(districts[*u.district].districtId) : Value();
         }},
    };
}

std::vector<Column<UnitCoverage>> overdueColumns(const CoverageResult& r) {
    using U = UnitCoverage;
    std::vector<Column<U>> c = unitColumns(r);
    const std::vector<Column<U>> more = {
        {"inspect_every_days", Type::Integer, [](const U& u) { return I64{u.inspectEveryDays}; }},
        {"last_inspection", Type::DateTime, [](const U& u) { return nullable(u.lastInspection); }},
        {"days_overdue", Type::Integer64, [](const U& u) { return nullable(u.daysOverdue); }},
        {"never_inspected", Type::Boolean, [](const U& u) { return u.neverInspected(); }},
        {"inspections_in_window", Type::Integer, [](const U& u) { return I64{u.inspectionsInWindow}; }},
    };
    c.insert(c.end(), more.begin(), more.end());
    return c;
}

std::vector<Column<UnitCoverage>> unreachedColumns(const CoverageResult& r) {
    std::vector<Column<UnitCoverage>> c = unitColumns(r);
    c.push_back(
        {"nearest_station_m", Type::Real, [](const UnitCoverage& u) { return nullable(u.nearestStationM); }});
    return c;
}

std::vector<Column<BlindSpot>> blindSpotColumns() {
    using B = BlindSpot;
    return {
        {"village_id", Type::Text, [](const B& b) { return b.villageId; }},
        {"name", Type::Text, [](const B& b) { return b.name; }},
        {"district_id", Type::Text, [](const B& b) { return nullIfEmpty(b.districtId); }},
        {"kind", Type::Text, [](const B& b) { return std::string(code(b.kind)); }},
        {"population", Type::Integer64, [](const B& b) { return nullable(b.population); }},
        {"units", Type::Integer, [](const B& b) { return I64{b.units}; }},
        {"area_km2", Type::Real, [](const B& b) { return b.areaKm2; }},
    };
}

std::vector<Column<OfficerWorkload>> officerColumns() {
    using O = OfficerWorkload;
    return {
        {"officer_id", Type::Text, [](const O& o) { return o.officerId; }},
        {"name", Type::Text, [](const O& o) { return o.name; }},
        {"district_id", Type::Text, [](const O& o) { return nullIfEmpty(o.districtId); }},
        {"listed", Type::Boolean, [](const O& o) { return o.listed; }},
        {"inspections", Type::Integer, [](const O& o) { return I64{o.inspections}; }},
        {"units_visited", Type::Integer, [](const O& o) { return I64{o.unitsVisited}; }},
        {"hazards_found", Type::Integer, [](const O& o) { return I64{o.hazardsFound}; }},
        {"target_visits", Type::Real, [](const O& o) { return nullable(o.targetVisits); }},
        {"completion_pct", Type::Real, [](const O& o) { return nullable(o.completionPct); }},
    };
}

template <class T> ValueTable valueTable(const std::vector<Column<T>>& columns, const std::vector<T>& rows) {
    ValueTable t;
    for (const Column<T>& c : columns)
        t.columns.push_back({c.name, c.type});
    for (const T& row : rows) {
        std::vector<FieldValue>& values = t.rows.emplace_back();
        for (const Column<T>& c : columns)
            values.push_back(c.value(row));
    }
    return t;
}

} // namespace

int ValueTable::column(const std::string& name) const {
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name)
            return static_cast<int>(i);
    return -1;
}

ValueTable districtCoverageTable(const CoverageResult& result) {
    return valueTable(districtCoverageColumns(result), result.districts);
}

ValueTable officerWorkloadTable(const CoverageResult& result) {
    return valueTable(officerColumns(), result.officers);
}

void writeCoverageGpkg(const CoverageResult& r, const std::string& path, const std::string& crs) {
    OutputFile out(path, crs);
    const auto all = [](const auto&) { return true; };
    const auto area = [](const auto& row) { return Geometry(&row.geometry); };
    const auto position = [](const UnitCoverage& u) { return Geometry(u.position); };
    writeLayer(out, "district_coverage", GeometryType::MultiPolygon, districtCoverageColumns(r), r.districts,
               all, area);
    writeLayer(
        out, "overdue_units", GeometryType::Point, overdueColumns(r), r.units,
        [](const UnitCoverage& u) { return u.needsVisit(); }, position);
    writeLayer(out, "blind_spots", GeometryType::MultiPolygon, blindSpotColumns(), r.blindSpots, all, area);
    writeLayer(
        out, "unreached_units", GeometryType::Point, unreachedColumns(r), r.units,
        [](const UnitCoverage& u) { return !u.inReach; }, position);
    writeLayer(out, "officer_workload", GeometryType::None, officerColumns(), r.officers, all,
               [](const OfficerWorkload&) { return Geometry(); });
    out.commit();
}

} // namespace firebeat
