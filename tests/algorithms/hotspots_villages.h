// Generated village layers for the hot-spot tests and benchmark: Voronoi cells of random sites
// (GEOS), with planted hot and cold clusters, multipart villages and an island, and a
// GeoPackage writer so R reads exactly the coordinates we analyse.
#pragma once

#include "firebeat/geos_support.h"
#include "firebeat/spatial_weights.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace firebeat::test {

struct GeneratedVillages {
    std::vector<Area> areas;
    std::vector<double> values;
    std::vector<double> population;
};

// Uniform in [0, 1) from the raw bits: std:: distributions differ between standard libraries.
inline double unit(std::mt19937_64& rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

inline Area areaFromGeos(std::string id, const GEOSGeometry* g) {
    return {std::move(id), toPolygon(g)};
}

inline Area areaFromWkt(std::string id, const std::string& wkt) {
    GEOSContextHandle_t ctx = geosContext();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
    const GeosGeometry g(GEOSWKTReader_read_r(ctx, reader, wkt.c_str()));
    GEOSWKTReader_destroy_r(ctx, reader);
    if (!g)
        throw std::runtime_error("bad WKT: " + wkt);
    return areaFromGeos(std::move(id), g.get());
}

// Voronoi cells of n random sites in a square of `side` metres at a Kunming-like origin
// (EPSG:4543 coordinates), clipped to the square. Ids "V00001"...
inline std::vector<Area> voronoiVillages(std::size_t n, double side, std::uint64_t seed) {
    constexpr double x0 = 500000;
    constexpr double y0 = 2750000;
    GEOSContextHandle_t ctx = geosContext();
    std::mt19937_64 rng(seed);
    std::vector<GEOSGeometry*> sites;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = x0 + side * unit(rng);
        const double y = y0 + side * unit(rng);
        sites.push_back(GEOSGeom_createPointFromXY_r(ctx, x, y));
    }
    const GeosGeometry points(
        GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOINT, sites.data(), static_cast<unsigned>(sites.size())));
    const GeosGeometry frame(GEOSGeom_createRectangle_r(ctx, x0, y0, x0 + side, y0 + side));
    const GeosGeometry cells(GEOSVoronoiDiagram_r(ctx, points.get(), frame.get(), 0, 0));
    std::vector<Area> out;
    const int count = GEOSGetNumGeometries_r(ctx, cells.get());
    for (int i = 0; i < count; ++i) {
        const GEOSGeometry* cell = GEOSGetGeometryN_r(ctx, cells.get(), i);
        const Envelope e = geosEnvelope(cell);
        char id[16];
        std::snprintf(id, sizeof id, "V%05d", i + 1);
        if (e.minX >= x0 && e.minY >= y0 && e.maxX <= x0 + side && e.maxY <= y0 + side) {
            out.push_back(areaFromGeos(id, cell));
        } else {
            const GeosGeometry clipped(GEOSIntersection_r(ctx, cell, frame.get()));
            out.push_back(areaFromGeos(id, clipped.get()));
        }
    }
    return out;
}

// rows x cols unit squares (side `size`), ids "r<row>c<col>", row-major from the south-west.
inline std::vector<Area> squareLattice(int rows, int cols, double size = 1) {
    std::vector<Area> out;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const double x = c * size;
            const double y = r * size;
            GEOSContextHandle_t ctx = geosContext();
            const GeosGeometry g(GEOSGeom_createRectangle_r(ctx, x, y, x + size, y + size));
            out.push_back(areaFromGeos("r" + std::to_string(r) + "c" + std::to_string(c), g.get()));
        }
    return out;
}

// The ids of the neighbours of the area with this id.
inline std::set<std::string> neighbourIds(const SpatialWeights& w, const std::vector<Area>& areas,
                                          const std::string& id) {
    std::set<std::string> out;
    for (std::size_t i = 0; i < areas.size(); ++i)
        if (areas[i].id == id)
            for (std::uint32_t j : w.neighbours(i))
                out.insert(areas[j].id);
    return out;
}

inline Point centreOf(const Area& a) {
    return a.geometry.envelope.centre();
}

