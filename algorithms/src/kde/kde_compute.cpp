// computeWindow(): splits a window into tiles computed in parallel, each point of the index
// adding its kernel to the tiles it reaches, in index order (so every pixel sums the same
// contributions in the same order whatever the tiling).
#include "kde/kde_internal.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <vector>

namespace firebeat {
namespace {

using namespace kde;

// 512 x 128 floats (256 KiB) stay in a core's L2 cache while points are added.
constexpr int kTileWidth = 512;
constexpr int kTileHeight = 128;
constexpr int kAccumulatedTileHeight = 16;
// Points whose normalisation sums one task computes (density output).
constexpr std::size_t kNormaliseChunk = 2048;

class WindowJob {
  public:
    WindowJob(const KdePointIndex& index, const RasterWindow& window, const KdeOptions& options)
        : index_(index), window_(window), options_(options), shape_(makeShape(options)),
          constant_(scaledConstant(options)) {
        const double p = window.grid.pixelSize;
        if (options.qgisCompatible) {
            qgis_ = qgisLayout(index, p);
            if (!(window.grid == RasterGrid{qgis_->xMin, qgis_->yMax, p}))
                throw InputError("a QGIS-compatible window must belong to the grid of qgisWindow()");
        }
        // Beyond the radius: QGIS's block is up to a pixel wider and mirrored by up to one more.
        margin_ = index.maxRadius() + 3 * p;
        if (options.polynomialAccumulation)
            accumulatorWidth_ = accumulatorWidth(options.kernel);
        // Accumulated rows hold several doubles a pixel: shorter tiles keep them in cache.
        tileHeight_ = accumulatorWidth_ > 0 ? kAccumulatedTileHeight : kTileHeight;
        // Tiles start at grid columns that are multiples of kTileWidth (and so of the
        // accumulation blocks): the first and last may be narrower.
        firstTileCol_ = floorTo(window.col0, kTileWidth) - window.col0;
        tilesX_ = static_cast<int>((window.width - firstTileCol_ + kTileWidth - 1) / kTileWidth);
        tilesY_ = (window.height + tileHeight_ - 1) / tileHeight_;
    }

    void run(std::span<float> out, Progress* progress) {
        const std::size_t tiles = static_cast<std::size_t>(tilesX_) * static_cast<std::size_t>(tilesY_);
        if (tiles == 0)
            return;
        double start = 0;
        if (options_.value == OutputValue::Density) {
            start = 0.3;
            normalise(progress, start);
        }
        std::vector<Scratch> scratch(threadCount(options_.threads));
        parallelFor(tiles, options_.threads, progress, start, 1, "kernel density",
                    [&](std::size_t t, unsigned worker) { computeTile(t, scratch[worker], out); });
    }

  private:
    // Density: each point reaching the window gets weight / (its kernel's sum over the whole grid
    // x pixel area in km^2), computed once here rather than in every tile it touches.
    void normalise(Progress* progress, double share) {
        const Envelope env = reachedEnvelope();
        candidates_ = index_.query(grown(env, margin_));
        std::size_t total = 0;
        for (const auto& r : candidates_) {
            offsets_.push_back(total);
            total += r.end - r.begin;
        }
        resizeHuge(coefs_, total);
        const double pixelKm2 = window_.grid.pixelSize * window_.grid.pixelSize / 1e6;
        const auto points = index_.points();
        parallelFor((total + kNormaliseChunk - 1) / kNormaliseChunk, options_.threads, progress, 0, share,
                    "normalising kernels", [&](std::size_t chunk, unsigned) {
                        const std::size_t first = chunk * kNormaliseChunk;
                        const std::size_t last = std::min(total, first + kNormaliseChunk);
                        std::size_t r = rangeOf(first);
                        for (std::size_t c = first; c < last; ++c) {
                            while (c >= offsets_[r] + (candidates_[r].end - candidates_[r].begin))
                                ++r;
                            const KdePoint& p = points[candidates_[r].begin + (c - offsets_[r])];
                            if (!reaches(p, env)) // a neighbour in its cell: never used
                                continue;
                            const auto g = placeOnGrid(p, window_.grid);
                            const double sum = g ? gridSum(*g, shape_) : 0;
                            // A kernel narrower than the pixels may miss every centre: it adds nothing.
                            coefs_[c] = sum > 0 ? static_cast<float>(p.weight / (sum * pixelKm2)) : 0.0f;
                        }
                    });
    }

