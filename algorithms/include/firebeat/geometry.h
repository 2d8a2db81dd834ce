// Plain geometry types shared by the analyses. Polygons travel as WKB so the data model
// stays copyable and free of any geometry library; analyses build GEOS geometries from it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace firebeat {

struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

struct Envelope {
    double minX = std::numeric_limits<double>::infinity();
    double minY = std::numeric_limits<double>::infinity();
    double maxX = -std::numeric_limits<double>::infinity();
    double maxY = -std::numeric_limits<double>::infinity();

    bool isEmpty() const { return minX > maxX || minY > maxY; }
    void expand(Point p) {
        minX = std::min(minX, p.x);
        minY = std::min(minY, p.y);
        maxX = std::max(maxX, p.x);
        maxY = std::max(maxY, p.y);
    }
    void expand(const Envelope& e) {
        minX = std::min(minX, e.minX);
        minY = std::min(minY, e.minY);
        maxX = std::max(maxX, e.maxX);
        maxY = std::max(maxY, e.maxY);
    }
    bool contains(Point p) const { return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY; }
    // Overlapping or touching (false when either is empty).
    bool intersects(const Envelope& e) const {
        return minX <= e.maxX && maxX >= e.minX && minY <= e.maxY && maxY >= e.minY;
    }
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    Point centre() const { return {(minX + maxX) / 2, (minY + maxY) / 2}; }
    friend bool operator==(const Envelope&, const Envelope&) = default;
};

// A (multi)polygon as ISO WKB, with its envelope.
struct Polygon {
    std::vector<std::uint8_t> wkb;
    Envelope envelope;
};

} // namespace firebeat
