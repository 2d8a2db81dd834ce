// The statistics of emerging hot spots: space-time Gi*, FDR over all bins, Mann-Kendall and the
// 17 rules, in the order docs/emerging.md gives them.
#include "firebeat/emerging.h"

#include "firebeat/hotspot_statistics.h"

#include <algorithm>
#include <cmath>

namespace firebeat {
namespace {

double twoSidedP(double z) {
    return std::erfc(std::fabs(z) / std::sqrt(2.0));
}

// sign(b - a) with differences within the tie tolerance counted as 0.
int tiedSign(double a, double b) {
    const double d = b - a;
    if (std::fabs(d) <= kEmergingTieTolerance)
        return 0;
    return d > 0 ? 1 : -1;
}

// "At least 90 % of the months": 10 count >= 9 T, in integers.
bool mostMonths(int count, std::size_t months) {
    return 10 * static_cast<long long>(count) >= 9 * static_cast<long long>(months);
}

// Rules 1-8 for one side: sign +1 tests hot spots, -1 cold spots (trend directions swapped).
std::optional<int> sideRule(std::span<const std::int8_t> bins, int sign, int count, int opposite,
                            int trendDirection) {
    const std::size_t months = bins.size();
    const bool finalOn = bins.back() == sign;
    const bool most = mostMonths(count, months);
    if (finalOn) {
        int run = 0;
        for (std::size_t t = months; t > 0 && bins[t - 1] == sign; --t)
            ++run;
        if (count == 1)
            return 1;
        if (run == count && run >= 2 && !most)
            return 2;
        if (most) {
            const int towards = trendDirection * sign; // +1: intensifying
            return towards > 0 ? 3 : towards == 0 ? 4 : 5;
        }
        return opposite == 0 ? 6 : 7;
    }
    if (most)
        return 8;
    return std::nullopt;
}

} // namespace

SpaceTimeGi spaceTimeGiStar(std::span<const double> counts, std::size_t months, const SpatialWeights& weights,
                            int neighbourhoodSteps, Progress* progress) {
    const std::size_t locations = weights.size();
    const std::size_t n = counts.size();
    if (months == 0 || n != locations * months)
        throw std::logic_error("spaceTimeGiStar: counts do not match locations x months");
    if (neighbourhoodSteps < 0)
        throw InputError("neighbourhood-steps: expected an integer >= 0");
    double total = 0;
    for (double x : counts)
        total += x;
    const double mean = total / static_cast<double>(n);
    double squares = 0;
    for (double x : counts)
        squares += (x - mean) * (x - mean);
    const double sd = std::sqrt(squares / static_cast<double>(n));
    if (!(sd > 0))
        throw InputError("every location has the same count in every month (S = 0): nothing can stand out");

    SpaceTimeGi out;
    out.z.assign(n, std::nullopt);
    out.p.assign(n, std::nullopt);
    const auto nd = static_cast<double>(n);
    const auto k = static_cast<std::size_t>(neighbourhoodSteps);
    std::vector<double> spatial(months); // sum over {i} and N(i) in month t
    for (std::size_t i = 0; i < locations; ++i) {
        if (i % 1024 == 0) {
            throwIfCancelled(progress);
            if (progress)
                progress->report(static_cast<double>(i) / static_cast<double>(locations), "space-time Gi*");
        }
        const std::span<const std::uint32_t> neighbours = weights.neighbours(i);
        for (std::size_t t = 0; t < months; ++t) {
            double s = counts[i * months + t];
            for (std::uint32_t j : neighbours)
                s += counts[static_cast<std::size_t>(j) * months + t];
            spatial[t] = s;
        }
        const auto members = static_cast<double>(neighbours.size() + 1);
        for (std::size_t t = 0; t < months; ++t) {
            const std::size_t first = t >= k ? t - k : 0;
            double sum = 0;
            for (std::size_t u = first; u <= t; ++u)
                sum += spatial[u];
            const double w = members * static_cast<double>(t - first + 1);
            const double spread = (nd * w - w * w) / (nd - 1);
            if (!(spread > 0))
                continue; // the neighbourhood is the whole cube: z is null
            const double z = (sum - mean * w) / (sd * std::sqrt(spread));
            out.z[i * months + t] = z;
            out.p[i * months + t] = twoSidedP(z);
        }
    }
    return out;
}

std::vector<std::int8_t> fdrBinClasses(std::span<const std::optional<double>> z,
                                       std::span<const std::optional<double>> p, double alpha) {
    std::vector<double> all(p.size());
    for (std::size_t b = 0; b < p.size(); ++b)
        all[b] = p[b] ? *p[b] : 1.0; // counts in m, never passes at alpha < 1
    const std::optional<double> cutoff = benjaminiHochbergCutoff(all, alpha);
    std::vector<std::int8_t> out(p.size(), 0);
    if (!cutoff)
        return out;
    for (std::size_t b = 0; b < p.size(); ++b)
        if (p[b] && z[b] && *p[b] <= *cutoff)
            out[b] = *z[b] > 0 ? 1 : *z[b] < 0 ? -1 : 0;
    return out;
}

MannKendall mannKendall(std::span<const double> series) {
    MannKendall mk;
    const std::size_t n = series.size();
    long long s = 0;
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b)
            s += tiedSign(series[a], series[b]);
    std::vector<double> sorted(series.begin(), series.end());
    std::sort(sorted.begin(), sorted.end());
    double ties = 0;
    for (std::size_t g = 0; g < n;) {
        std::size_t e = g + 1;
        while (e < n && sorted[e] - sorted[e - 1] <= kEmergingTieTolerance)
            ++e;
        const auto t = static_cast<double>(e - g);
        ties += t * (t - 1) * (2 * t + 5);
        g = e;
    }
    const auto nd = static_cast<double>(n);
    mk.s = static_cast<double>(s);
    mk.variance = (nd * (nd - 1) * (2 * nd + 5) - ties) / 18;
    if (s != 0 && mk.variance > 0)
        mk.z = (s > 0 ? mk.s - 1 : mk.s + 1) / std::sqrt(mk.variance);
    mk.p = twoSidedP(mk.z);
    return mk;
}

