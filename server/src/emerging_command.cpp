// `firebeat emerging`: the options are the core job's declaration (emergingJob()), mapped one to
// one onto --options; the job checks and defaults them.
#include "command.h"
#include "terminal_progress.h"

#include "firebeat/emerging_writer.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {

int runEmerging(const QStringList& arguments) {
    const JobSpec& job = emergingJob();
    QCommandLineParser p;
    p.addOption({"input", "Data source with the polygons and the events.", "SOURCE"});
    for (const InputLayer& layer : job.inputs)
        p.addOption({QString::fromStdString(layer.key + "-layer"),
                     QString::fromStdString("The " + layer.key + " layer's name. " + layer.help), "NAME",
                     QString::fromStdString(std::string(layerName(*layer.kind)))});
    for (const OptionSpec& o : job.options) {
        QString help = QString::fromStdString(o.help);
        if (!o.defaultValue.empty() && o.type != OptionType::Flag)
            help += QStringLiteral(" Default: %1.").arg(QString::fromStdString(o.defaultValue));
        if (o.type == OptionType::Flag)
            p.addOption({QString::fromStdString(o.key), help});
        else
            p.addOption({QString::fromStdString(o.key), help, QStringLiteral("VALUE")});
    }
    p.addOptions({
        {"output", "Output GeoPackage (layer emerging_hotspots, table emerging_bins).", "OUT.gpkg"},
        {"json", "Print a machine-readable summary."},
        {"quiet", "No progress bar."},
    });
    parseOrExit(p, arguments, QString::fromStdString(job.help));
    return guarded([&] {
        if (!p.isSet("input") || !p.isSet("output"))
            throw InputError("--input and --output are required");
        JobParameters parameters(job);
        for (const OptionSpec& o : job.options)
            if (p.isSet(QString::fromStdString(o.key)))
                parameters.set(o.key, o.type == OptionType::Flag
                                          ? "true"
                                          : toStd(p.value(QString::fromStdString(o.key))));
        const EmergingOptions options = emergingOptions(parameters);
        EmergingLayers layers;
        layers.locations = toStd(p.value("villages-layer"));
        layers.events = toStd(p.value("events-layer"));
        TerminalProgress progress(p.isSet("quiet") || p.isSet("json"));
        ProgressSlice reading(&progress, 0, 0.4);
        const EmergingInput input = readEmergingInput(toStd(p.value("input")), layers, parameters, &reading);
        ProgressSlice analysing(&progress, 0.4, 0.9);
        const EmergingResult result = analyseEmerging(input, options, &analysing);
        EmergingOutputOptions out;
        out.parameters = {{"source", toStd(p.value("input"))},
                          {"reference_date", parameters.text("reference-date")},
                          {"neighbourhood_steps", std::to_string(options.neighbourhoodSteps)}};
        const std::string output = toStd(p.value("output"));
        writeEmerging(output, input, result, out);
        progress.finish();
        for (const std::string& note : result.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());

        std::map<int, int> byCode;
        for (const EmergingRow& r : result.rows)
            ++byCode[patternCode(r.cls.pattern)];
        if (p.isSet("json")) {
            QJsonObject patterns;
            for (const auto& [code, count] : byCode)
                patterns.insert(QString::fromUtf8(patternName(static_cast<EmergingPattern>(code)).data()),
                                count);
            const QJsonObject o{{"output", QString::fromStdString(output)},
                                {"locations", static_cast<qint64>(result.rows.size())},
                                {"months", static_cast<qint64>(result.months)},
                                {"first_month", QString::fromStdString(monthLabel(result.firstMonth))},
                                {"events", static_cast<qint64>(result.eventsUsed)},
                                {"islands", static_cast<qint64>(result.islands.size())},
                                {"patterns", patterns}};
            std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("wrote %s: %zu locations x %zu months (%s ..)\n", output.c_str(), result.rows.size(),
                        result.months, monthLabel(result.firstMonth).c_str());
            for (const auto& [code, count] : byCode)
                std::printf("  %3d %-24s %d\n", code, patternName(static_cast<EmergingPattern>(code)).data(),
                            count);
        }
        return kOk;
    });
}

} // namespace firebeat::cli
