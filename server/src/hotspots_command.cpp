// `firebeat hotspots`: the job of firebeat/hotspots_job.h and its summary.
#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/hotspots_job.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {

int runHotspots(const QStringList& arguments) {
    JobCommand command(hotspotsJobSpec());
    command.addLayerAlias(QStringLiteral("layer"), "villages"); // a layer that holds no villages
    command.parse(arguments);
    return guarded([&] {
        TerminalProgress progress(command.quiet());
        const HotspotsJobResult run = runHotspotsJob(command.source(), command.parameters(), &progress);
        progress.finish();
        printProblems(run);
        for (const std::string& note : run.notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        if (command.json()) {
            const QJsonObject j{{"output", QString::fromStdString(run.output)},
                                {"layer", QString::fromStdString(run.outputLayer)},
                                {"crs", QString::fromStdString(run.crs)},
                                {"features", static_cast<qint64>(run.features)},
                                {"hot", run.hot},
                                {"cold", run.cold},
                                {"value", QString::fromStdString(run.valueDescription)},
                                {"weights", QString::fromStdString(run.weights)}};
            std::printf("%s\n", QJsonDocument(j).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("wrote %s (layer %s, %s): %zu features (%s), %d hot and %d cold spots (Gi*, 90%%+); "
                        "weights: %s\n",
                        run.output.c_str(), run.outputLayer.c_str(), run.crs.c_str(), run.features,
                        run.valueDescription.c_str(), run.hot, run.cold, run.weights.c_str());
        }
        return kOk;
    });
}

} // namespace firebeat::cli
