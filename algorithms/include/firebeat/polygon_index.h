// Point-in-polygon lookups over a set of polygons (districts, villages) with an STR tree of
// envelopes and prepared geometries: the one place that assigns points to areas.
#pragma once

#include "firebeat/geometry.h"

#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace firebeat {

class PolygonIndex {
  public:
    explicit PolygonIndex(std::span<const Polygon* const> polygons);
    template <class T> static PolygonIndex of(const std::vector<T>& features) {
        std::vector<const Polygon*> ps;
        ps.reserve(features.size());
        for (const T& f : features)
            ps.push_back(&f.geometry);
        return PolygonIndex(ps);
    }
    ~PolygonIndex();
    PolygonIndex(PolygonIndex&&) noexcept;
    PolygonIndex& operator=(PolygonIndex&&) noexcept;

    // Index of a polygon containing p (boundary counts as inside; the lowest index wins on a
    // shared border so the answer is reproducible), or nullopt when p is outside all of them.
    // Not thread-safe; build one index per thread.
    std::optional<std::size_t> locate(Point p) const;
    std::size_t size() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace firebeat
