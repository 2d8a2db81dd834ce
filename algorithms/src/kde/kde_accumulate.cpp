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
// columns anchored to the grid (never the global column: its fourth power would lose digits);
// an accumulator holds one block, whose running sums start at its first column and restart
// wherever the count falls to zero (no chord open, so the sum is exactly 0). Every pixel's value
// therefore depends only on the grid, its row and block, and the points reaching that block in
// index order: windows and tiles of one grid still join bit for bit. The chords are the direct
// loops' own (kde_chords.h), so exactly the same pixels are reached, including QGIS's
// double-precision test in QGIS-compatible mode.
//
// Cost per point row: one chord and the row's coefficients, both planned four rows at a time
// and up to sixteen rows ahead of their adds (the coefficients from c0 = 1 - s dy^2 - s h^2
// alone: everything else is fixed for the point in the block), and two short read-modify-writes.
#include "kde/kde_chords.h"
#include "kde/kde_internal.h"
#include "util/difference_row.h"

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

// Rows are planned four at a time in vectors (their set-up is a chain of dependent operations:
// a square root, roundings, conversions, the coefficients), then added one by one.
using v4d = double __attribute__((vector_size(32)));
using v4f = float __attribute__((vector_size(16)));

using Mask = decltype(v4d{} < v4d{});

FB_INLINE v4d splat4(double x) {
    return v4d{x, x, x, x};
}

// One point's kernel along any row of one block: coef * q^n, q = c0 + L(u), L = c1 u + c2 u^2 in
// the block's local column u = column - (block start + kHalfBlock), with c1 = 2 s h, c2 = -s
// (h: the point's u) fixed and c0 = a - s h^2 (a = 1 - s dy^2) the row's. Expanding
// q^n = sum_j C(n, j) c0^(n-j) L^j, the L^j parts are made once per point and block, so a row
// costs a few multiply-adds.
template <Kernel K> class RowPolynomial {
  public:
    static constexpr int kPower = degreeOf(K) / 2;
    static constexpr int kTerms = degreeOf(K) + 1;

    FB_INLINE RowPolynomial(double coef, double s, double h) : sh2_(s * h * h) {
        const double c1 = 2 * s * h, c2 = -s;
        double power[kTerms] = {1}; // L^j
        for (int j = 0; j <= kPower; ++j) {
            const double scale = coef * binomial(kPower, j);
            for (int m = 0; m < kTerms; ++m)
                parts_[j][m] = scale * power[m];
            for (int m = kTerms - 1; m >= 0; --m)
                power[m] = (m >= 1 ? c1 * power[m - 1] : 0) + (m >= 2 ? c2 * power[m - 2] : 0);
        }
    }

    // Four rows' coefficients (of u^0 .. u^degree), out[m] holding coefficient m of each row,
    // for their a = 1 - s dy^2.
    FB_INLINE void at(v4d a, v4d* out) const {
        const v4d c0 = a - sh2_;
        v4d c0Power[kPower + 1];
        c0Power[0] = splat4(1);
        for (int k = 1; k <= kPower; ++k)
            c0Power[k] = c0Power[k - 1] * c0;
        for (int m = 0; m < kTerms; ++m) {
            v4d sum = splat4(0);
            for (int j = (m + 1) / 2; j <= std::min(m, kPower); ++j)
                sum += c0Power[kPower - j] * parts_[j][m];
            out[m] = sum;
        }
    }

  private:
    static constexpr double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; ++i)
            b = b * (n - k + i) / i;
        return b;
    }
    double parts_[kPower + 1][kTerms];
    double sh2_;
};

