#include "firebeat/geos_support.h"

#include <cstdarg>
#include <cstdio>

namespace firebeat {
namespace {

thread_local std::string tlsLastError;

void captureError(const char* fmt, ...) {
    char buf[1024];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    tlsLastError = buf;
}

void ignoreNotice(const char*, ...) {}

struct ThreadContext {
    GEOSContextHandle_t handle = GEOS_init_r();
    ThreadContext() {
        GEOSContext_setErrorHandler_r(handle, captureError);
        GEOSContext_setNoticeHandler_r(handle, ignoreNotice);
    }
    ~ThreadContext() { GEOS_finish_r(handle); }
    ThreadContext(const ThreadContext&) = delete;
    ThreadContext& operator=(const ThreadContext&) = delete;
};

} // namespace

GEOSContextHandle_t geosContext() {
    thread_local ThreadContext context;
    return context.handle;
}

std::string lastGeosError() {
    return tlsLastError;
}

void GeosGeometryDeleter::operator()(GEOSGeometry* g) const {
    GEOSGeom_destroy_r(geosContext(), g);
}
void GeosPreparedDeleter::operator()(const GEOSPreparedGeometry* g) const {
    GEOSPreparedGeom_destroy_r(geosContext(), g);
}

GeosGeometry geosFromWkb(const std::vector<std::uint8_t>& wkb) {
    return GeosGeometry(GEOSGeomFromWKB_buf_r(geosContext(), wkb.data(), wkb.size()));
}

std::vector<std::uint8_t> geosToWkb(const GEOSGeometry* g) {
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(geosContext());
    std::size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(geosContext(), writer, g, &size);
    std::vector<std::uint8_t> out(buf, buf + size);
    GEOSFree_r(geosContext(), buf);
    GEOSWKBWriter_destroy_r(geosContext(), writer);
    return out;
}

GeosGeometry geosPoint(Point p) {
    return GeosGeometry(GEOSGeom_createPointFromXY_r(geosContext(), p.x, p.y));
}

Envelope geosEnvelope(const GEOSGeometry* g) {
    Envelope e;
    if (GEOSisEmpty_r(geosContext(), g) == 0)
        GEOSGeom_getExtent_r(geosContext(), g, &e.minX, &e.minY, &e.maxX, &e.maxY);
    return e;
}

Polygon toPolygon(const GEOSGeometry* g) {
    return {geosToWkb(g), geosEnvelope(g)};
}

} // namespace firebeat
