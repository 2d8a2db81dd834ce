#include "validate_algorithm.h"

#include "algorithm_support.h"
#include "feedback_progress.h"

#include "firebeat/validate_job.h"

#include <qgsprocessingoutputs.h>

namespace firebeat::qgis {

QIcon ValidateAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/validate.svg"));
}

const JobSpec& ValidateAlgorithm::spec() const {
    return validateJobSpec();
}

void ValidateAlgorithm::initAlgorithm(const QVariantMap&) {
    addJobParameters();
    addOutput(new QgsProcessingOutputNumber(QStringLiteral("ERRORS"), tr("Errors")));
    addOutput(new QgsProcessingOutputNumber(QStringLiteral("WARNINGS"), tr("Warnings")));
    addOutput(new QgsProcessingOutputString(QStringLiteral("REPORT"), tr("Report")));
}

QVariantMap ValidateAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    const JobParameters job = jobParameters(parameters, context);
    FeedbackProgress progress(feedback);
    ReadResult result;
    if (!runJob([&] {
            MemorySource memory;
            ProgressSlice copying(&progress, 0, 0.3), reading(&progress, 0.3, 1);
            result = runValidateJob(jobSource(parameters, context, memory, &copying), job, &reading);
        }))
        return {};
    const Report& report = result.report;
    if (feedback)
        for (const Problem& p : report.problems()) {
            const QString line = QString::fromStdString(describe(p));
            p.severity == Severity::Error ? feedback->reportError(line) : feedback->pushWarning(line);
        }
    const QString text = QString::fromStdString(report.toText());
    if (feedback)
        feedback->pushInfo(text);
    QVariantMap outputs = finishOutputs(parameters, context, job);
    outputs.insert(QStringLiteral("ERRORS"), static_cast<qlonglong>(report.count(Severity::Error)));
    outputs.insert(QStringLiteral("WARNINGS"), static_cast<qlonglong>(report.count(Severity::Warning)));
    outputs.insert(QStringLiteral("REPORT"), text);
    return outputs;
}

} // namespace firebeat::qgis
