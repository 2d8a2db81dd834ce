// The heatmap's value of a map pixel: the MEAN kernel density over the pixel's own footprint on
// the ground, so maps at low zoom show the hazards' true mass instead of speckle, and a pixel's
// value depends on nothing but its footprint (tiles and larger maps join without seams).
//
// The rule, with s the longer edge of the footprint in the analysis CRS (metres) and r the
// bandwidth:
// - s <= r/2: the density at the pixel's centre (the kernel hardly changes within the pixel);
// - r/2 < s <= 2r: the mean of n x n samples, n = ceil(2s/r), spaced at most r/2 apart (the
//   midpoint rule keeps every hazard's mass within 1.5 %);
// - s > 2r: exact binning: each hazard's kernel mass goes to the pixels it falls in, all of it
//   into one pixel when the kernel fits inside, else split over a 16 x 16 grid of the kernel;
//   divided by the footprint's ground area. The mass of the map is then exactly the hazards'.
// Pixels whose footprint cannot be measured in the analysis CRS (far across the globe) show 0.
// Centres are evaluated with ViewKernels (no pixel is projected); footprints in the analysis CRS.
#pragma once

#include "firebeat/kde.h"
#include "firebeat/kde_view_kernels.h"
#include "firebeat/map_window.h"

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace firebeat {

// The points of a heatmap (in the analysis CRS, metres, each with the bandwidth as its radius)
// and, built on first use and kept, their kernels as each map CRS asked for sees them.
class DensityField {
  public:
    // Throws InputError unless the bandwidth (metres) is positive.
    DensityField(std::shared_ptr<const KdePointIndex> points, std::string analysisCrs, double bandwidth);

    const KdePointIndex& points() const { return *points_; }
    const std::string& analysisCrs() const { return analysisCrs_; }
    double bandwidth() const { return bandwidth_; }
    // Where the density can be above zero: the points grown by the bandwidth, in lon/lat.
    const Envelope& lonLatReach() const { return lonLatReach_; }
    // Safe to call from several threads at once; each CRS's kernels are built once (by the
    // first caller; the others wait for them rather than building copies).
    const ViewKernels& kernelsIn(const std::string& viewCrs) const;
    // Builds the kernels of every CRS listed now, one thread per CRS (a server calls this before
    // it answers, so no map request pays for them).
    void prepare(const std::vector<std::string>& viewCrss) const;
    // Whether the kernels of `viewCrs` are built (not being built).
    bool hasKernelsIn(const std::string& viewCrs) const;

  private:
    std::shared_ptr<const KdePointIndex> points_;
    std::string analysisCrs_;
    double bandwidth_;
    Envelope lonLatReach_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::shared_future<std::shared_ptr<const ViewKernels>>> views_;
};

// Mean density (hazards/km^2) of each pixel of rows [row0, row0 + rows) of `view`, row-major.
std::vector<double> pixelDensity(const DensityField& field, const MapWindow& view, int row0, int rows);

} // namespace firebeat
