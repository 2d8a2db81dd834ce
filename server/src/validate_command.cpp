#include "command.h"
#include "terminal_progress.h"

#include <cstdio>

namespace firebeat::cli {

int runValidate(const QStringList& arguments) {
    QCommandLineParser parser;
    addSourceOptions(parser);
    parser.addOption({"json", "Print the report as JSON."});
    parser.addOption({"quiet", "No progress bar."});
    parser.addPositionalArgument("SOURCE",
                                 "Any OGR source: SpatiaLite, GeoPackage, PG:\"...\", Shapefile folder.");
    parseOrExit(parser, arguments,
                "Checks a data set against FireBeat's data model and lists every problem, naming layer, "
                "feature and field. Exit code 0: clean; 1: problems found; 2: bad arguments.");
    if (parser.positionalArguments().size() != 1) {
        std::fprintf(stderr, "firebeat validate: expected exactly one SOURCE\n");
        return kBadInput;
    }
    return guarded([&] {
        const ReadOptions options = readOptionsFrom(parser);
        TerminalProgress progress(parser.isSet("quiet") || parser.isSet("json"));
        const ReadResult result =
            readDataset(toStd(parser.positionalArguments().front()), options, &progress);
        progress.finish();
        const std::string out = parser.isSet("json") ? result.report.toJson() + "\n" : result.report.toText();
        std::fwrite(out.data(), 1, out.size(), stdout);
        return result.report.hasErrors() ? kFailed : kOk;
    });
}

} // namespace firebeat::cli
