#include "firebeat/progress.h"
#include "firebeat/sizing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace firebeat {
namespace {

void checkAllocation(std::span<const double> weights, std::span<const std::string> ids, int total,
                     int minimum) {
    if (weights.size() != ids.size())
        throw InputError("allocation: " + std::to_string(weights.size()) + " weights for " +
                         std::to_string(ids.size()) + " districts");
    if (weights.empty())
        throw InputError("allocation: there are no districts to share the headcount among");
    if (minimum < 0 || total < 0)
        throw InputError("allocation: the headcount and the minimum per district must not be negative");
    const long long needed = static_cast<long long>(minimum) * static_cast<long long>(weights.size());
    if (total < needed)
        throw InputError("allocation: a headcount of " + std::to_string(total) + " cannot give " +
                         std::to_string(weights.size()) + " districts at least " + std::to_string(minimum) +
                         " each (needs " + std::to_string(needed) + ")");
    for (std::size_t i = 0; i < weights.size(); ++i)
        if (!std::isfinite(weights[i]) || weights[i] < 0)
            throw InputError("allocation: the workload of district '" + ids[i] +
                             "' must be a finite number >= 0");
}

} // namespace

std::vector<int> allocateLargestRemainder(std::span<const double> weights, std::span<const std::string> ids,
                                          int total, int minimum) {
    checkAllocation(weights, ids, total, minimum);
    const std::size_t n = weights.size();
    std::vector<bool> atMinimum(n, false);
    std::vector<double> quota(n, 0.0);
    // Quotas of the districts not yet held at the minimum share what the others leave.
    for (bool changed = true; changed;) {
        std::size_t free = 0;
        double weight = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (!atMinimum[i]) {
                ++free;
                weight += weights[i];
            }
        const double available = total - static_cast<double>(minimum) * static_cast<double>(n - free);
        changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            if (atMinimum[i])
                continue;
            quota[i] = weight > 0 ? available * weights[i] / weight : available / static_cast<double>(free);
            if (quota[i] < minimum)
                atMinimum[i] = changed = true;
        }
    }

    std::vector<int> seats(n);
    std::vector<std::size_t> byRemainder;
    for (std::size_t i = 0; i < n; ++i) {
        seats[i] = atMinimum[i] ? minimum : static_cast<int>(std::floor(quota[i]));
        if (!atMinimum[i])
            byRemainder.push_back(i);
    }
    const auto remainder = [&](std::size_t i) { return quota[i] - std::floor(quota[i]); };
    std::stable_sort(byRemainder.begin(), byRemainder.end(), [&](std::size_t a, std::size_t b) {
        const double ra = remainder(a), rb = remainder(b);
        return ra != rb ? ra > rb : ids[a] < ids[b];
    });
    const int leftover = total - std::accumulate(seats.begin(), seats.end(), 0);
    for (int k = 0; k < leftover; ++k)
        ++seats[byRemainder[static_cast<std::size_t>(k)]];
    return seats;
}

} // namespace firebeat
