// The hazard_heatmap layer: weighted hazards in the analysis CRS, rendered for any bbox in
// EPSG:3857 or lon/lat by evaluating the density at every output pixel's own centre.
#pragma once

#include "colour_ramp.h"

#include "firebeat/crs.h"
#include "firebeat/kde.h"

#include <QImage>

#include <memory>
#include <string>
#include <vector>

namespace firebeat::ogc {

inline constexpr double kWebMercatorHalfWorld = 20037508.342789244;

// The CRSs a request may be in; LonLat covers EPSG:4326 and CRS:84 (x = lon, y = lat here).
enum class RequestCrs { WebMercator, LonLat };

class HeatmapLayer {
  public:
    // `points` in `analysisCrs` (metres); throws InputError when there are none.
    HeatmapLayer(std::vector<KdePoint> points, const std::string& analysisCrs, ColourRamp ramp);

    const std::string& analysisCrs() const { return analysisCrs_; }
    // Where the density is above zero: the points grown by their radius.
    const Envelope& lonLatExtent() const { return lonLatExtent_; }
    Envelope webMercatorExtent() const;
    const ColourRamp& ramp() const { return ramp_; }

    // Density (hazards/km^2) at the pixel centres of rows [row0, row0 + rows) of a width x height
    // north-up raster over `bbox` (x = easting/lon), row-major, top row first.
    std::vector<double> density(const Envelope& bbox, RequestCrs crs, int width, int height, int row0,
                                int rows) const;
    QImage render(const Envelope& bbox, RequestCrs crs, int width, int height) const;

  private:
    std::string analysisCrs_;
    KdePointIndex index_;
    ColourRamp ramp_;
    Envelope lonLatExtent_;
    std::unique_ptr<CoordinateTransform> mercatorToLonLat_;
    std::unique_ptr<CoordinateTransform> lonLatToAnalysis_;
};

} // namespace firebeat::ogc
