#include "analysis_options.h"
#include "command.h"
#include "coverage_options.h"
#include "terminal_progress.h"

#include "firebeat/coverage_tables.h"
#include "firebeat/coverage_writer.h"
#include "firebeat/sizing.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>

namespace firebeat::cli {
namespace {

void addCoverageOptions(QCommandLineParser& p) {
    addSourceOptions(p);
    p.addOptions({
        {"input", "Data source with the inspection layers.", "SOURCE"},
        {"reference-date",
         "End of the reporting window; a date alone means the end of that day (default: now).", "DATE"},
        {"window-days", "Length of the reporting window in days.", "N", "365"},
        {"norms", "Inspection norms (JSON, see sample-layers/norms.json; default: the built-in norms).",
         "FILE"},
        {"output", "Output GeoPackage.", "OUT.gpkg"},
        {"json", "Print a machine-readable summary."},
        {"quiet", "No progress bar."},
    });
}

void printProblems(const Report& report) {
    if (!report.problems().empty())
        std::fprintf(stderr, "firebeat: the analysis met %zu problem(s):\n%s", report.problems().size(),
                     report.toText().c_str());
}

} // namespace

CoverageParameters coverageParametersFrom(const QCommandLineParser& p) {
    CoverageParameters c;
    if (p.isSet("reference-date")) {
        dateOption(p, "reference-date"); // names the option when the date is unreadable
        c.referenceDate = *parsePeriodEnd(toStd(p.value("reference-date")));
    } else {
        c.referenceDate = QDateTime::currentSecsSinceEpoch();
    }
    const double days = numberOption(p, "window-days", 0);
    if (days != std::floor(days) || days > 36500)
        throw InputError("--window-days: expected a whole number of days up to 36500");
    c.windowDays = static_cast<int>(days);
    if (p.isSet("norms"))
        c.norms = loadNorms(toStd(p.value("norms")));
    return c;
}

ReadResult readCoverageInput(const QCommandLineParser& p, Progress& progress) {
    if (!p.isSet("input") || !p.isSet("output"))
        throw InputError("--input and --output are required");
    ReadOptions options = readOptionsFrom(p);
    options.checkConsistency = false; // the analysis reports what it meets
    options.optionalLayers = {LayerKind::Villages, LayerKind::FireStations, LayerKind::Officers,
                              LayerKind::Hazards};
    const ReadResult read = readDataset(toStd(p.value("input")), options, &progress);
    requireUsableLayers(read);
    return read;
}

int runCoverage(const QStringList& arguments) {
    QCommandLineParser p;
    addCoverageOptions(p);
    parseOrExit(
        p, arguments,
        "Coverage gaps by police-station district: coverage, overdue units, open hazards, staffing norms, "
        "blind-spot villages, fire-station reach and a gap score with rank. Writes the layers "
        "district_coverage, overdue_units, blind_spots, unreached_units and officer_workload.");
    return guarded([&] {
        TerminalProgress progress(p.isSet("quiet") || p.isSet("json"));
        const ReadResult read = readCoverageInput(p, progress);
        const CoverageParameters parameters = coverageParametersFrom(p);
        Report report;
        const CoverageResult result = computeCoverage(read.data, parameters, report, &progress);
        const std::string output = toStd(p.value("output"));
        writeCoverageGpkg(result, output, read.data.crs);
        progress.finish();
        printProblems(report);
        std::vector<const DistrictCoverage*> ranked;
        for (const DistrictCoverage& d : result.districts)
            ranked.push_back(&d);
        std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return a->gapRank < b->gapRank; });
        if (p.isSet("json")) {
            QJsonArray districts;
            for (const DistrictCoverage* d : ranked)
                districts.append(QJsonObject{{"district_id", QString::fromStdString(d->districtId)},
                                             {"gap_rank", d->gapRank},
                                             {"gap_score", d->gapScore}});
            std::printf(
                "%s\n",
                QJsonDocument(
                    QJsonObject{{"output", QString::fromStdString(output)},
                                {"window_start", QString::fromStdString(formatTimestamp(result.windowStart))},
                                {"window_end", QString::fromStdString(formatTimestamp(result.windowEnd))},
                                {"districts", districts}})
                    .toJson(QJsonDocument::Compact)
                    .constData());
            return kOk;
        }
        std::printf("wrote %s (window %s .. %s); largest gaps:\n", output.c_str(),
                    formatDate(result.windowStart).c_str(), formatDate(result.windowEnd).c_str());
        for (std::size_t i = 0; i < ranked.size() && i < 5; ++i)
            std::printf("  %d. %s %s  gap score %.1f\n", ranked[i]->gapRank, ranked[i]->districtId.c_str(),
                        ranked[i]->name.c_str(), ranked[i]->gapScore);
        return kOk;
    });
}

int runSizing(const QStringList& arguments) {
    QCommandLineParser p;
    addCoverageOptions(p);
    p.addOptions({
        {"headcount", "Total staff to allocate across districts (largest remainder).", "N"},
        {"minimum", "Minimum staff per district in the allocation.", "N", "1"},
    });
    parseOrExit(
        p, arguments,
        "District sizing: annual workload hours from the norms, required staff, surplus or deficit, and "
        "the allocation of a headcount. Output .gpkg or .csv.");
    return guarded([&] {
        TerminalProgress progress(p.isSet("quiet") || p.isSet("json"));
        const ReadResult read = readCoverageInput(p, progress);
        SizingParameters parameters;
        parameters.coverage = coverageParametersFrom(p);
        if (p.isSet("headcount"))
            parameters.headcount = static_cast<int>(numberOption(p, "headcount", 0));
        parameters.minimumPerDistrict = static_cast<int>(numberOption(p, "minimum", 0, true));
        Report report;
        const SizingResult result = computeSizing(read.data, parameters, report, &progress);
        const std::string output = toStd(p.value("output"));
        writeSizing(result, output, read.data.crs);
        progress.finish();
        printProblems(report);
        std::printf("wrote %s\n", output.c_str());
        return kOk;
    });
}

} // namespace firebeat::cli
