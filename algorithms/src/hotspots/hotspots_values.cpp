// The value of each area: a hazard count or an attribute, optionally over a denominator.
#include "hotspots/hotspots_internal.h"

#include "firebeat/polygon_index.h"
#include "firebeat/rates.h"

#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace firebeat::detail {
namespace {

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string feature(const Area& area, bool village) {
    return std::string(village ? "village '" : "hexagon '") + area.id + "'";
}

std::vector<double> countHazards(const Dataset& data, const PolygonIndex& index, const HazardFilter& filter,
                                 std::vector<std::string>& notes) {
    std::vector<double> counts(index.size(), 0);
    std::size_t accepted = 0;
    std::size_t outside = 0;
    for (const Hazard& h : data.hazards) {
        if (!filter.accepts(h))
            continue;
        ++accepted;
        if (const std::optional<std::size_t> at = index.locate(h.position))
            counts[*at] += 1;
        else
            ++outside;
    }
    if (outside > 0)
        notes.push_back(std::to_string(outside) + " of " + std::to_string(accepted) +
                        " selected hazards lie outside every area and were not counted");
    return counts;
}

std::vector<double> attributeValues(std::span<const Area> areas, const HotspotOptions& options,
                                    bool villages) {
    if (!villages)
        throw InputError("a value field needs villages: hexagons have no attributes");
    std::vector<double> out;
    for (const Area& a : areas) {
        const auto it = options.attribute->find(a.id);
        if (it == options.attribute->end() || !it->second)
            throw InputError(feature(a, true) + ": the value is null; every village needs a value");
        out.push_back(*it->second);
    }
    return out;
}

std::vector<double> countUnits(const Dataset& data, const PolygonIndex& index,
                               const HotspotOptions& options) {
    std::unordered_set<std::string_view> inspected;
    if (options.ratePer == RateBase::InspectedUnits)
        for (const Inspection& i : data.inspections)
            if ((!options.hazards.from || i.inspectedAt >= *options.hazards.from) &&
                (!options.hazards.to || i.inspectedAt < *options.hazards.to))
                inspected.insert(i.unitId);
    std::vector<double> counts(index.size(), 0);
    for (const Unit& u : data.units)
        if (options.ratePer == RateBase::Units || inspected.contains(u.id))
            if (const std::optional<std::size_t> at = index.locate(u.position))
                counts[*at] += 1;
    return counts;
}

std::vector<double> population(std::span<const Area> areas, std::span<const Village> villages) {
    if (villages.empty())
        throw InputError("a rate per 1,000 people needs villages with a population: hexagons have none");
    std::vector<double> out;
    for (std::size_t i = 0; i < villages.size(); ++i) {
        if (!villages[i].population || *villages[i].population < 0)
            throw InputError(feature(areas[i], true) + ": the population is missing or negative");
        out.push_back(static_cast<double>(*villages[i].population));
    }
    return out;
}

std::string description(const HotspotOptions& options) {
    std::string text = options.attribute ? "attribute value" : "hazards";
    switch (options.ratePer) {
    case RateBase::None:
        return text;
    case RateBase::Units:
        text += " per unit";
        break;
    case RateBase::InspectedUnits:
        text += " per inspected unit";
        break;
    case RateBase::Population:
        text += " per 1,000 people";
        break;
    }
    return options.ebSmoothing ? text + ", empirical-Bayes smoothed" : text;
}

// Divides by the denominators; a zero one is an error unless smoothing gives it the overall rate.
void makeRates(std::span<const Area> areas, bool villages, const HotspotOptions& options, AreaValues& v) {
    const double per = options.ratePer == RateBase::Population ? 1000.0 : 1.0;
    std::vector<double> base;
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const double d = *v.denominator[i];
        base.push_back(d);
        if (d > 0)
            v.crudeRate[i] = per * v.numerator[i] / d;
        else if (options.ebSmoothing)
            v.flags[i] |= hotspot_flags::kNoDenominator;
        else
            throw InputError(feature(areas[i], villages) + ": the denominator (" +
                             std::string(code(options.ratePer)) +
                             ") is 0, so its rate is undefined; smooth the rates (which gives it the overall "
                             "rate) or analyse counts");
    }
    if (options.ebSmoothing) {
        const EmpiricalBayes eb = empiricalBayes(v.numerator, base);
        if (eb.a == 0)
            throw InputError(
                "empirical-Bayes smoothing finds no variation beyond chance (prior variance 0): every "
                "rate becomes the overall rate " +
                number(per * eb.b) + " and nothing can stand out; analyse crude rates or counts instead");
        for (std::size_t i = 0; i < areas.size(); ++i)
            v.value[i] = per * eb.rates[i];
        v.notes.push_back("empirical Bayes: overall rate " + number(per * eb.b) + ", prior variance " +
                          number(per * per * eb.a));
    } else {
        for (std::size_t i = 0; i < areas.size(); ++i)
            v.value[i] = *v.crudeRate[i];
    }
}

} // namespace

AreaValues areaValues(const Dataset& data, std::span<const Area> areas, std::span<const Village> villages,
                      const HotspotOptions& options) {
    const bool areVillages = !villages.empty();
    if (options.ebSmoothing && options.ratePer == RateBase::None)
        throw InputError("empirical-Bayes smoothing applies to rates: choose what to divide by");
    AreaValues v;
    v.description = description(options);
    std::optional<PolygonIndex> index; // only when points are to be placed in areas
    if (!options.attribute || options.ratePer == RateBase::Units ||
        options.ratePer == RateBase::InspectedUnits) {
        std::vector<const Polygon*> polygons;
        for (const Area& a : areas)
            polygons.push_back(&a.geometry);
        index.emplace(polygons);
    }
    v.numerator = options.attribute ? attributeValues(areas, options, areVillages)
                                    : countHazards(data, *index, options.hazards, v.notes);
    for (std::size_t i = 0; i < areas.size(); ++i)
        if (!std::isfinite(v.numerator[i]) || v.numerator[i] < 0)
            throw InputError(
                feature(areas[i], areVillages) + ": the value " + number(v.numerator[i]) +
                " is negative or not a number; hot spots need counts, rates or other amounts >= 0");
    v.flags.assign(areas.size(), 0);
    v.crudeRate.assign(areas.size(), std::nullopt);
    v.denominator.assign(areas.size(), std::nullopt);
    v.value = v.numerator;
    if (options.ratePer == RateBase::None)
        return v;
    const std::vector<double> base = options.ratePer == RateBase::Population
                                         ? population(areas, villages)
                                         : countUnits(data, *index, options);
    v.denominator.assign(base.begin(), base.end());
    makeRates(areas, areVillages, options, v);
    return v;
}

} // namespace firebeat::detail
