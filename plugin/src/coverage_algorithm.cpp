#include "coverage_algorithm.h"

#include "firebeat/coverage_job.h"

namespace firebeat::qgis {

QIcon CoverageAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/coverage.svg"));
}

const JobSpec& CoverageAlgorithm::spec() const {
    return coverageJobSpec();
}

JobAlgorithm::RunOutputs CoverageAlgorithm::analyse(const JobSource& source, const JobParameters& job,
                                                    Progress* progress,
                                                    QgsProcessingFeedback* feedback) const {
    const CoverageJobResult ran = runCoverageJob(source, job, progress);
    reportProblems(ran.read.report, feedback);
    reportProblems(ran.problems, feedback);
    return {};
}

} // namespace firebeat::qgis
