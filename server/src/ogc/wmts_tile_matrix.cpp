#include "wmts_tile_matrix.h"

#include "map_crs.h"

#include <cmath>

namespace firebeat::ogc {

double scaleDenominator(int zoom) {
    constexpr double kPixelMetres = 0.00028;
    return 2 * kWebMercatorHalfWorld / kTileSize / kPixelMetres / std::ldexp(1.0, zoom);
}

std::optional<MapView> tileView(int zoom, qint64 row, qint64 col) {
    if (zoom < 0 || zoom > kMaxTileZoom || row < 0 || col < 0 || row >= (qint64{1} << zoom) ||
        col >= (qint64{1} << zoom))
        return std::nullopt;
    const double size = 2 * kWebMercatorHalfWorld / std::ldexp(1.0, zoom);
    const double minX = -kWebMercatorHalfWorld + static_cast<double>(col) * size;
    const double maxY = kWebMercatorHalfWorld - static_cast<double>(row) * size;
    return MapView{"EPSG:3857", {minX, maxY - size, minX + size, maxY}, kTileSize, kTileSize};
}

} // namespace firebeat::ogc
