// The hazard heatmap's input: hazards filtered and weighted into kernel density points.
#pragma once

#include "firebeat/filters.h"
#include "firebeat/kde.h"
#include "firebeat/model.h"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace firebeat {

struct HazardWeighting {
    // Weight of a severity 1, 2, 3 hazard; ignored when perHazard is given.
    std::array<double, 3> severityWeights{1, 2, 4};
    // A weight for each hazard (e.g. from a field), in the order of the hazards; empty: by severity.
    std::vector<double> perHazard;
    // Time decay: weight *= 0.5^(age in days / halfLifeDays), the age counted back from
    // referenceDate (a hazard found after it counts as age 0). Applied after the filters.
    std::optional<double> halfLifeDays;
    Timestamp referenceDate = 0;
};

struct HazardBandwidth {
    double metres = 0;             // the same radius for every hazard
    std::vector<double> perHazard; // or one radius per hazard (e.g. from a field), in their order
    bool automatic = false;        // or silvermanBandwidth() of the weighted, filtered hazards
};

struct HeatmapPoints {
    std::vector<KdePoint> points;         // one per accepted hazard, in the hazards' order
    std::vector<std::size_t> hazardIndex; // the hazard each point came from (when asked for)
    std::optional<double> bandwidth;      // the radius shared by every point (none when per hazard)
    // The hazards layer's extent as OGR reports it, when the points are all of its features in
    // its own CRS: QGIS builds its grid from it (see KdePointIndex).
    std::optional<Envelope> sourceExtent;
};

// heatmapPoints() chunk by chunk, for hazards streamed from a source: add() each chunk in order,
// then take() the points. `hazardIndex`: whether to say which hazard each point came from (a
// stream that keeps no hazards has nothing to point back to, and 8 bytes a point to save). Checks as
// heatmapPoints() does (the constructor the parameters, add() each hazard); the per-hazard lists of
// `weighting` and `bandwidth` are ignored, add() gets them.
class HeatmapPointsBuilder {
  public:
    HeatmapPointsBuilder(const HazardFilter& filter, const HazardWeighting& weighting,
                         const HazardBandwidth& bandwidth, bool hazardIndex = true);
    // Room for `hazards` points in all (e.g. the layer's size), so add() need not grow into it.
    void reserve(std::size_t hazards);
    // `weights` and `radii`: one per hazard of the chunk, or empty (by severity, shared radius).
    void add(std::span<const Hazard> hazards, std::span<const double> weights, std::span<const double> radii);
    HeatmapPoints take();

  private:
    const HazardFilter& filter_;
    const HazardWeighting& weighting_;
    const HazardBandwidth& bandwidth_;
    std::size_t seen_ = 0; // hazards added so far, to number them across chunks
    bool perHazardRadius_ = false;
    bool hazardIndex_;
    HeatmapPoints out_;
};

// "hazard 'H-1' (feature 12)", or "hazard (feature 12)" when its id was not read: for messages.
std::string hazardName(const Hazard& h);

// The hazards `filter` accepts as weighted points. Throws InputError naming the hazard for a
// severity outside 1..3 (when weighting by severity), a negative or non-finite weight or radius,
// or per-hazard vectors whose length differs from the hazards'.
HeatmapPoints heatmapPoints(std::span<const Hazard> hazards, const HazardFilter& filter,
                            const HazardWeighting& weighting, const HazardBandwidth& bandwidth);

} // namespace firebeat
