// Row-wise polynomial accumulation of the polynomial kernels (uniform, Epanechnikov, quartic,
// triweight).
//
// Along one row the shape (1 - t)^n, t = s (dx^2 + dy^2), is a polynomial in the column of
// degree 2n on the chord the disc cuts. Each point adds its polynomial's coefficients (and +1 to
// a count) at the chord's first column and subtracts them after its last; one pass of running
// sums per row then evaluates every point at once. A point costs O(rows it covers), the pass
// O(pixels), instead of O(pixels it covers).
//
// Exactness: coefficients are in double, in coordinates local to blocks of kAccumulateBlock
// columns anchored to the grid (never the global column: its fourth power would lose digits),
// and the running sums restart at every block and wherever the count falls to zero (no chord
// open, so the sum is exactly 0). Every pixel's value therefore depends only on the grid, its
// row and block, and the points reaching that block in index order: windows and tiles of one
// grid still join bit for bit. The chords are the direct loops' own (kde_chords.h), so exactly
// the same pixels are reached, including QGIS's double-precision test in QGIS-compatible mode.
#include "kde/kde_chords.h"
#include "kde/kde_internal.h"

#include <algorithm>
#include <cmath>

namespace firebeat::kde {
namespace {

#define FB_INLINE [[gnu::always_inline]] inline

// The 32-byte vectors below only live inside always-inlined helpers, never across a call.
#pragma GCC diagnostic ignored "-Wpsabi"

constexpr std::int64_t kBlock = kAccumulateBlock;
constexpr double kHalfBlock = kAccumulateBlock / 2;

constexpr int degreeOf(Kernel k) {
    return k == Kernel::Uniform        ? 0
           : k == Kernel::Epanechnikov ? 2
           : k == Kernel::Quartic      ? 4
           : k == Kernel::Triweight    ? 6
                                       : -1;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return q * b > a ? q - 1 : q;
}

// Coefficients (in u) of coef * q(u)^n, q = c0 + c1 u + c2 u^2, n = degree / 2.
template <Kernel K> FB_INLINE void polynomial(double coef, double c0, double c1, double c2, double* out) {
    if constexpr (K == Kernel::Uniform) {
        (void)c0, (void)c1, (void)c2;
        out[0] = coef;
    } else if constexpr (K == Kernel::Epanechnikov) {
        out[0] = coef * c0;
        out[1] = coef * c1;
        out[2] = coef * c2;
    } else {
        const double a0 = c0 * c0, a1 = 2 * c0 * c1, a2 = c1 * c1 + 2 * c0 * c2, a3 = 2 * c1 * c2,
                     a4 = c2 * c2;
        if constexpr (K == Kernel::Quartic) {
            out[0] = coef * a0;
            out[1] = coef * a1;
            out[2] = coef * a2;
            out[3] = coef * a3;
            out[4] = coef * a4;
        } else {
            out[0] = coef * (a0 * c0);
            out[1] = coef * (a1 * c0 + a0 * c1);
            out[2] = coef * (a2 * c0 + a1 * c1 + a0 * c2);
            out[3] = coef * (a3 * c0 + a2 * c1 + a1 * c2);
            out[4] = coef * (a4 * c0 + a3 * c1 + a2 * c2);
            out[5] = coef * (a4 * c1 + a3 * c2);
            out[6] = coef * (a4 * c2);
        }
    }
}

// Adds one point's polynomial on grid columns [colLo, colHi] of one accumulator row: centre at
// column ic + fx, shape (a - s dx^2)^n with a = 1 - s dy^2.
template <Kernel K>
FB_INLINE void addChord(double* row, const Accumulator& acc, std::int64_t colLo, std::int64_t colHi,
                        std::int64_t ic, double fx, double a, double s, double coef) {
    constexpr int n = degreeOf(K) + 1, w = n + 1;
    colLo = std::max(colLo, acc.col0);
    colHi = std::min(colHi, acc.col0 + acc.columns - 1);
    for (std::int64_t start = floorDiv(colLo, kBlock) * kBlock; start <= colHi; start += kBlock) {
        const std::int64_t first = std::max(colLo, start), last = std::min(colHi, start + kBlock - 1);
        // u = column - (start + kBlock / 2), dx = u - h.
        const double h = static_cast<double>(ic - start) - kHalfBlock + fx;
        double c[n];
        polynomial<K>(coef, a - s * h * h, 2 * s * h, -s, c);
        double* d = row + (first - acc.col0) * w;
        for (int m = 0; m < n; ++m)
            d[m] += c[m];
        d[n] += 1;
        row[acc.columns * w + (start - acc.col0) / kBlock] = 1; // the block has chords to resolve
        if (last + 1 < start + kBlock) {
            double* e = row + (last + 1 - acc.col0) * w;
            for (int m = 0; m < n; ++m)
                e[m] -= c[m];
            e[n] -= 1;
        }
    }
}

// Rows are planned four at a time in vectors (their set-up is a chain of dependent operations:
// a square root, roundings, conversions), then added one by one.
using v4d = double __attribute__((vector_size(32)));
using v4f = float __attribute__((vector_size(16)));

FB_INLINE v4d splat4(double x) {
    return v4d{x, x, x, x};
}

// floor(u) for |u| < 2^51, exactly: round to nearest by the 1.5 * 2^52 trick, then step down.
FB_INLINE v4d floor4(v4d u) {
    const v4d magic = splat4(6755399441055744.0);
    const v4d r = (u + magic) - magic;
    return r > u ? r - 1.0 : r;
}

FB_INLINE v4d sqrt4(v4d x) {
    return v4d{std::sqrt(x[0]), std::sqrt(x[1]), std::sqrt(x[2]), std::sqrt(x[3])};
}

template <Kernel K> FB_INLINE void accumulatePointT(const GridPoint& p, const Accumulator& acc) {
    const std::int64_t reach = static_cast<std::int64_t>(std::ceil(p.reach)) + 1;
    const double halfSq = 1.0 / static_cast<double>(p.s);
    const double s = p.s, fx = p.fx;
    const std::int64_t first = std::max(p.jc - reach, acc.row0),
                       last = std::min(p.jc + reach, acc.row0 + acc.rows - 1);
    const v4f lane = {0, 1, 2, 3};
    for (std::int64_t row = first; row <= last; row += 4) {
        // As discRow() computes them, lane by lane.
        const v4f dy = (static_cast<float>(row - p.jc) + lane) - p.fy;
        const v4f dyqf = dy * dy;
        const v4d dyq = __builtin_convertvector(dyqf, v4d);
        const v4d half = sqrt4(halfSq - dyq > 0.0 ? halfSq - dyq : splat4(0));
        const v4d uLo = fx - half, uHi = fx + half;
        const v4d lo = -floor4(-uLo), hi = floor4(uHi);
        const v4d eps = 1e-6 * (halfSq + 1) / (half > 1e-3 ? half : splat4(1e-3)) + 1e-6;
        const auto near = (uHi - hi < eps) | (uHi - hi > 1 - eps) | (lo - uLo < eps) | (lo - uLo > 1 - eps);
        const v4d a = 1 - s * dyq;
        for (int i = 0; i < 4 && row + i <= last; ++i) {
            if (dyqf[i] * p.s > 1.0f)
                continue;
            Chord chord{static_cast<std::int64_t>(lo[i]), static_cast<std::int64_t>(hi[i])};
            if (near[i])
                chord = discRow(p, halfSq, dyqf[i]);
            if (chord.lo > chord.hi)
                continue;
            addChord<K>(acc.data + (row + i - acc.row0) * acc.rowStride, acc, p.ic + chord.lo,
                        p.ic + chord.hi, p.ic, fx, a[i], s, p.coef);
        }
    }
}

template <Kernel K>
FB_INLINE void accumulateQgisPointT(const QgisPoint& q, const QgisLayout& layout, const Accumulator& acc) {
    const std::int64_t ypFirst = std::max<std::int64_t>(0, acc.row0 - q.yPosIO);
    const std::int64_t ypLast = std::min(q.block - 1, acc.row0 + acc.rows - 1 - q.yPosIO);
    const GridPoint& g = q.grid;
    const double p = layout.pixelSize, invPixel = 1 / p, eps = qgisChordEps(q, layout);
    const double s = g.s;
    const std::int64_t blockLo = q.xPos, blockHi = q.xPos + q.block - 1;
    const v4d lane = {0.5, 1.5, 2.5, 3.5};
    for (std::int64_t yp = ypFirst; yp <= ypLast; yp += 4) {
        // Evaluated on the rows counted from the bottom, written to those counted from the top
        // (QGIS's mirrored rows); the same operations as qgisChord(), lane by lane.
        const v4d dy = ((static_cast<double>(q.yPos + yp) + lane) * p + layout.yMin) - q.y;
        const v4d dy2 = dy * dy;
        const v4d rest = q.maxDistSq - dy2;
        const v4d half = sqrt4(rest > 0.0 ? rest : splat4(0));
        const v4d uLo = (q.x - half - layout.xMin) * invPixel - 0.5;
        const v4d uHi = (q.x + half - layout.xMin) * invPixel - 0.5;
        const v4d lo = -floor4(-uLo), hi = floor4(uHi);
        const auto near = (uHi - hi < eps) | (uHi - hi > 1 - eps) | (lo - uLo < eps) | (lo - uLo > 1 - eps);
        const v4f dyPixels = __builtin_convertvector(dy * invPixel, v4f);
        const v4d a = 1 - s * __builtin_convertvector(dyPixels * dyPixels, v4d);
        for (int i = 0; i < 4 && yp + i <= ypLast; ++i) {
            if (dy2[i] > q.maxDistSq)
                continue;
            Chord chord{static_cast<std::int64_t>(lo[i]), static_cast<std::int64_t>(hi[i])};
            if (near[i])
                chord = qgisChord(q, layout, dy2[i], invPixel, eps);
            chord.lo = std::max(chord.lo, blockLo);
            chord.hi = std::min(chord.hi, blockHi);
            if (chord.lo > chord.hi)
                continue;
            addChord<K>(acc.data + (q.yPosIO + yp + i - acc.row0) * acc.rowStride, acc, chord.lo, chord.hi,
                        g.ic, g.fx, a[i], s, g.coef);
        }
    }
}

template <Kernel K> FB_INLINE void resolveT(const Accumulator& acc, const TileBuffer& tile, bool qgis) {
    constexpr int n = degreeOf(K) + 1, w = n + 1;
    for (int r = 0; r < acc.rows; ++r) {
        double* row = acc.data + static_cast<std::ptrdiff_t>(r) * acc.rowStride;
        float* out = tile.data + (acc.row0 + r - tile.row0) * tile.stride;
        for (int b = 0; b < acc.columns; b += static_cast<int>(kBlock)) {
            double& touched = row[acc.columns * w + b / kBlock];
            if (touched == 0) // nothing added: every pixel of the block stays as it is
                continue;
            touched = 0;
            double run[n] = {};
            double open = 0;
            for (int j = 0; j < kBlock; ++j) {
                double* d = row + (b + j) * w;
                for (int m = 0; m < n; ++m) {
                    run[m] += d[m];
                    d[m] = 0;
                }
                open += d[n];
                d[n] = 0;
                if (open == 0) { // no chord covers this pixel: the sum is exactly 0
                    for (int m = 0; m < n; ++m)
                        run[m] = 0;
                    continue;
                }
                const std::int64_t col = acc.col0 + b + j;
                if (col < tile.col0 || col >= tile.col0 + tile.width)
                    continue;
                const double u = static_cast<double>(j) - kHalfBlock;
                double v = run[n - 1];
                for (int m = n - 2; m >= 0; --m)
                    v = v * u + run[m];
                float& pixel = out[col - tile.col0];
                // "+ 0.0f" in QGIS mode: a reached pixel never stays -0.0 (nodata).
                pixel = qgis ? pixel + (static_cast<float>(v) + 0.0f) : pixel + static_cast<float>(v);
            }
        }
    }
}

} // namespace

int accumulatorWidth(Kernel kernel) {
    const int degree = degreeOf(kernel);
    return degree < 0 ? 0 : degree + 2;
}

#define FB_CLONES __attribute__((target_clones("avx2", "default")))

FB_CLONES void accumulatePoint(const GridPoint& p, const Shape& shape, const Accumulator& acc) {
    switch (shape.kernel) {
    case Kernel::Quartic:
        return accumulatePointT<Kernel::Quartic>(p, acc);
    case Kernel::Uniform:
        return accumulatePointT<Kernel::Uniform>(p, acc);
    case Kernel::Triweight:
        return accumulatePointT<Kernel::Triweight>(p, acc);
    case Kernel::Epanechnikov:
        return accumulatePointT<Kernel::Epanechnikov>(p, acc);
    case Kernel::Triangular:
    case Kernel::Gaussian:
        return; // not polynomial along a row: never accumulated
    }
}

FB_CLONES void accumulateQgisPoint(const QgisPoint& q, const QgisLayout& layout, const Shape& shape,
                                   const Accumulator& acc) {
    switch (shape.kernel) {
    case Kernel::Quartic:
        return accumulateQgisPointT<Kernel::Quartic>(q, layout, acc);
    case Kernel::Uniform:
        return accumulateQgisPointT<Kernel::Uniform>(q, layout, acc);
    case Kernel::Triweight:
        return accumulateQgisPointT<Kernel::Triweight>(q, layout, acc);
    case Kernel::Epanechnikov:
        return accumulateQgisPointT<Kernel::Epanechnikov>(q, layout, acc);
    case Kernel::Triangular:
    case Kernel::Gaussian:
        return;
    }
}

FB_CLONES void resolveAccumulator(const Accumulator& acc, const Shape& shape, const TileBuffer& tile,
                                  bool qgis) {
    switch (shape.kernel) {
    case Kernel::Quartic:
        return resolveT<Kernel::Quartic>(acc, tile, qgis);
    case Kernel::Uniform:
        return resolveT<Kernel::Uniform>(acc, tile, qgis);
    case Kernel::Triweight:
        return resolveT<Kernel::Triweight>(acc, tile, qgis);
    case Kernel::Epanechnikov:
        return resolveT<Kernel::Epanechnikov>(acc, tile, qgis);
    case Kernel::Triangular:
    case Kernel::Gaussian:
        return;
    }
}

} // namespace firebeat::kde
