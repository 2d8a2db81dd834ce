#include "hotspots/hotspots_internal.h"

#include "firebeat/hotspot_statistics.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

namespace firebeat {

std::string describeFlags(std::uint32_t flags) {
    static constexpr std::array<std::pair<std::uint32_t, std::string_view>, 3> kNames = {{
        {hotspot_flags::kNoNeighbours, "no_neighbours"},
        {hotspot_flags::kWholeStudyArea, "whole_study_area"},
        {hotspot_flags::kNoDenominator, "no_denominator"},
    }};
    std::string text;
    for (const auto& [flag, name] : kNames)
        if (flags & flag)
            text += (text.empty() ? "" : ",") + std::string(name);
    return text;
}

namespace detail {

double checkedMean(std::span<const double> values, const SpatialWeights& weights,
                   std::string_view statistic) {
    if (values.size() != weights.size())
        throw std::invalid_argument(std::string(statistic) + ": " + std::to_string(values.size()) +
                                    " values for weights over " + std::to_string(weights.size()) +
                                    " features");
    if (values.size() < 3)
        throw InputError(std::string(statistic) + " needs at least 3 features; " +
                         std::to_string(values.size()) + " given");
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    if (*low == *high) {
        char value[64];
        std::snprintf(value, sizeof value, "%.10g", *low);
        throw InputError(std::string(statistic) + " is undefined: all " + std::to_string(values.size()) +
                         " values are equal (" + value + "), so nothing can stand out");
    }
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / static_cast<double>(values.size());
}

} // namespace detail
} // namespace firebeat
