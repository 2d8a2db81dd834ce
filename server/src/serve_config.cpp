#include "serve_config.h"

#include "command.h"

#include "firebeat/crs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace firebeat::cli {
namespace {

QString typeName(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "nothing";
}

// One JSON object of the file: rejects keys it does not know and reads typed values, every
// error naming the file and the key's full path ("cache.max_mb").
class Section {
  public:
    // `anyKey`: the keys are names (e.g. layers), not options.
    Section(QString file, const QJsonObject& object, const QString& prefix, const QStringList& known,
            bool anyKey = false)
        : file_(std::move(file)), object_(object), prefix_(prefix) {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!anyKey && !known.contains(it.key()))
                fail(it.key(), "unknown key (expected " + known.join(", ") + ")");
    }

    bool has(const char* key) const { return object_.contains(key); }
    QStringList keys() const { return object_.keys(); }

    QString string(const char* key, const QString& fallback) const {
        const QJsonValue v = object_.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isString())
            fail(key, "expected a string, got " + typeName(v));
        return v.toString();
    }

    bool boolean(const char* key, bool fallback) const {
        const QJsonValue v = object_.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool())
            fail(key, "expected true or false, got " + typeName(v));
        return v.toBool();
    }

    // A number above `min` (or at least `min` when `inclusive`).
    double number(const char* key, double fallback, double min, bool inclusive = false) const {
        const QJsonValue v = object_.value(key);
        if (v.isUndefined())
            return fallback;
        return checkedNumber(key, v, min, inclusive);
    }

    int integer(const char* key, int fallback, int min) const {
        const double v = number(key, fallback, min, true);
        if (v != std::floor(v) || v > std::numeric_limits<int>::max())
            fail(key, "expected a whole number, got " + QString::number(v));
        return static_cast<int>(v);
    }

    QJsonArray array(const char* key) const {
        const QJsonValue v = object_.value(key);
        if (!v.isUndefined() && !v.isArray())
            fail(key, "expected an array, got " + typeName(v));
        return v.toArray();
    }

    Section section(const char* key, const QStringList& known, bool anyKey = false) const {
        const QJsonValue v = object_.value(key);
        if (!v.isUndefined() && !v.isObject())
            fail(key, "expected an object, got " + typeName(v));
        return Section(file_, v.toObject(), path(key) + ".", known, anyKey);
    }

    double checkedNumber(const QString& key, const QJsonValue& v, double min, bool inclusive) const {
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || !std::isfinite(d) || d < min || (!inclusive && d == min))
            fail(key, QString("expected a number ") + (inclusive ? ">= " : "> ") + QString::number(min) +
                          ", got " + (v.isDouble() ? QString::number(d) : typeName(v)));
        return d;
    }

    [[noreturn]] void fail(const QString& key, const QString& what) const {
        throw InputError("--config " + toStd(file_) + ": " + toStd(path(key)) + ": " + toStd(what));
    }

  private:
    QString path(const QString& key) const { return prefix_ + key; }

    QString file_;
    QJsonObject object_;
    QString prefix_;
};

QStringList stringList(const Section& s, const char* key) {
    QStringList out;
    for (const QJsonValue& v : s.array(key)) {
        if (!v.isString())
            s.fail(key, "expected strings such as \"hazards.severity=grade\", got " + typeName(v));
        out.push_back(v.toString());
    }
    return out;
}

} // namespace

