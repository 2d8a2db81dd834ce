#include "heatmap_layer.h"

#include "firebeat/kde_point_density.h"

#include "firebeat/progress.h"

#include <algorithm>

namespace firebeat::ogc {

HeatmapLayer::HeatmapLayer(std::vector<KdePoint> points, const std::string& analysisCrs, ColourRamp ramp)
    : analysisCrs_(analysisCrs), index_(std::move(points)), ramp_(std::move(ramp)),
      mercatorToLonLat_(std::make_unique<CoordinateTransform>("EPSG:3857", "EPSG:4326")),
      lonLatToAnalysis_(std::make_unique<CoordinateTransform>("EPSG:4326", analysisCrs)) {
    if (index_.size() == 0)
        throw InputError("no hazards to serve a heatmap of");
    const Envelope e = index_.envelope();
    const double r = index_.maxRadius();
    lonLatExtent_ = CoordinateTransform(analysisCrs, "EPSG:4326")
                        .apply(Envelope{e.minX - r, e.minY - r, e.maxX + r, e.maxY + r});
}

Envelope HeatmapLayer::webMercatorExtent() const {
    return CoordinateTransform("EPSG:4326", "EPSG:3857").apply(lonLatExtent_);
}

std::vector<double> HeatmapLayer::density(const Envelope& bbox, RequestCrs crs, int width, int height,
                                          int row0, int rows) const {
    const auto w = static_cast<std::size_t>(width);
    std::vector<Point> centres(w * static_cast<std::size_t>(rows));
    const double dx = (bbox.maxX - bbox.minX) / width;
    const double dy = (bbox.maxY - bbox.minY) / height;
    for (int row = 0; row < rows; ++row)
        for (std::size_t col = 0; col < w; ++col)
            centres[static_cast<std::size_t>(row) * w + col] = {
                bbox.minX + (static_cast<double>(col) + 0.5) * dx, bbox.maxY - (row0 + row + 0.5) * dy};
    if (crs == RequestCrs::WebMercator)
        mercatorToLonLat_->apply(centres);
    // Only centres near the hazards go on to the analysis CRS: a Gauss-Kruger zone cannot
    // transform the far side of the world, and the density there is zero anyway.
    const Envelope& near = lonLatExtent_;
    std::vector<Point> inside;
    std::vector<std::size_t> where;
    for (std::size_t i = 0; i < centres.size(); ++i)
        if (centres[i].x >= near.minX && centres[i].x <= near.maxX && centres[i].y >= near.minY &&
            centres[i].y <= near.maxY) {
            inside.push_back(centres[i]);
            where.push_back(i);
        }
    lonLatToAnalysis_->apply(inside);
    std::vector<double> values(inside.size());
    quarticDensityAt(index_, inside, values);
    std::vector<double> out(centres.size(), 0.0);
    for (std::size_t i = 0; i < where.size(); ++i)
        out[where[i]] = values[i];
    return out;
}

QImage HeatmapLayer::render(const Envelope& bbox, RequestCrs crs, int width, int height) const {
    QImage image(width, height, QImage::Format_ARGB32);
    constexpr int kBand = 64; // rows computed at once, bounding the memory of large maps
    for (int row0 = 0; row0 < height; row0 += kBand) {
        const int rows = std::min(kBand, height - row0);
        const std::vector<double> d = density(bbox, crs, width, height, row0, rows);
        for (int row = 0; row < rows; ++row) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(row0 + row));
            const double* values = d.data() + static_cast<std::ptrdiff_t>(row) * width;
            for (int col = 0; col < width; ++col)
                line[col] = ramp_.colour(values[col]);
        }
    }
    return image;
}

} // namespace firebeat::ogc
