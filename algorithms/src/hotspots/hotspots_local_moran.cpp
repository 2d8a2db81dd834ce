// Local Moran's I with conditional permutations drawn once for every area, as esda's crand does.
//
// Permutation s is a sequence of distinct positions in [0, n - 1). For area i, position t stands
// for area t, except t == i, which stands for area n - 1: the positions map one to one onto the
// areas other than i, so the first k positions of a permutation are a uniformly random k-subset
// of i's others, which is the conditional permutation test. The sum of the values at the first k
// positions (read as areas t) is then one running sum per permutation, shared by every area with
// k neighbours, and corrected for area i only in the few permutations where position i is among
// the first k. The test costs O(permutations x (largest k + areas)) instead of
// O(permutations x links): 100,000 areas with 999 permutations take milliseconds, not seconds.
#include "firebeat/hotspot_statistics.h"

#include "hotspots/hotspots_internal.h"
#include "util/parallel.h"
#include "util/random.h"

#include <algorithm>
#include <functional>

namespace firebeat {
namespace {

// Uniform integer in [0, bound), bound > 0: Lemire's multiply-shift, which divides only on the
// rare rejection path.
std::uint32_t below(detail::Random& rng, std::uint32_t bound) {
    std::uint64_t m = (rng.next() >> 32) * bound;
    if (static_cast<std::uint32_t>(m) < bound) {
        const std::uint32_t threshold = (0u - bound) % bound;
        while (static_cast<std::uint32_t>(m) < threshold)
            m = (rng.next() >> 32) * bound;
    }
    return static_cast<std::uint32_t>(m >> 32);
}

// Runs task(begin, end) over [0, count) in chunks of `chunk`, on the analyses' fork-join loop.
void forChunks(std::size_t count, std::size_t chunk, unsigned threads, Progress* progress,
               const std::function<void(std::size_t, std::size_t)>& task) {
    detail::parallelFor((count + chunk - 1) / chunk, threads, progress, 0, 1, "Local Moran's I permutations",
                        [&](std::size_t c, unsigned) { task(c * chunk, std::min(count, (c + 1) * chunk)); });
}

// The permutations' positions, permutation-major, and where each position was drawn.
struct Draws {
    std::size_t depth = 0;                 // positions per permutation: the largest k tested
    std::vector<std::uint32_t> position;   // [s * depth + j]
    std::vector<std::uint32_t> drawnStart; // per position, into drawnAt; one past the last too
    std::vector<std::uint32_t> drawnAt;    // s * depth + j, grouped by position
};

// Each permutation from its own stream (seed, s), by a partial Fisher-Yates shuffle that is
// undone afterwards: the draws do not depend on the threads.
Draws drawPermutations(std::size_t n, std::size_t depth, const LocalMoranOptions& options) {
    Draws d;
    d.depth = depth;
    const auto permutations = static_cast<std::size_t>(options.permutations);
    d.position.resize(permutations * depth);
    const auto others = static_cast<std::uint32_t>(n - 1);
    forChunks(permutations, 64, options.threads, nullptr, [&](std::size_t first, std::size_t last) {
        std::vector<std::uint32_t> order(others);
        for (std::uint32_t t = 0; t < others; ++t)
            order[t] = t;
        std::vector<std::uint32_t> swapped(depth);
        for (std::size_t s = first; s < last; ++s) {
            detail::Random rng(options.seed, s);
            std::uint32_t* out = d.position.data() + s * depth;
            for (std::uint32_t j = 0; j < depth; ++j) {
                swapped[j] = j + below(rng, others - j);
                std::swap(order[j], order[swapped[j]]);
                out[j] = order[j];
            }
            for (std::size_t j = depth; j-- > 0;)
                std::swap(order[j], order[swapped[j]]);
        }
    });
    d.drawnStart.assign(static_cast<std::size_t>(others) + 1, 0);
    for (std::uint32_t t : d.position)
        ++d.drawnStart[t + 1];
    for (std::size_t t = 1; t < d.drawnStart.size(); ++t)
        d.drawnStart[t] += d.drawnStart[t - 1];
    d.drawnAt.resize(d.position.size());
    std::vector<std::uint32_t> fill(d.drawnStart.begin(), d.drawnStart.end() - 1);
    for (std::size_t e = 0; e < d.position.size(); ++e)
        d.drawnAt[fill[d.position[e]]++] = static_cast<std::uint32_t>(e);
    return d;
}

// Running sums for this many (k, permutation) pairs at most are kept at once (32 MB).
constexpr std::size_t kSumBudget = std::size_t{1} << 22;

} // namespace

std::string_view code(LisaQuadrant quadrant) {
    switch (quadrant) {
    case LisaQuadrant::HighHigh:
        return "HH";
    case LisaQuadrant::LowLow:
        return "LL";
    case LisaQuadrant::HighLow:
        return "HL";
    case LisaQuadrant::LowHigh:
        return "LH";
    case LisaQuadrant::NotSignificant:
        break;
    }
    return "NS";
}

std::vector<LocalMoran> localMoran(std::span<const double> values, const SpatialWeights& weights,
                                   const LocalMoranOptions& options, Progress* progress) {
    const double mean = detail::checkedMean(values, weights, "Local Moran's I");
    if (options.permutations < 1)
        throw InputError("Local Moran's I needs at least 1 permutation, not " +
                         std::to_string(options.permutations));
    const std::size_t n = values.size();
    double m2 = 0;
    for (double v : values)
        m2 += (v - mean) * (v - mean);
    m2 /= static_cast<double>(n);

    // The statistic, and which areas the permutations test (sums of raw values decide
    // "I_sim >= I_i" exactly for integer counts; the sign of z_i turns the comparison round).
    std::vector<LocalMoran> out(n);
    std::vector<double> observed(n, 0);
    std::vector<std::uint32_t> tested;
    std::size_t depth = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::span<const std::uint32_t> neighbours = weights.neighbours(i);
        if (neighbours.empty()) {
            out[i].flags = hotspot_flags::kNoNeighbours;
            continue;
        }
        for (std::uint32_t j : neighbours)
            observed[i] += values[j];
        const double zi = values[i] - mean;
        const double lag = observed[i] / static_cast<double>(neighbours.size()) - mean;
        out[i].i = zi / m2 * lag;
        if (neighbours.size() + 1 == n) // every draw is the neighbourhood itself
            out[i].flags = hotspot_flags::kWholeStudyArea;
        else if (zi == 0) // I_i = 0 = every I_sim: the test says nothing, not "most significant"
            out[i].p = 1.0;
        else {
            tested.push_back(static_cast<std::uint32_t>(i));
            depth = std::max(depth, neighbours.size());
        }
    }
    if (tested.empty())
        return out;
    const Draws draws = drawPermutations(n, depth, options);

