// Choosing and using the projected metric CRS the analyses run in.
#pragma once

#include "firebeat/geometry.h"

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace firebeat {

// The CGCS2000 3-degree Gauss-Kruger zone (EPSG:4534-4554, central meridians 75E-135E) holding
// the longitude when the point is in China, else the WGS 84 UTM zone. E.g. Kunming -> "EPSG:4543".
std::string metricCrsFor(double lon, double lat);

// Transforms points between two CRSs given as "EPSG:n", WKT or PROJ strings, always in
// x = easting/longitude, y = northing/latitude order whatever the CRS's axis order.
class CoordinateTransform {
  public:
    CoordinateTransform(const std::string& from, const std::string& to);
    ~CoordinateTransform();
    CoordinateTransform(const CoordinateTransform&) = delete;
    CoordinateTransform& operator=(const CoordinateTransform&) = delete;
    bool isIdentity() const { return identity_; }
    Point apply(Point p) const;
    void apply(std::span<Point> points) const;
    // Transforms a polygon's WKB (recomputing its envelope).
    void apply(Polygon& polygon) const;
    Envelope apply(const Envelope& e) const; // densified edges

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    bool identity_ = false;
};

// The transform from `from` to `to`, created once per thread and kept (PROJ objects are not
// thread-safe, and creating one costs far more than using it).
const CoordinateTransform& cachedTransform(const std::string& from, const std::string& to);

// True when the CRS string is understood by PROJ/GDAL.
bool isKnownCrs(const std::string& crs);

} // namespace firebeat
