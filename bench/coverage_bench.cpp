// firebeat_coverage_bench: coverage gaps and district sizing on a generated city 30x the sample
// (90,000 units, 600,000 inspections, 240,000 hazards, 300 districts). Prints the time of each
// step; run under /usr/bin/time -v for the peak memory (bench/README-coverage.md).
//
//   firebeat_coverage_bench [--scale F] [--repeat N] [--output coverage.gpkg]
#include "coverage_city.h"

#include "firebeat/coverage.h"
#include "firebeat/coverage_writer.h"
#include "firebeat/sizing.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

using namespace firebeat;

namespace {

template <class F> double seconds(F&& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Prints how long each stage of the analysis took.
class StageTimer : public Progress {
  public:
    void report(double, std::string_view stage) override {
        const auto now = std::chrono::steady_clock::now();
        if (!stage_.empty())
            std::printf("  %-30s %.3f s\n", stage_.c_str(),
                        std::chrono::duration<double>(now - start_).count());
        stage_ = stage;
        start_ = now;
    }

  private:
    std::string stage_;
    std::chrono::steady_clock::time_point start_;
};

struct Options {
    double scale = 1; // 1 = the 30x city
    int repeat = 3;
    std::string output;
};

// Null for a bad command line.
std::optional<Options> parse(int argc, char** argv) {
    Options o;
    if (argc % 2 == 0)
        return std::nullopt;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--scale")
            o.scale = std::stod(value);
        else if (key == "--repeat")
            o.repeat = std::stoi(value);
        else if (key == "--output")
            o.output = value;
        else
            return std::nullopt;
    }
    if (o.scale <= 0 || o.repeat < 1)
        return std::nullopt;
    return o;
}

int run(const Options& o) {
    bench::CitySize size;
    size.units = static_cast<int>(std::lround(size.units * o.scale));
    size.inspections = static_cast<int>(std::lround(size.inspections * o.scale));
    size.hazards = static_cast<int>(std::lround(size.hazards * o.scale));
    const Timestamp reference = makeTimestamp(2026, 3, 1);

    Dataset city;
    const double generate = seconds([&] { city = bench::generateCity(size, reference, 42); });
    std::printf("city: %zu districts, %zu villages, %zu units, %zu inspections, %zu hazards, %zu stations, "
                "%zu officers (generated in %.2f s)\n",
                city.districts.size(), city.villages.size(), city.units.size(), city.inspections.size(),
                city.hazards.size(), city.stations.size(), city.officers.size(), generate);

    CoverageParameters p;
    p.referenceDate = reference;
    p.windowDays = 365;
    CoverageResult coverage;
    double best = 1e300;
    for (int r = 0; r < o.repeat; ++r) {
        Report report;
        StageTimer stages;
        const double t =
            seconds([&] { coverage = computeCoverage(city, p, report, r == 0 ? &stages : nullptr); });
        best = std::min(best, t);
        std::printf("coverage run %d: %.3f s (%zu problems reported)\n", r + 1, t, report.problems().size());
    }
    std::printf("coverage best: %.3f s\n", best);

    SizingParameters sp;
    sp.coverage = p;
    sp.headcount = 505 * 3; // 505 at the sample's scale
    SizingResult sizing;
    std::printf("sizing (from the coverage result): %.3f s\n",
                seconds([&] { sizing = sizeDistricts(coverage, sp); }));
    std::printf("  total workload %.0f h, %.1f staff required\n", sizing.totalWorkloadHours,
                sizing.totalRequiredStaff);

    if (!o.output.empty())
        std::printf("GeoPackage %s: %.3f s\n", o.output.c_str(),
                    seconds([&] { writeCoverageGpkg(coverage, o.output, city.crs); }));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const std::optional<Options> o = parse(argc, argv);
        if (!o) {
            std::fprintf(stderr, "usage: %s [--scale F] [--repeat N] [--output FILE.gpkg]\n", argv[0]);
            return 2;
        }
        return run(*o);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "firebeat_coverage_bench: %s\n", e.what());
        return 1;
    }
}
