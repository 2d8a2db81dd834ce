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
};
constexpr LayerParameter kLayers[] = {
    {LayerKind::Villages, "VILLAGES_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Villages layer (polygons)")},
    {LayerKind::Hazards, "HAZARDS_LAYER", QT_TRANSLATE_NOOP("LayerNameParameters", "Hazards layer (points)")},
    {LayerKind::Units, "UNITS_LAYER", QT_TRANSLATE_NOOP("LayerNameParameters", "Units layer (points)")},
    {LayerKind::Inspections, "INSPECTIONS_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Inspections layer")},
    {LayerKind::PoliceDistricts, "DISTRICTS_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Police-district layer (polygons)")},
    {LayerKind::FireStations, "STATIONS_LAYER",
     QT_TRANSLATE_NOOP("LayerNameParameters", "Fire-station layer (points)")},
    {LayerKind::Officers, "OFFICERS_LAYER", QT_TRANSLATE_NOOP("LayerNameParameters", "Officers layer")},
};

QString modelName(LayerKind kind) {
    const std::string_view name = layerName(kind);
    return QString::fromUtf8(name.data(), static_cast<int>(name.size()));
}

} // namespace

QList<QgsProcessingParameterDefinition*>
LayerNameParameters::definitions(const std::set<LayerKind>& basic, const std::set<LayerKind>& underAdvanced) {
    QList<QgsProcessingParameterDefinition*> list;
    for (const LayerParameter& layer : kLayers) {
        if (!basic.contains(layer.kind) && !underAdvanced.contains(layer.kind))
            continue;
        auto* p = new QgsProcessingParameterString(QString::fromLatin1(layer.name), tr(layer.label),
                                                   modelName(layer.kind), false, true);
        list << (underAdvanced.contains(layer.kind) ? advanced(p) : p);
    }
    return list;
}

void LayerNameParameters::apply(const QgsProcessingAlgorithm& algorithm, const QVariantMap& parameters,
                                QgsProcessingContext& context, SourceMapping& mapping) {
    for (const LayerParameter& layer : kLayers) {
        const QString name = QString::fromLatin1(layer.name);
        const QgsProcessingParameterDefinition* definition = algorithm.parameterDefinition(name);
        if (!definition) // a layer the analysis does not read
            continue;
        const QString chosen =
            QgsProcessingParameters::parameterAsString(definition, parameters, context).trimmed();
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
