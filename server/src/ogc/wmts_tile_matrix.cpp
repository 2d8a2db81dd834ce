#include "wmts_tile_matrix.h"

#include "map_crs.h"

#include <cmath>
#include <numbers>

namespace firebeat::ogc {
namespace {

constexpr double kPixelMetres = 0.00028;
// WMTS 1.0.0 Annex E: metres per degree on the equator of a 6378137 m sphere (the GRS 80 and
// CGCS2000 semi-major axis), as for GoogleCRS84Quad.
constexpr double kMetresPerDegree = 6378137 * 2 * std::numbers::pi / 360;

} // namespace

qint64 TileMatrixSet::columns(int zoom) const {
    return static_cast<qint64>(columnsAtMinZoom) << (zoom - minZoom);
}

qint64 TileMatrixSet::rows(int zoom) const {
    const double aspect = (world.maxY - world.minY) / (world.maxX - world.minX);
    return static_cast<qint64>(std::llround(static_cast<double>(columns(zoom)) * aspect));
}

double TileMatrixSet::scaleDenominator(int zoom) const {
    const double pixel = (world.maxX - world.minX) / static_cast<double>(columns(zoom)) / kTileSize;
    return pixel * metresPerUnit / kPixelMetres;
}

std::optional<MapView> TileMatrixSet::tileView(int zoom, qint64 row, qint64 col) const {
    if (zoom < minZoom || zoom > maxZoom || row < 0 || col < 0 || row >= rows(zoom) || col >= columns(zoom))
        return std::nullopt;
    const double size = (world.maxX - world.minX) / static_cast<double>(columns(zoom));
    const double minX = world.minX + static_cast<double>(col) * size;
    const double maxY = world.maxY - static_cast<double>(row) * size;
    return MapView{crs, {minX, maxY - size, minX + size, maxY}, kTileSize, kTileSize};
}

const std::vector<TileMatrixSet>& tileMatrixSets() {
    static const std::vector<TileMatrixSet> sets{
        {kTileMatrixSet, "EPSG:3857", "urn:ogc:def:crs:EPSG::3857", false,
         Envelope{-kWebMercatorHalfWorld, -kWebMercatorHalfWorld, kWebMercatorHalfWorld,
                  kWebMercatorHalfWorld},
         1.0, 0, kMaxTileZoom, 1, "urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible"},
        {kCgcs2000TileMatrixSet, "EPSG:4490", "urn:ogc:def:crs:EPSG::4490", true,
         Envelope{-180, -90, 180, 90}, kMetresPerDegree, 1, 20, 2, QString()},
    };
    return sets;
}

const TileMatrixSet* findTileMatrixSet(const QString& identifier) {
    for (const TileMatrixSet& set : tileMatrixSets())
        if (set.identifier == identifier)
            return &set;
    return nullptr;
}

double scaleDenominator(int zoom) {
    return tileMatrixSets().front().scaleDenominator(zoom);
}

std::optional<MapView> tileView(int zoom, qint64 row, qint64 col) {
    return tileMatrixSets().front().tileView(zoom, row, col);
}

} // namespace firebeat::ogc
