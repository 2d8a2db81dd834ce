// Many polynomials, each on its own range of columns of a row, evaluated all at once: each adds
// its coefficients (and +1 to a count) at its range's first column and subtracts them after its
// last, into a difference array of Terms + 1 doubles a column; one pass of running sums over the
// row then gives, at every column, the sum of the polynomials covering it (Horner). Columns are
// local to a block (u = column - half the block), so no power of a large column loses digits,
// and the sums restart wherever the count falls to zero (nothing covers the column: exactly 0,
// not a cancellation residue). The heatmap engine (kde_accumulate.cpp) and the server's view
// kernels (view_accumulate.cpp) both accumulate their kernels' rows this way.
#pragma once

#include <cstdint>

namespace firebeat::detail {

template <int Terms> struct DifferenceRow {
    static constexpr int kWidth = Terms + 1; // doubles a column

    // Adds polynomial c (of u^0 .. u^(Terms-1)) on columns [first, last] of a block of `columns`
    // starting at `block`; 0 <= first <= last < columns.
    [[gnu::always_inline]] static inline void add(double* block, std::int64_t columns, std::int64_t first,
                                                  std::int64_t last, const double* c) {
        double* open = block + first * kWidth;
        for (int m = 0; m < Terms; ++m)
            open[m] += c[m];
        open[Terms] += 1;
        if (last + 1 < columns) {
            double* close = block + (last + 1) * kWidth;
            for (int m = 0; m < Terms; ++m)
                close[m] -= c[m];
            close[Terms] -= 1;
        }
    }

    // Calls sink(j, value) for every column j of the block some polynomial covers, value the sum
    // at u = j - half; leaves the block all zero.
    template <class Sink>
    [[gnu::always_inline]] static inline void resolve(double* block, int columns, double half, Sink&& sink) {
        double run[Terms] = {};
        double open = 0;
        for (int j = 0; j < columns; ++j) {
            double* d = block + j * kWidth;
            for (int m = 0; m < Terms; ++m) {
                run[m] += d[m];
                d[m] = 0;
            }
            open += d[Terms];
            d[Terms] = 0;
            if (open == 0) { // no range covers this column: the sum is exactly 0
                for (int m = 0; m < Terms; ++m)
                    run[m] = 0;
                continue;
            }
            const double u = static_cast<double>(j) - half;
            double v = run[Terms - 1];
            for (int m = Terms - 2; m >= 0; --m)
                v = v * u + run[m];
            sink(j, v);
        }
    }
};

} // namespace firebeat::detail
