// The one tile matrix set of WMTS and the XYZ tiles: GoogleMapsCompatible (OGC WebMercatorQuad),
// 256 x 256 tiles on EPSG:3857, row 0 at the top.
#pragma once

#include "map_layer.h"

#include <QString>

#include <optional>

namespace firebeat::ogc {

inline const QString kTileMatrixSet = QStringLiteral("GoogleMapsCompatible");
inline constexpr int kTileSize = 256;
// The deepest zoom: a pixel is 3.7 cm at the equator there, and the whole matrix still fits the
// 32-bit raster size GDAL's WMTS driver needs.
inline constexpr int kMaxTileZoom = 22;

// WMTS 1.0.0 Annex E.4's scale denominator at `zoom` (0.28 mm pixels).
double scaleDenominator(int zoom);

// The map of tile (`row`, `col`) at `zoom`; nullopt outside the matrix.
std::optional<MapView> tileView(int zoom, qint64 row, qint64 col);

} // namespace firebeat::ogc
