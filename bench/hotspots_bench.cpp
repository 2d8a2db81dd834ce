// firebeat_hotspots_bench: the village hot-spot analysis as a whole process (read a GeoPackage,
// queen weights, Gi*, Local Moran's I with 999 permutations, write a GeoPackage), timed per
// step, for the comparison with R spdep in bench/README-hotspots.md.
//
//   firebeat_hotspots_bench generate OUT.gpkg [--villages N] [--seed S]
//   firebeat_hotspots_bench run IN.gpkg OUT.gpkg [--permutations N] [--threads N]
#include "hotspots_villages.h"

#include "firebeat/hotspots.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace firebeat;

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// villages (village_id, value, geometry) -> Dataset + the value per village id.
void readVillages(const std::string& path, Dataset& data, HotspotOptions& options) {
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    OGRLayer* layer = ds ? ds->GetLayerByName("villages") : nullptr;
    if (!layer)
        throw std::runtime_error("no layer 'villages' in " + path);
    options.attribute.emplace();
    for (const auto& feature : *layer) {
        Village v;
        v.fid = feature->GetFID();
        v.id = feature->GetFieldAsString("village_id");
        const OGRGeometry* g = feature->GetGeometryRef();
        v.geometry.wkb.resize(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, v.geometry.wkb.data(), wkbVariantIso);
        OGREnvelope e;
        g->getEnvelope(&e);
        v.geometry.envelope = {e.MinX, e.MinY, e.MaxX, e.MaxY};
        (*options.attribute)[v.id] = feature->GetFieldAsDouble("value");
        data.villages.push_back(std::move(v));
    }
}

void setOptional(OGRFeature& f, const char* field, const std::optional<double>& v) {
    if (v)
        f.SetField(field, *v);
    else
        f.SetFieldNull(f.GetFieldIndex(field));
}

// The result table as layer village_hotspots, in one transaction.
void writeResult(const std::string& path, const HotspotResult& r) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    VSIUnlink(path.c_str());
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference srs;
    srs.importFromEPSG(4543);
    OGRLayer* layer = ds->CreateLayer("village_hotspots", &srs, wkbMultiPolygon, nullptr);
    for (const auto& [name, type] :
         std::vector<std::pair<const char*, OGRFieldType>>{{"village_id", OFTString},
                                                           {"value", OFTReal},
                                                           {"n_neighbours", OFTInteger},
                                                           {"gi_z", OFTReal},
                                                           {"gi_p", OFTReal},
                                                           {"gi_bin", OFTInteger},
                                                           {"gi_bin_fdr", OFTInteger},
                                                           {"lisa_i", OFTReal},
                                                           {"lisa_p", OFTReal},
                                                           {"lisa_quadrant", OFTString},
                                                           {"flags", OFTString}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    if (layer->StartTransaction() != OGRERR_NONE)
        throw std::runtime_error("cannot write " + path);
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
        const HotspotRow& row = r.rows[i];
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("village_id", row.id.c_str());
        f.SetField("value", row.value);
        f.SetField("n_neighbours", static_cast<int>(row.neighbours));
        setOptional(f, "gi_z", row.giZ);
        setOptional(f, "gi_p", row.giP);
        f.SetField("gi_bin", row.giBin);
        f.SetField("gi_bin_fdr", row.giBinFdr);
        setOptional(f, "lisa_i", row.lisaI);
        setOptional(f, "lisa_p", row.lisaP);
        f.SetField("lisa_quadrant", std::string(code(row.lisaQuadrant)).c_str());
        f.SetField("flags", describeFlags(row.flags).c_str());
        OGRGeometry* g = nullptr;
        OGRGeometryFactory::createFromWkb(r.areas[i].geometry.wkb.data(), &srs, &g,
                                          r.areas[i].geometry.wkb.size());
        f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
        if (layer->CreateFeature(&f) != OGRERR_NONE)
            throw std::runtime_error("cannot write " + row.id);
    }
    if (layer->CommitTransaction() != OGRERR_NONE)
        throw std::runtime_error("cannot commit " + path);
}

int usage() {
    std::fprintf(stderr,
                 "usage: firebeat_hotspots_bench generate OUT.gpkg [--villages N] [--seed S]\n"
                 "       firebeat_hotspots_bench run IN.gpkg OUT.gpkg [--permutations N] [--threads N]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    GDALAllRegister();
    const std::string mode = argc > 2 ? argv[1] : "";
    const auto option = [&](const char* name, long fallback) {
        for (int i = 2; i + 1 < argc; ++i)
            if (std::string(argv[i]) == name)
                return std::strtol(argv[i + 1], nullptr, 10);
        return fallback;
    };
    try {
        if (mode == "generate") {
            const auto n = static_cast<std::size_t>(option("--villages", 10000));
            // ~500 m cells, as dense as Kunming's villages; no multipart, one island.
            const test::GeneratedVillages v =
                test::plantedVillages(n, 500 * std::sqrt(static_cast<double>(n)), 0,
                                      static_cast<std::uint64_t>(option("--seed", 1)));
            test::writeVillagesGpkg(argv[2], v);
            std::printf("wrote %zu villages to %s\n", v.areas.size(), argv[2]);
            return 0;
        }
        if (mode != "run" || argc < 4)
            return usage();
        const Clock::time_point start = Clock::now();
        Dataset data;
        HotspotOptions options;
        options.moran.permutations = static_cast<int>(option("--permutations", 999));
        options.moran.threads = static_cast<unsigned>(option("--threads", 0));
        readVillages(argv[2], data, options);
        const double read = since(start);
        const Clock::time_point computeStart = Clock::now();
        const HotspotResult result = analyseHotspots(data, options);
        const double compute = since(computeStart);
        const Clock::time_point writeStart = Clock::now();
        writeResult(argv[3], result);
        const double write = since(writeStart);
        std::printf("firebeat: %zu villages, %zu queen links; read %.3f s, weights+Gi*+Local Moran %.3f s, "
                    "write %.3f s, total %.3f s\n",
                    result.rows.size(), result.weights.info().links, read, compute, write, since(start));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "firebeat_hotspots_bench: %s\n", e.what());
        return 1;
    }
}
