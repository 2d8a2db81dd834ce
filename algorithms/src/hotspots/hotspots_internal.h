// What the hot-spot pieces share: input checks of the statistics, and the value per area.
#pragma once

#include "firebeat/hotspots.h"
#include "firebeat/spatial_weights.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace firebeat::detail {

// Throws InputError when `statistic` cannot be computed on these values (fewer than 3, all
// equal), std::invalid_argument when they do not match the weights. Returns the mean.
double checkedMean(std::span<const double> values, const SpatialWeights& weights, std::string_view statistic);

struct AreaValues {
    std::vector<double> value;
    std::vector<double> numerator;
    std::vector<std::optional<double>> denominator;
    std::vector<std::optional<double>> crudeRate;
    std::vector<std::uint32_t> flags;
    std::string description;
    std::vector<std::string> notes;
};

// The value of each area as the options ask. `villages` is the list the areas were made from,
// in the same order, or empty for hexagons. Throws InputError naming the area for a value that
// cannot be analysed.
AreaValues areaValues(const Dataset& data, std::span<const Area> areas, std::span<const Village> villages,
                      const HotspotOptions& options);

} // namespace firebeat::detail
