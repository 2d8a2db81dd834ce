#include "wms_feature_info.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <utility>

namespace firebeat::ogc {
namespace {

// Numbers in their shortest exact form, arrays and objects (a village's monthly series) as
// compact JSON, as in the JSON.
QString valueText(const QJsonValue& v) {
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return v.isDouble() ? QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest)
                        : v.toVariant().toString();
}

QByteArray plainText(const std::vector<std::pair<const MapLayer*, QJsonArray>>& answers) {
    QString text;
    for (const auto& [layer, features] : answers)
        for (const QJsonValue& properties : features) {
            const QJsonObject o = properties.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                text += layer->name() + " " + it.key() + " = " + valueText(*it) + "\n";
        }
    return text.toUtf8();
}

// One table per layer: a row per feature, a column per property.
QByteArray html(const std::vector<std::pair<const MapLayer*, QJsonArray>>& answers) {
    QString out =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Feature info</title></head><body>\n";
    for (const auto& [layer, features] : answers) {
        if (features.isEmpty())
            continue;
        out += "<table>\n<caption>" + layer->title().toHtmlEscaped() + "</caption>\n<tr>";
        const QStringList keys = features.first().toObject().keys();
        for (const QString& key : keys)
            out += "<th>" + key.toHtmlEscaped() + "</th>";
        out += "</tr>\n";
        for (const QJsonValue& properties : features) {
            out += "<tr>";
            for (const QString& key : keys)
                out += "<td>" + valueText(properties.toObject().value(key)).toHtmlEscaped() + "</td>";
            out += "</tr>\n";
        }
        out += "</table>\n";
    }
    return (out + "</body></html>\n").toUtf8();
}

QByteArray geoJson(const std::vector<std::pair<const MapLayer*, QJsonArray>>& answers) {
    QJsonArray features;
    for (const auto& [layer, found] : answers)
        for (const QJsonValue& properties : found)
            features.append(QJsonObject{{"type", "Feature"},
                                        {"layer", layer->name()},
                                        {"geometry", QJsonValue()},
                                        {"properties", properties}});
    return QJsonDocument(QJsonObject{{"type", "FeatureCollection"}, {"features", features}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

const QStringList& infoFormats() {
    static const QStringList formats{"application/json", "text/plain", "text/html"};
    return formats;
}

HttpReply featureInfoReply(const std::vector<const MapLayer*>& layers, const MapView& view, int i, int j,
                           const HazardSelection& selection, const QString& format, int featureCount) {
    std::vector<std::pair<const MapLayer*, QJsonArray>> answers;
    for (const MapLayer* layer : layers) {
        QJsonArray features = layer->featureInfo(view, i, j, selection);
        while (features.size() > featureCount)
            features.removeLast();
        answers.emplace_back(layer, std::move(features));
    }
    if (format == "text/plain")
        return {200, "text/plain; charset=utf-8", plainText(answers)};
    if (format == "text/html")
        return {200, "text/html; charset=utf-8", html(answers)};
    return {200, "application/json", geoJson(answers)};
}

} // namespace firebeat::ogc
