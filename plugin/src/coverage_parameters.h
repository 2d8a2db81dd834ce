// What coverage and sizing share (the command line's addCoverageOptions): the whole data set,
// the reporting window and the inspection norms.
#pragma once

#include "firebeat/coverage.h"
#include "firebeat/reader.h"

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

namespace firebeat::qgis {

class CoverageParameterSet {
    Q_DECLARE_TR_FUNCTIONS(CoverageParameterSet)

  public:
    // SourceParameters and the window and norms; the algorithm takes ownership with addParameter().
    static QList<QgsProcessingParameterDefinition*> definitions();
    static CoverageParameters coverage(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                                       QgsProcessingContext& context);
    // Every layer (the optional ones may be missing), as `firebeat coverage` reads them. Empty
    // when cancelled.
    static std::optional<ReadResult> read(const QgsProcessingAlgorithm& algorithm,
                                          const QVariantMap& parameters, QgsProcessingContext& context,
                                          QgsProcessingFeedback* feedback);
};

// Reads the data set with the given options; empty when cancelled. Errors in the layers the
// analysis needs end the run with the reader's message, as `firebeat` does.
std::optional<ReadResult> readForAnalysis(const std::string& source, const ReadOptions& options,
                                          QgsProcessingFeedback* feedback);

} // namespace firebeat::qgis
