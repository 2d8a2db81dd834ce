// Kernel density evaluated at arbitrary points (e.g. map pixel centres in the analysis CRS), so a
// pixel's value depends only on where its centre is: tiles and larger maps agree.
#pragma once

#include "firebeat/geometry.h"
#include "firebeat/kde.h"

#include <span>

namespace firebeat {

// Quartic kernel density in weighted points per km^2 (coordinates in metres), normalised over
// the plane (3 / (pi r^2)), at each of `at`; out[i] = 0 where at[i] is not finite or no kernel
// reaches. Sums in the index's order, so equal points get equal values.
void quarticDensityAt(const KdePointIndex& index, std::span<const Point> at, std::span<double> out);

} // namespace firebeat
