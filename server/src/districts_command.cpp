#include "command.h"
#include "terminal_progress.h"

#include "firebeat/districts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {
namespace {

// The job's declaration as options: --<input>-layer NAME per input layer, --<key> per option.
void addJobOptions(QCommandLineParser& p, const JobSpec& spec) {
    for (const InputLayer& in : spec.inputs)
        p.addOption({QString::fromStdString(in.key + "-layer"),
                     QString::fromStdString(
                         in.help + (in.withoutIt.empty() ? "" : " Without it: " + in.withoutIt + ".")),
                     "NAME"});
    for (const OptionSpec& o : spec.options) {
        const QString help = QString::fromStdString(o.help);
        if (o.type == OptionType::Flag)
            p.addOption({QString::fromStdString(o.key), help});
        else
            p.addOption({QString::fromStdString(o.key),
                         o.defaultValue.empty()
                             ? help
                             : help + " Default: " + QString::fromStdString(o.defaultValue) + ".",
                         o.type == OptionType::Field ? "FIELD" : "VALUE"});
    }
}

JobParameters jobParametersFrom(const QCommandLineParser& p, const JobSpec& spec) {
    JobParameters params(spec);
    for (const OptionSpec& o : spec.options)
        if (p.isSet(QString::fromStdString(o.key)))
            params.set(o.key,
                       o.type == OptionType::Flag ? "true" : toStd(p.value(QString::fromStdString(o.key))));
    return params;
}

} // namespace

int runDistricts(const QStringList& arguments) {
    const JobSpec& spec = districtsJob();
    QCommandLineParser p;
    p.addOption({"input", "Data source with the blocks (villages) and, for the sizing workload, the units.",
                 "SOURCE"});
    p.addOption({"crs", "The projected metric CRS to work in (default: chosen from the blocks).", "CRS"});
    addJobOptions(p, spec);
    p.addOptions({
        {"output", "Output GeoPackage (district_design_blocks, district_design, district_design_summary).",
         "OUT.gpkg"},
        {"json", "Print a machine-readable summary."},
        {"quiet", "No progress bar."},
    });
    parseOrExit(p, arguments, QString::fromStdString(spec.help));
    return guarded([&] {
        if (!p.isSet("input") || !p.isSet("output"))
            throw InputError("--input and --output are required");
        const JobParameters params = jobParametersFrom(p, spec);
        DistrictsInput input;
        input.source = toStd(p.value("input"));
        input.analysisCrs = toStd(p.value("crs"));
        for (const InputLayer& in : spec.inputs)
            if (p.isSet(QString::fromStdString(in.key + "-layer")))
                input.layers[in.key] = toStd(p.value(QString::fromStdString(in.key + "-layer")));
        const std::string output = toStd(p.value("output"));
        TerminalProgress progress(p.isSet("quiet") || p.isSet("json"));
        const DistrictJobResult r = runDistrictsJob(input, params, &progress);
        writeDistrictDesign(output, r);
        progress.finish();
        const DistrictDesign& d = r.design;
        for (const std::string& note : d.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        const double pct = 100 * d.largestDeviation / d.meanWorkload;
        if (p.isSet("json")) {
            QJsonObject o{{"output", QString::fromStdString(output)},
                          {"blocks", static_cast<qint64>(d.district.size())},
                          {"districts", d.zones},
                          {"workload", QString::fromStdString(r.workloadDescription)},
                          {"mean_workload", d.meanWorkload},
                          {"largest_workload", d.largestWorkload},
                          {"smallest_workload", d.smallestWorkload},
                          {"largest_deviation_pct", pct},
                          {"cv", d.cv},
                          {"within_10_pct", d.withinTenPercent},
                          {"lower_bound_pct", 100 * d.deviationLowerBound / d.meanWorkload},
                          {"ten_pct_impossible", d.tenPercentImpossible},
                          {"bound_reason", QString::fromStdString(d.boundReason)}};
            if (r.current)
                o.insert("current_cv", r.current->cv);
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("wrote %s: %zu blocks in %d districts (workload: %s)\n", output.c_str(),
                        d.district.size(), d.zones, r.workloadDescription.c_str());
            std::printf(
                "  mean %.1f h, largest %.1f h, smallest %.1f h: largest deviation %.2f %%, CV %.4f\n",
                d.meanWorkload, d.largestWorkload, d.smallestWorkload, pct, d.cv);
            if (r.current)
                std::printf("  current districts: %d, largest deviation %.2f %%, CV %.4f\n",
                            r.current->districts, r.current->largestDeviationPct, r.current->cv);
            if (!d.withinTenPercent)
                std::printf("  %s\n", d.tenPercentImpossible
                                          ? ("within 10 % is impossible: " + d.boundReason).c_str()
                                          : "not within 10 % of the mean, and no bound proves it impossible");
        }
        return kOk;
    });
}

} // namespace firebeat::cli
