#include "qml_style.h"

#include "firebeat/progress.h"

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QXmlStreamReader>

#include <map>
#include <optional>

namespace firebeat::ogc {
namespace {

// A class as the file lists it, before its symbol (named by the file) is resolved.
struct PendingClass {
    QmlClass cls;
    QString symbolName;
    bool render = true;
};

// What parseQmlStyle has seen so far.
struct Reading {
    QString file;
    std::optional<QmlStyle::Renderer> renderer;
    QString attribute;
    std::vector<PendingClass> classes;
    std::map<QString, QmlSymbol> symbols;
    std::vector<QmlRampItem> ramp;
    double opacity = 1;
    // The symbol being read: its name, its opacity and whether a drawable layer was taken.
    QString symbolName;
    double symbolAlpha = 1;
    bool layerTaken = false;
    bool inTakenLayer = false;
};

[[noreturn]] void fail(const Reading& r, const QString& what) {
    throw InputError("style " + r.file.toStdString() + ": " + what.toStdString());
}

// "r,g,b,a" (QGIS's symbol colours) or "#rrggbb" with a separate alpha (ramp items).
QColor parseColour(const Reading& r, const QString& text, const QString& what) {
    const QStringList parts = text.split(',');
    QColor colour;
    if (parts.size() >= 4) {
        bool ok = true;
        int c[4];
        for (int i = 0; i < 4 && ok; ++i) {
            c[i] = parts[i].trimmed().toInt(&ok);
            ok = ok && c[i] >= 0 && c[i] <= 255;
        }
        if (ok)
            colour = QColor(c[0], c[1], c[2], c[3]);
    } else {
        colour = QColor::fromString(text);
    }
    if (!colour.isValid())
        fail(r, what + ": expected a colour as \"r,g,b,a\" or \"#rrggbb\", got \"" + text + "\"");
    return colour;
}

double parseNumber(const Reading& r, QStringView text, const QString& what) {
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok)
        fail(r, what + ": expected a number, got \"" + text.toString() + "\"");
    return v;
}

QmlStyle::Renderer parseRenderer(const Reading& r, QStringView type) {
    if (type == u"singleSymbol")
        return QmlStyle::Renderer::SingleSymbol;
    if (type == u"categorizedSymbol")
        return QmlStyle::Renderer::Categorized;
    if (type == u"graduatedSymbol")
        return QmlStyle::Renderer::Graduated;
    fail(r,
         "renderer \"" + type.toString() +
             "\" is not drawn by the server (expected singleSymbol, categorizedSymbol or graduatedSymbol)");
}

// One option of the symbol layer being read (<Option name= value=> or the older <prop k= v=>).
void readSymbolOption(Reading& r, const QString& name, const QString& value) {
    QmlSymbol& s = r.symbols[r.symbolName];
    const QString what = "symbol " + r.symbolName + " " + name;
    if (name == "color")
        s.fill = parseColour(r, value, what);
    else if (name == "outline_color")
        s.stroke = parseColour(r, value, what);
    else if (name == "outline_width")
        s.strokeWidthMm = parseNumber(r, value, what);
    else if (name == "size")
        s.sizeMm = parseNumber(r, value, what);
    else if (name == "name")
        s.shape = value == "square" ? QmlSymbol::Shape::Square : QmlSymbol::Shape::Circle;
    else if (name == "style" && value == "no")
        s.fill = QColor();
    else if (name == "outline_style" && value == "no")
        s.stroke = QColor();
}

void startElement(Reading& r, const QXmlStreamReader& xml, const QStringList& path) {
    const QStringView name = xml.name();
    const QXmlStreamAttributes a = xml.attributes();
    const QString parent = path.size() >= 2 ? path[path.size() - 2] : QString();
    if (name == u"renderer-v2" && !r.renderer) {
        r.renderer = parseRenderer(r, a.value("type"));
        r.attribute = a.value("attr").toString();
    } else if (name == u"rasterrenderer") {
        if (a.value("type") != u"singlebandpseudocolor")
            fail(r, "raster renderer \"" + a.value("type").toString() + "\": expected singlebandpseudocolor");
        r.renderer = QmlStyle::Renderer::RasterPseudocolor;
        r.opacity = a.hasAttribute("opacity") ? parseNumber(r, a.value("opacity"), "opacity") : 1.0;
    } else if ((name == u"range" && parent == "ranges") || (name == u"category" && parent == "categories")) {
        PendingClass c;
        c.cls.label = a.value("label").toString();
        c.symbolName = a.value("symbol").toString();
        c.render = a.value("render") != u"false";
        if (name == u"range") {
            c.cls.lower = parseNumber(r, a.value("lower"), "range " + c.cls.label + " lower");
            c.cls.upper = parseNumber(r, a.value("upper"), "range " + c.cls.label + " upper");
        } else {
            c.cls.value = a.value("value").toString();
        }
        r.classes.push_back(c);
    } else if (name == u"symbol" && parent == "symbols" && path.size() >= 3 &&
               path[path.size() - 3] == "renderer-v2") {
        r.symbolName = a.value("name").toString();
        r.symbolAlpha = a.hasAttribute("alpha") ? parseNumber(r, a.value("alpha"), "symbol alpha") : 1.0;
        r.layerTaken = false;
        r.symbols[r.symbolName] = QmlSymbol{};
    } else if (name == u"layer" && parent == "symbol" && !r.symbolName.isEmpty() && !r.layerTaken &&
               a.value("enabled") != u"0" &&
               (a.value("class") == u"SimpleFill" || a.value("class") == u"SimpleMarker")) {
        r.layerTaken = r.inTakenLayer = true;
        r.symbols[r.symbolName].kind =
            a.value("class") == u"SimpleFill" ? QmlSymbol::Kind::Fill : QmlSymbol::Kind::Marker;
    } else if (r.inTakenLayer &&
               ((name == u"Option" && parent == "Option" && path[path.size() - 3] == "layer") ||
                (name == u"prop" && parent == "layer"))) {
        const bool option = name == u"Option";
        readSymbolOption(r, a.value(option ? "name" : "k").toString(),
                         a.value(option ? "value" : "v").toString());
    } else if (name == u"item" && parent == "colorrampshader") {
        QmlRampItem item;
        item.value = parseNumber(r, a.value("value"), "ramp item value");
        item.colour = parseColour(r, a.value("color").toString(), "ramp item colour");
        if (a.hasAttribute("alpha"))
            item.colour.setAlpha(static_cast<int>(parseNumber(r, a.value("alpha"), "ramp item alpha")));
        item.label = a.value("label").toString();
        if (!r.ramp.empty() && item.value < r.ramp.back().value)
            fail(r, "ramp items must be in ascending order of value");
        r.ramp.push_back(item);
    }
}

void endElement(Reading& r, QStringView name, const QStringList& path) {
    if (name == u"layer" && path.size() >= 2 && path[path.size() - 2] == "symbol")
        r.inTakenLayer = false;
    if (name == u"symbol" && !r.symbolName.isEmpty() && path.size() >= 2 &&
        path[path.size() - 2] == "symbols") {
        // The symbol's opacity multiplies its colours', as in QGIS.
        QmlSymbol& s = r.symbols[r.symbolName];
        for (QColor* c : {&s.fill, &s.stroke})
            if (c->isValid())
                c->setAlphaF(static_cast<float>(c->alphaF() * r.symbolAlpha));
        if (!r.layerTaken)
            fail(r, "symbol " + r.symbolName + " has no SimpleFill or SimpleMarker layer");
        r.symbolName.clear();
    }
}

QmlStyle finish(const Reading& r) {
    if (!r.renderer)
        fail(r, "no renderer-v2 or rasterrenderer element");
    QmlStyle style;
    style.renderer = *r.renderer;
    style.attribute = r.attribute;
    style.opacity = r.opacity;
    style.ramp = r.ramp;
    if (style.renderer == QmlStyle::Renderer::RasterPseudocolor) {
        if (style.ramp.empty())
            fail(r, "the colorrampshader has no items");
        return style;
    }
    if (style.renderer == QmlStyle::Renderer::SingleSymbol) {
        if (!r.symbols.contains("0"))
            fail(r, "the single symbol \"0\" is missing");
        QmlClass every;
        every.symbol = r.symbols.at("0");
        style.classes.push_back(every);
        return style;
    }
    if (style.attribute.isEmpty())
        fail(r, "the renderer names no attribute (attr)");
    for (const PendingClass& c : r.classes) {
        const auto symbol = r.symbols.find(c.symbolName);
        if (symbol == r.symbols.end())
            fail(r, "class \"" + c.cls.label + "\" uses symbol " + c.symbolName + ", which is not defined");
        if (!c.render)
            continue;
        style.classes.push_back(c.cls);
        style.classes.back().symbol = symbol->second;
    }
    return style;
}

} // namespace

