#include "hazard_dimensions.h"

#include "feature_properties.h"

#include <QStringList>

#include <algorithm>

namespace firebeat::ogc {

std::vector<LayerDimension> hazardDimensions(std::span<const Hazard> hazards,
                                             const std::set<std::string>* fields) {
    const auto has = [fields](const char* field) { return !fields || fields->contains(field); };
    std::vector<LayerDimension> dimensions;
    if (!hazards.empty() && has("found_at")) {
        const auto [first, last] =
            std::minmax_element(hazards.begin(), hazards.end(),
                                [](const Hazard& a, const Hazard& b) { return a.foundAt < b.foundAt; });
        const QString range = isoUtc(first->foundAt) + "/" + isoUtc(last->foundAt);
        dimensions.push_back({"time", "ISO8601", range, range});
    }
    QStringList categories;
    for (int c = 0; c < kHazardCategoryCount; ++c)
        categories.push_back(qText(code(static_cast<HazardCategory>(c))));
    if (has("severity"))
        dimensions.push_back({"severity", "", "1,2,3", "1,2,3"});
    if (has("rectified_at"))
        dimensions.push_back({"status", "", "all", "open,rectified,all"});
    if (has("category"))
        dimensions.push_back({"category", "", categories.join(','), categories.join(',')});
    return dimensions;
}

} // namespace firebeat::ogc
