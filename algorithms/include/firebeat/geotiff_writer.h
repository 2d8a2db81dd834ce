// Float32 GeoTIFF output written strip by strip (bounded memory): tiled 256 x 256, DEFLATE (or
// ZSTD) with the floating-point predictor or uncompressed, optional overviews or Cloud Optimized
// GeoTIFF. The file is written under a temporary name in the same directory and renamed only
// when complete, so a failed or cancelled run leaves nothing behind.
#pragma once

#include "firebeat/kde.h" // RasterWindow
#include "firebeat/progress.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace firebeat {

// How the blocks are compressed. DEFLATE reads everywhere. ZSTD takes about two thirds of
// DEFLATE's time for a file a few percent larger, and needs GDAL >= 2.3 (or a libtiff with ZSTD)
// to read. None writes the largest file in the least time, as QGIS's own heatmap does.
enum class Compression { Deflate, Zstd, None };
std::string_view code(Compression c);
std::optional<Compression> parseCompression(std::string_view text);

struct GeoTiffOptions {
    std::string crs;                         // "EPSG:4543", WKT or PROJ string; empty: none
    std::map<std::string, std::string> tags; // dataset metadata, e.g. weights and filters used
    bool overviews = false;                  // internal overviews (average) down to <= 256 pixels
    bool cog = false;                        // Cloud Optimized GeoTIFF (with overviews)
    std::optional<double> noData;
    std::string units; // the band's unit, e.g. "1/km2"
    Compression compression = Compression::Deflate;
    unsigned threads = 0; // compression threads, 0: every core
};

class GeoTiffWriter {
  public:
    static constexpr int kBlockSize = 256;

    // Throws InputError for an unknown CRS, std::runtime_error when the file cannot be created.
    GeoTiffWriter(std::filesystem::path path, const RasterWindow& window, GeoTiffOptions options);
    ~GeoTiffWriter(); // removes the temporary file unless commit() succeeded
    GeoTiffWriter(const GeoTiffWriter&) = delete;
    GeoTiffWriter& operator=(const GeoTiffWriter&) = delete;

    // Writes rows [row, row + rows) from `values` (rows x window width, row-major) and flushes
    // them to disk, so memory stays bounded whatever the raster size.
    void writeRows(int row, int rows, std::span<const float> values);
    // Builds the overviews or the COG, then renames the file to its final name.
    void commit(Progress* progress = nullptr);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace firebeat
