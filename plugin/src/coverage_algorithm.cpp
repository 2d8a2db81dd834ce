#include "coverage_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"

#include "firebeat/coverage_job.h"

namespace firebeat::qgis {

QIcon CoverageAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/coverage.svg"));
}

const JobSpec& CoverageAlgorithm::spec() const {
    return coverageJobSpec();
}

void CoverageAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
}

QVariantMap CoverageAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.2), running(&progress, 0.2, 1);
            const CoverageJobResult run =
                runCoverageJob(jobSource(parameters, context, memory, &copying), job, &running);
            reportProblems(run.read.report, feedback);
            reportProblems(run.problems, feedback);
        }))
        return {};
    return finishOutputs(parameters, context, job);
}

} // namespace firebeat::qgis
