#include "firebeat/hotspot_statistics.h"

#include "hotspots/hotspots_internal.h"
#include "util/random.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <thread>

namespace firebeat {
namespace {

// Uniform integer in [0, bound), bound > 0: Lemire's multiply-shift, which divides only on the
// rare rejection path (the permutation loop draws tens of millions of these).
std::uint32_t below(detail::Random& rng, std::uint32_t bound) {
    std::uint64_t m = (rng.next() >> 32) * bound;
    if (static_cast<std::uint32_t>(m) < bound) {
        const std::uint32_t threshold = (0u - bound) % bound;
        while (static_cast<std::uint32_t>(m) < threshold)
            m = (rng.next() >> 32) * bound;
    }
    return static_cast<std::uint32_t>(m >> 32);
}

class PermutationTest {
  public:
    PermutationTest(std::span<const double> values, const SpatialWeights& weights,
                    const LocalMoranOptions& options, double mean)
        : values_(values), weights_(weights), options_(options), mean_(mean), taken_(values.size(), 0) {
        for (double v : values)
            m2_ += (v - mean) * (v - mean);
        m2_ /= static_cast<double>(values.size());
    }

    LocalMoran run(std::size_t i) {
        LocalMoran out;
        const std::span<const std::uint32_t> neighbours = weights_.neighbours(i);
        if (neighbours.empty()) {
            out.flags = hotspot_flags::kNoNeighbours;
            return out;
        }
        const double zi = values_[i] - mean_;
        // Sums of raw values decide "I_sim >= I_i" exactly for integer counts; the sign of z_i
        // turns the comparison round.
        double sum = 0;
        for (std::uint32_t j : neighbours)
            sum += values_[j];
        const double lag = sum / static_cast<double>(neighbours.size()) - mean_;
        out.i = zi / m2_ * lag;
        if (neighbours.size() + 1 == values_.size()) { // every draw is the neighbourhood itself
            out.flags = hotspot_flags::kWholeStudyArea;
            return out;
        }
        if (zi == 0) { // I_i = 0 = every I_sim: the test says nothing, not "most significant"
            out.p = 1.0;
            return out;
        }
        detail::Random rng(options_.seed, i);
        int atLeast = 0;
        for (int s = 0; s < options_.permutations; ++s) {
            const double drawn = drawSum(rng, i, neighbours.size());
            atLeast += zi > 0 ? drawn >= sum : drawn <= sum;
        }
        const int nsim = options_.permutations;
        const double p = (std::min(atLeast, nsim - atLeast) + 1.0) / (nsim + 1.0);
        out.p = p;
        if (p <= options_.alpha && lag != 0)
            out.quadrant = zi > 0 ? (lag > 0 ? LisaQuadrant::HighHigh : LisaQuadrant::HighLow)
                                  : (lag < 0 ? LisaQuadrant::LowLow : LisaQuadrant::LowHigh);
        return out;
    }

  private:
    // Sum of k values drawn without replacement from all but feature i: Floyd's algorithm on
    // positions 0..n-2 (position t >= i stands for feature t + 1), exactly k draws whatever k is.
    double drawSum(detail::Random& rng, std::size_t i, std::size_t k) {
        const auto others = static_cast<std::uint32_t>(values_.size() - 1);
        if (k <= kFewDraws) {
            // The same draws, with "taken" looked up among the few positions chosen so far (in
            // cache) instead of a stamp per feature (a cache miss per draw on large layers).
            std::uint32_t chosen[kFewDraws];
            std::size_t count = 0;
            double sum = 0;
            for (auto j = static_cast<std::uint32_t>(others - k); j < others; ++j) {
                std::uint32_t t = below(rng, j + 1);
                // Earlier draws are all < j, so j itself is never taken.
                if (std::find(chosen, chosen + count, t) != chosen + count)
                    t = j;
                chosen[count++] = t;
                sum += values_[t < i ? t : t + 1];
            }
            return sum;
        }
        if (++stamp_ == 0) {
            std::fill(taken_.begin(), taken_.end(), 0);
            stamp_ = 1;
        }
        double sum = 0;
        for (auto j = static_cast<std::uint32_t>(others - k); j < others; ++j) {
            std::uint32_t t = below(rng, j + 1);
            if (taken_[t] == stamp_)
                t = j;
            taken_[t] = stamp_;
            sum += values_[t < i ? t : t + 1];
        }
        return sum;
    }

    std::span<const double> values_;
    const SpatialWeights& weights_;
    const LocalMoranOptions& options_;
    double mean_;
    double m2_ = 0;
    static constexpr std::size_t kFewDraws = 32;
    std::vector<std::uint32_t> taken_; // position t is taken in this draw iff taken_[t] == stamp_
    std::uint32_t stamp_ = 0;
};

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

    std::vector<LocalMoran> out(values.size());
    constexpr std::size_t kChunk = 64;
    std::atomic<std::size_t> nextChunk{0};
    std::atomic<bool> stop{false};
    const std::size_t chunks = (values.size() + kChunk - 1) / kChunk;
    // Each worker takes chunks of features; the caller's thread also reports progress and
    // polls cancellation, which Progress implementations need not allow from other threads.
    const auto work = [&](bool reporting) {
        PermutationTest test(values, weights, options, mean);
        for (std::size_t c = nextChunk++; c < chunks && !stop; c = nextChunk++) {
            for (std::size_t i = c * kChunk; i < std::min(values.size(), (c + 1) * kChunk); ++i)
                out[i] = test.run(i);
            if (reporting && progress) {
                progress->report(static_cast<double>(std::min(nextChunk.load(), chunks)) /
                                     static_cast<double>(chunks),
                                 "Local Moran's I permutations");
                if (progress->cancelled())
                    stop = true;
            }
        }
    };
    const unsigned cores =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t helpers = std::min<std::size_t>(cores, chunks) - 1; // chunks >= 1: n >= 3
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < helpers; ++t)
        threads.emplace_back(work, false);
    work(true);
    for (std::thread& t : threads)
        t.join();
    if (stop)
        throw Cancelled();
    return out;
}

} // namespace firebeat