// Adds a row's polynomial c on columns [colLo, colHi] (clipped to the accumulator's block).
template <Kernel K>
FB_INLINE void addChord(double* row, const Accumulator& acc, std::int64_t colLo, std::int64_t colHi,
                        const double* c) {
    using Row = detail::DifferenceRow<degreeOf(K) + 1>;
    colLo = std::max(colLo, acc.col0);
    colHi = std::min(colHi, acc.col0 + kBlock - 1);
    if (colLo > colHi)
        return;
    Row::add(row, kBlock, colLo - acc.col0, colHi - acc.col0, c);
    row[kBlock * Row::kWidth] = 1; // the row has chords to resolve
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

// Calls plan(row, groups[k]) for up to kPlanned groups of four rows from `first` on (not past
// `last`), then add(row, groups[k]) for each, and so on: planning several groups before adding
// any lets their chains of square roots and roundings overlap, and then their read-modify-writes
// (about 14 % less time per point row than group by group).
template <class Plan, class PlanFn, class AddFn>
FB_INLINE void plannedRows(std::int64_t first, std::int64_t last, PlanFn&& plan, AddFn&& add) {
    constexpr int kPlanned = 4;
    for (std::int64_t row0 = first; row0 <= last; row0 += 4 * kPlanned) {
        Plan groups[kPlanned];
        int planned = 0;
        for (std::int64_t row = row0; row <= last && planned < kPlanned; row += 4)
            plan(row, groups[planned++]);
        for (int k = 0; k < planned; ++k)
            add(row0 + 4 * k, groups[k]);
    }
}

// A group's coefficients for lane i.
template <int Terms> FB_INLINE void laneOf(const v4d* rows, int i, double* c) {
    for (int m = 0; m < Terms; ++m)
        c[m] = rows[m][i];
}

template <Kernel K> FB_INLINE void accumulatePointT(const GridPoint& p, const Accumulator& acc) {
    const std::int64_t reach = static_cast<std::int64_t>(std::ceil(p.reach)) + 1;
    const double halfSq = 1.0 / static_cast<double>(p.s);
    const double s = p.s, fx = p.fx;
    const std::int64_t first = std::max(p.jc - reach, acc.row0),
                       last = std::min(p.jc + reach, acc.row0 + acc.rows - 1);
    const RowPolynomial<K> poly(p.coef, s, static_cast<double>(p.ic - acc.col0) - kHalfBlock + fx);
    constexpr int kTerms = RowPolynomial<K>::kTerms;
    struct Plan {
        v4d lo, hi;
        v4f dyqf;
        Mask near;
        v4d rows[kTerms];
    };
    const v4f lane = {0, 1, 2, 3};
    const auto plan = [&](std::int64_t row, Plan& g) {
        // As discRow() computes them, lane by lane.
        const v4f dy = (static_cast<float>(row - p.jc) + lane) - p.fy;
        g.dyqf = dy * dy;
        const v4d dyq = __builtin_convertvector(g.dyqf, v4d);
        const v4d half = sqrt4(halfSq - dyq > 0.0 ? halfSq - dyq : splat4(0));
        const v4d uLo = fx - half, uHi = fx + half;
        g.lo = -floor4(-uLo);
        g.hi = floor4(uHi);
        const v4d eps = 1e-6 * (halfSq + 1) / (half > 1e-3 ? half : splat4(1e-3)) + 1e-6;
        g.near = (uHi - g.hi < eps) | (uHi - g.hi > 1 - eps) | (g.lo - uLo < eps) | (g.lo - uLo > 1 - eps);
        poly.at(1 - s * dyq, g.rows);
    };
    const auto add = [&](std::int64_t row, const Plan& g) {
        for (int i = 0; i < 4 && row + i <= last; ++i) {
            if (g.dyqf[i] * p.s > 1.0f)
                continue;
            Chord chord{static_cast<std::int64_t>(g.lo[i]), static_cast<std::int64_t>(g.hi[i])};
            if (g.near[i])
                chord = discRow(p, halfSq, g.dyqf[i]);
            if (chord.lo > chord.hi)
                continue;
            double c[kTerms];
            laneOf<kTerms>(g.rows, i, c);
            addChord<K>(acc.data + (row + i - acc.row0) * acc.rowStride, acc, p.ic + chord.lo,
                        p.ic + chord.hi, c);
        }
    };
    plannedRows<Plan>(first, last, plan, add);
}

template <Kernel K>
FB_INLINE void accumulateQgisPointT(const QgisPoint& q, const QgisLayout& layout, const Accumulator& acc) {
    const std::int64_t ypFirst = std::max<std::int64_t>(0, acc.row0 - q.yPosIO);
    const std::int64_t ypLast = std::min(q.block - 1, acc.row0 + acc.rows - 1 - q.yPosIO);
    const GridPoint& g = q.grid;
    const double p = layout.pixelSize, invPixel = 1 / p, eps = qgisChordEps(q, layout);
    const double s = g.s;
    const std::int64_t blockLo = q.xPos, blockHi = q.xPos + q.block - 1;
    const v4d blockLoD = splat4(static_cast<double>(blockLo)),
              blockHiD = splat4(static_cast<double>(blockHi));
    const RowPolynomial<K> poly(g.coef, s, static_cast<double>(g.ic - acc.col0) - kHalfBlock + g.fx);
    constexpr int kTerms = RowPolynomial<K>::kTerms;
    struct Plan {
        v4d lo, hi, dy2;
        Mask near, skip;
        v4d rows[kTerms];
    };
    const v4d lane = {0.5, 1.5, 2.5, 3.5};
    const auto plan = [&](std::int64_t yp, Plan& r) {
        // Evaluated on the rows counted from the bottom, written to those counted from the top
        // (QGIS's mirrored rows); the same operations as qgisChord(), lane by lane.
        const v4d dy = ((static_cast<double>(q.yPos + yp) + lane) * p + layout.yMin) - q.y;
        r.dy2 = dy * dy;
        const v4d rest = q.maxDistSq - r.dy2;
        const v4d half = sqrt4(rest > 0.0 ? rest : splat4(0));
        const v4d uLo = (q.x - half - layout.xMin) * invPixel - 0.5;
        const v4d uHi = (q.x + half - layout.xMin) * invPixel - 0.5;
        const v4d lo = -floor4(-uLo), hi = floor4(uHi);
        r.near = (uHi - hi < eps) | (uHi - hi > 1 - eps) | (lo - uLo < eps) | (lo - uLo > 1 - eps);
        const v4f dyPixels = __builtin_convertvector(dy * invPixel, v4f);
        poly.at(1 - s * __builtin_convertvector(dyPixels * dyPixels, v4d), r.rows);
        r.lo = lo > blockLoD ? lo : blockLoD;
        r.hi = hi < blockHiD ? hi : blockHiD;
        r.skip = (r.dy2 > q.maxDistSq) | (r.lo > r.hi);
    };
    const auto add = [&](std::int64_t yp, const Plan& r) {
        for (int i = 0; i < 4 && yp + i <= ypLast; ++i) {
            Chord chord{static_cast<std::int64_t>(r.lo[i]), static_cast<std::int64_t>(r.hi[i])};
            if (r.near[i] && !(r.dy2[i] > q.maxDistSq)) {
                chord = qgisChord(q, layout, r.dy2[i], invPixel, eps);
                chord.lo = std::max(chord.lo, blockLo);
                chord.hi = std::min(chord.hi, blockHi);
                if (chord.lo > chord.hi)
                    continue;
            } else if (r.skip[i]) {
                continue;
            }
            double c[kTerms];
            laneOf<kTerms>(r.rows, i, c);
            addChord<K>(acc.data + (q.yPosIO + yp + i - acc.row0) * acc.rowStride, acc, chord.lo, chord.hi,
                        c);
        }
    };
    plannedRows<Plan>(ypFirst, ypLast, plan, add);
}

template <Kernel K> FB_INLINE void resolveT(const Accumulator& acc, const TileBuffer& tile, bool qgis) {
    using Row = detail::DifferenceRow<degreeOf(K) + 1>;
    for (int r = 0; r < acc.rows; ++r) {
        double* row = acc.data + static_cast<std::ptrdiff_t>(r) * acc.rowStride;
        double& touched = row[kBlock * Row::kWidth];
        if (touched == 0) // nothing added: every pixel of the row stays as it is
            continue;
        touched = 0;
        float* out = tile.data + (acc.row0 + r - tile.row0) * tile.stride;
        Row::resolve(row, kBlock, kHalfBlock, [&](int j, double v) {
            const std::int64_t col = acc.col0 + j;
            if (col < tile.col0 || col >= tile.col0 + tile.width)
                return;
            float& pixel = out[col - tile.col0];
            // "+ 0.0f" in QGIS mode: a reached pixel never stays -0.0 (nodata).
            pixel = qgis ? pixel + (static_cast<float>(v) + 0.0f) : pixel + static_cast<float>(v);
        });
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
