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
        tilesX_ = (window.width + kTileWidth - 1) / kTileWidth;
        tilesY_ = (window.height + kTileHeight - 1) / kTileHeight;
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
        std::vector<std::vector<float>> scratch(threadCount(options_.threads));
        parallelFor(tiles, options_.threads, progress, start, 1, "kernel density",
                    [&](std::size_t t, unsigned worker) { computeTile(t, scratch[worker], out); });
    }

  private:
    // Density: each point reaching the window gets weight / (its kernel's sum over the whole grid
    // x pixel area in km^2), computed once here rather than in every tile it touches.
    void normalise(Progress* progress, double share) {
        candidates_ = index_.query(grown(window_.envelope(), margin_));
        std::size_t total = 0;
        for (const auto& r : candidates_) {
            offsets_.push_back(total);
            total += r.end - r.begin;
        }
        resizeHuge(coefs_, total);
        const double pixelKm2 = window_.grid.pixelSize * window_.grid.pixelSize / 1e6;
        const auto points = index_.points();
        const Envelope env = window_.envelope();
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

    void computeTile(std::size_t t, std::vector<float>& scratch, std::span<float> out) const {
        const int tx = static_cast<int>(t % static_cast<std::size_t>(tilesX_));
        const int ty = static_cast<int>(t / static_cast<std::size_t>(tilesX_));
        const RasterWindow area = window_.sub(static_cast<std::int64_t>(tx) * kTileWidth,
                                              static_cast<std::int64_t>(ty) * kTileHeight,
                                              std::min(kTileWidth, window_.width - tx * kTileWidth),
                                              std::min(kTileHeight, window_.height - ty * kTileHeight));
        TileBuffer tile{nullptr, kTileWidth + kRowSlack, area.col0, area.row0, area.width, area.height};
        scratch.assign(static_cast<std::size_t>(kTileHeight * tile.stride + kRowSlack), qgis_ ? -0.0f : 0.0f);
        tile.data = scratch.data();

        const Envelope env = area.envelope();
        const auto points = index_.points();
        const auto add = [&](std::size_t begin, std::size_t end, const float* coefs) {
            for (std::size_t i = begin; i < end; ++i) {
                const KdePoint& p = points[i];
                if (!reaches(p, env))
                    continue;
                if (qgis_) {
                    if (const auto q = placeQgis(p, *qgis_, coefficient(p)))
                        addQgisPoint(*q, *qgis_, shape_, tile);
                    continue;
                }
                const float coef = coefs ? coefs[i - begin] : coefficient(p);
                if (coef == 0)
                    continue;
                if (auto g = placeOnGrid(p, window_.grid)) {
                    g->coef = coef;
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
        copyOut(tile, tx * kTileWidth, ty * kTileHeight, out);
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
    int tilesX_ = 0;
    int tilesY_ = 0;
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
