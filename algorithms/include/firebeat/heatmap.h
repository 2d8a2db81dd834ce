// The hazard heatmap's input: hazards filtered and weighted into kernel density points.
#pragma once

#include "firebeat/filters.h"
#include "firebeat/kde.h"
#include "firebeat/model.h"

#include <array>
#include <optional>
#include <span>
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
    std::vector<std::size_t> hazardIndex; // the hazard each point came from
    std::optional<double> bandwidth;      // the radius shared by every point (none when per hazard)
};

// The hazards `filter` accepts as weighted points. Throws InputError naming the hazard for a
// severity outside 1..3 (when weighting by severity), a negative or non-finite weight or radius,
// or per-hazard vectors whose length differs from the hazards'.
HeatmapPoints heatmapPoints(std::span<const Hazard> hazards, const HazardFilter& filter,
                            const HazardWeighting& weighting, const HazardBandwidth& bandwidth);

} // namespace firebeat
