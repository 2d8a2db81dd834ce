#include "firebeat/filters.h"

namespace firebeat {

bool HazardFilter::accepts(const Hazard& h) const {
    if (from && h.foundAt < *from)
        return false;
    if (to && h.foundAt >= *to)
        return false;
    // "Open" is judged at the end of the window when there is one, so past windows read right.
    if (openOnly && h.rectifiedAt && (!to || *h.rectifiedAt < *to))
        return false;
    if (!categories.empty() && !categories.contains(h.category))
        return false;
    if (h.severity < minSeverity)
        return false;
    return !source || h.source == *source;
}

} // namespace firebeat
