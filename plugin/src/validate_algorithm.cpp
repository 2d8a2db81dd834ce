#include "validate_algorithm.h"

#include "feedback_progress.h"
#include "source_parameters.h"

#include <qgsexception.h>
#include <qgsprocessingoutputs.h>
#include <qgsprocessingparameters.h>

#include <QFile>

namespace firebeat::qgis {

QString ValidateAlgorithm::shortHelpString() const {
    return tr(
        "Checks a FireBeat inspection data set (police districts, villages, units, inspections, hazards, "
        "fire stations, officers) against the data model and lists every problem with its layer, feature "
        "and field: missing layers or fields, wrong field types, null, empty or invalid geometries, "
        "unparseable dates, severities outside 1-3, unknown category codes, duplicate ids, references to "
        "unknown ids and points outside every police district.\n\n"
        "The report is the same as the command line's `firebeat validate`.");
}

QIcon ValidateAlgorithm::icon() const {
    return QIcon(QStringLiteral(":/firebeat/icons/validate.svg"));
}

void ValidateAlgorithm::initAlgorithm(const QVariantMap&) {
    for (QgsProcessingParameterDefinition* p : SourceParameters::definitions())
        addParameter(p);
    addParameter(new QgsProcessingParameterFileDestination(QStringLiteral("OUTPUT"), tr("Report (JSON)"),
                                                           tr("JSON files (*.json)"), QVariant(), true));
    addOutput(new QgsProcessingOutputNumber(QStringLiteral("ERRORS"), tr("Errors")));
    addOutput(new QgsProcessingOutputNumber(QStringLiteral("WARNINGS"), tr("Warnings")));
    addOutput(new QgsProcessingOutputString(QStringLiteral("REPORT"), tr("Report")));
}

QVariantMap ValidateAlgorithm::processAlgorithm(const QVariantMap& parameters, QgsProcessingContext& context,
                                                QgsProcessingFeedback* feedback) {
    const std::string source = SourceParameters::source(*this, parameters, context);
    const ReadOptions options = SourceParameters::readOptions(*this, parameters, context);
    FeedbackProgress progress(feedback);
    ReadResult result;
    try {
        result = readDataset(source, options, &progress);
    } catch (const Cancelled&) {
        return {};
    } catch (const std::exception& e) {
        throw QgsProcessingException(QString::fromStdString(e.what()));
    }
    const Report& report = result.report;
    if (feedback)
        for (const Problem& p : report.problems()) {
            const QString line = QString::fromStdString(describe(p));
            p.severity == Severity::Error ? feedback->reportError(line) : feedback->pushWarning(line);
        }
    const QString text = QString::fromStdString(report.toText());
    if (feedback)
        feedback->pushInfo(text);

    QVariantMap outputs;
    const QString jsonPath = parameterAsFileOutput(parameters, QStringLiteral("OUTPUT"), context);
    if (!jsonPath.isEmpty()) {
        QFile file(jsonPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            throw QgsProcessingException(tr("OUTPUT: cannot write %1").arg(jsonPath));
        file.write(QByteArray::fromStdString(report.toJson()));
        outputs.insert(QStringLiteral("OUTPUT"), jsonPath);
    }
    outputs.insert(QStringLiteral("ERRORS"), static_cast<qlonglong>(report.count(Severity::Error)));
    outputs.insert(QStringLiteral("WARNINGS"), static_cast<qlonglong>(report.count(Severity::Warning)));
    outputs.insert(QStringLiteral("REPORT"), text);
    return outputs;
}

} // namespace firebeat::qgis
