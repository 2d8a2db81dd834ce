#include "serve_config.h"

#include "command.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

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
    Section(QString file, const QJsonObject& object, const QString& prefix, const QStringList& known)
        : file_(std::move(file)), object_(object), prefix_(prefix) {
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!known.contains(it.key()))
                fail(it.key(), "unknown key (expected " + known.join(", ") + ")");
    }

    bool has(const char* key) const { return object_.contains(key); }

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

    Section section(const char* key, const QStringList& known) const {
        const QJsonValue v = object_.value(key);
        if (!v.isUndefined() && !v.isObject())
            fail(key, "expected an object, got " + typeName(v));
        return Section(file_, v.toObject(), path(key) + ".", known);
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
                       "limits", "heatmap"});
    c.listen = top.string("listen", c.listen);
    c.input = top.string("input", c.input);
    // A file name is relative to the configuration; connection strings ("PG:...") stay as they are.
    if (!c.input.isEmpty() && !c.input.contains(':'))
        c.input = QFileInfo(path).dir().filePath(c.input);
    c.map = stringList(top, "map");
    c.gcj02 = top.boolean("gcj02", c.gcj02);
    c.crs = top.string("crs", c.crs);
    c.repairGeometries = top.boolean("repair_geometries", c.repairGeometries);
    c.workers = top.integer("workers", c.workers, 1);

    const Section cache = top.section("cache", {"enabled", "max_mb"});
    c.cacheEnabled = cache.boolean("enabled", c.cacheEnabled);
    c.cacheMegabytes = cache.number("max_mb", c.cacheMegabytes, 0);

    const Section limits = top.section("limits", {"queue", "request_seconds"});
    c.queue = limits.integer("queue", c.queue, 1);
    c.requestSeconds = limits.number("request_seconds", c.requestSeconds, 0);

    const Section heatmap = top.section("heatmap", {"radius", "severity_weights", "colour_stops"});
    c.radius = heatmap.number("radius", c.radius, 0);
    if (heatmap.has("severity_weights")) {
        const QJsonArray w = heatmap.array("severity_weights");
        if (w.size() != 3)
            heatmap.fail("severity_weights", "expected three numbers, e.g. [1, 2, 4]");
        for (qsizetype i = 0; i < 3; ++i)
            c.severityWeights[static_cast<std::size_t>(i)] =
                heatmap.checkedNumber("severity_weights", w[i], 0, true);
    }
    c.colourStops = heatmap.array("colour_stops");
    return c;
}

} // namespace firebeat::cli