    // Where the points that matter lie within reach of: the window, widened by a block of columns
    // on each side when accumulating (the tiles' accumulators cover whole blocks).
    Envelope reachedEnvelope() const {
        Envelope env = window_.envelope();
        if (accumulatorWidth_ > 0) {
            const double block = kAccumulateBlock * window_.grid.pixelSize;
            env.minX -= block;
            env.maxX += block;
        }
        return env;
    }

    // The candidate range holding candidate number c.
    std::size_t rangeOf(std::size_t c) const {
        return static_cast<std::size_t>(std::upper_bound(offsets_.begin(), offsets_.end(), c) -
                                        offsets_.begin()) -
               1;
    }

    // Calls fn(begin, end, coefs) for the parts of [begin, end) among the density candidates,
    // coefs pointing at begin's coefficient. Points outside them cannot reach the window.
    template <class Fn> void withCoefficients(std::size_t begin, std::size_t end, Fn&& fn) const {
        auto it = std::upper_bound(candidates_.begin(), candidates_.end(), begin,
                                   [](std::size_t b, const KdePointIndex::Range& r) { return b < r.end; });
        for (; it != candidates_.end() && it->begin < end; ++it) {
            const std::size_t first = std::max(begin, it->begin), last = std::min(end, it->end);
            const std::size_t r = static_cast<std::size_t>(it - candidates_.begin());
            fn(first, last, coefs_.data() + offsets_[r] + (first - it->begin));
        }
    }

    float coefficient(const KdePoint& p) const {
        if (options_.value == OutputValue::Raw || !constant_)
            return static_cast<float>(p.weight);
        return static_cast<float>(p.weight * *constant_ / (p.radius * p.radius));
    }

    // Whether p's kernel (or QGIS's block for it, up to 3 pixels wider) may reach `env`.
    bool reaches(const KdePoint& p, const Envelope& env) const {
        const double reach = p.radius + 3 * window_.grid.pixelSize;
        return p.x + reach >= env.minX && p.x - reach <= env.maxX && p.y + reach >= env.minY &&
               p.y - reach <= env.maxY;
    }

    static Envelope grown(const Envelope& e, double d) {
        return Envelope{e.minX - d, e.minY - d, e.maxX + d, e.maxY + d};
    }

    // A worker's buffers, reused from tile to tile.
    struct Scratch {
        std::vector<float> tile;
        std::vector<double> accumulator; // all zero between tiles
    };

    // Whether p is accumulated (a polynomial kernel wide enough in pixels) or evaluated directly;
    // a property of the point and the grid only, so every window decides alike.
    bool accumulated(const KdePoint& p) const {
        return accumulatorWidth_ > 0 && p.radius / window_.grid.pixelSize > kAccumulateReach;
    }

    void computeTile(std::size_t t, Scratch& scratch, std::span<float> out) const {
        const int tx = static_cast<int>(t % static_cast<std::size_t>(tilesX_));
        const int ty = static_cast<int>(t / static_cast<std::size_t>(tilesX_));
        const std::int64_t x0 = std::max<std::int64_t>(0, firstTileCol_ + std::int64_t{tx} * kTileWidth);
        const std::int64_t x1 =
            std::min<std::int64_t>(window_.width, firstTileCol_ + std::int64_t{tx + 1} * kTileWidth);
        const RasterWindow area =
            window_.sub(x0, static_cast<std::int64_t>(ty) * tileHeight_, static_cast<int>(x1 - x0),
                        std::min(tileHeight_, window_.height - ty * tileHeight_));
        TileBuffer tile{nullptr, kTileWidth + kRowSlack, area.col0, area.row0, area.width, area.height};
        scratch.tile.assign(static_cast<std::size_t>(tileHeight_ * tile.stride + kRowSlack),
                            qgis_ ? -0.0f : 0.0f);
        tile.data = scratch.tile.data();

        // The accumulator covers the tile's block of the grid: its running sums start at the
        // block's first column, so the points reaching any of its columns are added, window or not.
        Accumulator acc;
        Envelope env = area.envelope();
        if (accumulatorWidth_ > 0) {
            static_assert(kTileWidth == kAccumulateBlock, "a tile is one accumulation block");
            const std::int64_t first = floorTo(area.col0, kAccumulateBlock);
            acc = {nullptr, first, area.row0, area.height, accumulatorWidth_, 0};
            acc.rowStride = kAccumulateBlock * acc.width + 1 + 40;
            const std::size_t size =
                static_cast<std::size_t>(acc.rowStride) * static_cast<std::size_t>(acc.rows);
            if (scratch.accumulator.size() < size)
                scratch.accumulator.resize(size, 0.0);
            acc.data = scratch.accumulator.data();
            const double p = window_.grid.pixelSize;
            env.minX = window_.grid.originX + static_cast<double>(first) * p;
            env.maxX = window_.grid.originX + static_cast<double>(first + kAccumulateBlock) * p;
        }
        bool anyAccumulated = false;

        const auto points = index_.points();
        const auto add = [&](std::size_t begin, std::size_t end, const float* coefs) {
            for (std::size_t i = begin; i < end; ++i) {
                const KdePoint& p = points[i];
                if (!reaches(p, env))
                    continue;
                const bool accumulate = accumulated(p);
                anyAccumulated |= accumulate;
                if (qgis_) {
                    if (const auto q = placeQgis(p, *qgis_, coefficient(p))) {
                        if (accumulate)
                            accumulateQgisPoint(*q, *qgis_, shape_, acc);
                        else
                            addQgisPoint(*q, *qgis_, shape_, tile);
                    }
                    continue;
                }
                const float coef = coefs ? coefs[i - begin] : coefficient(p);
                if (coef == 0)
                    continue;
                if (auto g = placeOnGrid(p, window_.grid)) {
                    g->coef = coef;
                    if (accumulate)
                        accumulatePoint(*g, shape_, acc);
                    else
                        addPoint(*g, shape_, tile);
                }
            }
        };
        for (const auto& range : index_.query(grown(env, margin_))) {
            if (options_.value == OutputValue::Density)
                withCoefficients(range.begin, range.end, add);
            else
                add(range.begin, range.end, nullptr);
        }
        if (anyAccumulated)
            resolveAccumulator(acc, shape_, tile, qgis_.has_value());
        copyOut(tile, static_cast<int>(x0), ty * tileHeight_, out);
    }

