// The colours of a QGIS 3.22 layer style (.qml) from styles/, the one source of truth shared with
// the QGIS plugin: single-symbol, categorised and graduated vector renderers and the raster's
// colour ramp. Only what the server draws is read: the first SimpleFill or SimpleMarker layer of
// each symbol (colour, outline, size) and the ramp's items.
#pragma once

#include <QColor>
#include <QJsonValue>
#include <QString>

#include <limits>
#include <vector>

namespace firebeat::ogc {

struct QmlSymbol {
    enum class Kind { Fill, Marker };
    enum class Shape { Circle, Square }; // markers; other QGIS shapes are drawn as circles
    Kind kind = Kind::Fill;
    Shape shape = Shape::Circle;
    QColor fill;   // invalid: no fill (QGIS style "no")
    QColor stroke; // invalid: no outline
    double strokeWidthMm = 0.26;
    double sizeMm = 2; // markers' diameter
};

// One class of a renderer: every feature of a single-symbol renderer, a category's value or a
// graduated range [lower, upper] (both ends inclusive, the first range wins, as in QGIS).
struct QmlClass {
    QString label;
    QmlSymbol symbol;
    QString value;
    double lower = -std::numeric_limits<double>::infinity();
    double upper = std::numeric_limits<double>::infinity();
};

struct QmlRampItem {
    double value = 0;
    QColor colour;
    QString label;
};

struct QmlStyle {
    enum class Renderer { SingleSymbol, Categorized, Graduated, RasterPseudocolor };
    Renderer renderer = Renderer::SingleSymbol;
    QString attribute; // the classified field (categorised and graduated)
    std::vector<QmlClass> classes;
    std::vector<QmlRampItem> ramp; // the raster's colour ramp items, ascending
    double opacity = 1;            // the raster renderer's

    // The class a feature whose classified field is `value` falls in; null when none (not drawn).
    const QmlClass* classFor(const QJsonValue& value) const;
};

// Parses a style file's text; `file` names it in errors. Throws InputError for anything the
// server cannot draw (unknown renderer, a class without its symbol, a colour that does not parse).
QmlStyle parseQmlStyle(const QByteArray& qml, const QString& file);

// The styles directory: the source tree's styles/ when it exists (a build), else the installed
// share/firebeat/styles. Empty when neither exists.
QString stylesDirectory();
// The style `name` (e.g. "district_coverage") from stylesDirectory(); InputError when missing.
QmlStyle loadQmlStyle(const QString& name);

} // namespace firebeat::ogc
