#include "firebeat/rates.h"

#include "firebeat/progress.h"

#include <algorithm>
#include <stdexcept>

namespace firebeat {

EmpiricalBayes empiricalBayes(std::span<const double> events, std::span<const double> base) {
    if (events.size() != base.size())
        throw std::invalid_argument("empiricalBayes: events and base differ in length");
    double eventSum = 0;
    double baseSum = 0;
    std::size_t counted = 0;
    for (std::size_t i = 0; i < base.size(); ++i)
        if (base[i] > 0) {
            eventSum += events[i];
            baseSum += base[i];
            ++counted;
        }
    if (counted == 0)
        throw InputError("empirical-Bayes smoothing needs at least one area with a positive denominator");

    EmpiricalBayes eb;
    eb.b = eventSum / baseSum;
    for (std::size_t i = 0; i < base.size(); ++i)
        if (base[i] > 0) {
            const double r = events[i] / base[i];
            eb.s2 += base[i] * (r - eb.b) * (r - eb.b);
        }
    eb.s2 /= baseSum;
    eb.a = std::max(0.0, eb.s2 - eb.b / (baseSum / static_cast<double>(counted)));

    eb.rates.reserve(base.size());
    for (std::size_t i = 0; i < base.size(); ++i) {
        if (!(base[i] > 0) || eb.a == 0) {
            eb.rates.push_back(eb.b);
            continue;
        }
        const double w = eb.a / (eb.a + eb.b / base[i]);
        eb.rates.push_back(w * (events[i] / base[i]) + (1 - w) * eb.b);
    }
    return eb;
}

} // namespace firebeat
