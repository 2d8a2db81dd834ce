// The hazard filters shared by the heatmap and the hot-spot analysis (the command line's
// --from --to --open-only --categories --min-severity --source).
#pragma once

#include "firebeat/filters.h"

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

namespace firebeat::qgis {

class HazardFilterParameters {
    Q_DECLARE_TR_FUNCTIONS(HazardFilterParameters)

  public:
    // New definitions; the algorithm takes ownership with addParameter().
    static QList<QgsProcessingParameterDefinition*> definitions();
    static HazardFilter filter(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                               QgsProcessingContext& context);
    // An optional date parameter as the command line reads it: a time without offset is China
    // Standard Time. Empty when not set.
    static std::optional<Timestamp> timestamp(const QgsProcessingAlgorithm& algorithm,
                                              const QVariantMap& parameters, const QString& name,
                                              QgsProcessingContext& context);
};

// Flags a new parameter definition as advanced.
QgsProcessingParameterDefinition* advanced(QgsProcessingParameterDefinition* p);

} // namespace firebeat::qgis
