#include "hazard_dimensions.h"

#include "feature_properties.h"

#include <QStringList>

#include <algorithm>

namespace firebeat::ogc {

std::vector<LayerDimension> hazardDimensions(std::span<const Hazard> hazards) {
    std::vector<LayerDimension> dimensions;
    if (!hazards.empty()) {
        const auto [first, last] =
            std::minmax_element(hazards.begin(), hazards.end(),
                                [](const Hazard& a, const Hazard& b) { return a.foundAt < b.foundAt; });
        const QString range = isoUtc(first->foundAt) + "/" + isoUtc(last->foundAt);
        dimensions.push_back({"time", "ISO8601", range, range});
    }
    QStringList categories;
    for (int c = 0; c < kHazardCategoryCount; ++c)
        categories.push_back(qText(code(static_cast<HazardCategory>(c))));
    dimensions.push_back({"severity", "", "1,2,3", "1,2,3"});
    dimensions.push_back({"status", "", "all", "open,rectified,all"});
    dimensions.push_back({"category", "", categories.join(','), categories.join(',')});
    return dimensions;
}

} // namespace firebeat::ogc
