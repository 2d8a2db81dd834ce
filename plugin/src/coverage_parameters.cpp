#include "coverage_parameters.h"

#include "algorithm_support.h"
#include "feedback_progress.h"
#include "hazard_filter_parameters.h"
#include "layer_name_parameters.h"
#include "source_parameters.h"

#include "firebeat/norms.h"

#include <qgsprocessingparameters.h>

#include <QDateTime>

namespace firebeat::qgis {

std::optional<ReadResult> readForAnalysis(const std::string& source, const ReadOptions& options,
                                          QgsProcessingFeedback* feedback) {
    FeedbackProgress progress(feedback);
    ReadResult read;
    if (!runCore([&] { read = readDataset(source, options, &progress); }))
        return std::nullopt;
    // As the command line's requireUsableLayers: without these the analysis cannot run.
    for (const char* fatal : {"missing_layer", "missing_field", "wrong_field_type", "missing_crs"})
        if (read.report.count(fatal) > 0)
            throw QgsProcessingException(QString::fromStdString(read.report.toText()));
    if (feedback && read.report.hasErrors())
        feedback->reportError(
            QCoreApplication::translate("CoverageParameterSet", "%1 feature(s) left out for bad values:\n%2")
                .arg(static_cast<qulonglong>(read.report.count(Severity::Error)))
                .arg(QString::fromStdString(read.report.toText())));
    return read;
}

QList<QgsProcessingParameterDefinition*> CoverageParameterSet::definitions() {
    QList<QgsProcessingParameterDefinition*> list = SourceParameters::definitions();
    list << LayerNameParameters::definitions({}, {kAllLayers.begin(), kAllLayers.end()});
    list << new QgsProcessingParameterDateTime(
                QStringLiteral("REFERENCE_DATE"),
                tr("End of the reporting window (a date alone: the end of that day; empty: now)"),
                QgsProcessingParameterDateTime::DateTime, QVariant(), true)
         << new QgsProcessingParameterNumber(QStringLiteral("WINDOW_DAYS"),
                                             tr("Length of the reporting window (days)"),
                                             QgsProcessingParameterNumber::Integer, 365, false, 1, 36500)
         << advanced(new QgsProcessingParameterFile(
                QStringLiteral("NORMS"), tr("Inspection norms (JSON; empty: the built-in norms)"),
                QgsProcessingParameterFile::File, QStringLiteral("json"), QVariant(), true));
    return list;
}

CoverageParameters CoverageParameterSet::coverage(const QgsProcessingAlgorithm& algorithm,
                                                  const QVariantMap& parameters,
                                                  QgsProcessingContext& context) {
    CoverageParameters c;
    const QString name = QStringLiteral("REFERENCE_DATE");
    if (const auto t = HazardFilterParameters::timestamp(algorithm, parameters, name, context)) {
        c.referenceDate = *t;
        // A plain date (as `--reference-date 2026-06-30`): the whole day is inside the window.
        const QVariant raw = parameters.value(name);
        if (raw.type() == QVariant::Date ||
            (raw.type() == QVariant::String && raw.toString().trimmed().size() == 10))
            c.referenceDate += kSecondsPerDay - 1;
    } else {
        c.referenceDate = QDateTime::currentSecsSinceEpoch();
    }
    c.windowDays = QgsProcessingParameters::parameterAsInt(
        algorithm.parameterDefinition(QStringLiteral("WINDOW_DAYS")), parameters, context);
    const QString norms = QgsProcessingParameters::parameterAsFile(
        algorithm.parameterDefinition(QStringLiteral("NORMS")), parameters, context);
    if (!norms.isEmpty())
        runCore([&] { c.norms = loadNorms(norms.toStdString()); });
    return c;
}

bool CoverageParameterSet::analyse(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                                   QgsProcessingContext& context, QgsProcessingFeedback* feedback,
                                   const Analysis& analysis) {
    ReadOptions options = SourceParameters::readOptions(algorithm, parameters, context);
    LayerNameParameters::apply(algorithm, parameters, context, options.mapping);
    options.checkConsistency = false; // the analysis reports what it meets
    options.optionalLayers = {LayerKind::Villages, LayerKind::FireStations, LayerKind::Officers,
                              LayerKind::Hazards};
    const std::optional<ReadResult> read =
        readForAnalysis(SourceParameters::source(algorithm, parameters, context), options, feedback);
    if (!read)
        return false;
    FeedbackProgress progress(feedback);
    Report report;
    if (!runCore([&] { analysis(read->data, report, progress); }))
        return false;
    reportProblems(report, feedback);
    return true;
}

} // namespace firebeat::qgis
