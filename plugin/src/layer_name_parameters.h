// Which layer of the data set is which (the command line's --villages-layer, --hazards-layer):
// one parameter per layer an analysis reads, so users name their own tables without writing a
// FIELD_MAP.
#pragma once

#include "firebeat/schema.h"

#include <QCoreApplication>
#include <qgsprocessingalgorithm.h>

#include <set>

namespace firebeat::qgis {

class LayerNameParameters {
    Q_DECLARE_TR_FUNCTIONS(LayerNameParameters)

  public:
    // One of VILLAGES_LAYER, HAZARDS_LAYER, UNITS_LAYER, INSPECTIONS_LAYER, DISTRICTS_LAYER,
    // STATIONS_LAYER and OFFICERS_LAYER for each layer of `basic` and, as advanced parameters, of
    // `underAdvanced`, defaulting to the data model's names; the algorithm takes ownership with
    // addParameter().
    static QList<QgsProcessingParameterDefinition*> definitions(const std::set<LayerKind>& basic,
                                                                const std::set<LayerKind>& underAdvanced);
    // Sets the layer names chosen in the algorithm's parameters into `mapping` (which holds
    // FIELD_MAP's). A name left at the data model's keeps FIELD_MAP's; two different names for
    // one layer are an error.
    static void apply(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                      QgsProcessingContext& context, SourceMapping& mapping);
};

} // namespace firebeat::qgis
