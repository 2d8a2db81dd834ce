// The quartic kernels of a point set as a map in another CRS sees them, so heatmap tiles are
// drawn without projecting their pixels: each point is projected once, together with its
// kernel's local metric (the ground length of a small offset in map units, from the Jacobian of
// the projection at the point). Within a bandwidth of a few hundred metres this linearised
// distance differs from the distance in the analysis CRS by about r / R (1e-4) relative.
#pragma once

#include "firebeat/kde.h"
#include "firebeat/map_window.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace firebeat {

class ViewKernels {
  public:
    // Points that cannot be projected into `viewCrs`, or have no radius, are left out: they
    // cannot show on such a map (a density field's points all have the bandwidth as radius).
    ViewKernels(const KdePointIndex& points, const std::string& analysisCrs, const std::string& viewCrs);

    // Adds the quartic density (weighted points per km^2, normalised over the plane) at the
    // centre of every pixel of rows [row0, row0 + rows) of `view` (in the view CRS) to `out`,
    // row-major. Every pixel sums its kernels in one fixed order, so a pixel centre gets the same
    // value in any window.
    void addDensity(const MapWindow& view, int row0, int rows, std::span<double> out) const;

    // Adds the weight of each kernel falling in each pixel of rows [row0, row0 + rows) of `view`
    // to `mass` (row-major): all of it into one pixel when the kernel's disc fits inside, else
    // split over 16 x 16 cells of the disc. For pixels much wider than the bandwidth, where
    // sampling the density would miss kernels.
    void addMass(const MapWindow& view, int row0, int rows, std::span<double> mass) const;

    // The longest ground edge (metres) of a pixel of `view` where a kernel reaches rows
    // [row0, row0 + rows); 0 when none does.
    double largestPixelEdge(const MapWindow& view, int row0, int rows) const;

    // One point's kernel as the map sees it.
    struct Kernel {
        double x = 0, y = 0;         // centre in map units
        double a = 0, b2 = 0, c = 0; // (ground distance / radius)^2 of an offset (dx, dy) in map
                                     // units: a dx^2 + b2 dx dy + c dy^2
        double scale = 0;            // weight x 3 / (pi radius^2), per km^2
        double halfX = 0, halfY = 0; // half extents of the kernel's disc in map units
        double radius = 0;           // metres
        double weight = 0;
        Point east, north; // map units per metre east and north of the point
    };

  private:
    // The kernels whose discs may meet `e`, in their fixed order.
    template <class Visit> void forEachNear(const Envelope& e, Visit&& visit) const;

    std::vector<Kernel> kernels_; // grouped by cell, cells row-major
    Envelope centres_;
    double cellSize_ = 1;
    std::int64_t cellsX_ = 1, cellsY_ = 1;
    std::vector<std::size_t> cellStart_; // cellsX_ * cellsY_ + 1 offsets into kernels_
    double maxHalfX_ = 0, maxHalfY_ = 0;
};

} // namespace firebeat
