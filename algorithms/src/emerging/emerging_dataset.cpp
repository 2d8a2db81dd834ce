// The emerging analysis's input from a data set already read (the server's layers): the villages
// as locations, the hazards' found_at as the events' times.
#include "firebeat/emerging.h"

#include <algorithm>

namespace firebeat {

EmergingInput emergingInputFrom(const Dataset& data, const HazardFilter& filter) {
    EmergingInput in;
    in.crs = data.crs;
    in.fields = {{"village_id", AttributeType::Text},
                 {"name", AttributeType::Text},
                 {"district_id", AttributeType::Text},
                 {"kind", AttributeType::Text},
                 {"population", AttributeType::Integer}};
    for (const Village& v : data.villages) {
        in.locations.push_back({v.id, v.geometry, std::nullopt});
        std::vector<AttributeValue> row{v.id, v.name, v.districtId, std::string(code(v.kind)),
                                        std::monostate{}};
        if (v.population)
            row.back() = *v.population;
        in.attributes.push_back(std::move(row));
    }
    for (const Hazard& h : data.hazards) {
        if (!filter.accepts(h)) {
            ++in.filteredOut;
            continue;
        }
        in.events.push_back({h.fid, h.position, h.foundAt});
    }
    return in;
}

Timestamp latestHazard(const Dataset& data) {
    Timestamp latest = 0;
    for (const Hazard& h : data.hazards)
        latest = std::max(latest, h.foundAt);
    return latest;
}

} // namespace firebeat
