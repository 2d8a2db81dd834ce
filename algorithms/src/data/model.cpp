#include "firebeat/model.h"

#include <algorithm>

namespace firebeat {
namespace {

template <class E, std::size_t N>
std::optional<E> parseCode(std::string_view s, const std::array<std::string_view, N>& codes) {
    const auto it = std::find(codes.begin(), codes.end(), s);
    if (it == codes.end())
        return std::nullopt;
    return static_cast<E>(it - codes.begin());
}

constexpr std::array<std::string_view, 7> kLayerNames = {
    "police_districts", "villages", "units", "inspections", "hazards", "fire_stations", "officers"};
constexpr std::array<std::string_view, kUnitCategoryCount> kUnitCategories = {
    "key_unit", "small_venue", "three_in_one", "residential_property", "other"};
constexpr std::array<std::string_view, kHazardCategoryCount> kHazardCategories = {
    "EVAC_BLOCKED", "FIRE_LANE",        "HYDRANT",    "EXTINGUISHER", "SIGN_LIGHT",
    "FIRE_SYSTEM",  "FIRE_SEPARATION",  "ELECTRICAL", "EBIKE",        "MIXED_RESIDENCE",
    "HAZMAT",       "FLAMMABLE_STRUCT", "MANAGEMENT", "OTHER"};
constexpr std::array<std::string_view, kHazardCategoryCount> kHazardCategoryNames = {
    "疏散通道/安全出口堵塞",  "消防车通道堵塞",
    "消火栓埋压圈占",         "灭火器缺失失效",
    "疏散指示/应急照明损坏",  "消防设施停用/未维保",
    "防火分隔损坏",           "电气线路私拉乱接",
    "电动自行车违规停放充电", "三合一/违规住人",
    "易燃易爆违规存放",       "彩钢板/可燃材料搭建",
    "制度/培训/演练缺失",     "其他"};
constexpr std::array<std::string_view, 4> kOutcomes = {"pass", "hazards", "closed", "refused"};
constexpr std::array<std::string_view, 2> kSources = {"inspection", "hotline_96119"};
constexpr std::array<std::string_view, 2> kDistrictKinds = {"urban", "township"};
constexpr std::array<std::string_view, 3> kVillageKinds = {"urban_village", "community", "rural_village"};
constexpr std::array<std::string_view, 4> kStationKinds = {"standard", "small", "micro", "township"};

} // namespace

std::string_view layerName(LayerKind kind) {
    return kLayerNames[static_cast<std::size_t>(kind)];
}

std::string_view code(UnitCategory v) {
    return kUnitCategories[static_cast<std::size_t>(v)];
}
std::string_view code(HazardCategory v) {
    return kHazardCategories[static_cast<std::size_t>(v)];
}
std::string_view code(Outcome v) {
    return kOutcomes[static_cast<std::size_t>(v)];
}
std::string_view code(HazardSource v) {
    return kSources[static_cast<std::size_t>(v)];
}
std::string_view code(DistrictKind v) {
    return kDistrictKinds[static_cast<std::size_t>(v)];
}
std::string_view code(VillageKind v) {
    return kVillageKinds[static_cast<std::size_t>(v)];
}
std::string_view code(StationKind v) {
    return kStationKinds[static_cast<std::size_t>(v)];
}
std::string_view chineseName(HazardCategory v) {
    return kHazardCategoryNames[static_cast<std::size_t>(v)];
}

std::optional<UnitCategory> parseUnitCategory(std::string_view s) {
    return parseCode<UnitCategory>(s, kUnitCategories);
}
std::optional<HazardCategory> parseHazardCategory(std::string_view s) {
    return parseCode<HazardCategory>(s, kHazardCategories);
}
std::optional<Outcome> parseOutcome(std::string_view s) {
    return parseCode<Outcome>(s, kOutcomes);
}
std::optional<HazardSource> parseHazardSource(std::string_view s) {
    return parseCode<HazardSource>(s, kSources);
}
std::optional<DistrictKind> parseDistrictKind(std::string_view s) {
    return parseCode<DistrictKind>(s, kDistrictKinds);
}
std::optional<VillageKind> parseVillageKind(std::string_view s) {
    return parseCode<VillageKind>(s, kVillageKinds);
}
std::optional<StationKind> parseStationKind(std::string_view s) {
    return parseCode<StationKind>(s, kStationKinds);
}
const AttributeColumn* Dataset::attribute(LayerKind layer, std::string_view field) const {
    for (const AttributeColumn& c : attributes)
        if (c.layer == layer && c.field == field)
            return &c;
    return nullptr;
}

std::optional<LayerKind> parseLayerKind(std::string_view s) {
    return parseCode<LayerKind>(s, kLayerNames);
}

} // namespace firebeat
