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
#pragma once

#include "firebeat/kde.h"
#include "firebeat/map_window.h"

#include <string>
#include <vector>

namespace firebeat {

struct DensityField {
    const KdePointIndex& points; // in the analysis CRS, metres
    const std::string& analysisCrs;
    double bandwidth = 0; // metres, the radius of every point
    Envelope lonLatReach; // where the density can be above zero: the points grown by the bandwidth
};

// Mean density (hazards/km^2) of each pixel of rows [row0, row0 + rows) of `view`, row-major.
std::vector<double> pixelDensity(const DensityField& field, const MapWindow& view, int row0, int rows);

} // namespace firebeat
