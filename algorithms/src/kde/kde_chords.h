// Which pixels of a row a kernel's disc covers, decided exactly as the row loops decide it:
// shared by the direct loops (kde_rows.cpp) and the polynomial accumulation (kde_accumulate.cpp),
// so both add a point to exactly the same pixels.
#pragma once

#include "kde/kde_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace firebeat::kde {

// A closed range of columns (relative to the point's ic, or absolute for QGIS's chords).
struct Chord {
    std::int64_t lo, hi;
};

// The scalar twin of the row loops' lane test (same float operations, so the same answer).
[[gnu::always_inline]] inline bool inDisc(std::int64_t k, const GridPoint& p, float dyq) {
    const float dx = static_cast<float>(k) - p.fx;
    return (dx * dx + dyq) * p.s <= 1.0f;
}

// The exact members k (relative to ic) of a row with offset dyq: the analytic chord, then the
// lane test at its ends. Empty (lo > hi) when the row misses the disc. halfSq = 1 / s.
// The lane test is settled only for an end within `eps` of a whole column: the float rounding
// of t (a few units of 1e-7) moves an end by about 1e-7 halfSq / half columns, and elsewhere
// the analytic floor/ceil is already the test's answer.
[[gnu::always_inline]] inline Chord discRow(const GridPoint& p, double halfSq, float dyq) {
    const double half = std::sqrt(std::max(0.0, halfSq - dyq));
    const double uLo = p.fx - half, uHi = p.fx + half;
    const double lo = std::ceil(uLo), hi = std::floor(uHi);
    const double eps = 1e-6 * (halfSq + 1) / std::max(half, 1e-3) + 1e-6;
    Chord c{static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)};
    if (uHi - hi < eps || uHi - hi > 1 - eps) {
        while (inDisc(c.hi + 1, p, dyq))
            ++c.hi;
        while (c.hi >= c.lo && !inDisc(c.hi, p, dyq))
            --c.hi;
    }
    if (lo - uLo < eps || lo - uLo > 1 - eps) {
        while (inDisc(c.lo - 1, p, dyq))
            --c.lo;
        while (c.lo <= c.hi && !inDisc(c.lo, p, dyq))
            ++c.lo;
    }
    return c;
}

// QGIS's test "distance > radius" on its own double-precision pixel centre.
[[gnu::always_inline]] inline bool qgisInside(const QgisPoint& q, const QgisLayout& layout, std::int64_t col,
                                              double dy2) {
    const double dx = (static_cast<double>(col) + 0.5) * layout.pixelSize + layout.xMin - q.x;
    return dx * dx + dy2 <= q.maxDistSq;
}

// Bounds on the error of qgisChord's estimate, in columns: rounding of coordinates, and of
// dx^2 + dy^2 near the top and bottom of the disc.
inline double qgisChordEps(const QgisPoint& q, const QgisLayout& layout) {
    return 1e-4 + (1e-6 * std::sqrt(q.maxDistSq) + 1e-12 * (std::abs(q.x) + std::abs(layout.xMin))) /
                      layout.pixelSize;
}

// The columns QGIS's test admits on a row, from the continuous chord ends u (in columns). When an
// end is not within `eps` of a whole column its floor/ceil is already exact (the estimate errs
// far less); otherwise QGIS's own test settles it.
[[gnu::always_inline]] inline Chord qgisChord(const QgisPoint& q, const QgisLayout& layout, double dy2,
                                              double invPixel, double eps) {
    const double half = std::sqrt(q.maxDistSq - dy2);
    const double uLo = (q.x - half - layout.xMin) * invPixel - 0.5;
    const double uHi = (q.x + half - layout.xMin) * invPixel - 0.5;
    const double lo = std::ceil(uLo), hi = std::floor(uHi);
    Chord c{static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)};
    if (uHi - hi < eps || uHi - hi > 1 - eps) {
        while (qgisInside(q, layout, c.hi + 1, dy2))
            ++c.hi;
        while (c.hi >= c.lo && !qgisInside(q, layout, c.hi, dy2))
            --c.hi;
    }
    if (lo - uLo < eps || lo - uLo > 1 - eps) {
        while (qgisInside(q, layout, c.lo - 1, dy2))
            --c.lo;
        while (c.lo <= c.hi && !qgisInside(q, layout, c.lo, dy2))
            ++c.lo;
    }
    return c;
}

} // namespace firebeat::kde