ServeConfig readServeConfig(const QString& path) {
    ServeConfig c;
    if (path.isEmpty())
        return c;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError("--config: cannot read " + toStd(path));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (!doc.isObject())
        throw InputError("--config " + toStd(path) + ": not a JSON object (" + toStd(error.errorString()) +
                         ")");

    const Section top(path, doc.object(), "",
                      {"listen", "input", "map", "gcj02", "crs", "repair_geometries", "workers", "cache",
                       "limits", "heatmap", "access", "viewer"});
    c.listen = top.string("listen", c.listen);
    c.input = top.string("input", c.input);
    // A file name is relative to the configuration; connection strings ("PG:...") stay as they are.
    if (!c.input.isEmpty() && !c.input.contains(':'))
        c.input = QFileInfo(path).dir().filePath(c.input);
    c.map = stringList(top, "map");
    c.gcj02 = top.boolean("gcj02", c.gcj02);
    // A string: the analysis CRS (as --crs); an array: more CRSs to offer maps in.
    if (top.has("crs") && doc.object().value("crs").isArray()) {
        for (const QString& crs : stringList(top, "crs")) {
            if (!isKnownCrs(toStd(crs)))
                top.fail("crs", "unknown CRS '" + crs + "' (expected e.g. EPSG:4549)");
            c.moreCrs.push_back(crs);
        }
    } else {
        c.crs = top.string("crs", c.crs);
    }
    c.repairGeometries = top.boolean("repair_geometries", c.repairGeometries);
    c.workers = top.integer("workers", c.workers, 1);

    const Section cache = top.section("cache", {"enabled", "max_mb", "max_age_seconds"});
    c.cacheEnabled = cache.boolean("enabled", c.cacheEnabled);
    c.cacheMegabytes = cache.number("max_mb", c.cacheMegabytes, 0);
    c.maxAgeSeconds = cache.integer("max_age_seconds", c.maxAgeSeconds, 0);

    const Section limits =
        top.section("limits", {"queue", "request_seconds", "header_seconds", "idle_seconds", "connections"});
    c.queue = limits.integer("queue", c.queue, 1);
    c.requestSeconds = limits.number("request_seconds", c.requestSeconds, 0);
    c.headerSeconds = limits.number("header_seconds", c.headerSeconds, 0);
    c.idleSeconds = limits.number("idle_seconds", c.idleSeconds, 0);
    c.connections = limits.integer("connections", c.connections, 1);

    const Section heatmap =
        top.section("heatmap", {"radius", "severity_weights", "scale_percentile", "colour_stops"});
    c.radius = heatmap.number("radius", c.radius, 0);
    c.scalePercentile = heatmap.number("scale_percentile", c.scalePercentile, 0);
    if (!(c.scalePercentile > 0 && c.scalePercentile <= 100))
        heatmap.fail("scale_percentile", "expected a percentile above 0 and at most 100");
    if (heatmap.has("severity_weights")) {
        const QJsonArray w = heatmap.array("severity_weights");
        if (w.size() != 3)
            heatmap.fail("severity_weights", "expected three numbers, e.g. [1, 2, 4]");
        for (qsizetype i = 0; i < 3; ++i)
            c.severityWeights[static_cast<std::size_t>(i)] =
                heatmap.checkedNumber("severity_weights", w[i], 0, true);
    }
    c.colourStops = heatmap.array("colour_stops");

    const Section access = top.section("access", {"tokens", "layers"});
    for (const QJsonValue& v : access.array("tokens")) {
        const QString digest = v.toString().toLower();
        static const QRegularExpression hex("^[0-9a-f]{64}$");
        if (!v.isString() || !hex.match(digest).hasMatch())
            access.fail("tokens", "expected SHA-256 digests as 64 hex digits (firebeat serve --hash-token "
                                  "makes one), got " +
                                      (v.isString() ? "'" + v.toString() + "'" : typeName(v)));
        c.access.tokenDigests.push_back(digest.toLatin1());
    }
    const Section layers = access.section("layers", {}, true);
    for (const QString& name : layers.keys()) {
        const Section layer = layers.section(qPrintable(name), {"access", "info_fields"});
        ogc::LayerAccess a;
        const QString mode = layer.string("access", "public");
        if (mode != "public" && mode != "token")
            layer.fail("access", "expected \"public\" or \"token\", got '" + mode + "'");
        a.tokenRequired = mode == "token";
        if (layer.has("info_fields"))
            a.infoFields = stringList(layer, "info_fields");
        c.access.layers.insert(name, a);
    }
    const Section viewer = top.section("viewer", {"base_map"});
    if (viewer.has("base_map")) {
        const Section base = viewer.section("base_map", {"url", "attribution", "subdomains", "max_zoom"});
        const QString url = base.string("url", {});
        // Leaflet's template: {z}/{x}/{y} (and {s} for the subdomains), on http(s) or this server.
        if (!url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}") ||
            !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith('/')))
            base.fail("url",
                      "expected a tile URL template with {z}, {x} and {y} (http://, https:// or /...)");
        c.viewerBaseMap.insert("url", url);
        c.viewerBaseMap.insert("attribution", base.string("attribution", {}));
        if (base.has("subdomains"))
            c.viewerBaseMap.insert("subdomains", base.string("subdomains", {}));
        c.viewerBaseMap.insert("max_zoom", base.integer("max_zoom", 18, 0));
    }

    if (c.access.tokenDigests.empty())
        for (const ogc::LayerAccess& a : c.access.layers)
            if (a.tokenRequired)
                access.fail("tokens", "a layer needs a token but no token is configured");
    return c;
}

} // namespace firebeat::cli
