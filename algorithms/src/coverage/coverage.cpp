// computeCoverage: districts, units and inspections here; hazards, officers, villages and
// station reach in their own coverage_*.cpp / station_reach.cpp files.
#include "coverage/coverage_internal.h"

namespace firebeat {
namespace {

using namespace coverage_detail;

std::optional<double> percent(int part, int whole) {
    return whole > 0 ? std::optional<double>(100.0 * part / whole) : std::nullopt;
}

std::vector<DistrictCoverage> initDistricts(const Dataset& data, const DistrictLocator& locator,
                                            std::span<const GeosGeometry> shapes, const Norms& norms) {
    // A district's officers field wins; without it, the officers layer's members are counted.
    std::vector<int> listed(data.districts.size(), 0);
    for (const Officer& o : data.officers)
        if (const auto i = lookup(locator.ids(), o.districtId))
            ++listed[*i];

    std::vector<DistrictCoverage> out(data.districts.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const District& d = data.districts[i];
        DistrictCoverage& c = out[i];
        c.districtId = d.id;
        c.name = d.name;
        c.kind = d.kind;
        c.geometry = d.geometry;
        c.areaKm2 = areaKm2(shapes[i].get());
        c.officers = d.officers.value_or(listed[i]);
        c.unitsPerOfficerNorm = norms.unitsPerOfficer(d.kind);
    }
    return out;
}

std::vector<UnitCoverage> assignUnits(const Dataset& data, const CoverageParameters& p,
                                      const DistrictLocator& locator, Report& report,
                                      std::vector<DistrictCoverage>& districts) {
    std::vector<UnitCoverage> out(data.units.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        const Unit& unit = data.units[i];
        UnitCoverage& u = out[i];
        u.unitId = unit.id;
        u.name = unit.name;
        u.category = unit.category;
        u.position = unit.position;
        u.inspectEveryDays = p.norms.of(unit.category).inspectEveryDays;
        if (unit.inspectEveryDays && *unit.inspectEveryDays > 0)
            u.inspectEveryDays = *unit.inspectEveryDays;
        else if (unit.inspectEveryDays)
            addProblem(report, Severity::Warning, "bad_value", LayerKind::Units, unit.fid, unit.id,
                       "inspect_every_days",
                       "inspect_every_days must be at least 1, not " +
                           std::to_string(*unit.inspectEveryDays) + "; the category's norm is used");
        u.district =
            locator.assign(unit.districtId, unit.position, LayerKind::Units, unit.fid, unit.id, report);
        if (!u.district)
            continue;
        DistrictCoverage& d = districts[*u.district];
        ++d.unitsTotal;
        ++d.unitsByCategory[static_cast<std::size_t>(unit.category)];
        d.plannedVisits += static_cast<double>(p.windowDays) / u.inspectEveryDays;
    }
    return out;
}

// Visits up to R; "refused" visits count as the officer's work but do not inspect the unit.
// Returns the unit index of each inspection (kNoIndex: unknown unit).
std::vector<std::size_t> tallyInspections(const Dataset& data, const CoverageParameters& p,
                                          const IdIndex& unitIds, Report& report, CoverageResult& result) {
    std::vector<std::size_t> units(data.inspections.size(), kNoIndex);
    for (std::size_t i = 0; i < units.size(); ++i) {
        const Inspection& ins = data.inspections[i];
        const auto ui = lookup(unitIds, ins.unitId);
        if (!ui) {
            addProblem(report, Severity::Warning, "unknown_unit", LayerKind::Inspections, ins.fid, ins.id,
                       "unit_id", "unit_id '" + ins.unitId + "' names no unit; the inspection is left out");
            continue;
        }
        units[i] = *ui;
        if (ins.inspectedAt > p.referenceDate)
            continue;
        UnitCoverage& u = result.units[*ui];
        const bool inspected = ins.outcome != Outcome::Refused;
        if (inspected && (!u.lastInspection || *u.lastInspection < ins.inspectedAt))
            u.lastInspection = ins.inspectedAt;
        if (!p.inWindow(ins.inspectedAt))
            continue;
        ++u.inspectionsInWindow;
        u.inspectedInWindow = u.inspectedInWindow || inspected;
        if (u.district) {
            DistrictCoverage& d = result.districts[*u.district];
            ++d.inspections;
            if (ins.outcome == Outcome::Hazards)
                ++d.inspectionsWithHazards;
        }
    }
    return units;
}

// A unit is overdue when R is past its last visit plus its interval.
void assessOverdue(const CoverageParameters& p, CoverageResult& result) {
    for (UnitCoverage& u : result.units) {
        if (u.lastInspection) {
            const Timestamp due = *u.lastInspection + u.inspectEveryDays * kSecondsPerDay;
            if (p.referenceDate > due)
                u.daysOverdue = daysBetween(due, p.referenceDate);
        }
        if (!u.district)
            continue;
        DistrictCoverage& d = result.districts[*u.district];
        if (u.inspectedInWindow) {
            ++d.unitsInspected;
            ++d.inspectedByCategory[static_cast<std::size_t>(u.category)];
        }
        d.neverInspected += u.neverInspected() ? 1 : 0;
        d.overdueUnits += u.daysOverdue ? 1 : 0;
    }
}

void finishDistricts(std::vector<DistrictCoverage>& districts) {
    for (DistrictCoverage& d : districts) {
        d.coveragePct = percent(d.unitsInspected, d.unitsTotal);
        for (std::size_t c = 0; c < d.unitsByCategory.size(); ++c)
            d.coveragePctByCategory[c] = percent(d.inspectedByCategory[c], d.unitsByCategory[c]);
        if (d.officers > 0)
            d.unitsPerOfficer = static_cast<double>(d.unitsTotal) / d.officers;
        d.officersRequiredByNorm = (d.unitsTotal + d.unitsPerOfficerNorm - 1) / d.unitsPerOfficerNorm;
        d.staffingNormMet = d.officers >= d.officersRequiredByNorm;
        d.unitsInReachPct = percent(d.unitsInReach, d.unitsTotal);
    }
}

void checkParameters(const CoverageParameters& p) {
    if (p.windowDays < 1)
        throw InputError("window days must be at least 1, not " + std::to_string(p.windowDays));
    if (p.reachQuadrantSegments < 1)
        throw InputError("reach quadrant segments must be at least 1");
}

} // namespace

CoverageResult computeCoverage(const Dataset& data, const CoverageParameters& p, Report& report,
                               Progress* progress) {
    checkParameters(p);
    const auto stage = [progress](double fraction, std::string_view what) {
        throwIfCancelled(progress);
        if (progress)
            progress->report(fraction, what);
    };

    stage(0.0, "reading district geometries");
    const std::vector<GeosGeometry> shapes = districtGeometries(data.districts);
    const DistrictLocator locator(data.districts, report);
    CoverageResult result;
    result.windowStart = p.windowStart();
    result.windowEnd = p.referenceDate;
    result.districts = initDistricts(data, locator, shapes, p.norms);

    stage(0.1, "assigning units to districts");
    result.units = assignUnits(data, p, locator, report, result.districts);
    const IdIndex unitIds = indexById(data.units, LayerKind::Units, report);

    stage(0.3, "counting inspections");
    const std::vector<std::size_t> inspectionUnits = tallyInspections(data, p, unitIds, report, result);
    assessOverdue(p, result);

    stage(0.45, "counting hazards");
    tallyHazards(data, p, unitIds, locator, report, result);

    stage(0.6, "officer workload");
    tallyOfficers(data, p, inspectionUnits, locator, report, result);

    stage(0.65, "finding blind-spot villages");
    findBlindSpots(data, locator, shapes, report, result);

    stage(0.8, "fire-station reach");
    assessStationReach(data, p, shapes, result);

    finishDistricts(result.districts);
    rankGaps(result.districts, p.norms.gapWeights);
    stage(1.0, "done");
    return result;
}

} // namespace firebeat
