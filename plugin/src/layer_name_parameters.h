// Which layer of the data set is which (the command line's --villages-layer, --hazards-layer):
// one parameter per layer, so users name their own tables without writing a FIELD_MAP.
#pragma once

#include "firebeat/schema.h"

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

namespace firebeat::qgis {

class LayerNameParameters {
    Q_DECLARE_TR_FUNCTIONS(LayerNameParameters)

  public:
    // VILLAGES_LAYER, HAZARDS_LAYER, UNITS_LAYER, INSPECTIONS_LAYER, DISTRICTS_LAYER, defaulting
    // to the data model's names; the algorithm takes ownership with addParameter().
    static QList<QgsProcessingParameterDefinition*> definitions();
    // Sets the layer names chosen into `mapping` (which holds FIELD_MAP's). A name left at the
    // data model's keeps FIELD_MAP's; two different names for one layer are an error.
    static void apply(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                      QgsProcessingContext& context, SourceMapping& mapping);
};

} // namespace firebeat::qgis
