#include "data/layer_records.h"

namespace firebeat {
namespace {

void appendDistrict(FeatureRow& row, bool repair, Dataset& data) {
    District d;
    d.fid = row.fid();
    d.id = row.id();
    d.name = row.text("name");
    d.station = row.text("station");
    if (const auto n = row.integer("officers", 0, 100000))
        d.officers = static_cast<int>(*n);
    d.kind = *row.code<DistrictKind>("kind", parseDistrictKind, 2, DistrictKind::Urban);
    if (auto g = row.polygon(repair); g && row.usable()) {
        d.geometry = std::move(*g);
        data.districts.push_back(std::move(d));
    }
}

void appendVillage(FeatureRow& row, bool repair, Dataset& data) {
    Village v;
    v.fid = row.fid();
    v.id = row.id();
    v.name = row.text("name");
    v.districtId = row.text("district_id");
    v.kind = *row.code<VillageKind>("kind", parseVillageKind, 3, VillageKind::Community);
    v.population = row.integer("population", 0, 100000000);
    if (auto g = row.polygon(repair); g && row.usable()) {
        v.geometry = std::move(*g);
        data.villages.push_back(std::move(v));
    }
}

void appendUnit(FeatureRow& row, Dataset& data) {
    Unit u;
    u.fid = row.fid();
    u.id = row.id();
    u.name = row.text("name");
    const auto category = row.code<UnitCategory>("category", parseUnitCategory, kUnitCategoryCount);
    u.districtId = row.text("district_id");
    if (const auto days = row.integer("inspect_every_days", 1, 36500))
        u.inspectEveryDays = static_cast<int>(*days);
    const auto p = row.point();
    if (!row.usable())
        return;
    u.category = *category;
    u.position = *p;
    data.units.push_back(std::move(u));
}

void appendInspection(FeatureRow& row, Dataset& data) {
    Inspection i;
    i.fid = row.fid();
    i.id = row.id();
    i.unitId = row.text("unit_id");
    i.officerId = row.text("officer_id");
    const auto at = row.time("inspected_at");
    const auto outcome = row.code<Outcome>("outcome", parseOutcome, 4);
    const auto p = row.point();
    if (i.unitId.empty())
        row.problem(Severity::Error, "missing_value", "unit_id", "a value is required");
    if (!row.usable())
        return;
    i.inspectedAt = *at;
    i.outcome = *outcome;
    i.position = *p;
    data.inspections.push_back(std::move(i));
}

// The data model's fields of a hazard; a lean read (ReadOptions::onlyFields) leaves fields
// unread, and they keep their defaults.
void readHazardFields(FeatureRow& row, Hazard& h) {
    h.id = row.id();
    h.inspectionId = row.text("inspection_id");
    h.unitId = row.text("unit_id");
    h.category = row.code<HazardCategory>("category", parseHazardCategory, kHazardCategoryCount)
                     .value_or(HazardCategory::Other);
    h.severity = static_cast<int>(row.integer("severity", 1, 3).value_or(1));
    h.foundAt = row.time("found_at").value_or(0);
    h.deadline = row.time("deadline");
    h.rectifiedAt = row.time("rectified_at");
    h.source = *row.code<HazardSource>("source", parseHazardSource, 2, HazardSource::Inspection);
}

// The feature's point, or every part of its multipoint when asked (a heatmap counts each, as
// QGIS does); problems reported on the row.
const std::vector<Point>& hazardPlaces(FeatureRow& row, bool multipointParts) {
    thread_local std::vector<Point> parts;
    parts.clear();
    if (multipointParts)
        row.points(parts);
    else if (const auto p = row.point())
        parts.push_back(*p);
    return parts;
}

void appendHazard(FeatureRow& row, Dataset& data, bool multipointParts) {
    if (row.readsNoField()) { // positions only (a heatmap without filters): no lookups, no copies
        const std::vector<Point>& parts = hazardPlaces(row, multipointParts);
        if (!row.usable())
            return;
        const std::int64_t fid = row.fid();
        for (const Point& p : parts) {
            Hazard& h = data.hazards.emplace_back();
            h.fid = fid;
            h.position = p;
        }
        return;
    }
    Hazard h;
    h.fid = row.fid();
    readHazardFields(row, h);
    const std::vector<Point>& parts = hazardPlaces(row, multipointParts);
    if (!row.usable())
        return;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        h.position = parts[i];
        data.hazards.push_back(h);
    }
    h.position = parts.back();
    data.hazards.push_back(std::move(h));
}

void appendStation(FeatureRow& row, Dataset& data) {
    FireStation s;
    s.fid = row.fid();
    s.id = row.id();
    s.name = row.text("name");
    const auto kind = row.code<StationKind>("kind", parseStationKind, 4);
    const auto p = row.point();
    if (!row.usable())
        return;
    s.kind = *kind;
    s.position = *p;
    data.stations.push_back(std::move(s));
}

void appendOfficer(FeatureRow& row, Dataset& data) {
    Officer o;
    o.fid = row.fid();
    o.id = row.id();
    o.name = row.text("name");
    o.districtId = row.text("district_id");
    if (o.districtId.empty())
        row.problem(Severity::Error, "missing_value", "district_id", "a value is required");
    if (row.usable())
        data.officers.push_back(std::move(o));
}

} // namespace

void appendRecord(LayerKind kind, FeatureRow& row, bool repair, Dataset& data, bool multipointParts) {
    switch (kind) {
    case LayerKind::PoliceDistricts:
        return appendDistrict(row, repair, data);
    case LayerKind::Villages:
        return appendVillage(row, repair, data);
    case LayerKind::Units:
        return appendUnit(row, data);
    case LayerKind::Inspections:
        return appendInspection(row, data);
    case LayerKind::Hazards:
        return appendHazard(row, data, multipointParts);
    case LayerKind::FireStations:
        return appendStation(row, data);
    case LayerKind::Officers:
        return appendOfficer(row, data);
    }
}

} // namespace firebeat
