#include "command.h"

#include "firebeat/crs.h"

#include <QTextStream>

#include <cstdio>
#include <cstdlib>

namespace firebeat::cli {

std::span<const Command> commands() {
    static const Command kCommands[] = {
        {"validate", "check a data set against the data model and list every problem", runValidate},
        {"sample", "write the Kunming-like sample layers", runSample},
        {"heatmap", "hazard kernel-density heatmap to a GeoTIFF", runHeatmap},
        {"hotspots", "village hot spots (Gi*, Local Moran's I) to a GeoPackage", runHotspots},
        {"emerging", "emerging hot spots month by month (space-time Gi*, Mann-Kendall, 17 patterns)",
         runEmerging},
        {"coverage", "coverage gaps by police-station district to a GeoPackage", runCoverage},
        {"sizing", "district staffing: workload, required staff, headcount allocation", runSizing},
        {"districts", "district design: balanced, contiguous districts of villages to a GeoPackage",
         runDistricts},
        {"report", "coverage report as one self-contained HTML file (charts, tables, maps)", runReport},
        {"inputs", "the layers and fields each analysis reads (the minimum-inputs table)", runInputs},
        {"serve", "OGC server: WMS 1.3.0/1.1.1 and XYZ tiles of the hazard heatmap", runServe},
    };
    return kCommands;
}

std::string toStd(const QString& s) {
    return s.toUtf8().toStdString();
}

void addSourceOptions(QCommandLineParser& parser) {
    parser.addOption({"map",
                      "Map a layer or field of the data model onto the source's own name, e.g. "
                      "hazards=t_hazard or hazards.severity=grade (repeatable).",
                      "ASSIGNMENT"});
    parser.addOption({"gcj02", "The point layers are in GCJ-02 (WeChat/Tencent/AMap coordinates)."});
    parser.addOption(
        {"crs", "The projected metric CRS to analyse in (default: chosen from the data).", "CRS"});
    parser.addOption(
        {"repair-geometries", "Repair invalid polygons with GEOS MakeValid instead of skipping them."});
}

ReadOptions readOptionsFrom(const QCommandLineParser& parser) {
    ReadOptions options;
    for (const QString& assignment : parser.values("map"))
        options.mapping.parseAssignment(toStd(assignment));
    options.mapping.setGcj02AllPointLayers(parser.isSet("gcj02"));
    options.analysisCrs = toStd(parser.value("crs"));
    if (!options.analysisCrs.empty() && !isKnownCrs(options.analysisCrs))
        throw InputError("--crs: unknown CRS '" + options.analysisCrs + "' (expected e.g. EPSG:4543)");
    options.repairInvalidGeometries = parser.isSet("repair-geometries");
    return options;
}

void parseOrExit(QCommandLineParser& parser, const QStringList& arguments, const QString& description) {
    parser.setApplicationDescription(description);
    const QCommandLineOption help = parser.addHelpOption();
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "firebeat: %s\n", qPrintable(parser.errorText()));
        std::exit(kBadInput);
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        std::exit(kOk);
    }
}

int guarded(const std::function<int()>& body) {
    try {
        return body();
    } catch (const InputError& e) {
        std::fprintf(stderr, "firebeat: error: %s\n", e.what());
        return kBadInput;
    } catch (const Cancelled& e) {
        std::fprintf(stderr, "\nfirebeat: %s; nothing was written\n", e.what());
        return kFailed;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "firebeat: failed: %s\n", e.what());
        return kFailed;
    }
}

} // namespace firebeat::cli
