#include "sizing_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"

#include "firebeat/coverage_job.h"

namespace firebeat::qgis {

QIcon SizingAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/sizing.svg"));
}

const JobSpec& SizingAlgorithm::spec() const {
    return sizingJobSpec();
}

void SizingAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
}

QVariantMap SizingAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                              QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.2), running(&progress, 0.2, 1);
            const SizingJobResult run =
                runSizingJob(jobSource(parameters, context, memory, &copying), job, &running);
            reportProblems(run.read.report, feedback);
            reportProblems(run.problems, feedback);
        }))
        return {};
    return finishOutputs(parameters, context, job);
}

} // namespace firebeat::qgis
