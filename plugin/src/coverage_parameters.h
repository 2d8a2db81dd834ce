// What coverage and sizing share (the command line's addCoverageOptions): the whole data set and
// its layer names, the reporting window, the inspection norms and the run over the districts.
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/reader.h"

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

#include <functional>

namespace firebeat::qgis {

class CoverageParameterSet {
    Q_DECLARE_TR_FUNCTIONS(CoverageParameterSet)

  public:
    // SourceParameters, every layer's name (advanced), the window and norms; the algorithm takes
    // ownership with addParameter().
    static QList<QgsProcessingParameterDefinition*> definitions();
    static CoverageParameters coverage(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                                       QgsProcessingContext& context);
    using Analysis = std::function<void(const Dataset& data, Report& report, Progress& progress)>;
    // Reads every layer (the optional ones may be missing) as `firebeat coverage` does, runs
    // `analysis` on them, then logs the problems it reported. False when cancelled.
    static bool analyse(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                        QgsProcessingContext& context, QgsProcessingFeedback* feedback,
                        const Analysis& analysis);
};

// Reads the data set with the given options; empty when cancelled. Errors in the layers the
// analysis needs end the run with the reader's message, as `firebeat` does.
std::optional<ReadResult> readForAnalysis(const std::string& source, const ReadOptions& options,
                                          QgsProcessingFeedback* feedback);

} // namespace firebeat::qgis
