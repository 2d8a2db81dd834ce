// Placing points on a grid: pixel-unit offsets for the row loops, and QGIS 3.22's pixel blocks.
#include "kde/kde_internal.h"

#include <cmath>
#include <limits>

namespace firebeat::kde {

std::optional<GridPoint> placeOnGrid(const KdePoint& p, const RasterGrid& grid) {
    const double gx = (p.x - grid.originX) / grid.pixelSize - 0.5;
    const double gy = (grid.originY - p.y) / grid.pixelSize - 0.5;
    const double reach = p.radius / grid.pixelSize;
    if (!(reach > 0) || !(std::abs(gx) < 1e15) || !(std::abs(gy) < 1e15))
        return std::nullopt;
    const double ic = std::floor(gx), jc = std::floor(gy);
    GridPoint g;
    g.ic = static_cast<std::int64_t>(ic);
    g.jc = static_cast<std::int64_t>(jc);
    g.fx = static_cast<float>(gx - ic);
    g.fy = static_cast<float>(gy - jc);
    g.reach = reach;
    g.s = static_cast<float>(1 / (reach * reach));
    if (!(g.s > 0) || !std::isfinite(g.s))
        return std::nullopt;
    return g;
}

QgisLayout qgisLayout(const KdePointIndex& index, double pixelSize) {
    const RasterWindow w = qgisWindow(index, pixelSize);
    QgisLayout layout;
    layout.xMin = w.grid.originX;
    layout.yMax = w.grid.originY;
    layout.yMin = index.extent().minY - index.maxRadius();
    layout.pixelSize = pixelSize;
    layout.cols = w.width;
    layout.rows = w.height;
    return layout;
}

namespace {

// What a QGIS block depends on besides the point: its radius and the pixel size.
struct RadiusTerms {
    double radius = -1, pixel = 0;
    int b = 0;            // QGIS's radiusSizeInPixels()
    double maxDistSq = 0; // the largest squared distance whose sqrt is <= radius
    double reach = 0;     // the radius in pixels
    float s = 0;          // 1 / reach^2
};

RadiusTerms radiusTerms(double r, double pixel) {
    RadiusTerms t{r, pixel};
    // QGIS's radiusSizeInPixels(): truncated, plus one when the remainder exceeds 0.5 map units.
    t.b = static_cast<int>(r / pixel);
    if (r - pixel * t.b > 0.5)
        ++t.b;
    // sqrt(d2) <= r exactly when d2 <= maxDistSq (sqrt is correctly rounded and monotone).
    double d2 = r * r;
    while (std::sqrt(d2) > r)
        d2 = std::nextafter(d2, 0.0);
    while (std::sqrt(std::nextafter(d2, std::numeric_limits<double>::infinity())) <= r)
        d2 = std::nextafter(d2, std::numeric_limits<double>::infinity());
    t.maxDistSq = d2;
    t.reach = r / pixel;
    t.s = static_cast<float>((pixel / r) * (pixel / r));
    return t;
}

} // namespace

std::optional<QgisPoint> placeQgis(const KdePoint& p, const QgisLayout& layout, float coef) {
    const double pixel = layout.pixelSize, r = p.radius;
    if (!(r > 0) || r / pixel > 1e6)
        return std::nullopt;
    // Kept for the last radius: points are placed once per tile they reach, mostly with one
    // radius, and the divisions and the search for maxDistSq cost more than the rest.
    thread_local RadiusTerms last;
    if (r != last.radius || pixel != last.pixel)
        last = radiusTerms(r, pixel);
    const int b = last.b;
    // QGIS converts these to unsigned int (truncation); at or below -1 they wrap and its
    // GDALRasterIO() of the block fails, so the point is left out. Points of the index lie
    // inside QGIS's bounds, so this only guards against rounding.
    const double columns = (p.x - layout.xMin) / pixel; // shared by QGIS's xPos and our gx
    const double xPos = columns - b;
    const double yPos = (p.y - layout.yMin) / pixel - b;
    const double yPosIO = (layout.yMax - p.y) / pixel - b;
    if (!(xPos > -1 && yPos > -1 && yPosIO > -1))
        return std::nullopt;
    QgisPoint q;
    q.x = p.x;
    q.y = p.y;
    q.block = 2 * static_cast<std::int64_t>(b) + 1;
    q.xPos = static_cast<std::int64_t>(xPos);
    q.yPos = static_cast<std::int64_t>(yPos);
    q.yPosIO = static_cast<std::int64_t>(yPosIO);
    // A block reaching past the raster makes QGIS's RasterIO fail: the point adds nothing.
    if (q.xPos + q.block > layout.cols || q.yPosIO + q.block > layout.rows)
        return std::nullopt;
    q.maxDistSq = last.maxDistSq;
    const double gx = columns - 0.5;
    const double ic = std::floor(gx);
    q.grid.ic = static_cast<std::int64_t>(ic);
    q.grid.fx = static_cast<float>(gx - ic);
    q.grid.reach = last.reach;
    q.grid.s = last.s;
    q.grid.coef = coef;
    return q;
}

} // namespace firebeat::kde
