// The tile matrix sets of WMTS, 256 x 256 tiles, row 0 at the top:
// - GoogleMapsCompatible (OGC WebMercatorQuad) on EPSG:3857, zooms 0-22, 2^z x 2^z tiles; the XYZ
//   tiles use it too;
// - CGCS2000 on EPSG:4490, the national lon/lat grid of China's map service (Tianditu's "c"
//   matrix set): top left (-180, 90), level 1 = 2 x 1 tiles of 180 degrees, each level halving
//   the resolution, levels 1-20 (2^z x 2^(z-1) tiles).
#pragma once

#include "map_layer.h"

#include <QString>

#include <optional>
#include <vector>

namespace firebeat::ogc {

inline const QString kTileMatrixSet = QStringLiteral("GoogleMapsCompatible");
inline const QString kCgcs2000TileMatrixSet = QStringLiteral("CGCS2000");
inline constexpr int kTileSize = 256;
// The deepest zoom: a pixel is 3.7 cm at the equator there, and the whole matrix still fits the
// 32-bit raster size GDAL's WMTS driver needs.
inline constexpr int kMaxTileZoom = 22;

struct TileMatrixSet {
    QString identifier;
    std::string crs;      // MapView::crs
    QString crsUrn;       // urn:ogc:def:crs:EPSG::...
    bool northingFirst;   // the CRS's axis order (TopLeftCorner, BoundingBox)
    Envelope world;       // the matrix's extent, x = easting / longitude
    double metresPerUnit; // for the scale denominators
    int minZoom, maxZoom; // matrix identifiers
    int columnsAtMinZoom; // tiles across at minZoom (rows: world's aspect)
    QString wellKnownScaleSet;

    qint64 columns(int zoom) const;
    qint64 rows(int zoom) const;
    // WMTS 1.0.0 Annex E.4's scale denominator at `zoom` (0.28 mm pixels).
    double scaleDenominator(int zoom) const;
    // The map of tile (`row`, `col`) at `zoom`; nullopt outside the matrix.
    std::optional<MapView> tileView(int zoom, qint64 row, qint64 col) const;
};

// GoogleMapsCompatible, then CGCS2000.
const std::vector<TileMatrixSet>& tileMatrixSets();
const TileMatrixSet* findTileMatrixSet(const QString& identifier); // null when none

// GoogleMapsCompatible's scale denominator and tile (the XYZ tiles).
double scaleDenominator(int zoom);
std::optional<MapView> tileView(int zoom, qint64 row, qint64 col);

} // namespace firebeat::ogc
