// A hexagon grid to aggregate to when there is no village layer.
#pragma once

#include "firebeat/model.h"
#include "firebeat/spatial_weights.h"

#include <span>
#include <vector>

namespace firebeat {

// Pointy-top regular hexagons `size` metres across the flats (the distance between the centres
// of neighbouring hexagons) over the districts' extent, keeping those that intersect a
// district. Hexagon centres lie at x = (2c + (r mod 2)) size/2, y = r 3R/2 with R = size/sqrt(3)
// (so the same size gives the same grid on any data); ids are "hex_r<r>_c<c>", in row order.
// Neighbouring hexagons share bit-identical vertices. Throws InputError for a size <= 0, no
// districts, or more than 5 million candidate hexagons.
std::vector<Area> hexagonGrid(std::span<const District> districts, double size);

} // namespace firebeat
