// The inspection data model (docs/data-model.md) as plain C++ types.
#pragma once

#include "firebeat/geometry.h"
#include "firebeat/time.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace firebeat {

enum class LayerKind { PoliceDistricts, Villages, Units, Inspections, Hazards, FireStations, Officers };
inline constexpr std::array<LayerKind, 7> kAllLayers = {
    LayerKind::PoliceDistricts, LayerKind::Villages,     LayerKind::Units,   LayerKind::Inspections,
    LayerKind::Hazards,         LayerKind::FireStations, LayerKind::Officers};

// Default layer name in a data source ("police_districts", ...).
std::string_view layerName(LayerKind kind);

enum class UnitCategory { KeyUnit, SmallVenue, ThreeInOne, ResidentialProperty, Other };
inline constexpr int kUnitCategoryCount = 5;
enum class HazardCategory {
    EvacBlocked,
    FireLane,
    Hydrant,
    Extinguisher,
    SignLight,
    FireSystem,
    FireSeparation,
    Electrical,
    EBike,
    MixedResidence,
    Hazmat,
    FlammableStruct,
    Management,
    Other
};
inline constexpr int kHazardCategoryCount = 14;
enum class Outcome { Pass, Hazards, Closed, Refused };
enum class HazardSource { Inspection, Hotline96119 };
enum class DistrictKind { Urban, Township };
enum class VillageKind { UrbanVillage, Community, RuralVillage };
enum class StationKind { Standard, Small, Micro, Township };

// Code <-> enum conversions. parse* return nullopt for an unknown code.
std::string_view code(UnitCategory v);
std::string_view code(HazardCategory v);
std::string_view code(Outcome v);
std::string_view code(HazardSource v);
std::string_view code(DistrictKind v);
std::string_view code(VillageKind v);
std::string_view code(StationKind v);
std::string_view chineseName(HazardCategory v);
std::optional<UnitCategory> parseUnitCategory(std::string_view s);
std::optional<HazardCategory> parseHazardCategory(std::string_view s);
std::optional<Outcome> parseOutcome(std::string_view s);
std::optional<HazardSource> parseHazardSource(std::string_view s);
std::optional<DistrictKind> parseDistrictKind(std::string_view s);
std::optional<VillageKind> parseVillageKind(std::string_view s);
std::optional<StationKind> parseStationKind(std::string_view s);

// Every feature keeps the OGR feature id it was read from, so reports can name it.
struct District {
    std::int64_t fid = -1;
    std::string id, name, station;
    std::optional<int> officers;
    DistrictKind kind = DistrictKind::Urban;
    Polygon geometry;
};

struct Village {
    std::int64_t fid = -1;
    std::string id, name, districtId;
    VillageKind kind = VillageKind::Community;
    std::optional<std::int64_t> population;
    Polygon geometry;
};

struct Unit {
    std::int64_t fid = -1;
    std::string id, name;
    UnitCategory category = UnitCategory::Other;
    std::string districtId; // empty: derived spatially by the analyses
    std::optional<int> inspectEveryDays;
    Point position;
};

struct Inspection {
    std::int64_t fid = -1;
    std::string id, unitId, officerId;
    Timestamp inspectedAt = 0;
    Outcome outcome = Outcome::Pass;
    Point position;
};

struct Hazard {
    std::int64_t fid = -1;
    std::string id, inspectionId, unitId;
    HazardCategory category = HazardCategory::Other;
    int severity = 1;
    Timestamp foundAt = 0;
    std::optional<Timestamp> deadline;
    std::optional<Timestamp> rectifiedAt; // empty: still open
    HazardSource source = HazardSource::Inspection;
    Point position;
    bool isOpen() const { return !rectifiedAt.has_value(); }
};

struct FireStation {
    std::int64_t fid = -1;
    std::string id, name;
    StationKind kind = StationKind::Standard;
    Point position;
};

struct Officer {
    std::int64_t fid = -1;
    std::string id, name, districtId;
};

// Values of a numeric field outside the data model (a weight, a radius, a value to map),
// one per record of its layer, in the records' order; nullopt where the field is null.
struct AttributeColumn {
    LayerKind layer;
    std::string field;
    std::vector<std::optional<double>> values;
};

// All layers of one data set, coordinates in one projected metric CRS (`crs`).
struct Dataset {
    std::vector<District> districts;
    std::vector<Village> villages;
    std::vector<Unit> units;
    std::vector<Inspection> inspections;
    std::vector<Hazard> hazards;
    std::vector<FireStation> stations;
    std::vector<Officer> officers;
    std::vector<AttributeColumn> attributes; // the extra fields asked for when reading
    std::string crs;                         // "EPSG:4543" etc.

    const AttributeColumn* attribute(LayerKind layer, std::string_view field) const;
};

} // namespace firebeat