    // Tested areas by k; the running sums advance k by k, and the areas of the k values kept
    // so far are tested together once the budget is full or k reaches the depth.
    const std::size_t nsim = static_cast<std::size_t>(options.permutations);
    const auto kOf = [&](std::uint32_t i) { return weights.neighbours(i).size(); };
    std::stable_sort(tested.begin(), tested.end(), [&](auto a, auto b) { return kOf(a) < kOf(b); });
    std::vector<double> running(nsim, 0);
    std::vector<double> kept; // columns of nsim sums, one per k in keptK
    std::vector<std::size_t> keptK;
    std::size_t nextTested = 0;
    const double last = values[n - 1];
    const auto testKept = [&] {
        const std::size_t from = nextTested;
        while (nextTested < tested.size() && kOf(tested[nextTested]) <= keptK.back())
            ++nextTested;
        forChunks(nextTested - from, 256, options.threads, progress, [&](std::size_t first, std::size_t end) {
            for (std::size_t a = from + first; a < from + end; ++a) {
                const std::uint32_t i = tested[a];
                const std::size_t k = kOf(i);
                const double* sums =
                    kept.data() + nsim * static_cast<std::size_t>(
                                             std::lower_bound(keptK.begin(), keptK.end(), k) - keptK.begin());
                const double sum = observed[i];
                const bool high = values[i] > mean;
                const auto counts = [&](double drawn) { return high ? drawn >= sum : drawn <= sum; };
                std::size_t atLeast = 0;
                for (std::size_t s = 0; s < nsim; ++s)
                    atLeast += counts(sums[s]);
                // Permutations that drew position i among the first k drew area n - 1 there.
                if (i + 1 < n)
                    for (std::uint32_t e = draws.drawnStart[i]; e < draws.drawnStart[i + 1]; ++e) {
                        const std::uint32_t at = draws.drawnAt[e];
                        if (at % depth < k) {
                            const double plain = sums[at / depth];
                            atLeast = atLeast - counts(plain) + counts(plain - values[i] + last);
                        }
                    }
                const double p = static_cast<double>(std::min(atLeast, nsim - atLeast) + 1) /
                                 static_cast<double>(nsim + 1);
                const double lag = sum / static_cast<double>(k) - mean;
                out[i].p = p;
                if (p <= options.alpha && lag != 0)
                    out[i].quadrant = high ? (lag > 0 ? LisaQuadrant::HighHigh : LisaQuadrant::HighLow)
                                           : (lag < 0 ? LisaQuadrant::LowLow : LisaQuadrant::LowHigh);
            }
        });
        kept.clear();
        keptK.clear();
    };
    for (std::size_t k = 1, wanted = 0; k <= depth; ++k) {
        for (std::size_t s = 0; s < nsim; ++s)
            running[s] += values[draws.position[s * depth + k - 1]];
        while (wanted < tested.size() && kOf(tested[wanted]) < k)
            ++wanted;
        if (wanted == tested.size() || kOf(tested[wanted]) != k)
            continue;
        kept.insert(kept.end(), running.begin(), running.end());
        keptK.push_back(k);
        if (kept.size() + nsim > kSumBudget || k == depth)
            testKept();
    }
    return out;
}

} // namespace firebeat
