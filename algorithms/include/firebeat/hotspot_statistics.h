// Local statistics of one value per area: Getis-Ord Gi* and Local Moran's I, as docs/statistics.md
// defines them. Plain numbers in, one result per area out (same order as the weights' rows).
#pragma once

#include "firebeat/progress.h"
#include "firebeat/spatial_weights.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace firebeat {

// Per-feature notes. A feature with kNoNeighbours or kWholeStudyArea has no z / p.
namespace hotspot_flags {
inline constexpr std::uint32_t kNoNeighbours = 1u << 0;   // no neighbour besides itself
inline constexpr std::uint32_t kWholeStudyArea = 1u << 1; // its neighbourhood holds every feature
inline constexpr std::uint32_t kNoDenominator = 1u << 2;  // rate over zero: the overall rate was used
} // namespace hotspot_flags
// Comma-separated names ("no_neighbours,whole_study_area"), empty for 0.
std::string describeFlags(std::uint32_t flags);

struct GiStar {
    std::optional<double> z;
    std::optional<double> p; // two-sided
    int bin = 0;             // ±3/±2/±1 when p <= 0.01/0.05/0.10, signed by z; else 0
    int binFdr = 0;          // the same levels after Benjamini–Hochberg over all tested features
    std::uint32_t flags = 0;
};

// Binary weights with the feature itself included, population SD. Throws InputError for fewer
// than 3 values or when all values are equal (S = 0: nothing can stand out).
std::vector<GiStar> getisOrdGiStar(std::span<const double> values, const SpatialWeights& weights);

// The Gi_Bin of a two-sided p, signed by z.
int confidenceBin(double z, double p);
// Benjamini–Hochberg step-up at level alpha: p(k*) with k* = max{k : p(k) <= k alpha / m},
// m = p.size(); a p is significant iff p <= the cut-off. nullopt when nothing passes.
std::optional<double> benjaminiHochbergCutoff(std::span<const double> p, double alpha);

enum class LisaQuadrant { NotSignificant, HighHigh, LowLow, HighLow, LowHigh };
// "HH", "LL", "HL", "LH", "NS".
std::string_view code(LisaQuadrant quadrant);

struct LocalMoranOptions {
    int permutations = 999;
    std::uint64_t seed = 12345;
    double alpha = 0.05;  // a quadrant is reported when the pseudo p <= alpha
    unsigned threads = 0; // 0: every core; the result does not depend on it
};

struct LocalMoran {
    std::optional<double> i;
    std::optional<double> p; // folded pseudo p of the conditional permutation test
    LisaQuadrant quadrant = LisaQuadrant::NotSignificant;
    std::uint32_t flags = 0;
};

// Row-standardised weights, self excluded. The conditional permutations are drawn once and
// shared by every feature (as esda's crand does; docs/statistics.md): permutation s comes from
// xoshiro256** seeded by splitmix64 from (seed, s), so nothing depends on the threads.
// A value exactly at the mean (I = 0 = every I_sim) gets p = 1; a feature whose neighbours are
// all the others gets I but no p (kWholeStudyArea); one without neighbours neither.
// Throws InputError for fewer than 3 values, all values equal or permutations < 1.
std::vector<LocalMoran> localMoran(std::span<const double> values, const SpatialWeights& weights,
                                   const LocalMoranOptions& options, Progress* progress = nullptr);

} // namespace firebeat
