#include "firebeat/polygon_index.h"

#include "firebeat/geos_support.h"
#include "firebeat/progress.h"

#include <algorithm>

namespace firebeat {

struct PolygonIndex::Impl {
    std::vector<GeosGeometry> geometries;
    std::vector<GeosPrepared> prepared;
    std::vector<std::size_t> ids; // stable storage for the tree's item pointers
    GEOSSTRtree* tree = nullptr;
    ~Impl() {
        if (tree)
            GEOSSTRtree_destroy_r(geosContext(), tree);
    }
};

PolygonIndex::PolygonIndex(std::span<const Polygon* const> polygons) : impl_(std::make_unique<Impl>()) {
    GEOSContextHandle_t ctx = geosContext();
    impl_->tree = GEOSSTRtree_create_r(ctx, 10);
    impl_->ids.resize(polygons.size());
    impl_->geometries.reserve(polygons.size());
    impl_->prepared.reserve(polygons.size());
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        GeosGeometry g = geosFromWkb(polygons[i]->wkb);
        if (!g)
            throw InputError("polygon " + std::to_string(i) + " cannot be parsed: " + lastGeosError());
        impl_->prepared.emplace_back(GEOSPrepare_r(ctx, g.get()));
        impl_->ids[i] = i;
        GEOSSTRtree_insert_r(ctx, impl_->tree, g.get(), &impl_->ids[i]);
        impl_->geometries.push_back(std::move(g));
    }
}

PolygonIndex::~PolygonIndex() = default;
PolygonIndex::PolygonIndex(PolygonIndex&&) noexcept = default;
PolygonIndex& PolygonIndex::operator=(PolygonIndex&&) noexcept = default;

std::size_t PolygonIndex::size() const {
    return impl_->geometries.size();
}

std::optional<std::size_t> PolygonIndex::locate(Point p) const {
    GEOSContextHandle_t ctx = geosContext();
    GeosGeometry point = geosPoint(p);
    std::vector<std::size_t> candidates;
    GEOSSTRtree_query_r(
        ctx, impl_->tree, point.get(),
        [](void* item, void* userdata) {
            static_cast<std::vector<std::size_t>*>(userdata)->push_back(*static_cast<std::size_t*>(item));
        },
        &candidates);
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t i : candidates)
        if (GEOSPreparedIntersects_r(ctx, impl_->prepared[i].get(), point.get()) == 1)
            return i;
    return std::nullopt;
}

} // namespace firebeat
