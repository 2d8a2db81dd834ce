// The hand-built town of the coverage tests: three 2 km square police districts, eight units,
// inspections, hazards, villages and fire stations placed so that every metric can be worked
// out by hand (test_coverage.cpp does so, feature by feature).
//
//   y=4000 +--------+
//          |   C3   |  urban, no units, officers 0
//   y=2000 +--------+--------+
//          |   A1   |   B2   |  A1 urban (officers 2), B2 township (officers: counted, 1)
//   y=0    +--------+--------+
//          x=0     2000     4000
#pragma once

#include "firebeat/geos_support.h"
#include "firebeat/model.h"
#include "firebeat/norms.h"

#include <string>

namespace firebeat::test {

inline Polygon rectangle(double x0, double y0, double x1, double y1) {
    const std::string wkt = "POLYGON((" + std::to_string(x0) + " " + std::to_string(y0) + "," +
                            std::to_string(x1) + " " + std::to_string(y0) + "," + std::to_string(x1) + " " +
                            std::to_string(y1) + "," + std::to_string(x0) + " " + std::to_string(y1) + "," +
                            std::to_string(x0) + " " + std::to_string(y0) + "))";
    GEOSWKTReader* reader = GEOSWKTReader_create_r(geosContext());
    const GeosGeometry g(GEOSWKTReader_read_r(geosContext(), reader, wkt.c_str()));
    GEOSWKTReader_destroy_r(geosContext(), reader);
    return toPolygon(g.get());
}

// The reference date R of the fixture and an instant `days` days before it (negative: after).
inline const Timestamp kReference = makeTimestamp(2026, 1, 1);
inline Timestamp daysBefore(double days) {
    return kReference - static_cast<Timestamp>(days * kSecondsPerDay);
}

inline District district(std::string id, DistrictKind kind, std::optional<int> officers, Polygon shape) {
    District d;
    d.id = std::move(id);
    d.name = "district " + d.id;
    d.kind = kind;
    d.officers = officers;
    d.geometry = std::move(shape);
    return d;
}

inline Unit unit(std::string id, UnitCategory c, std::string districtId, Point p,
                 std::optional<int> every = std::nullopt) {
    Unit u;
    u.id = std::move(id);
    u.name = "unit " + u.id;
    u.category = c;
    u.districtId = std::move(districtId);
    u.inspectEveryDays = every;
    u.position = p;
    return u;
}

inline Inspection inspection(std::string id, std::string unitId, std::string officerId, double daysAgo,
                             Outcome outcome) {
    Inspection i;
    i.id = std::move(id);
    i.unitId = std::move(unitId);
    i.officerId = std::move(officerId);
    i.inspectedAt = daysBefore(daysAgo);
    i.outcome = outcome;
    return i;
}

inline Hazard hazard(std::string id, std::string unitId, std::string inspectionId, int severity,
                     double foundDaysAgo, std::optional<double> deadlineDaysAgo,
                     std::optional<double> rectifiedDaysAgo, Point position = {}) {
    Hazard h;
    h.id = std::move(id);
    h.unitId = std::move(unitId);
    h.inspectionId = std::move(inspectionId);
    h.severity = severity;
    h.foundAt = daysBefore(foundDaysAgo);
    if (deadlineDaysAgo)
        h.deadline = daysBefore(*deadlineDaysAgo);
    if (rectifiedDaysAgo)
        h.rectifiedAt = daysBefore(*rectifiedDaysAgo);
    h.source = h.inspectionId.empty() ? HazardSource::Hotline96119 : HazardSource::Inspection;
    h.position = position;
    return h;
}

inline Village village(std::string id, std::string districtId, Polygon shape) {
    Village v;
    v.id = std::move(id);
    v.name = "village " + v.id;
    v.districtId = std::move(districtId);
    v.geometry = std::move(shape);
    return v;
}

inline FireStation station(std::string id, StationKind kind, Point p) {
    FireStation s;
    s.id = std::move(id);
    s.kind = kind;
    s.position = p;
    return s;
}

inline Officer officer(std::string id, std::string districtId) {
    Officer o;
    o.id = std::move(id);
    o.name = "officer " + o.id;
    o.districtId = std::move(districtId);
    return o;
}

// Norms with round numbers: 30 km/h = 500 m a minute and a detour factor of 1.25 give reach
// radii of 2000 m (standard, 5 min), 1000 m (small, 2.5 min) and 1200 m (micro, 3 min); one
// officer per 2 units in both kinds of district.
inline Norms townNorms() {
    Norms n;
    n.travel.speedKmh = 30;
    n.travel.detourFactor = 1.25;
    n.travel.reachMinutes = {5, 2.5, 3, 5};
    n.staffing.unitsPerOfficerUrban = 2;
    n.staffing.unitsPerOfficerTownship = 2;
    return n;
}

inline Dataset town() {
    using C = UnitCategory;
    using O = Outcome;
    Dataset d;
    d.crs = "EPSG:4543";
    d.districts = {
        district("A1", DistrictKind::Urban, 2, rectangle(0, 0, 2000, 2000)),
        district("B2", DistrictKind::Township, std::nullopt, rectangle(2000, 0, 4000, 2000)),
        district("C3", DistrictKind::Urban, 0, rectangle(0, 2000, 2000, 4000)),
    };
    d.units = {
        unit("U1", C::KeyUnit, "A1", {500, 500}),
        unit("U2", C::ThreeInOne, "", {1500, 500}),
        unit("U3", C::SmallVenue, "A1", {500, 1500}, 30),
        unit("U4", C::Other, "", {2000, 1000}), // on the A1/B2 border
        unit("U5", C::ResidentialProperty, "B2", {3000, 500}),
        unit("U6", C::ThreeInOne, "", {3500, 500}),
        unit("U7", C::Other, "", {9000, 9000}),     // outside every district
        unit("U8", C::KeyUnit, "ZZ", {4000, 1000}), // unknown district id; on B2's outer edge
    };
    d.inspections = {
        inspection("I1", "U1", "O1", 10, O::Pass),
        inspection("I2", "U1", "O1", 200, O::Hazards),
        inspection("I3", "U2", "O2", 95, O::Hazards),
        inspection("I4", "U2", "O2", 150, O::Pass),
        inspection("I5", "U3", "O1", 40, O::Refused),
        inspection("I6", "U3", "O1", 120, O::Pass),
        inspection("I7", "U5", "O3", 5, O::Hazards),
        inspection("I8", "U5", "O3", -3, O::Pass),  // after R
        inspection("I9", "U6", "OX", 100, O::Pass), // exactly at the window's open start
        inspection("I10", "U8", "O3", 99, O::Pass),
        inspection("I11", "U404", "O3", 3, O::Pass), // unknown unit
        inspection("I12", "U7", "O3", 20, O::Pass),
        inspection("I13", "U8", "OX", 50, O::Closed), // officer not in the officers layer
        inspection("I14", "U1", "", 60, O::Pass),     // no officer
    };
    d.hazards = {
        hazard("H1", "U1", "I2", 2, 200, 170, 150),
        hazard("H2", "U2", "I3", 3, 95, 60, std::nullopt),
        hazard("H3", "U2", "I3", 1, 95, std::nullopt, 95),
        hazard("H4", "U1", "", 2, 30, -10, std::nullopt),
        hazard("H5", "U2", "I3", 2, 95, 80, -5),
        hazard("H6", "U1", "I1", 1, 10, std::nullopt, 0),
        hazard("H7", "U3", "", 2, 60, std::nullopt, 70), // rectified before found
        hazard("H8", "", "", 3, 20, std::nullopt, std::nullopt, {2500, 500}),
        hazard("H9", "U999", "", 1, 10, std::nullopt, 7, {1000, 1000}),
        hazard("H10", "", "", 1, 10, std::nullopt, std::nullopt, {9000, 1}),
        hazard("H11", "U5", "I7", 2, 5, 1, std::nullopt),
        hazard("H12", "U5", "I7", 2, -2, std::nullopt, std::nullopt), // found after R
        hazard("H13", "U6", "", 4, 10, std::nullopt, std::nullopt),   // severity out of range
        hazard("H14", "U5", "I999", 1, 300, std::nullopt, 290),
    };
    d.villages = {
        village("V1", "A1", rectangle(0, 0, 1000, 1000)),
        village("V2", "", rectangle(0, 1000, 1000, 2000)),
        village("V3", "A1", rectangle(1200, 1200, 1800, 1800)),
        village("V4", "B2", rectangle(3000, 0, 4000, 1000)),
        village("V5", "B2", rectangle(3000, 1000, 4000, 2000)),
        village("V6", "", rectangle(8500, 8500, 9500, 9500)),
        village("V7", "B2", rectangle(1900, 900, 2300, 1100)),
    };
    d.stations = {
        station("S1", StationKind::Micro, {0, 0}),
        station("S2", StationKind::Small, {4000, 0}),
        station("S3", StationKind::Standard, {20000, 20000}),
    };
    d.officers = {
        officer("O1", "A1"), officer("O2", "A1"), officer("O3", "B2"),
        officer("O4", "Q9"), officer("O5", "C3"),
    };
    return d;
}

} // namespace firebeat::test
