#include "firebeat/kde_pixel_density.h"

#include "firebeat/crs.h"
#include "firebeat/kde_point_density.h"

#include <array>
#include <chrono>
#include <cmath>
#include <future>
#include <numeric>
#include <string>

namespace firebeat {
namespace {

constexpr int kMaxSamplesPerSide = 4; // pixels up to 2 bandwidths wide are sampled, wider ones binned

double distance(Point a, Point b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

// Cells over a band of a map, bounded by the pixel columns `cols` and pixel rows `rows`: their
// corners in lon/lat, and in the analysis CRS where a cell may meet the field's reach (far
// corners of the world cannot be projected to a Gauss-Kruger zone, and nothing is there).
class CellGrid {
  public:
    CellGrid(const DensityField& field, const MapWindow& view, std::vector<int> cols, std::vector<int> rows)
        : cols_(std::move(cols)), rows_(std::move(rows)) {
        const double dx = view.bbox.width() / view.width;
        const double dy = view.bbox.height() / view.height;
        std::vector<Point> lonLat(cols_.size() * rows_.size());
        for (std::size_t r = 0; r < rows_.size(); ++r)
            for (std::size_t c = 0; c < cols_.size(); ++c)
                lonLat[r * cols_.size() + c] = {view.bbox.minX + cols_[c] * dx,
                                                view.bbox.maxY - rows_[r] * dy};
        cachedTransform(view.crs, "EPSG:4326").apply(lonLat);
        near_.assign(static_cast<std::size_t>(across() * down()), false);
        std::vector<bool> needed(lonLat.size(), false);
        for (int r = 0; r < down(); ++r)
            for (int c = 0; c < across(); ++c) {
                Envelope e;
                for (const std::size_t k : cornersOf(c, r))
                    e.expand(lonLat[k]);
                if (!std::isfinite(e.width()) || !std::isfinite(e.height()) ||
                    !e.intersects(field.lonLatReach()))
                    continue;
                near_[static_cast<std::size_t>(r * across() + c)] = true;
                for (const std::size_t k : cornersOf(c, r))
                    needed[k] = true;
            }
        std::vector<Point> projected;
        for (std::size_t k = 0; k < lonLat.size(); ++k)
            if (needed[k])
                projected.push_back(lonLat[k]);
        cachedTransform("EPSG:4326", field.analysisCrs()).apply(projected);
        ground_.assign(lonLat.size(), Point{NAN, NAN});
        for (std::size_t k = 0, next = 0; k < lonLat.size(); ++k)
            if (needed[k])
                ground_[k] = projected[next++];
    }

    int across() const { return static_cast<int>(cols_.size()) - 1; }
    int down() const { return static_cast<int>(rows_.size()) - 1; }
    bool near(int c, int r) const { return near_[static_cast<std::size_t>(r * across() + c)]; }

    // Top-left, top-right, bottom-right and bottom-left corners in the analysis CRS.
    std::array<Point, 4> corners(int c, int r) const {
        const auto k = cornersOf(c, r);
        return {ground_[k[0]], ground_[k[1]], ground_[k[2]], ground_[k[3]]};
    }

    // The longer side of one pixel of the cell on the ground (NaN when unknown).
    double pixelEdge(int c, int r) const {
        const auto [a, b, e, d] = corners(c, r);
        const double pixelsAcross =
            cols_[static_cast<std::size_t>(c) + 1] - cols_[static_cast<std::size_t>(c)];
        const double pixelsDown = rows_[static_cast<std::size_t>(r) + 1] - rows_[static_cast<std::size_t>(r)];
        return std::max({distance(a, b) / pixelsAcross, distance(d, e) / pixelsAcross,
                         distance(a, d) / pixelsDown, distance(b, e) / pixelsDown});
    }

    // The cell's area on the ground in m^2 (NaN when unknown).
    double area(int c, int r) const {
        const auto p = corners(c, r);
        double twice = 0;
        for (std::size_t i = 0; i < 4; ++i)
            twice += p[i].x * p[(i + 1) % 4].y - p[(i + 1) % 4].x * p[i].y;
        return std::abs(twice) / 2;
    }

  private:
    std::array<std::size_t, 4> cornersOf(int c, int r) const {
        const std::size_t w = cols_.size();
        const auto cc = static_cast<std::size_t>(c), rr = static_cast<std::size_t>(r);
        return {rr * w + cc, rr * w + cc + 1, (rr + 1) * w + cc + 1, (rr + 1) * w + cc};
    }

    std::vector<int> cols_, rows_;
    std::vector<bool> near_;
    std::vector<Point> ground_;
};

// Replaces the centre values of pixels wider than half the bandwidth by their footprint's mean.
void footprintMeans(const DensityField& field, const MapWindow& view, int row0, int rows,
                    std::vector<double>& out) {
    const int width = view.width;
    std::vector<int> cols(static_cast<std::size_t>(width) + 1), pixelRows(static_cast<std::size_t>(rows) + 1);
    std::iota(cols.begin(), cols.end(), 0);
    std::iota(pixelRows.begin(), pixelRows.end(), row0);
    const CellGrid grid(field, view, std::move(cols), std::move(pixelRows));
    std::vector<Point> samples;
    std::vector<std::size_t> sampleOwner;
    std::vector<double> sampleShare;
    std::vector<std::pair<std::size_t, double>> binned; // pixel, ground area
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < width; ++c) {
            if (!grid.near(c, r))
                continue;
            const auto pixel =
                static_cast<std::size_t>(r) * static_cast<std::size_t>(width) + static_cast<std::size_t>(c);
            const double n = std::ceil(2 * grid.pixelEdge(c, r) / field.bandwidth());
            if (!std::isfinite(n)) {
                out[pixel] = 0;
                continue;
            }
            if (n <= 1)
                continue;
            const auto [a, b, e, d] = grid.corners(c, r);
            if (n > kMaxSamplesPerSide) {
                binned.emplace_back(pixel, grid.area(c, r));
                continue;
            }
            out[pixel] = 0;
            // Bilinear within the footprint: a pixel is a near-parallelogram on the ground.
            for (int i = 0; i < n; ++i)
                for (int j = 0; j < n; ++j) {
                    const double u = (i + 0.5) / n, v = (j + 0.5) / n;
                    samples.push_back(
                        {(1 - u) * (1 - v) * a.x + u * (1 - v) * b.x + u * v * e.x + (1 - u) * v * d.x,
                         (1 - u) * (1 - v) * a.y + u * (1 - v) * b.y + u * v * e.y + (1 - u) * v * d.y});
                    sampleOwner.push_back(pixel);
                    sampleShare.push_back(1 / (n * n));
                }
        }
    std::vector<double> values(samples.size());
    quarticDensityAt(field.points(), samples, values);
    for (std::size_t s = 0; s < samples.size(); ++s)
        out[sampleOwner[s]] += values[s] * sampleShare[s];
    if (binned.empty())
        return;
    std::vector<double> mass(out.size(), 0.0);
    field.kernelsIn(view.crs).addMass(view, row0, rows, mass);
    for (const auto& [pixel, area] : binned)
        out[pixel] = area > 0 && std::isfinite(area) ? mass[pixel] / (area * 1e-6) : 0.0;
}

} // namespace

DensityField::DensityField(std::shared_ptr<const KdePointIndex> points, std::string analysisCrs,
                           double bandwidth)
    : points_(std::move(points)), analysisCrs_(std::move(analysisCrs)), bandwidth_(bandwidth) {
    if (!(bandwidth > 0 && std::isfinite(bandwidth)))
        throw InputError("heatmap bandwidth must be a positive number of metres, got " +
                         std::to_string(bandwidth));
    if (points_->size() > 0) {
        const Envelope e = points_->envelope();
        lonLatReach_ = cachedTransform(analysisCrs_, "EPSG:4326")
                           .apply(Envelope{e.minX - bandwidth, e.minY - bandwidth, e.maxX + bandwidth,
                                           e.maxY + bandwidth});
    }
}

const ViewKernels& DensityField::kernelsIn(const std::string& viewCrs) const {
    std::promise<std::shared_ptr<const ViewKernels>> promise;
    std::shared_future<std::shared_ptr<const ViewKernels>> kernels;
    {
        const std::lock_guard lock(mutex_);
        const auto [it, first] = views_.try_emplace(viewCrs);
        if (first)
            it->second = promise.get_future().share();
        else
            return *it->second.get(); // built, or being built by another thread: wait for it
        kernels = it->second;
    }
    try {
        promise.set_value(std::make_shared<const ViewKernels>(*points_, analysisCrs_, viewCrs));
    } catch (...) {
        // Waiting threads get the error too; the next call tries again.
        promise.set_exception(std::current_exception());
        const std::lock_guard lock(mutex_);
        views_.erase(viewCrs);
        throw;
    }
    return *kernels.get();
}

void DensityField::prepare(const std::vector<std::string>& viewCrss) const {
    std::vector<std::future<void>> builds;
    for (const std::string& crs : viewCrss)
        builds.push_back(std::async(std::launch::async, [this, crs] { kernelsIn(crs); }));
    for (auto& b : builds)
        b.get(); // rethrows a build's error
}

bool DensityField::hasKernelsIn(const std::string& viewCrs) const {
    const std::lock_guard lock(mutex_);
    const auto it = views_.find(viewCrs);
    return it != views_.end() && it->second.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

std::vector<double> pixelDensity(const DensityField& field, const MapWindow& view, int row0, int rows) {
    std::vector<double> out(static_cast<std::size_t>(view.width) * static_cast<std::size_t>(rows), 0.0);
    const ViewKernels& kernels = field.kernelsIn(view.crs);
    kernels.addDensity(view, row0, rows, out);
    // A margin of 25 % on the half-bandwidth rule: pixel sizes change smoothly across a map, and
    // the kernels measure them where they are, not at every pixel.
    if (kernels.largestPixelEdge(view, row0, rows) > 0.4 * field.bandwidth())
        footprintMeans(field, view, row0, rows, out);
    return out;
}

} // namespace firebeat
