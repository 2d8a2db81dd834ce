// The gap score: a weighted mean of six shares, each 0 (no gap) .. 1 (all gap), times 100.
// A share whose denominator is 0 (no units, no open hazards, ...) counts as 0: nothing to miss.
#include "firebeat/coverage.h"

#include <algorithm>
#include <numeric>

namespace firebeat {
namespace {

double share(double part, double whole) {
    return whole > 0 ? part / whole : 0.0;
}

} // namespace

double gapScore(const DistrictCoverage& d, const GapWeights& w) {
    const double units = d.unitsTotal;
    const double components[] = {
        share(units - d.unitsInspected, units),          // uncovered: not visited in the window
        share(d.overdueUnits + d.neverInspected, units), // overdue or never inspected
        share(d.overdueRectifications, d.openHazards),   // open hazards past their deadline
        share(std::max(0, d.officersRequiredByNorm - d.officers), d.officersRequiredByNorm), // staff missing
        share(units - d.unitsInReach, units),            // units out of fire-station reach
        share(d.blindSpotVillages, d.villagesWithUnits), // villages nobody visited
    };
    const double weights[] = {w.uncovered, w.overdue,    w.overdueRectifications,
                              w.staffing,  w.outOfReach, w.blindSpots};
    const double total = std::accumulate(std::begin(weights), std::end(weights), 0.0);
    return 100.0 * std::inner_product(std::begin(weights), std::end(weights), std::begin(components), 0.0) /
           total;
}

void rankGaps(std::vector<DistrictCoverage>& districts, const GapWeights& weights) {
    std::vector<std::size_t> order(districts.size());
    std::iota(order.begin(), order.end(), 0);
    for (DistrictCoverage& d : districts)
        d.gapScore = gapScore(d, weights);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const DistrictCoverage &da = districts[a], &db = districts[b];
        return da.gapScore != db.gapScore ? da.gapScore > db.gapScore : da.districtId < db.districtId;
    });
    for (std::size_t r = 0; r < order.size(); ++r)
        districts[order[r]].gapRank = static_cast<int>(r + 1);
}

} // namespace firebeat
