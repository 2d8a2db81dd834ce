// GCJ-02 ("Mars coordinates" of WeChat/Tencent/AMap maps) <-> WGS 84, by the public formulas.
#pragma once

#include "firebeat/geometry.h"

namespace firebeat {

// True outside the rough China box the formulas apply to (there GCJ-02 equals WGS 84).
bool outsideChina(double lon, double lat);
// x = longitude, y = latitude, degrees.
Point wgs84ToGcj02(Point wgs);
// Exact inverse: iterates the forward transform until the round trip is below 1e-12 degrees.
Point gcj02ToWgs84(Point gcj);

} // namespace firebeat
