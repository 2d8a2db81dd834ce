// Times the sample generator and the data-set writer at a large scale (a benchmark, not a test):
// firebeat_sample_bench SCALE [gpkg,sqlite] [DIR]. SCALE 74 is about a million hazards.
#include "firebeat/dataset_writer.h"
#include "firebeat/sample_generator.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: firebeat_sample_bench SCALE [FORMATS=gpkg] [DIR=/tmp]\n");
        return 2;
    }
    const double scale = std::atof(argv[1]);
    std::stringstream formats(argc > 2 ? argv[2] : "gpkg");
    const std::filesystem::path dir = argc > 3 ? argv[3] : "/tmp";
    using Clock = std::chrono::steady_clock;
    const auto seconds = [](Clock::duration d) { return std::chrono::duration<double>(d).count(); };
    for (std::string format; std::getline(formats, format, ',');) {
        const auto start = Clock::now();
        firebeat::SampleOptions options;
        options.scale = scale;
        const firebeat::Dataset big = firebeat::generateSample(options);
        const auto generated = Clock::now();
        const std::filesystem::path out = dir / ("firebeat_sample_bench." + format);
        firebeat::writeDataset(big, out.string());
        const auto written = Clock::now();
        std::printf("scale %g, %s: %zu units, %zu inspections, %zu hazards: generate %.1f s, write %.1f s, "
                    "total %.1f s\n",
                    scale, format.c_str(), big.units.size(), big.inspections.size(), big.hazards.size(),
                    seconds(generated - start), seconds(written - generated), seconds(written - start));
        std::filesystem::remove(out);
    }
    return 0;
}
