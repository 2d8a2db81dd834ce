// Progress over time for the back office's charts: per month or week, the inspections, units
// inspected, hazards found and rectified, and the hazards open at the step's end, for the whole
// city or one police district; and the hazards open at a moment by category and severity.
// Features are placed in districts exactly as computeCoverage places them (a unit by its
// district_id, else its position; a hazard by its unit's district, else its own position), so a
// step's counts equal the coverage metrics of a window that ends where the step ends.
#pragma once

#include "firebeat/model.h"
#include "firebeat/report.h"

#include <array>
#include <string>
#include <vector>

namespace firebeat {

enum class TrendStep { Month, Week };

struct TrendParameters {
    Timestamp from = 0, to = 0; // the first and the last second counted, inclusive
    TrendStep step = TrendStep::Month;
    std::string districtId; // empty: every district (the city)
};

// One step: calendar months, or ISO weeks (Monday to Sunday), in China Standard Time, cut to
// [from, to] at both ends.
struct TrendPoint {
    Timestamp start = 0, end = 0; // first and last second, inclusive
    int inspections = 0;          // visits in the step, any outcome
    int unitsInspected = 0;       // distinct units with a visit that was not refused
    int hazardsFound = 0;
    int hazardsRectified = 0; // rectified_at in the step
    int openHazards = 0;      // found by `end` and not rectified by `end`
};

// Throws InputError naming the parameter for to < from or an unknown district; problems met in
// the data (unknown units, points outside every district) go to `report`.
std::vector<TrendPoint> computeTrend(const Dataset& data, const TrendParameters& parameters, Report& report);

// Hazards open at `at` (found by then, not rectified by then) by category and severity
// (index severity - 1), for one district or the city (empty id).
struct OpenHazardBreakdown {
    Timestamp at = 0;
    std::array<std::array<int, 3>, kHazardCategoryCount> counts{};
    int total() const;
};
OpenHazardBreakdown openHazardBreakdown(const Dataset& data, Timestamp at, const std::string& districtId,
                                        Report& report);

} // namespace firebeat
