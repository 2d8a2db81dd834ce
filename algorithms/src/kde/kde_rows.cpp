// The hot loops of the kernel density engine: one point's kernel added row by row into a tile.
//
// Rows are runs of contiguous floats evaluated 8 lanes at a time with GCC vector extensions,
// branch-free (lanes outside the disc or past the run are masked). The three entry points are
// built twice (AVX2 and baseline x86-64) and picked at load time. Neither build has FMA, so
// every pixel gets the same IEEE float operations in every build and in every tile: that is
// what makes windows join bit for bit and keeps gridSum() equal to what addPoint() adds.
#include "kde/kde_chords.h"
#include "kde/kde_internal.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

// The 32-byte vectors below only live inside always-inlined helpers, never across a call
// boundary, so GCC's note that passing them would change the baseline ABI does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace firebeat::kde {
namespace {

using v8f = float __attribute__((vector_size(32)));
using v8i = std::int32_t __attribute__((vector_size(32)));

#define FB_INLINE [[gnu::always_inline]] inline

FB_INLINE v8f splat(float x) {
    return v8f{x, x, x, x, x, x, x, x};
}
FB_INLINE v8f load(const float* p) {
    v8f v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
FB_INLINE void store(float* p, v8f v) {
    std::memcpy(p, &v, sizeof v);
}

// sqrt for t >= 0 by three Newton steps on 1/sqrt (about 1 ulp; no divisions, no target intrinsics).
FB_INLINE v8f sqrtNonNegative(v8f t) {
    v8f y = std::bit_cast<v8f>(0x5f3759df - (std::bit_cast<v8i>(t) >> 1));
    const v8f half = t * 0.5f;
    for (int i = 0; i < 3; ++i)
        y = y * (1.5f - half * y * y);
    return t * y;
}

// exp(x) for x in [-100, 0]: Cody-Waite reduction and Cephes' expf polynomial (about 2 ulp).
FB_INLINE v8f expNonPositive(v8f x) {
    const v8i n = __builtin_convertvector(x * 1.44269504088896341f - 0.5f, v8i); // round(x / ln 2)
    const v8f nf = __builtin_convertvector(n, v8f);
    const v8f r = (x - nf * 0.693359375f) - nf * -2.12194440e-4f;
    v8f p = splat(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const v8f e = p * (r * r) + r + 1.0f;
    return e * std::bit_cast<v8f>((n + 127) << 23);
}

// The kernel's shape at t = (distance / radius)^2; 1 at the centre. Clamp: the caller may pass
// t slightly above 1 without masking it (QGIS's double-precision test admits pixels our float t
// puts at 1 + ulp), so odd powers of 1 - t must not go below 0.
template <Kernel K, bool Clamp> FB_INLINE v8f shapeAt(v8f t, const Shape& shape) {
    if constexpr (K == Kernel::Uniform) {
        (void)t;
        return splat(1);
    } else if constexpr (K == Kernel::Triangular) {
        return 1.0f - shape.slope * sqrtNonNegative(t);
    } else if constexpr (K == Kernel::Gaussian) {
        return expNonPositive(t * -shape.gaussA);
    } else if constexpr (K == Kernel::Quartic) {
        const v8f a = 1.0f - t;
        return a * a;
    } else {
        v8f a = 1.0f - t;
        if constexpr (Clamp)
            a = a > 0.0f ? a : splat(0);
        if constexpr (K == Kernel::Epanechnikov)
            return a;
        else
            return a * a * a;
    }
}

// Evaluates the run of n pixels whose first has k = kFirst (dx = k - fx), 8 at a time, and hands
// each vector of shapes with its lane mask to sink(j, mask, shape). With DiscTest lanes with
// t > 1 are masked; lanes past the run (in the last vector only) always are.
template <Kernel K, bool DiscTest, class Sink>
FB_INLINE void runRow(std::int64_t kFirst, int n, float fx, float dyq, float s, const Shape& shape,
                      Sink&& sink) {
    const v8f iota = {0, 1, 2, 3, 4, 5, 6, 7};
    const v8i all = {-1, -1, -1, -1, -1, -1, -1, -1};
    v8f k = static_cast<float>(kFirst) + iota;
    const auto lanes = [&](int j, v8i mask) {
        const v8f dx = k - fx;
        const v8f t = (dx * dx + dyq) * s;
        if constexpr (DiscTest)
            mask &= t <= 1.0f;
        sink(j, mask, shapeAt<K, !DiscTest>(t, shape));
        k += 8.0f;
    };
    int j = 0;
    for (; j + 8 <= n; j += 8)
        lanes(j, all);
    if (j < n)
        lanes(j, k < static_cast<float>(kFirst + n));
}

// Columns k (relative to ic) that may hold t <= 1 on a row: the analytic chord widened past the
// float rounding of t, so the lane mask alone decides membership. halfSq = 1 / s.
FB_INLINE Chord chordFor(const GridPoint& p, double halfSq, float dyq) {
    const double half = std::sqrt(std::max(0.0, halfSq - dyq)) + 1e-3 * (p.reach + 1);
    return {static_cast<std::int64_t>(std::floor(p.fx - half)),
            static_cast<std::int64_t>(std::ceil(p.fx + half))};
}

// Rows (relative to jc) that may hold t <= 1.
FB_INLINE std::int64_t rowReach(const GridPoint& p) {
    return static_cast<std::int64_t>(std::ceil(p.reach)) + 1;
}

// One row's run of pixels for runRow: where it starts in the tile and its k, length and dy^2.
struct RowRun {
    float* acc;
    std::int64_t kFirst;
    int n;
    float dyq;
};

// Plans rows [first, last] in batches before running them: each row's set-up is a chain of
// dependent operations (sqrt, rounding, conversions), and planning rows back to back lets the
// processor overlap those chains instead of waiting on each before its vector loop.
// plan(row, run) returns whether the row has pixels; run(run) adds them.
template <class Plan, class Run>
FB_INLINE void batchedRows(std::int64_t first, std::int64_t last, Plan&& plan, Run&& run) {
    constexpr std::int64_t kBatch = 32;
    RowRun runs[kBatch];
    for (std::int64_t begin = first; begin <= last; begin += kBatch) {
        int count = 0;
        for (std::int64_t row = begin; row <= std::min(last, begin + kBatch - 1); ++row)
            count += plan(row, runs[count]);
        for (int i = 0; i < count; ++i)
            run(runs[i]);
    }
}

template <Kernel K> FB_INLINE void addPointT(const GridPoint& p, const Shape& shape, const TileBuffer& tile) {
    const std::int64_t reach = rowReach(p);
    const std::int64_t colEnd = tile.col0 + tile.width - 1;
    const v8f zero = splat(0);
    const float coef = p.coef;
    const double halfSq = 1.0 / static_cast<double>(p.s);
    const auto plan = [&](std::int64_t row, RowRun& run) {
        const float dy = static_cast<float>(row - p.jc) - p.fy;
        const float dyq = dy * dy;
        if (dyq * p.s > 1.0f)
            return false;
        const Chord chord = chordFor(p, halfSq, dyq);
        const std::int64_t colLo = std::max(p.ic + chord.lo, tile.col0);
        const std::int64_t colHi = std::min(p.ic + chord.hi, colEnd);
        if (colLo > colHi)
            return false;
        run = {tile.data + (row - tile.row0) * tile.stride + (colLo - tile.col0), colLo - p.ic,
               static_cast<int>(colHi - colLo + 1), dyq};
        return true;
    };
    batchedRows(std::max(p.jc - reach, tile.row0), std::min(p.jc + reach, tile.row0 + tile.height - 1), plan,
                [&](const RowRun& run) {
                    runRow<K, true>(run.kFirst, run.n, p.fx, run.dyq, p.s, shape,
                                    [&](int j, v8i mask, v8f v) {
                                        store(run.acc + j, load(run.acc + j) + (mask ? coef * v : zero));
                                    });
                });
}

// Bernoulli polynomials: sum_{k=a}^{b} (k - f)^q = (B_{q+1}(b + 1 - f) - B_{q+1}(a - f)) / (q + 1).
double bernoulli(int n, double x) {
    const double x2 = x * x;
    switch (n) {
    case 1:
        return x - 0.5;
    case 3:
        return x * (x2 - 1.5 * x + 0.5);
    case 5:
        return x * (x2 * (x2 - 2.5 * x + 5.0 / 3) - 1.0 / 6);
    default: // 7
        return x * (x2 * (x2 * (x2 - 3.5 * x + 3.5) - 7.0 / 6) + 1.0 / 6);
    }
}

// Sum over one row of (1 - t)^n for the polynomial kernels (n = 0 uniform, 1 Epanechnikov, 2
// quartic, 3 triweight) in O(1): the row's exact members (the lane test's), then
// sum (A - s dx^2)^n with A = 1 - s dy^2 expanded into power sums of dx.
double polynomialRowSum(const GridPoint& p, double halfSq, float dyq, int n) {
    const auto [lo, hi] = discRow(p, halfSq, dyq);
    if (lo > hi)
        return 0;
    const double x0 = static_cast<double>(lo) - p.fx, x1 = static_cast<double>(hi + 1) - p.fx;
    double power[4] = {static_cast<double>(hi - lo + 1), 0, 0, 0}; // sums of dx^0, dx^2, dx^4, dx^6
    for (int m = 1; m <= n; ++m)
        power[m] = (bernoulli(2 * m + 1, x1) - bernoulli(2 * m + 1, x0)) / (2 * m + 1);
    const double a = 1 - static_cast<double>(p.s) * dyq, b = -static_cast<double>(p.s);
    constexpr double kBinomial[4][4] = {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 2, 1, 0}, {1, 3, 3, 1}};
    double sum = 0;
    for (int m = 0; m <= n; ++m)
        sum += kBinomial[n][m] * std::pow(a, n - m) * std::pow(b, m) * power[m];
    return sum;
}

// Beyond this many pixels per radius the polynomial kernels are summed row by row in closed
// form (O(radius) instead of O(radius^2)); the two agree to ~1e-7, the float rounding of the
// values the raster actually adds.
constexpr double kClosedFormReach = 48;

template <Kernel K> FB_INLINE double gridSumT(const GridPoint& p, const Shape& shape) {
    const std::int64_t reach = rowReach(p);
    const v8f zero = splat(0);
    const double halfSq = 1.0 / static_cast<double>(p.s);
    constexpr int degree = K == Kernel::Uniform        ? 0
                           : K == Kernel::Epanechnikov ? 1
                           : K == Kernel::Quartic      ? 2
                           : K == Kernel::Triweight    ? 3
                                                       : -1;
    double total = 0;
    if constexpr (degree >= 0) {
        if (p.reach > kClosedFormReach) {
            for (std::int64_t dRow = -reach; dRow <= reach; ++dRow) {
                const float dy = static_cast<float>(dRow) - p.fy;
                const float dyq = dy * dy;
                if (dyq * p.s <= 1.0f)
                    total += polynomialRowSum(p, halfSq, dyq, degree);
            }
            return total;
        }
    }
    const auto plan = [&](std::int64_t dRow, RowRun& run) {
        const float dy = static_cast<float>(dRow) - p.fy;
        const float dyq = dy * dy;
        if (dyq * p.s > 1.0f)
            return false;
        const Chord chord = chordFor(p, halfSq, dyq);
        run = {nullptr, chord.lo, static_cast<int>(chord.hi - chord.lo + 1), dyq};
        return true;
    };
    batchedRows(-reach, reach, plan, [&](const RowRun& run) {
        v8f lanes = zero;
        runRow<K, true>(run.kFirst, run.n, p.fx, run.dyq, p.s, shape,
                        [&](int, v8i mask, v8f v) { lanes += mask ? v : zero; });
        for (int l = 0; l < 8; ++l)
            total += static_cast<double>(lanes[l]);
    });
    return total;
}

template <Kernel K>
FB_INLINE void addQgisPointT(const QgisPoint& q, const QgisLayout& layout, const Shape& shape,
                             const TileBuffer& tile) {
    const std::int64_t ypFirst = std::max<std::int64_t>(0, tile.row0 - q.yPosIO);
    const std::int64_t ypLast = std::min(q.block - 1, tile.row0 + tile.height - 1 - q.yPosIO);
    const std::int64_t blockLo = std::max(q.xPos, tile.col0);
    const std::int64_t blockHi = std::min(q.xPos + q.block - 1, tile.col0 + tile.width - 1);
    if (blockLo > blockHi)
        return;
    const GridPoint& g = q.grid;
    const v8f negZero = splat(-0.0f);
    const float coef = g.coef;
    const double p = layout.pixelSize, invPixel = 1 / p;
    const double eps = qgisChordEps(q, layout);
    const auto plan = [&](std::int64_t yp, RowRun& run) {
        const double dy = ((static_cast<double>(q.yPos + yp) + 0.5) * p + layout.yMin) - q.y;
        const double dy2 = dy * dy;
        if (dy2 > q.maxDistSq)
            return false;
        const Chord chord = qgisChord(q, layout, dy2, invPixel, eps);
        const std::int64_t lo = std::max(chord.lo, blockLo), hi = std::min(chord.hi, blockHi);
        if (lo > hi)
            return false;
        const float dyPixels = static_cast<float>(dy * invPixel);
        const std::int64_t row = q.yPosIO + yp;
        run = {tile.data + (row - tile.row0) * tile.stride + (lo - tile.col0), lo - g.ic,
               static_cast<int>(hi - lo + 1), dyPixels * dyPixels};
        return true;
    };
    // "+ 0.0f" turns a -0.0 contribution into +0.0, so a reached pixel never stays -0.0.
    batchedRows(ypFirst, ypLast, plan, [&](const RowRun& run) {
        runRow<K, false>(run.kFirst, run.n, g.fx, run.dyq, g.s, shape, [&](int j, v8i mask, v8f v) {
            store(run.acc + j, load(run.acc + j) + (mask ? coef * v + 0.0f : negZero));
        });
    });
}

} // namespace

#define FB_CLONES __attribute__((target_clones("avx2", "default")))

FB_CLONES void addPoint(const GridPoint& p, const Shape& shape, const TileBuffer& tile) {
    switch (shape.kernel) {
    case Kernel::Quartic:
        return addPointT<Kernel::Quartic>(p, shape, tile);
    case Kernel::Triangular:
        return addPointT<Kernel::Triangular>(p, shape, tile);
    case Kernel::Uniform:
        return addPointT<Kernel::Uniform>(p, shape, tile);
    case Kernel::Triweight:
        return addPointT<Kernel::Triweight>(p, shape, tile);
    case Kernel::Epanechnikov:
        return addPointT<Kernel::Epanechnikov>(p, shape, tile);
    case Kernel::Gaussian:
        return addPointT<Kernel::Gaussian>(p, shape, tile);
    }
}

FB_CLONES double gridSum(const GridPoint& p, const Shape& shape) {
    switch (shape.kernel) {
    case Kernel::Quartic:
        return gridSumT<Kernel::Quartic>(p, shape);
    case Kernel::Triangular:
        return gridSumT<Kernel::Triangular>(p, shape);
    case Kernel::Uniform:
        return gridSumT<Kernel::Uniform>(p, shape);
    case Kernel::Triweight:
        return gridSumT<Kernel::Triweight>(p, shape);
    case Kernel::Epanechnikov:
        return gridSumT<Kernel::Epanechnikov>(p, shape);
    case Kernel::Gaussian:
        return gridSumT<Kernel::Gaussian>(p, shape);
    }
    return 0;
}

FB_CLONES void addQgisPoint(const QgisPoint& q, const QgisLayout& layout, const Shape& shape,
                            const TileBuffer& tile) {
    switch (shape.kernel) {
    case Kernel::Quartic:
        return addQgisPointT<Kernel::Quartic>(q, layout, shape, tile);
    case Kernel::Triangular:
        return addQgisPointT<Kernel::Triangular>(q, layout, shape, tile);
    case Kernel::Uniform:
        return addQgisPointT<Kernel::Uniform>(q, layout, shape, tile);
    case Kernel::Triweight:
        return addQgisPointT<Kernel::Triweight>(q, layout, shape, tile);
    case Kernel::Epanechnikov:
        return addQgisPointT<Kernel::Epanechnikov>(q, layout, shape, tile);
    case Kernel::Gaussian: // rejected before: QGIS has no Gaussian kernel
        return;
    }
}

} // namespace firebeat::kde
