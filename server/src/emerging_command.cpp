// `firebeat emerging`: the options are the core job's declaration (emergingJob()), built by the
// job glue (JobCommand: --input/SOURCE, --map, --crs, --gcj02, the layers, the options, --output);
// the job checks and defaults them.
#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/emerging_writer.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {

int runEmerging(const QStringList& arguments) {
    JobCommand command(emergingJob());
    command.parse(arguments);
    return guarded([&] {
        const JobParameters parameters = command.parameters();
        const JobSource source = command.source();
        const EmergingOptions options = emergingOptions(parameters);
        const std::string output = parameters.output("output");
        TerminalProgress progress(command.quiet());
        ProgressSlice reading(&progress, 0, 0.4);
        const EmergingInput input = readEmergingInput(source, parameters, &reading);
        ProgressSlice analysing(&progress, 0.4, 0.9);
        const EmergingResult result = analyseEmerging(input, options, &analysing);
        EmergingOutputOptions out;
        out.parameters = {{"source", source.description.empty() ? source.name : source.description},
                          {"reference_date", parameters.text("reference-date")},
                          {"neighbourhood_steps", std::to_string(options.neighbourhoodSteps)}};
        writeEmerging(output, input, result, out);
        progress.finish();
        for (const std::string& note : result.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());

        std::map<int, int> byCode;
        for (const EmergingRow& r : result.rows)
            ++byCode[patternCode(r.cls.pattern)];
        if (command.json()) {
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