const QmlClass* QmlStyle::classFor(const QJsonValue& value) const {
    if (renderer == Renderer::SingleSymbol)
        return classes.empty() ? nullptr : &classes.front();
    for (const QmlClass& c : classes) {
        if (renderer == Renderer::Graduated) {
            if (value.isDouble() && c.lower <= value.toDouble() && value.toDouble() <= c.upper)
                return &c;
            continue;
        }
        bool numeric = false;
        const double number = c.value.toDouble(&numeric);
        if ((value.isDouble() && numeric && value.toDouble() == number) ||
            (value.isString() && value.toString() == c.value) ||
            ((value.isNull() || value.isUndefined()) && c.value.isEmpty()))
            return &c;
    }
    return nullptr;
}

QmlStyle parseQmlStyle(const QByteArray& qml, const QString& file) {
    Reading r;
    r.file = file;
    QXmlStreamReader xml(qml);
    QStringList path;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            path.push_back(xml.name().toString());
            startElement(r, xml, path);
        } else if (xml.isEndElement()) {
            endElement(r, xml.name(), path);
            path.pop_back();
        }
    }
    if (xml.hasError())
        fail(r,
             "not well-formed XML at line " + QString::number(xml.lineNumber()) + ": " + xml.errorString());
    return finish(r);
}

QString stylesDirectory() {
    for (const QString& dir :
         {QStringLiteral(FIREBEAT_STYLES_DIR), QStringLiteral(FIREBEAT_INSTALLED_STYLES_DIR)})
        if (QDir(dir).exists())
            return dir;
    return {};
}

QmlStyle loadQmlStyle(const QString& name) {
    const QString path = QDir(stylesDirectory()).filePath(name + ".qml");
    QFile file(path);
    if (stylesDirectory().isEmpty() || !file.open(QIODevice::ReadOnly))
        throw InputError("style " + name.toStdString() +
                         ".qml not found (looked in " FIREBEAT_STYLES_DIR
                         " and " FIREBEAT_INSTALLED_STYLES_DIR ")");
    return parseQmlStyle(file.readAll(), path);
}

} // namespace firebeat::ogc
