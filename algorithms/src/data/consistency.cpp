// Cross-layer checks: duplicate ids, references to unknown ids, impossible dates, and points
// that lie outside every police district.
#include "firebeat/polygon_index.h"
#include "firebeat/reader.h"

#include <unordered_map>

namespace firebeat {
namespace {

using IdIndex = std::unordered_map<std::string_view, std::size_t>;

template <class T>
IdIndex indexIds(const std::vector<T>& records, LayerKind kind, const SourceMapping& m, Report& r) {
    IdIndex index;
    index.reserve(records.size());
    const std::string layer = m.layer(kind), field = m.field(kind, layerSpec(kind).idField);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto [it, inserted] = index.emplace(records[i].id, i);
        if (!inserted)
            r.error("duplicate_id", layer,
                    "id '" + records[i].id + "' is also used by feature " +
                        std::to_string(records[it->second].fid),
                    field, records[i].fid, records[i].id);
    }
    return index;
}

struct Checker {
    const SourceMapping& mapping;
    Report& report;
    const std::map<LayerKind, std::set<std::string>>& skipped;

    template <class T>
    void references(const std::vector<T>& records, LayerKind kind, std::string_view field,
                    std::string T::*member, const IdIndex& target, LayerKind targetKind) {
        if (target.empty() && records.empty())
            return;
        const std::string layer = mapping.layer(kind), fieldName = mapping.field(kind, field);
        const auto skippedTargets = skipped.find(targetKind);
        for (const T& rec : records) {
            const std::string& ref = rec.*member;
            if (!ref.empty() && !target.contains(ref) &&
                (skippedTargets == skipped.end() || !skippedTargets->second.contains(ref)))
                report.error("unknown_reference", layer,
                             "'" + ref + "' is not an id in " + mapping.layer(targetKind), fieldName, rec.fid,
                             rec.id);
        }
    }

    template <class T>
    void insideDistricts(const std::vector<T>& records, LayerKind kind, const PolygonIndex& index) {
        const std::string layer = mapping.layer(kind);
        for (const T& rec : records)
            if (!index.locate(rec.position))
                report.error("outside_districts", layer, "the point lies outside every police district", "",
                             rec.fid, rec.id);
    }
};

} // namespace

void checkConsistency(const Dataset& d, const SourceMapping& m, Report& r,
                      const std::map<LayerKind, std::set<std::string>>& skippedIds) {
    const IdIndex districts = indexIds(d.districts, LayerKind::PoliceDistricts, m, r);
    indexIds(d.villages, LayerKind::Villages, m, r);
    const IdIndex units = indexIds(d.units, LayerKind::Units, m, r);
    const IdIndex inspections = indexIds(d.inspections, LayerKind::Inspections, m, r);
    indexIds(d.hazards, LayerKind::Hazards, m, r);
    indexIds(d.stations, LayerKind::FireStations, m, r);
    const IdIndex officers = indexIds(d.officers, LayerKind::Officers, m, r);

    Checker c{m, r, skippedIds};
    if (!d.districts.empty()) {
        c.references(d.villages, LayerKind::Villages, "district_id", &Village::districtId, districts,
                     LayerKind::PoliceDistricts);
        c.references(d.units, LayerKind::Units, "district_id", &Unit::districtId, districts,
                     LayerKind::PoliceDistricts);
        c.references(d.officers, LayerKind::Officers, "district_id", &Officer::districtId, districts,
                     LayerKind::PoliceDistricts);
    }
    if (!d.units.empty()) {
        c.references(d.inspections, LayerKind::Inspections, "unit_id", &Inspection::unitId, units,
                     LayerKind::Units);
        c.references(d.hazards, LayerKind::Hazards, "unit_id", &Hazard::unitId, units, LayerKind::Units);
    }
    if (!d.officers.empty())
        c.references(d.inspections, LayerKind::Inspections, "officer_id", &Inspection::officerId, officers,
                     LayerKind::Officers);
    if (!d.inspections.empty())
        c.references(d.hazards, LayerKind::Hazards, "inspection_id", &Hazard::inspectionId, inspections,
                     LayerKind::Inspections);

    const std::string hazardLayer = m.layer(LayerKind::Hazards);
    for (const Hazard& h : d.hazards) {
        if (h.rectifiedAt && *h.rectifiedAt < h.foundAt)
            r.error("rectified_before_found", hazardLayer,
                    "rectified " + formatTimestamp(*h.rectifiedAt) + " before it was found " +
                        formatTimestamp(h.foundAt),
                    m.field(LayerKind::Hazards, "rectified_at"), h.fid, h.id);
        if (h.deadline && *h.deadline < h.foundAt)
            r.warning("deadline_before_found", hazardLayer, "the deadline is before the hazard was found",
                      m.field(LayerKind::Hazards, "deadline"), h.fid, h.id);
    }

    if (!d.districts.empty()) {
        const PolygonIndex index = PolygonIndex::of(d.districts);
        c.insideDistricts(d.units, LayerKind::Units, index);
        c.insideDistricts(d.inspections, LayerKind::Inspections, index);
        c.insideDistricts(d.hazards, LayerKind::Hazards, index);
    }
}

} // namespace firebeat