    // The largest multiple of `step` <= col.
    static std::int64_t floorTo(std::int64_t col, std::int64_t step) {
        const std::int64_t q = col / step;
        return (q * step > col ? q - 1 : q) * step;
    }

    // Into the window's row-major output; in QGIS mode a pixel still at -0.0 was never reached.
    void copyOut(const TileBuffer& tile, int x0, int y0, std::span<float> out) const {
        for (int r = 0; r < tile.height; ++r) {
            const float* src = tile.data + r * tile.stride;
            float* dst =
                out.data() + static_cast<std::size_t>(y0 + r) * static_cast<std::size_t>(window_.width) + x0;
            if (!qgis_) {
                std::copy(src, src + tile.width, dst);
                continue;
            }
            for (int c = 0; c < tile.width; ++c)
                dst[c] = std::bit_cast<std::uint32_t>(src[c]) == 0x80000000u ? kQgisNoData : src[c];
        }
    }

    const KdePointIndex& index_;
    RasterWindow window_;
    KdeOptions options_;
    Shape shape_;
    std::optional<double> constant_;
    std::optional<QgisLayout> qgis_;
    double margin_ = 0;
    std::int64_t firstTileCol_ = 0; // window column of the first tile's grid-aligned start (<= 0)
    int tilesX_ = 0;
    int tilesY_ = 0;
    int tileHeight_ = kTileHeight;
    int accumulatorWidth_ = 0; // 0: every point evaluated directly
    // Density: the index ranges reaching the window, where each starts in coefs_, the coefficients.
    std::vector<KdePointIndex::Range> candidates_;
    std::vector<std::size_t> offsets_;
    std::vector<float> coefs_;
};

void checkWindow(const KdePointIndex& index, const RasterWindow& window, std::span<float> out) {
    const double p = window.grid.pixelSize;
    if (!(p > 0 && std::isfinite(p)) || !std::isfinite(window.grid.originX) ||
        !std::isfinite(window.grid.originY))
        throw InputError("the raster grid needs a finite origin and a positive pixel size");
    if (window.width < 0 || window.height < 0 || out.size() != window.pixelCount())
        throw InputError(
            "the output buffer must hold width x height = " + std::to_string(window.pixelCount()) +
            " values, it holds " + std::to_string(out.size()));
    if (index.maxRadius() / p > 1e5)
        throw InputError("a radius of " + std::to_string(index.maxRadius() / p) +
                         " pixels is too large (at most 100000): use larger pixels");
}

} // namespace

void computeWindow(const KdePointIndex& index, const RasterWindow& window, const KdeOptions& options,
                   std::span<float> out, Progress* progress) {
    kde::checkOptions(options);
    checkWindow(index, window, out);
    if (index.size() == 0 && !options.qgisCompatible) {
        std::fill(out.begin(), out.end(), 0.0f);
        return;
    }
    WindowJob(index, window, options).run(out, progress);
}

} // namespace firebeat
