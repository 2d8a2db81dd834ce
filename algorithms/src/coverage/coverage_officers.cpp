#include "coverage/coverage_internal.h"

#include <algorithm>
#include <map>
#include <utility>

namespace firebeat::coverage_detail {
namespace {

// A window visit to a known unit by a named officer.
struct Visit {
    std::size_t inspection, unit, row;
};

struct Rows {
    std::vector<OfficerWorkload> rows;
    std::vector<const Officer*> source; // the officers-layer feature of each listed row
    IdIndex rowOf;                      // officer id -> row
};

OfficerWorkload row(std::string id, std::string name, std::string districtId, bool listed) {
    OfficerWorkload w;
    w.officerId = std::move(id);
    w.name = std::move(name);
    w.districtId = std::move(districtId);
    w.listed = listed;
    return w;
}

// Rows in order: the officers layer's (first of each id), then ids only seen in the window's
// inspections, sorted, each reported once. Sets every visit's row.
Rows makeRows(const Dataset& data, std::vector<Visit>& visits, Report& report) {
    Rows r;
    const IdIndex listed = indexById(data.officers, LayerKind::Officers, report);
    for (std::size_t i = 0; i < data.officers.size(); ++i) {
        const Officer& o = data.officers[i];
        if (listed.at(o.id) != i)
            continue;
        r.rowOf.emplace(o.id, r.rows.size());
        r.rows.push_back(row(o.id, o.name, o.districtId, true));
        r.source.push_back(&o);
    }
    std::map<std::string_view, std::pair<const Inspection*, int>> unlisted;
    for (Visit& v : visits) {
        const Inspection& ins = data.inspections[v.inspection];
        if (const auto rowOf = lookup(r.rowOf, ins.officerId))
            v.row = *rowOf;
        else
            ++unlisted.try_emplace(ins.officerId, &ins, 0).first->second.second;
    }
    for (const auto& [id, first] : unlisted) {
        addProblem(report, Severity::Warning, "unknown_officer", LayerKind::Inspections, first.first->fid,
                   first.first->id, "officer_id",
                   "officer_id '" + std::string(id) + "' is not in the officers layer; its " +
                       std::to_string(first.second) +
                       " inspections in the window are listed without a district");
        r.rowOf.emplace(id, r.rows.size());
        r.rows.push_back(row(std::string(id), "", "", false));
    }
    if (!unlisted.empty())
        for (Visit& v : visits)
            if (v.row == kNoIndex)
                v.row = r.rowOf.at(data.inspections[v.inspection].officerId);
    return r;
}

// Target: the officer's share of the planned visits of the district.
void setTargets(Rows& r, const std::vector<DistrictCoverage>& districts, const DistrictLocator& locator,
                Report& report) {
    for (std::size_t i = 0; i < r.source.size(); ++i) {
        OfficerWorkload& w = r.rows[i];
        const auto di = lookup(locator.ids(), w.districtId);
        if (!di) {
            addProblem(report, Severity::Warning, "unknown_district", LayerKind::Officers, r.source[i]->fid,
                       w.officerId, "district_id",
                       "district_id '" + w.districtId +
                           "' names no police district; the officer has no task target");
            continue;
        }
        const DistrictCoverage& d = districts[*di];
        if (d.officers <= 0 || d.plannedVisits <= 0)
            continue;
        w.targetVisits = d.plannedVisits / d.officers;
        w.completionPct = 100.0 * w.inspections / *w.targetVisits;
    }
}

// Hazards found in the window at each row's inspections; reports unknown inspection ids.
void countHazards(const Dataset& data, const CoverageParameters& p,
                  const std::vector<std::size_t>& rowOfInspection, Report& report,
                  std::vector<OfficerWorkload>& rows) {
    const IdIndex inspections = indexById(data.inspections, LayerKind::Inspections, report);
    for (const Hazard& h : data.hazards) {
        if (h.inspectionId.empty())
            continue;
        const auto i = lookup(inspections, h.inspectionId);
        if (!i)
            addProblem(report, Severity::Warning, "unknown_inspection", LayerKind::Hazards, h.fid, h.id,
                       "inspection_id",
                       "inspection_id '" + h.inspectionId +
                           "' names no inspection; the hazard counts for its district but for no officer");
        else if (p.inWindow(h.foundAt) && rowOfInspection[*i] != kNoIndex)
            ++rows[rowOfInspection[*i]].hazardsFound;
    }
}

} // namespace

void tallyOfficers(const Dataset& data, const CoverageParameters& p,
                   std::span<const std::size_t> inspectionUnits, const DistrictLocator& districts,
                   Report& report, CoverageResult& result) {
    std::vector<Visit> visits;
    int missingOfficer = 0;
    for (std::size_t i = 0; i < data.inspections.size(); ++i) {
        const Inspection& ins = data.inspections[i];
        if (inspectionUnits[i] == kNoIndex || !p.inWindow(ins.inspectedAt)) // unknown units: reported
            continue;
        if (ins.officerId.empty())
            ++missingOfficer;
        else
            visits.push_back({i, inspectionUnits[i], kNoIndex});
    }
    if (missingOfficer > 0)
        addProblem(report, Severity::Warning, "missing_value", LayerKind::Inspections, -1, "", "officer_id",
                   std::to_string(missingOfficer) +
                       " inspections in the window have no officer_id; they count for their units but for no "
                       "officer");

    Rows r = makeRows(data, visits, report);
    std::vector<std::size_t> rowOfInspection(data.inspections.size(), kNoIndex);
    std::vector<std::pair<std::size_t, std::size_t>> rowUnit; // for the distinct units of each row
    rowUnit.reserve(visits.size());
    for (const Visit& v : visits) {
        ++r.rows[v.row].inspections;
        rowUnit.emplace_back(v.row, v.unit);
        rowOfInspection[v.inspection] = v.row;
    }
    std::sort(rowUnit.begin(), rowUnit.end());
    rowUnit.erase(std::unique(rowUnit.begin(), rowUnit.end()), rowUnit.end());
    for (const auto& ru : rowUnit)
        ++r.rows[ru.first].unitsVisited;
    countHazards(data, p, rowOfInspection, report, r.rows);

    setTargets(r, result.districts, districts, report);
    result.officers = std::move(r.rows);
}

} // namespace firebeat::coverage_detail
