#include "firebeat/hotspots.h"

#include "firebeat/hex_grid.h"
#include "hotspots/hotspots_internal.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace firebeat {
namespace {

constexpr std::array<std::pair<RateBase, std::string_view>, 4> kRateCodes = {{
    {RateBase::None, "none"},
    {RateBase::Units, "units"},
    {RateBase::InspectedUnits, "inspected"},
    {RateBase::Population, "population"},
}};

std::vector<Area> analysedAreas(const Dataset& data, const HotspotOptions& options) {
    if (options.hexSize)
        return hexagonGrid(data.districts, *options.hexSize);
    if (data.villages.empty())
        throw InputError("there are no villages: give a hexagon size to analyse a hexagon grid instead");
    std::vector<Area> areas;
    areas.reserve(data.villages.size());
    for (const Village& v : data.villages)
        areas.push_back({v.id, v.geometry});
    return areas;
}

} // namespace

std::string_view code(RateBase base) {
    for (const auto& [b, c] : kRateCodes)
        if (b == base)
            return c;
    return "";
}

std::optional<RateBase> parseRateBase(std::string_view s) {
    for (const auto& [b, c] : kRateCodes)
        if (c == s)
            return b;
    return std::nullopt;
}

namespace {

// Gi* and Local Moran's I of the values, into the result's rows (its areas and weights are set).
void computeStatistics(HotspotResult& result, detail::AreaValues values, const LocalMoranOptions& moran,
                       Progress* progress) {
    result.valueDescription = std::move(values.description);
    result.notes = std::move(values.notes);
    throwIfCancelled(progress);

    const std::vector<GiStar> gi = getisOrdGiStar(values.value, result.weights);
    ProgressSlice moranStage(progress, 0.2, 1.0);
    const std::vector<LocalMoran> lisa = localMoran(values.value, result.weights, moran, &moranStage);

    result.rows.resize(result.areas.size());
    for (std::size_t i = 0; i < result.rows.size(); ++i) {
        HotspotRow& row = result.rows[i];
        row.id = result.areas[i].id;
        row.value = values.value[i];
        row.numerator = values.numerator[i];
        row.denominator = values.denominator[i];
        row.crudeRate = values.crudeRate[i];
        row.neighbours = result.weights.neighbours(i).size();
        row.giZ = gi[i].z;
        row.giP = gi[i].p;
        row.giBin = gi[i].bin;
        row.giBinFdr = gi[i].binFdr;
        row.lisaI = lisa[i].i;
        row.lisaP = lisa[i].p;
        row.lisaQuadrant = lisa[i].quadrant;
        row.flags = values.flags[i] | gi[i].flags | lisa[i].flags;
    }
    if (const std::size_t islands = result.weights.info().islands)
        result.notes.push_back(
            std::to_string(islands) +
            " features have no neighbour: they get no z or p and class 0 (flag no_neighbours)");
    const auto whole = std::count_if(
        gi.begin(), gi.end(), [](const GiStar& g) { return g.flags & hotspot_flags::kWholeStudyArea; });
    if (whole > 0)
        result.notes.push_back(
            std::to_string(whole) +
            " features have every other feature as a neighbour: Gi* has nothing to compare "
            "them with (flag whole_study_area); use a smaller distance band or k");
    if (progress)
        progress->report(1, "Hot spots done");
}

} // namespace

HotspotResult analyseHotspots(const Dataset& data, const HotspotOptions& options, Progress* progress) {
    HotspotResult result;
    // Weights first: they check every polygon and name the bad one.
    ProgressSlice weightsStage(progress, 0, 0.15);
    weightsStage.report(0, "Building spatial weights");
    result.areas = analysedAreas(data, options);
    result.weights = buildWeights(result.areas, options.weights, &weightsStage);
    ProgressSlice valuesStage(progress, 0.15, 0.2);
    valuesStage.report(0, "Computing the value of each area");
    const std::span<const Village> villages =
        options.hexSize ? std::span<const Village>() : std::span<const Village>(data.villages);
    computeStatistics(result, detail::areaValues(data, result.areas, villages, options), options.moran,
                      progress);
    return result;
}

HotspotResult analyseValues(std::vector<Area> areas, std::vector<double> values, std::string description,
                            const WeightsOptions& weights, const LocalMoranOptions& moran,
                            Progress* progress) {
    if (values.size() != areas.size())
        throw std::invalid_argument("analyseValues: one value per feature");
    HotspotResult result;
    ProgressSlice weightsStage(progress, 0, 0.2);
    weightsStage.report(0, "Building spatial weights");
    result.areas = std::move(areas);
    result.weights = buildWeights(result.areas, weights, &weightsStage);
    detail::AreaValues v;
    const std::size_t n = values.size();
    v.numerator = values;
    v.value = std::move(values);
    v.denominator.assign(n, std::nullopt);
    v.crudeRate.assign(n, std::nullopt);
    v.flags.assign(n, 0);
    v.description = std::move(description);
    computeStatistics(result, std::move(v), moran, progress);
    return result;
}

} // namespace firebeat
