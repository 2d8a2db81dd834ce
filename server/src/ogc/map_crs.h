// The CRSs map requests may be in, with their axis order and where a map may lie.
#pragma once

#include "map_layer.h"

#include "firebeat/crs.h"

#include <string>
#include <vector>

namespace firebeat::ogc {

inline constexpr double kWebMercatorHalfWorld = 20037508.342789244;

// A CRS clients may ask for, as they name it.
struct OfferedCrs {
    std::string name; // "EPSG:3857", "EPSG:4326", "CRS:84", "EPSG:4490", the analysis CRS
    std::string crs;  // MapView::crs for it ("EPSG:4326" for CRS:84)
    // WMS 1.3.0 writes coordinates in the CRS's own axis order (EPSG's, as GeoServer and
    // MapServer do): latitude first for EPSG:4326/4490, northing first for the Gauss-Kruger zones
    // (EPSG:4534-4554). WMS 1.1.1 and CRS:84 are always easting/longitude first.
    bool northingFirst = false;
    // Where a BBOX may lie, x = easting: the whole globe for geographic CRSs, the area of use
    // for EPSG:3857 (the world), and the area of use widened by its own size on every side for
    // other projections (transverse Mercator stays well-defined there; far beyond, it diverges).
    Envelope domain;
};

// EPSG:3857, EPSG:4326, CRS:84, EPSG:4490, `analysisCrs` and the `more` a configuration lists
// (each once), in that order. Throws InputError when one of them is unknown.
const std::vector<OfferedCrs>& offeredCrss(const std::string& analysisCrs,
                                           const std::vector<std::string>& more = {});

} // namespace firebeat::ogc
