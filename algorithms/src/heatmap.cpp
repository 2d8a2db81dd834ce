// heatmapPoints(): filter, weight (severity or field, then time decay) and radius of hazards.
#include "firebeat/heatmap.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace firebeat {
namespace {

std::string nameOf(const Hazard& h) {
    return "hazard " + (h.id.empty() ? "" : "'" + h.id + "' ") + "(feature " + std::to_string(h.fid) + ")";
}

void checkLength(std::size_t n, std::size_t hazards, const char* what) {
    if (n != 0 && n != hazards)
        throw InputError(std::string("the ") + what + " list has " + std::to_string(n) + " values for " +
                         std::to_string(hazards) + " hazards");
}

double baseWeight(const Hazard& h, std::size_t i, const HazardWeighting& w) {
    if (!w.perHazard.empty())
        return w.perHazard[i];
    if (h.severity < 1 || h.severity > 3)
        throw InputError(nameOf(h) + ": severity " + std::to_string(h.severity) + " is not 1, 2 or 3");
    return w.severityWeights[static_cast<std::size_t>(h.severity - 1)];
}

double decayFactor(const Hazard& h, const HazardWeighting& w) {
    if (!w.halfLifeDays)
        return 1;
    const double ageDays = std::max(0.0, static_cast<double>(w.referenceDate - h.foundAt) / kSecondsPerDay);
    return std::pow(0.5, ageDays / *w.halfLifeDays);
}

} // namespace

HeatmapPoints heatmapPoints(std::span<const Hazard> hazards, const HazardFilter& filter,
                            const HazardWeighting& weighting, const HazardBandwidth& bandwidth) {
    checkLength(weighting.perHazard.size(), hazards.size(), "weight");
    checkLength(bandwidth.perHazard.size(), hazards.size(), "radius");
    if (weighting.halfLifeDays && !(*weighting.halfLifeDays > 0 && std::isfinite(*weighting.halfLifeDays)))
        throw InputError("the half-life must be a positive number of days");
    const bool perHazardRadius = !bandwidth.perHazard.empty() && !bandwidth.automatic;
    if (!perHazardRadius && !bandwidth.automatic &&
        !(bandwidth.metres > 0 && std::isfinite(bandwidth.metres)))
        throw InputError("the radius must be a positive number of metres");

    HeatmapPoints out;
    for (std::size_t i = 0; i < hazards.size(); ++i) {
        const Hazard& h = hazards[i];
        if (!filter.accepts(h))
            continue;
        const double weight = baseWeight(h, i, weighting) * decayFactor(h, weighting);
        const double radius = perHazardRadius ? bandwidth.perHazard[i] : bandwidth.metres;
        if (!std::isfinite(weight) || weight < 0)
            throw InputError(nameOf(h) + ": weight " + std::to_string(weight) + " is not a number >= 0");
        if (perHazardRadius && !(std::isfinite(radius) && radius >= 0))
            throw InputError(nameOf(h) + ": radius " + std::to_string(radius) + " is not a number >= 0");
        out.points.push_back(KdePoint{h.position.x, h.position.y, weight, radius});
        out.hazardIndex.push_back(i);
    }
    if (bandwidth.automatic) {
        const double h = silvermanBandwidth(out.points);
        for (KdePoint& p : out.points)
            p.radius = h;
        out.bandwidth = h;
    } else if (!perHazardRadius) {
        out.bandwidth = bandwidth.metres;
    }
    return out;
}

} // namespace firebeat
