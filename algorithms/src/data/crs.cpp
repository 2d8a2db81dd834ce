#include "firebeat/crs.h"

#include "firebeat/gcj02.h"
#include "firebeat/progress.h"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <thread>
#include <utility>

namespace firebeat {
namespace {

OGRSpatialReference makeSrs(const std::string& crs) {
    OGRSpatialReference srs;
    if (crs.empty() || srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE)
        throw InputError("unknown CRS '" + crs + "' (expected e.g. EPSG:4543, a WKT or a PROJ string)");
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

} // namespace

std::string metricCrsFor(double lon, double lat) {
    if (!outsideChina(lon, lat)) {
        // CGCS2000 3-degree Gauss-Kruger zones: EPSG:4534 (CM 75E) .. EPSG:4554 (CM 135E).
        const int zone = std::clamp(static_cast<int>(std::lround(lon / 3.0)) * 3, 75, 135);
        return "EPSG:" + std::to_string(4534 + (zone - 75) / 3);
    }
    const int utm = std::clamp(static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1, 1, 60);
    return "EPSG:" + std::to_string((lat >= 0 ? 32600 : 32700) + utm);
}

bool isKnownCrs(const std::string& crs) {
    OGRSpatialReference srs;
    return !crs.empty() && srs.SetFromUserInput(crs.c_str()) == OGRERR_NONE;
}

struct CoordinateTransform::Impl {
    std::unique_ptr<OGRCoordinateTransformation> ct;
};

CoordinateTransform::CoordinateTransform(const std::string& from, const std::string& to)
    : impl_(std::make_unique<Impl>()) {
    const OGRSpatialReference src = makeSrs(from);
    const OGRSpatialReference dst = makeSrs(to);
    identity_ = src.IsSame(&dst);
    if (identity_)
        return;
    impl_->ct.reset(OGRCreateCoordinateTransformation(&src, &dst));
    if (!impl_->ct)
        throw InputError("no coordinate transformation from " + from + " to " + to);
}

CoordinateTransform::~CoordinateTransform() = default;

Point CoordinateTransform::apply(Point p) const {
    if (!identity_ && !impl_->ct->Transform(1, &p.x, &p.y))
        throw InputError("coordinates (" + std::to_string(p.x) + ", " + std::to_string(p.y) +
                         ") cannot be transformed");
    return p;
}

namespace {

// PROJ is much faster on arrays than point by point.
void transformInChunks(OGRCoordinateTransformation& ct, std::span<Point> points) {
    constexpr std::size_t kChunk = 4096;
    std::vector<double> xs(kChunk), ys(kChunk);
    std::vector<int> ok(kChunk);
    for (std::size_t start = 0; start < points.size(); start += kChunk) {
        const std::size_t n = std::min(kChunk, points.size() - start);
        for (std::size_t i = 0; i < n; ++i) {
            xs[i] = points[start + i].x;
            ys[i] = points[start + i].y;
        }
        ct.Transform(n, xs.data(), ys.data(), nullptr, ok.data());
        for (std::size_t i = 0; i < n; ++i)
            points[start + i] = ok[i] ? Point{xs[i], ys[i]} : Point{NAN, NAN};
    }
}

} // namespace

void CoordinateTransform::apply(std::span<Point> points) const {
    if (identity_)
        return;
    // Large layers: the second half on another core with its own transformation object.
    constexpr std::size_t kParallelFrom = 100000;
    if (points.size() >= kParallelFrom) {
        std::unique_ptr<OGRCoordinateTransformation> clone(impl_->ct->Clone());
        const std::size_t half = points.size() / 2;
        std::thread second([&] { transformInChunks(*clone, points.subspan(half)); });
        transformInChunks(*impl_->ct, points.first(half));
        second.join();
    } else {
        transformInChunks(*impl_->ct, points);
    }
    for (const Point& p : points)
        if (std::isnan(p.x))
            throw InputError("some coordinates cannot be transformed to the analysis CRS");
}

void CoordinateTransform::apply(Polygon& polygon) const {
    if (identity_ || polygon.wkb.empty())
        return;
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(polygon.wkb.data(), nullptr, &raw, polygon.wkb.size()) !=
        OGRERR_NONE)
        throw InputError("polygon cannot be parsed for reprojection");
    std::unique_ptr<OGRGeometry> g(raw);
    if (g->transform(impl_->ct.get()) != OGRERR_NONE)
        throw InputError("polygon cannot be transformed");
    polygon.wkb.resize(static_cast<std::size_t>(g->WkbSize()));
    g->exportToWkb(wkbNDR, polygon.wkb.data(), wkbVariantIso);
    OGREnvelope env;
    g->getEnvelope(&env);
    polygon.envelope = {env.MinX, env.MinY, env.MaxX, env.MaxY};
}

Envelope CoordinateTransform::apply(const Envelope& e) const {
    if (identity_ || e.isEmpty())
        return e;
    Envelope out;
    if (!impl_->ct->TransformBounds(e.minX, e.minY, e.maxX, e.maxY, &out.minX, &out.minY, &out.maxX,
                                    &out.maxY, 21))
        throw InputError("extent cannot be transformed");
    return out;
}

const CoordinateTransform& cachedTransform(const std::string& from, const std::string& to) {
    thread_local std::map<std::pair<std::string, std::string>, std::unique_ptr<CoordinateTransform>> cache;
    auto& slot = cache[{from, to}];
    if (!slot)
        slot = std::make_unique<CoordinateTransform>(from, to);
    return *slot;
}

} // namespace firebeat
