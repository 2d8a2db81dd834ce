// The hand-made town of the trend tests (and of the server's API tests): two districts, units
// placed by id and by position, a refused visit, visits and hazards on the boundaries of months
// and weeks, a hotline hazard placed by its position, a severity the metrics leave out, and
// features outside every district. Counted by hand in tests/algorithms/test_trend.cpp.
#pragma once

#include "test_coverage_fixture.h"

namespace firebeat::test {

// 2026 in China Standard Time.
inline Timestamp at(int month, int day, int hour = 12, int minute = 0, int second = 0) {
    return makeTimestamp(2026, month, day, hour, minute, second);
}

inline Inspection visit(std::string id, std::string unitId, Timestamp t, Outcome outcome) {
    Inspection i = inspection(std::move(id), std::move(unitId), "O1", 0, outcome);
    i.inspectedAt = t;
    return i;
}

inline Hazard found(std::string id, std::string unitId, int severity, HazardCategory category,
                    Timestamp foundAt, std::optional<Timestamp> rectifiedAt, Point position = {}) {
    Hazard h =
        hazard(std::move(id), std::move(unitId), "", severity, 0, std::nullopt, std::nullopt, position);
    h.category = category;
    h.foundAt = foundAt;
    h.rectifiedAt = rectifiedAt;
    return h;
}

//   A1: x 0..2000, B2: x 2000..4000 (y 0..2000); UX outside both.
inline Dataset trendTown() {
    using C = HazardCategory;
    using O = Outcome;
    Dataset d;
    d.crs = "EPSG:4543";
    d.districts = {district("A1", DistrictKind::Urban, 1, rectangle(0, 0, 2000, 2000)),
                   district("B2", DistrictKind::Township, 1, rectangle(2000, 0, 4000, 2000))};
    d.units = {unit("UA", UnitCategory::KeyUnit, "A1", {500, 500}),
               unit("UB", UnitCategory::SmallVenue, "", {1500, 500}), // A1 by position
               unit("UC", UnitCategory::ThreeInOne, "B2", {3000, 500}),
               unit("UX", UnitCategory::Other, "", {9000, 9000})}; // outside
    d.inspections = {
        visit("i1", "UA", at(1, 5, 10), O::Pass),
        visit("i2", "UA", at(1, 20), O::Hazards),
        visit("i3", "UB", at(1, 31, 23, 59, 59), O::Refused), // January's last second
        visit("i4", "UB", at(2, 1, 0, 0, 0), O::Pass),        // February's first second
        visit("i5", "UC", at(2, 10), O::Hazards),
        visit("i6", "UX", at(2, 11), O::Pass),   // outside every district
        visit("i7", "U404", at(2, 12), O::Pass), // unknown unit
        visit("i8", "UC", at(3, 3), O::Pass),
        visit("i9", "UC", at(3, 4), O::Pass),               // the same unit again
        visit("i10", "UA", at(1, 1, 0, 0, 0) - 1, O::Pass), // before `from`
    };
    d.hazards = {
        found("h1", "UA", 2, C::Electrical, at(1, 20), at(2, 15)),
        found("h2", "UA", 3, C::EvacBlocked, at(1, 20), std::nullopt),
        found("h3", "UC", 1, C::Hydrant, at(2, 10), at(3, 31, 23, 59, 59)),
        found("h4", "", 2, C::EBike, at(3, 15), std::nullopt, {2500, 1500}), // hotline, in B2
        found("h5", "UB", 1, C::EBike, makeTimestamp(2025, 12, 1), at(1, 10)),
        found("h6", "UA", 4, C::Other, at(1, 21), std::nullopt),              // severity left out
        found("h7", "UX", 1, C::Other, at(2, 1), std::nullopt, {9000, 9000}), // outside
        found("h8", "UC", 2, C::Other, at(4, 2), std::nullopt),               // after `to`
        found("h9", "UA", 1, C::FireLane, at(2, 20), at(4, 5)),
    };
    return d;
}

// The period counted: January to March 2026 (China Standard Time).
inline const Timestamp kTrendFrom = at(1, 1, 0, 0, 0);
inline const Timestamp kTrendTo = at(3, 31, 23, 59, 59);

} // namespace firebeat::test
