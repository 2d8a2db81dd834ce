// `firebeat heatmap`: the job of firebeat/heatmap_job.h and its summary.
#include "command.h"
#include "job_command.h"
#include "terminal_progress.h"

#include "firebeat/heatmap_job.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace firebeat::cli {
namespace {

void printSummary(const HeatmapJobResult& run, double seconds, bool json) {
    const HeatmapSummary& s = run.summary;
    const HeatmapJob& job = run.job;
    const std::string& output = run.output;
    const std::string& crs = job.tiff.crs;
    if (json) {
        QJsonObject o{{"output", QString::fromStdString(output)},
                      {"crs", QString::fromStdString(crs)},
                      {"weight", QString::fromStdString(job.weightDescription)},
                      {"width", s.window.width},
                      {"height", s.window.height},
                      {"origin", QJsonArray{s.window.minX(), s.window.maxY()}},
                      {"pixel_size", s.window.grid.pixelSize},
                      {"points", static_cast<qint64>(s.points)},
                      {"total_weight", s.totalWeight},
                      {"bandwidth", s.bandwidth ? QJsonValue(*s.bandwidth) : QJsonValue()},
                      {"max", s.maxValue},
                      {"seconds", seconds}};
        std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
        return;
    }
    std::string weights = job.weightDescription;
    if (weights == "severity")
        weights += " " + toStd(QString("%1,%2,%3")
                                   .arg(job.weighting.severityWeights[0])
                                   .arg(job.weighting.severityWeights[1])
                                   .arg(job.weighting.severityWeights[2]));
    std::printf("wrote %s: %d x %d pixels of %g m in %s, %zu points (total weight %g; weights: %s), max %g, "
                "%.2f s\n",
                output.c_str(), s.window.width, s.window.height, s.window.grid.pixelSize, crs.c_str(),
                s.points, s.totalWeight, weights.c_str(), s.maxValue, seconds);
}

} // namespace

int runHeatmap(const QStringList& arguments) {
    JobCommand command(heatmapJobSpec());
    command.addLayerAlias(QStringLiteral("layer"), "hazards"); // any point layer
    command.parse(arguments);
    return guarded([&] {
        QElapsedTimer timer;
        timer.start();
        TerminalProgress progress(command.quiet());
        const HeatmapJobResult run = runHeatmapJob(command.source(), command.parameters(), &progress);
        progress.finish();
        printProblems(run);
        printSummary(run, timer.elapsed() / 1000.0, command.json());
        return kOk;
    });
}

} // namespace firebeat::cli
