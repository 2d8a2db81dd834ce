// Global empirical-Bayes smoothing of rates (Marshall 1991; spdep's EBest, family "poisson"):
// small denominators make crude rates jumpy, so each is pulled towards the overall rate in
// proportion to how little its denominator tells.
#pragma once

#include <span>
#include <vector>

namespace firebeat {

struct EmpiricalBayes {
    std::vector<double> rates; // smoothed events per unit of base, one per area
    double b = 0;              // overall rate: sum(events) / sum(base)
    double s2 = 0;             // base-weighted variance of the crude rates around b
    double a = 0;              // prior variance: max(0, s2 - b / mean base)
};

// events[i] >= 0 (counts), base[i] >= 0. Areas with a zero base have no crude rate: they are
// left out of b, s2 and the mean base, and get b (their weight a / (a + b / 0) is 0).
// Throws InputError when no area has a positive base.
EmpiricalBayes empiricalBayes(std::span<const double> events, std::span<const double> base);

} // namespace firebeat
