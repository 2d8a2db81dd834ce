#include "firebeat/map_window.h"

namespace firebeat {

std::vector<Point> pixelCentres(const MapWindow& window, int row0, int rows) {
    const auto width = static_cast<std::size_t>(window.width);
    std::vector<Point> centres(width * static_cast<std::size_t>(rows));
    const double dx = (window.bbox.maxX - window.bbox.minX) / window.width;
    const double dy = (window.bbox.maxY - window.bbox.minY) / window.height;
    for (int row = 0; row < rows; ++row)
        for (std::size_t col = 0; col < width; ++col)
            centres[static_cast<std::size_t>(row) * width + col] = {
                window.bbox.minX + (static_cast<double>(col) + 0.5) * dx,
                window.bbox.maxY - (row0 + row + 0.5) * dy};
    return centres;
}

} // namespace firebeat
