#include "firebeat/filters.h"

namespace firebeat {

bool HazardFilter::accepts(const Hazard& h) const {
    if (from && h.foundAt < *from)
        return false;
    if (to && h.foundAt >= *to)
        return false;
    if (status != Status::Any) {
        const bool open = !h.rectifiedAt || (!statusNow && to && *h.rectifiedAt >= *to);
        if (open != (status == Status::Open))
            return false;
    }
    if (!categories.empty() && !categories.contains(h.category))
        return false;
    if (h.severity < minSeverity || (!severities.empty() && !severities.contains(h.severity)))
        return false;
    return !source || h.source == *source;
}

std::string HazardFilter::key() const {
    std::string k;
    if (from)
        k += "from=" + std::to_string(*from) + ";";
    if (to)
        k += "to=" + std::to_string(*to) + ";";
    if (status != Status::Any)
        k += std::string(status == Status::Open ? "open" : "rectified") + (statusNow ? "-now;" : ";");
    for (const HazardCategory c : categories)
        k += "c" + std::to_string(static_cast<int>(c)) + ";";
    if (minSeverity > 1)
        k += "min=" + std::to_string(minSeverity) + ";";
    for (const int s : severities)
        k += "s" + std::to_string(s) + ";";
    if (source)
        k += "source=" + std::string(code(*source)) + ";";
    return k;
}

} // namespace firebeat
