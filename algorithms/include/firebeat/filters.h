// The hazard filters shared by every analysis.
#pragma once

#include "firebeat/model.h"

#include <optional>
#include <set>

namespace firebeat {

struct HazardFilter {
    std::optional<Timestamp> from; // found_at >= from
    std::optional<Timestamp> to;   // found_at < to
    bool openOnly = false;
    std::set<HazardCategory> categories; // empty: all
    int minSeverity = 1;
    std::optional<HazardSource> source;

    bool accepts(const Hazard& h) const;
};

} // namespace firebeat
