// Rows of a map window as the heatmap's view kernels are added into them: shared by the direct
// scatter (kde_view_kernels.cpp) and the row-wise accumulation (view_accumulate.cpp).
#pragma once

#include "firebeat/geometry.h"
#include "firebeat/kde_view_kernels.h"
#include "firebeat/map_window.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace firebeat::detail {

// The rows [row0, row0 + rows) of a map window, with its pixel-centre arithmetic
// (pixelCentres()'s, so equal windows give equal centres).
struct Band {
    double minX = 0, maxY = 0, dx = 0, dy = 0;
    int width = 0, row0 = 0, rows = 0;
    std::size_t stride = 0;       // doubles per row of the padded buffer: whole vectors of 4 fit
    std::vector<double> centresX; // of the columns, padding included

    Band(const MapWindow& view, int firstRow, int rowCount)
        : minX(view.bbox.minX), maxY(view.bbox.maxY), dx(view.bbox.width() / view.width),
          dy(view.bbox.height() / view.height), width(view.width), row0(firstRow), rows(rowCount),
          stride(static_cast<std::size_t>(view.width + 7) / 4 * 4), centresX(stride) {
        for (std::size_t c = 0; c < stride; ++c)
            centresX[c] = minX + (static_cast<double>(c) + 0.5) * dx;
    }

    // Where the band's pixels are, edges included.
    Envelope footprint() const {
        return {minX, maxY - (row0 + rows) * dy, minX + width * dx, maxY - row0 * dy};
    }
    // The centre of row r (a window row) in map units.
    double rowY(std::int64_t r) const { return maxY - (static_cast<double>(r) + 0.5) * dy; }
};

// A closed range of pixel indexes, clamped to [0, count).
struct IndexRange {
    std::int64_t first = 0, last = -1;
};
inline IndexRange clampedRange(double lo, double hi, std::int64_t from, std::int64_t count) {
    const double a = std::max(std::floor(lo) - 1, static_cast<double>(from));
    const double b = std::min(std::ceil(hi) + 1, static_cast<double>(from + count - 1));
    if (!(a <= b))
        return {};
    return {static_cast<std::int64_t>(a), static_cast<std::int64_t>(b)};
}

// The rows of the band a kernel's disc may reach.
inline IndexRange kernelRows(const ViewKernels::Kernel& k, const Band& band) {
    return clampedRange((band.maxY - k.y - k.halfY) / band.dy - 0.5,
                        (band.maxY - k.y + k.halfY) / band.dy - 0.5, band.row0, band.rows);
}

// Kernels more than this many columns in radius are accumulated row by row rather than evaluated
// at every pixel of their chords (about where a row's accumulation costs as much as the chord's
// direct evaluation, 4 pixels at a time).
inline constexpr double kAccumulatedColumns = 24;

// Adds the kernels, each wider than kAccumulatedColumns, into the band's buffer (band.rows x
// band.stride), as the direct scatter would up to rounding (test_kde_view_accumulate: within
// 1e-12 of the peak, exactly 0 where no kernel reaches): along a row
// a kernel is a polynomial of degree 4 in the column, added at its chord's ends into per-row
// difference arrays and evaluated for all kernels by one pass of running sums. The blocks of
// kAccumulatedBlock columns the sums run over are anchored at the window's first column, so
// windows whose first columns differ by multiples of it (the tiles of one grid) still join bit
// for bit.
inline constexpr int kAccumulatedBlock = 128;
void accumulateKernels(const ViewKernels::Kernel* const* kernels, std::size_t count, const Band& band,
                       double* buffer);

} // namespace firebeat::detail
