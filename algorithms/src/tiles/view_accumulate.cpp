// Row-wise accumulation of the heatmap's view kernels (view_band.h).
//
// Along a row a kernel is scale * max(0, 1 - t)^2 with t = a dx^2 + b dx + c (b and c from the
// row's dy) and dx = x - k.x. In a block's local column X, the pixel centre is x = xm + X d (xm:
// the centre of the block's middle column, d: the pixel width), so with e = xm - k.x
//   1 - t = c0 + c1 X + c2 X^2,  c2 = -a d^2,  c1 = -(2 a e + b) d,  c0 = 1 - ((a e + b) e + c),
// and on its chord the kernel is scale * (1 - t)^2, a polynomial of degree 4 in X. The chord is
// the columns where the direct scatter's own t is below 1, so the same pixels get a value.
#include "tiles/view_band.h"
#include "util/difference_row.h"

namespace firebeat::detail {
namespace {

using Kernel = ViewKernels::Kernel;

constexpr int kTerms = 5; // coefficients of X^0 .. X^4
using Row = DifferenceRow<kTerms>;
constexpr int kRowsPerPass = 16; // rows accumulated at once: the difference arrays stay in cache
constexpr double kHalfBlock = kAccumulatedBlock / 2;

// t at a column of the row, with the direct scatter's operations.
double tAt(const Kernel& k, const Band& band, std::int64_t col, double b, double c) {
    const double dx = band.centresX[static_cast<std::size_t>(col)] - k.x;
    return (k.a * dx + b) * dx + c;
}

// The columns of the band with t < 1 on a row: the roots of t = 1, their ends then settled by t.
IndexRange chordOf(const Kernel& k, const Band& band, double b, double c) {
    const double disc = b * b - 4 * k.a * (c - 1);
    if (!(disc >= 0))
        return {};
    const double half = std::sqrt(disc) / (2 * k.a), mid = -b / (2 * k.a);
    const double lo = std::ceil((k.x + mid - half - band.minX) / band.dx - 0.5);
    const double hi = std::floor((k.x + mid + half - band.minX) / band.dx - 0.5);
    const double lastColumn = band.width - 1;
    if (!(lo <= hi) || hi < 0 || lo > lastColumn)
        return {};
    IndexRange r{static_cast<std::int64_t>(std::max(lo, 0.0)),
                 static_cast<std::int64_t>(std::min(hi, lastColumn))};
    while (r.first <= r.last && tAt(k, band, r.first, b, c) >= 1)
        ++r.first;
    if (r.first > r.last)
        return {};
    while (r.first > 0 && tAt(k, band, r.first - 1, b, c) < 1)
        --r.first;
    while (tAt(k, band, r.last, b, c) >= 1)
        --r.last;
    while (r.last + 1 < band.width && tAt(k, band, r.last + 1, b, c) < 1)
        ++r.last;
    return r;
}

class Accumulation {
  public:
    explicit Accumulation(const Band& band)
        : band_(band), blocks_((band.width + kAccumulatedBlock - 1) / kAccumulatedBlock),
          flag_(static_cast<std::size_t>(blocks_) * kAccumulatedBlock * Row::kWidth),
          rowStride_(flag_ + 1 + 40), data_(rowStride_ * kRowsPerPass, 0.0) {}

    // Adds kernel k on band row r, accumulator row `slot`.
    void add(const Kernel& k, std::int64_t r, int slot) {
        const double dy = band_.rowY(r) - k.y;
        const double b = k.b2 * dy, c = k.c * dy * dy;
        const IndexRange chord = chordOf(k, band_, b, c);
        if (chord.first > chord.last)
            return;
        double* row = data_.data() + static_cast<std::size_t>(slot) * rowStride_;
        row[flag_] = 1; // the row has chords to resolve
        const double d = band_.dx;
        for (std::int64_t start = chord.first / kAccumulatedBlock * kAccumulatedBlock; start <= chord.last;
             start += kAccumulatedBlock) {
            // The middle column's centre, as Band computes centres.
            const double xm = band_.minX + (static_cast<double>(start) + kHalfBlock + 0.5) * d;
            const double e = xm - k.x;
            const double c2 = -k.a * d * d, c1 = -(2 * k.a * e + b) * d, c0 = 1 - ((k.a * e + b) * e + c);
            const double s = k.scale;
            const double coef[kTerms] = {s * c0 * c0, 2 * s * c0 * c1, s * (c1 * c1 + 2 * c0 * c2),
                                         2 * s * c1 * c2, s * c2 * c2};
            const std::int64_t first = std::max(chord.first, start);
            const std::int64_t last = std::min(chord.last, start + kAccumulatedBlock - 1);
            Row::add(row + start * Row::kWidth, kAccumulatedBlock, first - start, last - start, coef);
        }
    }

    // Evaluates the accumulated kernels on accumulator row `slot` into `out` (a buffer row), and
    // leaves the row all zero.
    void resolve(int slot, double* out) {
        double* row = data_.data() + static_cast<std::size_t>(slot) * rowStride_;
        if (row[flag_] == 0)
            return;
        row[flag_] = 0;
        for (int start = 0; start < band_.width; start += kAccumulatedBlock)
            Row::resolve(row + start * Row::kWidth, kAccumulatedBlock, kHalfBlock, [&](int j, double v) {
                if (start + j < band_.width)
                    out[start + j] += v;
            });
    }

  private:
    const Band& band_;
    int blocks_;
    std::size_t flag_;      // per row: whether anything was added to it
    std::size_t rowStride_; // the blocks' columns, the flag, padding (rows not 4 KiB apart)
    std::vector<double> data_;
};

} // namespace

void accumulateKernels(const Kernel* const* kernels, std::size_t count, const Band& band, double* buffer) {
    if (count == 0)
        return;
    std::vector<IndexRange> rows(count);
    for (std::size_t n = 0; n < count; ++n)
        rows[n] = kernelRows(*kernels[n], band);
    Accumulation acc(band);
    for (std::int64_t g0 = band.row0; g0 < band.row0 + band.rows; g0 += kRowsPerPass) {
        const std::int64_t g1 = std::min<std::int64_t>(g0 + kRowsPerPass, band.row0 + band.rows);
        for (std::size_t n = 0; n < count; ++n)
            for (std::int64_t r = std::max(rows[n].first, g0); r <= std::min(rows[n].last, g1 - 1); ++r)
                acc.add(*kernels[n], r, static_cast<int>(r - g0));
        for (std::int64_t r = g0; r < g1; ++r)
            acc.resolve(static_cast<int>(r - g0),
                        buffer + static_cast<std::size_t>(r - band.row0) * band.stride);
    }
}

} // namespace firebeat::detail
