#include "map_crs.h"

#include "firebeat/progress.h"

#include <ogr_spatialref.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <utility>

namespace firebeat::ogc {
namespace {

OfferedCrs describe(const std::string& name, const std::string& crs) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
        throw InputError("unknown CRS '" + crs + "'");
    OfferedCrs offered{name, crs, name != "CRS:84" && srs.EPSGTreatsAsNorthingEasting(), {}};
    if (srs.IsGeographic()) {
        offered.domain = {-180, -90, 180, 90};
        offered.northingFirst = name != "CRS:84" && srs.EPSGTreatsAsLatLong();
        return offered;
    }
    double west = -180, south = -90, east = 180, north = 90;
    const char* area = nullptr;
    if (!srs.GetAreaOfUse(&west, &south, &east, &north, &area))
        throw InputError("CRS '" + crs + "' has no area of use");
    const Envelope use = cachedTransform("EPSG:4326", crs).apply(Envelope{west, south, east, north});
    const bool world = east - west >= 360;
    const double growX = world ? 0 : use.width();
    const double growY = world ? 0 : use.height();
    offered.domain = {use.minX - growX, use.minY - growY, use.maxX + growX, use.maxY + growY};
    return offered;
}

} // namespace

const std::vector<OfferedCrs>& offeredCrss(const std::string& analysisCrs,
                                           const std::vector<std::string>& more) {
    // Built once per analysis CRS (the catalogue's rarely changes) and never freed: the
    // references handed out stay valid while other threads add entries.
    static std::mutex mutex;
    static std::map<std::string, std::vector<OfferedCrs>> built;
    const std::lock_guard lock(mutex);
    std::string key = analysisCrs;
    for (const std::string& crs : more)
        key += "\n" + crs;
    auto [it, fresh] = built.try_emplace(key);
    if (fresh) {
        try {
            for (const char* name : {"EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:4490"})
                it->second.push_back(describe(name, name == std::string("CRS:84") ? "EPSG:4326" : name));
            std::vector<std::string> others{analysisCrs};
            others.insert(others.end(), more.begin(), more.end());
            for (const std::string& crs : others) {
                const bool listed = std::any_of(it->second.begin(), it->second.end(),
                                                [&](const OfferedCrs& o) { return o.name == crs; });
                if (!crs.empty() && !listed)
                    it->second.push_back(describe(crs, crs));
            }
        } catch (...) {
            built.erase(it);
            throw;
        }
    }
    return it->second;
}

} // namespace firebeat::ogc
