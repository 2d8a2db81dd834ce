#include "sizing_algorithm.h"

#include "firebeat/coverage_job.h"

namespace firebeat::qgis {

QIcon SizingAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/sizing.svg"));
}

const JobSpec& SizingAlgorithm::spec() const {
    return sizingJobSpec();
}

JobAlgorithm::RunOutputs SizingAlgorithm::analyse(const JobSource& source, const JobParameters& job,
                                                  Progress* progress, QgsProcessingFeedback* feedback) const {
    const SizingJobResult ran = runSizingJob(source, job, progress);
    reportProblems(ran.read.report, feedback);
    reportProblems(ran.problems, feedback);
    return {};
}

} // namespace firebeat::qgis
