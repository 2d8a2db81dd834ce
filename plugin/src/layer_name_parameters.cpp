#include "layer_name_parameters.h"

#include "hazard_filter_parameters.h"

#include <qgsexception.h>
#include <qgsprocessingparameters.h>

namespace firebeat::qgis {
namespace {

struct LayerParameter {
    LayerKind kind;
    const char* name;
    const char* label;
    bool advanced; // only some analyses read this layer
};
constexpr LayerParameter kLayers[] = {
    {LayerKind::Villages, "VILLAGES_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Villages layer (polygons)"), false},
    {LayerKind::Hazards, "HAZARDS_LAYER", QT_TRANSLATE_NOOP("LayerNameParameters", "Hazards layer (points)"),
     false},
    {LayerKind::Units, "UNITS_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Units layer (points; for hazards per unit)"), true},
    {LayerKind::Inspections, "INSPECTIONS_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Inspections layer (for hazards per inspected unit)"), true},
    {LayerKind::PoliceDistricts, "DISTRICTS_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Police-district layer (polygons; for hexagons)"), true},
};

QString modelName(LayerKind kind) {
    const std::string_view name = layerName(kind);
    return QString::fromUtf8(name.data(), static_cast<int>(name.size()));
}

} // namespace

QList<QgsProcessingParameterDefinition*> LayerNameParameters::definitions() {
    QList<QgsProcessingParameterDefinition*> list;
    for (const LayerParameter& layer : kLayers) {
        auto* p = new QgsProcessingParameterString(QString::fromLatin1(layer.name), tr(layer.label),
                                                   modelName(layer.kind), false, true);
        list << (layer.advanced ? advanced(p) : p);
    }
    return list;
}

void LayerNameParameters::apply(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                                QgsProcessingContext& context, SourceMapping& mapping) {
    for (const LayerParameter& layer : kLayers) {
        const QString name = QString::fromLatin1(layer.name);
        const QString chosen = QgsProcessingParameters::parameterAsString(algorithm.parameterDefinition(name),
                                                                          parameters, context)
                                   .trimmed();
        if (chosen.isEmpty() || chosen == modelName(layer.kind))
            continue;
        const QString mapped = QString::fromStdString(mapping.layer(layer.kind));
        if (mapped != modelName(layer.kind) && mapped != chosen)
            throw QgsProcessingException(tr("%1: '%2', but FIELD_MAP names the %3 layer '%4': give its name "
                                            "in one of them")
                                             .arg(name, chosen, modelName(layer.kind), mapped));
        mapping.setLayer(layer.kind, chosen.toStdString());
    }
}

} // namespace firebeat::qgis
