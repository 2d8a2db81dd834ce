// heatmapPoints(): filter, weight (severity or field, then time decay) and radius of hazards.
#include "firebeat/heatmap.h"

#include "kde/kde_internal.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace firebeat {
namespace {

void checkLength(std::size_t n, std::size_t hazards, const char* what) {
    if (n != 0 && n != hazards)
        throw InputError(std::string("the ") + what + " list has " + std::to_string(n) + " values for " +
                         std::to_string(hazards) + " hazards");
}

double severityWeight(const Hazard& h, const HazardWeighting& w) {
    if (h.severity < 1 || h.severity > 3)
        throw InputError(hazardName(h) + ": severity " + std::to_string(h.severity) + " is not 1, 2 or 3");
    return w.severityWeights[static_cast<std::size_t>(h.severity - 1)];
}

double decayFactor(const Hazard& h, const HazardWeighting& w) {
    if (!w.halfLifeDays)
        return 1;
    const double ageDays = std::max(0.0, static_cast<double>(w.referenceDate - h.foundAt) / kSecondsPerDay);
    return std::pow(0.5, ageDays / *w.halfLifeDays);
}

} // namespace

std::string hazardName(const Hazard& h) {
    return "hazard " + (h.id.empty() ? "" : "'" + h.id + "' ") + "(feature " + std::to_string(h.fid) + ")";
}

HeatmapPointsBuilder::HeatmapPointsBuilder(const HazardFilter& filter, const HazardWeighting& weighting,
                                           const HazardBandwidth& bandwidth, bool hazardIndex)
    : filter_(filter), weighting_(weighting), bandwidth_(bandwidth), hazardIndex_(hazardIndex) {
    if (weighting.halfLifeDays && !(*weighting.halfLifeDays > 0 && std::isfinite(*weighting.halfLifeDays)))
        throw InputError("the half-life must be a positive number of days");
}

// Grows by doubling into memory advised for huge pages: first touching fresh memory is what
// costs most on virtual machines.
void HeatmapPointsBuilder::reserve(std::size_t n) {
    if (n <= out_.points.capacity())
        return;
    n = std::max(n, 2 * out_.points.capacity());
    reserveHuge(out_.points, n);
    if (hazardIndex_)
        reserveHuge(out_.hazardIndex, n);
}

void HeatmapPointsBuilder::add(std::span<const Hazard> hazards, std::span<const double> weights,
                               std::span<const double> radii) {
    checkLength(weights.size(), hazards.size(), "weight");
    checkLength(radii.size(), hazards.size(), "radius");
    const bool perHazardRadius = !radii.empty() && !bandwidth_.automatic;
    perHazardRadius_ = perHazardRadius;
    reserve(out_.points.size() + hazards.size());
    if (!perHazardRadius && !bandwidth_.automatic &&
        !(bandwidth_.metres > 0 && std::isfinite(bandwidth_.metres)))
        throw InputError("the radius must be a positive number of metres");
    for (std::size_t i = 0; i < hazards.size(); ++i) {
        const Hazard& h = hazards[i];
        if (!filter_.accepts(h))
            continue;
        const double base = weights.empty() ? severityWeight(h, weighting_) : weights[i];
        const double weight = base * decayFactor(h, weighting_);
        const double radius = perHazardRadius ? radii[i] : bandwidth_.metres;
        if (!std::isfinite(weight) || weight < 0)
            throw InputError(hazardName(h) + ": weight " + std::to_string(weight) + " is not a number >= 0");
        if (perHazardRadius && !(std::isfinite(radius) && radius >= 0))
            throw InputError(hazardName(h) + ": radius " + std::to_string(radius) + " is not a number >= 0");
        out_.points.push_back(KdePoint{h.position.x, h.position.y, weight, radius});
        if (hazardIndex_)
            out_.hazardIndex.push_back(seen_ + i);
    }
    seen_ += hazards.size();
}

HeatmapPoints HeatmapPointsBuilder::take() {
    HeatmapPoints out = std::move(out_);
    out_ = {};
    if (bandwidth_.automatic) {
        const double h = silvermanBandwidth(out.points);
        for (KdePoint& p : out.points)
            p.radius = h;
        out.bandwidth = h;
    } else if (!perHazardRadius_) {
        out.bandwidth = bandwidth_.metres;
    }
    return out;
}

HeatmapPoints heatmapPoints(std::span<const Hazard> hazards, const HazardFilter& filter,
                            const HazardWeighting& weighting, const HazardBandwidth& bandwidth) {
    checkLength(weighting.perHazard.size(), hazards.size(), "weight");
    checkLength(bandwidth.perHazard.size(), hazards.size(), "radius");
    HeatmapPointsBuilder builder(filter, weighting, bandwidth);
    builder.add(hazards, weighting.perHazard, bandwidth.perHazard);
    return builder.take();
}

} // namespace firebeat
