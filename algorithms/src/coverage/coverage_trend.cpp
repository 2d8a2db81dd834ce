// computeTrend and openHazardBreakdown: counts over time with the coverage analysis's district
// placement (coverage_internal.h), so they agree with computeCoverage.
#include "coverage/coverage_internal.h"

#include "firebeat/trend.h"

#include <algorithm>
#include <unordered_set>

namespace firebeat {
namespace {

using namespace coverage_detail;

constexpr Timestamp kOffset = kDefaultUtcOffsetMinutes * 60;

std::int64_t localDay(Timestamp t) {
    const Timestamp local = t + kOffset;
    return local >= 0 ? local / kSecondsPerDay : -((-local + kSecondsPerDay - 1) / kSecondsPerDay);
}

// The first second of the step after the one holding `t`.
Timestamp nextStepStart(Timestamp t, TrendStep step) {
    if (step == TrendStep::Week) {
        const std::int64_t day = localDay(t);
        const std::int64_t weekday = ((day + 3) % 7 + 7) % 7; // 1970-01-01 was a Thursday; Monday = 0
        return (day - weekday + 7) * kSecondsPerDay - kOffset;
    }
    const std::string date = formatDate(t); // YYYY-MM-DD in China Standard Time
    int year = std::stoi(date.substr(0, 4));
    int month = std::stoi(date.substr(5, 2)) + 1;
    if (month > 12) {
        month = 1;
        ++year;
    }
    return makeTimestamp(year, month, 1);
}

// Units and hazards of the data with their district (nullopt: outside every district or left
// out), placed as computeCoverage places them.
struct Placement {
    IdIndex unitIds;
    std::vector<std::optional<std::size_t>> units;
    std::vector<std::optional<std::size_t>> hazards;
    std::optional<std::size_t> wanted; // the district asked for; nullopt: the city
    bool counts(const std::optional<std::size_t>& district) const {
        return district && (!wanted || *district == *wanted);
    }
};

Placement place(const Dataset& data, const std::string& districtId, Report& report) {
    Placement p;
    const DistrictLocator locator(data.districts, report);
    if (!districtId.empty()) {
        p.wanted = lookup(locator.ids(), districtId);
        if (!p.wanted)
            throw InputError("district: no police district has the id '" + districtId + "'");
    }
    p.unitIds = indexById(data.units, LayerKind::Units, report);
    p.units.reserve(data.units.size());
    for (const Unit& u : data.units)
        p.units.push_back(locator.assign(u.districtId, u.position, LayerKind::Units, u.fid, u.id, report));
    p.hazards.reserve(data.hazards.size());
    for (const Hazard& h : data.hazards)
        p.hazards.push_back(checkHazard(h, report) ? hazardDistrict(h, p.unitIds, p.units, locator, report)
                                                   : std::nullopt);
    return p;
}

bool isOpenAt(const Hazard& h, Timestamp t) {
    return h.foundAt <= t && (!h.rectifiedAt || *h.rectifiedAt > t);
}

} // namespace

int OpenHazardBreakdown::total() const {
    int n = 0;
    for (const auto& bySeverity : counts)
        for (const int c : bySeverity)
            n += c;
    return n;
}

std::vector<TrendPoint> computeTrend(const Dataset& data, const TrendParameters& parameters, Report& report) {
    if (parameters.to < parameters.from)
        throw InputError("to: the end " + formatTimestamp(parameters.to) + " is before the start " +
                         formatTimestamp(parameters.from));
    const Placement placed = place(data, parameters.districtId, report);

    std::vector<TrendPoint> steps;
    for (Timestamp start = parameters.from; start <= parameters.to;) {
        const Timestamp next = nextStepStart(start, parameters.step);
        steps.push_back({start, std::min(next - 1, parameters.to)});
        start = next;
    }
    // The step of an instant inside [from, to].
    const auto stepOf = [&steps](Timestamp t) -> TrendPoint* {
        auto it = std::lower_bound(steps.begin(), steps.end(), t,
                                   [](const TrendPoint& s, Timestamp v) { return s.end < v; });
        return it != steps.end() && it->start <= t ? &*it : nullptr;
    };

    std::vector<std::unordered_set<std::size_t>> visited(steps.size());
    for (const Inspection& ins : data.inspections) {
        const auto unit = lookup(placed.unitIds, ins.unitId);
        if (!unit || !placed.counts(placed.units[*unit]))
            continue;
        if (TrendPoint* s = stepOf(ins.inspectedAt)) {
            ++s->inspections;
            if (ins.outcome != Outcome::Refused)
                visited[static_cast<std::size_t>(s - steps.data())].insert(*unit);
        }
    }
    for (std::size_t i = 0; i < steps.size(); ++i)
        steps[i].unitsInspected = static_cast<int>(visited[i].size());

    for (std::size_t i = 0; i < data.hazards.size(); ++i) {
        if (!placed.counts(placed.hazards[i]))
            continue;
        const Hazard& h = data.hazards[i];
        if (TrendPoint* s = stepOf(h.foundAt))
            ++s->hazardsFound;
        if (h.rectifiedAt)
            if (TrendPoint* s = stepOf(*h.rectifiedAt))
                ++s->hazardsRectified;
        for (TrendPoint& s : steps)
            s.openHazards += isOpenAt(h, s.end) ? 1 : 0;
    }
    return steps;
}

OpenHazardBreakdown openHazardBreakdown(const Dataset& data, Timestamp at, const std::string& districtId,
                                        Report& report) {
    const Placement placed = place(data, districtId, report);
    OpenHazardBreakdown out;
    out.at = at;
    for (std::size_t i = 0; i < data.hazards.size(); ++i) {
        const Hazard& h = data.hazards[i];
        if (placed.counts(placed.hazards[i]) && isOpenAt(h, at))
            ++out.counts[static_cast<std::size_t>(h.category)][static_cast<std::size_t>(h.severity - 1)];
    }
    return out;
}

} // namespace firebeat
