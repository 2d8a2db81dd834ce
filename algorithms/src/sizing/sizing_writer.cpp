#include "firebeat/coverage_writer.h"

#include "io/table_writer.h"

namespace firebeat {

void writeSizing(const SizingResult& r, const std::string& path, const std::string& crs) {
    using namespace ogr_output;
    using S = DistrictSizing;
    using I64 = std::int64_t;
    const auto optionalInt = [](const std::optional<int>& v) { return v ? Value(I64{*v}) : Value(); };
    const std::vector<Column<S>> columns = {
        {"district_id", Type::Text, [](const S& s) { return s.districtId; }},
        {"name", Type::Text, [](const S& s) { return s.name; }},
        {"kind", Type::Text, [](const S& s) { return std::string(code(s.kind)); }},
        {"area_km2", Type::Real, [](const S& s) { return s.areaKm2; }},
        {"units", Type::Integer, [](const S& s) { return I64{s.units}; }},
        {"hazard_visit_rate", Type::Real, [](const S& s) { return s.hazardVisitRate; }},
        {"visits_per_year", Type::Real, [](const S& s) { return s.visitsPerYear; }},
        {"reinspections_per_year", Type::Real, [](const S& s) { return s.reinspectionsPerYear; }},
        {"visit_hours", Type::Real, [](const S& s) { return s.visitHours; }},
        {"reinspection_hours", Type::Real, [](const S& s) { return s.reinspectionHours; }},
        {"travel_hours", Type::Real, [](const S& s) { return s.travelHours; }},
        {"workload_hours", Type::Real, [](const S& s) { return s.workloadHours; }},
        {"required_staff", Type::Real, [](const S& s) { return s.requiredStaff; }},
        {"required_staff_ceil", Type::Integer, [](const S& s) { return I64{s.requiredStaffCeil}; }},
        {"officers", Type::Integer, [](const S& s) { return I64{s.officers}; }},
        {"surplus", Type::Integer, [](const S& s) { return I64{s.surplus}; }},
        {"allocated", Type::Integer, [&](const S& s) { return optionalInt(s.allocated); }},
        {"allocation_change", Type::Integer, [&](const S& s) { return optionalInt(s.allocationChange); }},
    };
    OutputFile out(path, crs);
    writeLayer(
        out, "district_sizing", GeometryType::MultiPolygon, columns, r.districts,
        [](const S&) { return true; }, [](const S& s) { return Geometry(&s.geometry); });
    out.commit();
}

} // namespace firebeat
