// Envelope tests shared by the layers.
#pragma once

#include "firebeat/geometry.h"

namespace firebeat::ogc {

// Whether two envelopes overlap or touch (false when either is empty).
inline bool intersects(const Envelope& a, const Envelope& b) {
    return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}

} // namespace firebeat::ogc
