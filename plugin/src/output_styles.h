// Loading outputs into the project with the shared FireBeat styles (styles/*.qml, the single
// source of truth for colours, also read by the server).
#pragma once

#include <QString>

class QgsProcessingContext;
class QgsProcessingLayerPostProcessorInterface;

namespace firebeat::qgis {

// The path of styles/<name>.qml in the build tree or the installed share directory; empty
// when neither exists.
QString stylePath(const QString& name);

// A post-processor applying styles/<style>.qml to a loaded output (QGIS takes ownership); null
// when the style file is missing.
QgsProcessingLayerPostProcessorInterface* stylePostProcessor(const QString& style);

// Loads `uri` ("OUT.gpkg|layername=district_coverage") into the project as `layerName`
// when the algorithm completes, styled with styles/<style>.qml.
void loadStyledOnCompletion(QgsProcessingContext& context, const QString& uri, const QString& layerName,
                            const QString& style, const QString& outputName);

} // namespace firebeat::qgis
