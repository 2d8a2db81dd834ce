// The hazard filters shared by every analysis and the server's map dimensions.
#pragma once

#include "firebeat/model.h"

#include <optional>
#include <set>
#include <string>

namespace firebeat {

struct HazardFilter {
    enum class Status { Any, Open, Rectified };

    std::optional<Timestamp> from; // found_at >= from
    std::optional<Timestamp> to;   // found_at < to
    Status status = Status::Any;
    // Open or rectified as of `to` when there is one, so past windows read right; with statusNow,
    // as of now whatever the window (the server's DIM_STATUS, matching the status its hazards show).
    bool statusNow = false;
    std::set<HazardCategory> categories; // empty: all
    int minSeverity = 1;
    std::set<int> severities; // empty: all
    std::optional<HazardSource> source;

    bool accepts(const Hazard& h) const;
    // Canonical text of the filter, for cache keys: "" when it accepts every hazard.
    std::string key() const;
};

} // namespace firebeat