// The reference data set: Voronoi villages with a hot cluster (values 10-16) around the
// south-west quarter point, a cold one (0-1) around the north-east one, background 2-6,
// population 50-5000;
// `multipart` villages made of two distant cells; one square island far out in the east.
inline GeneratedVillages plantedVillages(std::size_t n, double side, int multipart, std::uint64_t seed) {
    GEOSContextHandle_t ctx = geosContext();
    std::vector<Area> cells = voronoiVillages(n, side, seed);
    std::mt19937_64 rng(seed + 1);
    const Point sw{500000 + side / 4, 2750000 + side / 4};
    const Point ne{500000 + 3 * side / 4, 2750000 + 3 * side / 4};
    const double radius = side / 6;
    GeneratedVillages out;
    std::vector<bool> used(cells.size(), false);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (used[i])
            continue;
        used[i] = true;
        Area area = cells[i];
        if (multipart > 0 && i >= cells.size() / 3) { // its second part half the list away
            const std::size_t j = i + cells.size() / 2 < cells.size() ? i + cells.size() / 2 : i;
            const GeosGeometry a = geosFromWkb(cells[i].geometry.wkb);
            const GeosGeometry b = geosFromWkb(cells[j].geometry.wkb);
            if (j != i && !used[j] && GEOSIntersects_r(ctx, a.get(), b.get()) == 0) {
                GEOSGeometry* parts[] = {GEOSGeom_clone_r(ctx, a.get()), GEOSGeom_clone_r(ctx, b.get())};
                const GeosGeometry multi(GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, parts, 2));
                area.geometry = toPolygon(multi.get());
                used[j] = true;
                --multipart;
            }
        }
        const Point c = centreOf(area);
        const auto draw = [&](int lo, int hi) { return lo + static_cast<int>(unit(rng) * (hi - lo + 1)); };
        const double value = std::hypot(c.x - sw.x, c.y - sw.y) < radius   ? draw(10, 16)
                             : std::hypot(c.x - ne.x, c.y - ne.y) < radius ? draw(0, 1)
                                                                           : draw(2, 6);
        out.areas.push_back(std::move(area));
        out.values.push_back(value);
        out.population.push_back(draw(50, 5000));
    }
    const double far = 500000 + side * 1.5;
    out.areas.push_back(areaFromWkt(
        "ISLAND", "POLYGON((" + std::to_string(far) + " 2750000, " + std::to_string(far + side / 20) +
                      " 2750000, " + std::to_string(far + side / 20) + " " +
                      std::to_string(2750000 + side / 20) + ", " + std::to_string(far) + " " +
                      std::to_string(2750000 + side / 20) + ", " + std::to_string(far) + " 2750000))"));
    out.values.push_back(20);
    out.population.push_back(300);
    return out;
}

// Writes a layer `villages` (village_id, value, population, geometry) in EPSG:4543.
inline void writeVillagesGpkg(const std::string& path, const GeneratedVillages& villages) {
    const std::vector<Area>& areas = villages.areas;
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    VSIUnlink(path.c_str());
    GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
    if (!ds)
        throw std::runtime_error("cannot create " + path);
    OGRSpatialReference srs;
    srs.importFromEPSG(4543);
    OGRLayer* layer = ds->CreateLayer("villages", &srs, wkbMultiPolygon, nullptr);
    OGRFieldDefn idField("village_id", OFTString);
    OGRFieldDefn valueField("value", OFTReal);
    OGRFieldDefn populationField("population", OFTInteger);
    layer->CreateField(&idField);
    layer->CreateField(&valueField);
    layer->CreateField(&populationField);
    if (layer->StartTransaction() != OGRERR_NONE)
        throw std::runtime_error("cannot start a transaction in " + path);
    for (std::size_t i = 0; i < areas.size(); ++i) {
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("village_id", areas[i].id.c_str());
        feature.SetField("value", villages.values[i]);
        feature.SetField("population", static_cast<int>(villages.population[i]));
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkb(areas[i].geometry.wkb.data(), &srs, &g,
                                          areas[i].geometry.wkb.size());
        feature.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
        if (layer->CreateFeature(&feature) != OGRERR_NONE)
            throw std::runtime_error("cannot write village " + areas[i].id);
    }
    if (layer->CommitTransaction() != OGRERR_NONE)
        throw std::runtime_error("cannot commit " + path);
    GDALClose(ds);
}

} // namespace firebeat::test
