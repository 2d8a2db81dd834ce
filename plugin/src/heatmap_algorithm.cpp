#include "heatmap_algorithm.h"

#include "firebeat/heatmap_job.h"

namespace firebeat::qgis {

QIcon HeatmapAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/heatmap.svg"));
}

const JobSpec& HeatmapAlgorithm::spec() const {
    return heatmapJobSpec();
}

QStringList HeatmapAlgorithm::tags() const {
    return tr("heatmap,kde,kernel density,hazard,fire,inspection").split(QLatin1Char(','));
}

JobAlgorithm::RunOutputs HeatmapAlgorithm::analyse(const JobSource& source, const JobParameters& job,
                                                   Progress* progress,
                                                   QgsProcessingFeedback* feedback) const {
    const HeatmapJobResult ran = runHeatmapJob(source, job, progress);
    reportProblems(ran.read.report, feedback);
    const HeatmapSummary& s = ran.summary;
    if (feedback)
        feedback->pushInfo(
            tr("%1 x %2 pixels of %3 m in %4, %5 points (total weight %6; weights: %7), max %8")
                .arg(s.window.width)
                .arg(s.window.height)
                .arg(s.window.grid.pixelSize)
                .arg(QString::fromStdString(ran.job.tiff.crs))
                .arg(static_cast<qulonglong>(s.points))
                .arg(s.totalWeight)
                .arg(QString::fromStdString(ran.job.weightDescription))
                .arg(s.maxValue));
    return {};
}

} // namespace firebeat::qgis
