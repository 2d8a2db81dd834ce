// A map window: a north-up raster of width x height pixels over `bbox` in `crs`, x being the
// easting/longitude whatever the CRS's axis order (map tiles, WMS GetMap).
#pragma once

#include "firebeat/geometry.h"

#include <string>
#include <vector>

namespace firebeat {

struct MapWindow {
    std::string crs = "EPSG:3857";
    Envelope bbox;
    int width = 0;
    int height = 0;
};

// The centres of the pixels in rows [row0, row0 + rows) of `window`, row-major, top row first.
std::vector<Point> pixelCentres(const MapWindow& window, int row0, int rows);

} // namespace firebeat
