// The parameters shared by every algorithm that reads a FireBeat data set: the source, the
// mapping of layer/field names, GCJ-02, the analysis CRS and geometry repair.
#pragma once

#include "firebeat/reader.h"

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

namespace firebeat::qgis {

class SourceParameters {
    Q_DECLARE_TR_FUNCTIONS(SourceParameters)

  public:
    // New definitions; the algorithm takes ownership with addParameter().
    static QList<QgsProcessingParameterDefinition*> definitions();
    // Throws QgsProcessingException with the reader's message on a bad value.
    static std::string source(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                              QgsProcessingContext& context);
    static ReadOptions readOptions(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                                   QgsProcessingContext& context);
};

} // namespace firebeat::qgis