std::string_view patternName(EmergingPattern pattern) {
    switch (pattern) {
    case EmergingPattern::NoPattern:
        return "No Pattern Detected";
    case EmergingPattern::NewHot:
        return "New Hot Spot";
    case EmergingPattern::ConsecutiveHot:
        return "Consecutive Hot Spot";
    case EmergingPattern::IntensifyingHot:
        return "Intensifying Hot Spot";
    case EmergingPattern::PersistentHot:
        return "Persistent Hot Spot";
    case EmergingPattern::DiminishingHot:
        return "Diminishing Hot Spot";
    case EmergingPattern::SporadicHot:
        return "Sporadic Hot Spot";
    case EmergingPattern::OscillatingHot:
        return "Oscillating Hot Spot";
    case EmergingPattern::HistoricalHot:
        return "Historical Hot Spot";
    case EmergingPattern::NewCold:
        return "New Cold Spot";
    case EmergingPattern::ConsecutiveCold:
        return "Consecutive Cold Spot";
    case EmergingPattern::IntensifyingCold:
        return "Intensifying Cold Spot";
    case EmergingPattern::PersistentCold:
        return "Persistent Cold Spot";
    case EmergingPattern::DiminishingCold:
        return "Diminishing Cold Spot";
    case EmergingPattern::SporadicCold:
        return "Sporadic Cold Spot";
    case EmergingPattern::OscillatingCold:
        return "Oscillating Cold Spot";
    case EmergingPattern::HistoricalCold:
        return "Historical Cold Spot";
    }
    return "No Pattern Detected";
}

LocationClass classifyLocation(std::span<const std::optional<double>> z, std::span<const std::int8_t> bins,
                               double trendAlpha) {
    if (z.size() != bins.size() || z.empty())
        throw std::logic_error("classifyLocation: z and bins must have one value per month");
    LocationClass c;
    std::vector<double> series(z.size());
    for (std::size_t t = 0; t < z.size(); ++t) {
        series[t] = z[t].value_or(0.0);
        c.hot += bins[t] > 0;
        c.cold += bins[t] < 0;
    }
    c.trend = mannKendall(series);
    const bool significant = c.trend.p <= trendAlpha;
    const int direction = !significant ? 0 : c.trend.z > 0 ? 1 : c.trend.z < 0 ? -1 : 0;
    if (const auto rule = sideRule(bins, 1, c.hot, c.cold, direction))
        c.pattern = static_cast<EmergingPattern>(*rule);
    else if (const auto coldRule = sideRule(bins, -1, c.cold, c.hot, direction))
        c.pattern = static_cast<EmergingPattern>(-*coldRule);
    return c;
}

} // namespace firebeat
