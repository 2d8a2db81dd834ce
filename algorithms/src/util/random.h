// A small deterministic random number generator (xoshiro256** seeded by splitmix64) with its own
// distributions. std:: distributions are implementation-defined and libm's log() may differ
// between builds, so everything here uses integer arithmetic and IEEE +, -, *, /, sqrt only:
// the same seed gives the same numbers, to the bit, on every machine.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <stdexcept>

namespace firebeat::detail {

inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// Natural logarithm from frexp (exact) and the atanh series: not correctly rounded (error
// about 1 ulp) but identical everywhere, unlike std::log.
inline double deterministicLog(double x) {
    if (!(x > 0) || !std::isfinite(x))
        throw std::domain_error("deterministicLog: argument must be positive and finite");
    int exponent = 0;
    double m = std::frexp(x, &exponent); // x = m * 2^exponent, m in [0.5, 1)
    if (m < 0.70710678118654752440) {
        m *= 2;
        --exponent;
    }
    // ln(m) = 2 atanh(s), |s| <= 0.172: 13 terms reach below 1e-17.
    const double s = (m - 1) / (m + 1);
    const double s2 = s * s;
    double series = 0;
    for (int k = 25; k >= 1; k -= 2)
        series = series * s2 + 1.0 / k;
    return 2 * s * series + exponent * 0.69314718055994530942;
}

class Random {
  public:
    explicit Random(std::uint64_t seed) {
        std::uint64_t state = seed;
        for (std::uint64_t& word : s_)
            word = splitmix64(state);
    }
    // An independent stream for one purpose, so adding draws to one part of a generator does
    // not shift the numbers of another.
    Random(std::uint64_t seed, std::uint64_t stream) : Random(mix(seed, stream)) {}

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool chance(double p) { return uniform() < p; }

    // Unbiased integer in [0, n), n > 0.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t threshold = (0 - n) % n; // 2^64 mod n
        for (;;) {
            const std::uint64_t r = next();
            if (r >= threshold)
                return r % n;
        }
    }
    // Integer in [lo, hi].
    int between(int lo, int hi) {
        return lo +
               static_cast<int>(below(static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo + 1)));
    }

    // Standard normal by the Marsaglia polar method; the second value of each pair is kept.
    double normal() {
        if (hasSpare_) {
            hasSpare_ = false;
            return spare_;
        }
        double u = 0, v = 0, s = 0;
        do {
            u = uniform(-1, 1);
            v = uniform(-1, 1);
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        const double f = std::sqrt(-2 * deterministicLog(s) / s);
        spare_ = v * f;
        hasSpare_ = true;
        return u * f;
    }
    double normal(double mean, double sd) { return mean + sd * normal(); }

    // Exponential with the given mean.
    double exponential(double mean) { return -mean * deterministicLog(1 - uniform()); }

    // Poisson: counts unit-rate exponential gaps up to lambda; a rounded normal beyond 50,
    // where the gap count gets slow and the normal approximation is good.
    int poisson(double lambda) {
        if (lambda <= 0)
            return 0;
        if (lambda > 50) {
            const double k = std::floor(normal(lambda, std::sqrt(lambda)) + 0.5);
            return k < 0 ? 0 : static_cast<int>(k);
        }
        int k = 0;
        for (double t = exponential(1); t < lambda; t += exponential(1))
            ++k;
        return k;
    }

    // Index drawn with probability proportional to weights[i] (weights >= 0, sum > 0).
    std::size_t weighted(std::span<const double> weights) {
        double total = 0;
        for (double w : weights)
            total += w;
        double r = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (r < weights[i])
                return i;
            r -= weights[i];
        }
        for (std::size_t i = weights.size(); i-- > 0;) // rounding left r just past the end
            if (weights[i] > 0)
                return i;
        throw std::invalid_argument("Random::weighted: all weights are zero");
    }

    // A uniformly chosen element of a non-empty array or vector.
    template <class Items> const auto& choice(const Items& items) {
        if (std::size(items) == 0)
            throw std::invalid_argument("Random::choice: no items");
        return items[below(std::size(items))];
    }

  private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t mix(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
        return splitmix64(state);
    }

    std::uint64_t s_[4] = {};
    double spare_ = 0;
    bool hasSpare_ = false;
};

} // namespace firebeat::detail
