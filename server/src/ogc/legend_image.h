// Legend graphics (GetLegendGraphic, the viewer's legend): swatches of a style's classes, or the
// heatmap's colour ramp as a graded bar with its density labels. Text needs a QGuiApplication
// (Qt's font database); without one the legends are drawn without their labels.
#pragma once

#include "colour_ramp.h"
#include "qml_style.h"

#include <QImage>
#include <QString>

namespace firebeat::ogc {

// One row per class of `style`: its symbol, then its label (`title` above them all when given).
QImage classLegend(const QmlStyle& style, const QString& title);
// A vertical bar from 0 (bottom) to the last stop (top), labelled at every stop, `units` on top.
QImage rampLegend(const ColourRamp& ramp, const QString& units);
// `bottom` below `top`, left-aligned (a layer with two sets of classes).
QImage stackLegends(const QImage& top, const QImage& bottom);

} // namespace firebeat::ogc
