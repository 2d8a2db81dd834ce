#include "heatmap_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"

#include "firebeat/heatmap_job.h"

namespace firebeat::qgis {

QStringList HeatmapAlgorithm::tags() const {
    return tr("heatmap,kde,kernel density,hazard,fire,inspection").split(QLatin1Char(','));
}

QIcon HeatmapAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/heatmap.svg"));
}

const JobSpec& HeatmapAlgorithm::spec() const {
    return heatmapJobSpec();
}

void HeatmapAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
}

QVariantMap HeatmapAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                               QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.3), running(&progress, 0.3, 1);
            const HeatmapJobResult run =
                runHeatmapJob(jobSource(parameters, context, memory, &copying), job, &running);
            reportProblems(run.read.report, feedback);
            const HeatmapSummary& s = run.summary;
            if (feedback)
                feedback->pushInfo(
                    tr("%1 x %2 pixels of %3 m in %4, %5 points (total weight %6; weights: %7), "
                       "max %8")
                        .arg(s.window.width)
                        .arg(s.window.height)
                        .arg(s.window.grid.pixelSize)
                        .arg(QString::fromStdString(run.job.tiff.crs))
                        .arg(static_cast<qulonglong>(s.points))
                        .arg(s.totalWeight)
                        .arg(QString::fromStdString(run.job.weightDescription))
                        .arg(s.maxValue));
        }))
        return {};
    return finishOutputs(parameters, context, job);
}

} // namespace firebeat::qgis
