// RAII over the GEOS C API (reentrant functions, one context per thread).
#pragma once

#include "firebeat/geometry.h"

#include <geos_c.h>

#include <memory>
#include <string>

namespace firebeat {

// This thread's GEOS context; errors are captured into lastGeosError().
GEOSContextHandle_t geosContext();
std::string lastGeosError();

struct GeosGeometryDeleter {
    void operator()(GEOSGeometry* g) const;
};
using GeosGeometry = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

struct GeosPreparedDeleter {
    void operator()(const GEOSPreparedGeometry* g) const;
};
using GeosPrepared = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

// Null when the WKB cannot be parsed.
GeosGeometry geosFromWkb(const std::vector<std::uint8_t>& wkb);
std::vector<std::uint8_t> geosToWkb(const GEOSGeometry* g);
GeosGeometry geosPoint(Point p);
Envelope geosEnvelope(const GEOSGeometry* g);
// A Polygon (WKB + envelope) from a GEOS geometry.
Polygon toPolygon(const GEOSGeometry* g);

} // namespace firebeat
