#include "command.h"
#include "terminal_progress.h"

#include "firebeat/dataset_writer.h"
#include "firebeat/sample_generator.h"

#include <cstdio>

namespace firebeat::cli {

int runSample(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.addOption({"scale", "Multiply units, inspections and hazards by N (benchmarks).", "N", "1"});
    parser.addOption({"seed", "Random seed; the same seed gives the same data.", "S", "20261129"});
    parser.addOption({"gcj02", "Write the point layers in GCJ-02 instead of WGS 84."});
    parser.addOption({"emerging-patterns",
                      "Add the planted space-time patterns for emerging hot spots (extra hotline reports)."});
    parser.addOption({"quiet", "No progress bar."});
    parser.addPositionalArgument("OUT", "Output file: .sqlite (SpatiaLite) or .gpkg (GeoPackage).");
    parseOrExit(parser, arguments, "Writes the deterministic Kunming-like sample layers.");
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "firebeat sample: expected exactly one OUT file\n");
        return kBadInput;
    }
    return guarded([&] {
        bool okScale = false, okSeed = false;
        SampleOptions options;
        options.scale = parser.value("scale").toDouble(&okScale);
        options.seed = parser.value("seed").toULongLong(&okSeed);
        if (!okScale || options.scale <= 0 || options.scale > 1000)
            throw InputError("--scale: expected a number in (0, 1000], got '" + toStd(parser.value("scale")) +
                             "'");
        if (!okSeed)
            throw InputError("--seed: expected a whole number, got '" + toStd(parser.value("seed")) + "'");
        options.gcj02 = parser.isSet("gcj02");
        options.emergingPatterns = parser.isSet("emerging-patterns");
        TerminalProgress progress(parser.isSet("quiet"));
        const Dataset data = generateSample(options, &progress);
        WriteOptions write;
        const std::string out = toStd(parser.positionalArguments().front());
        writeDataset(data, out, write, &progress);
        progress.finish();
        std::printf(
            "wrote %s: %zu districts, %zu villages, %zu units, %zu inspections, %zu hazards, %zu stations, "
            "%zu officers\n",
            out.c_str(), data.districts.size(), data.villages.size(), data.units.size(),
            data.inspections.size(), data.hazards.size(), data.stations.size(), data.officers.size());
        return kOk;
    });
}

} // namespace firebeat::cli
