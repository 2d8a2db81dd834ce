#include "validate_algorithm.h"

#include "firebeat/validate_job.h"

#include <qgsprocessingoutputs.h>

namespace firebeat::qgis {

QIcon ValidateAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/validate.svg"));
}

const JobSpec& ValidateAlgorithm::spec() const {
    return validateJobSpec();
}

void ValidateAlgorithm::initAlgorithm(const QVariantMap& configuration) {
    JobAlgorithm::initAlgorithm(configuration);
    addOutput(new QgsProcessingOutputNumber(QStringLiteral("ERRORS"), tr("Errors")));
    addOutput(new QgsProcessingOutputNumber(QStringLiteral("WARNINGS"), tr("Warnings")));
    addOutput(new QgsProcessingOutputString(QStringLiteral("REPORT"), tr("Report")));
}

JobAlgorithm::RunOutputs ValidateAlgorithm::analyse(const JobSource& source, const JobParameters& job,
                                                    Progress* progress,
                                                    QgsProcessingFeedback* feedback) const {
    const Report report = runValidateJob(source, job, progress).report;
    if (feedback)
        for (const Problem& p : report.problems()) {
            const QString line = QString::fromStdString(describe(p));
            p.severity == Severity::Error ? feedback->reportError(line) : feedback->pushWarning(line);
        }
    const QString text = QString::fromStdString(report.toText());
    if (feedback)
        feedback->pushInfo(text);
    return {{},
            {{QStringLiteral("ERRORS"), static_cast<qlonglong>(report.count(Severity::Error))},
             {QStringLiteral("WARNINGS"), static_cast<qlonglong>(report.count(Severity::Warning))},
             {QStringLiteral("REPORT"), text}}};
}

} // namespace firebeat::qgis
